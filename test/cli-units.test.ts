/** Building blocks of the CLI, tested directly from source. */
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/cli/args.js';
import { binaryReason, HEAD_BYTES, utf8ErrorAt } from '../src/cli/decoding.js';
import { formatForPath } from '../src/cli/formats.js';
import { repairHtml } from '../src/cli/html.js';
import { fieldSpan } from '../src/cli/jsonl.js';
import { Locator } from '../src/cli/locate.js';
import { repairMarkdown } from '../src/cli/markdown.js';
import { Repairer } from '../src/cli/repairer.js';
import { visible } from '../src/cli/report.js';
import { fix } from '../src/index.js';

const NFD = 'Tiếng Việt'.normalize('NFD');
const NFC = 'Tiếng Việt';
const repairer = new Repairer({ fix: {} });
const repairs = fix(NFD).text === NFC;

describe('arguments', () => {
  it('reads flags, values (both spellings) and files, and -- ends the options', () => {
    const a = parseArgs(['-c', '--jobs=3', '--ignore', 'x/**', '--tone-style', 'new', 'a.md', '--', '--odd-name']);
    expect(a.mode).toBe('check');
    expect(a.jobs).toBe(3);
    expect(a.ignore).toEqual(['x/**']);
    expect(a.toneStyle).toBe('new');
    expect(a.inputs).toEqual(['a.md', '--odd-name']);
  });

  it('refuses contradictions', () => {
    expect(() => parseArgs(['--backup', 'a'])).toThrow(UsageError);
    expect(() => parseArgs(['--jsonl', 'text', '--check'])).toThrow(/--jsonl cannot be combined/);
    expect(() => parseArgs(['--write', '-'])).toThrow(/--write needs files/);
  });
});

describe('bytes', () => {
  it('finds the first byte that breaks UTF-8: overlong, surrogate, truncated (only at the end of all)', () => {
    expect(utf8ErrorAt(Buffer.from('Việt'))).toBe(-1);
    expect(utf8ErrorAt(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(utf8ErrorAt(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(utf8ErrorAt(Buffer.from([0x61, 0xe1, 0xbb]))).toBe(1);
    expect(utf8ErrorAt(Buffer.from([0x61, 0xe1, 0xbb]), false)).toBe(-1);
    expect(utf8ErrorAt(Buffer.from([0x61, 0xe0, 0x80]), false)).toBe(1); // overlong from its second byte
    expect(utf8ErrorAt(Buffer.from([0xf4, 0x90]), false)).toBe(0); // above U+10FFFF
  });

  it('takes NUL in the head for binary, except in UTF-16 (BOM or --encoding); a later NUL is text', () => {
    expect(binaryReason(Buffer.from('a\0b'))).toMatch(/binary file \(NUL byte at offset 1\)/);
    expect(binaryReason(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le')]))).toBeUndefined();
    expect(binaryReason(Buffer.from('Tiếng Việt', 'utf16le'), 'UTF-16LE')).toBeUndefined();
    expect(binaryReason(Buffer.from('Tiếng Việt\n', 'utf16le'))).toMatch(/--encoding utf-16le/);
    expect(binaryReason(Buffer.from('abc'))).toBeUndefined();
    expect(binaryReason(Buffer.concat([Buffer.alloc(HEAD_BYTES, 0x61), Buffer.from([0])]))).toBeUndefined();
  });

  it('shows invisible differences', () => {
    expect(visible('e\u0301')).toBe('e\\u{0301}');
    expect(visible('a\u200bb c')).toBe('a\\u{200B}b c');
    expect(visible('')).toBe('""');
  });
});

describe('formats', () => {
  it('chooses by extension under auto', () => {
    expect(formatForPath('a/b.MD', 'auto')).toBe('markdown');
    expect(formatForPath('x.htm', 'auto')).toBe('html');
    expect(formatForPath('x.txt', 'auto')).toBe('text');
    expect(formatForPath('x.md', 'text')).toBe('text');
    expect(formatForPath('src/a.py', 'auto')).toBe('code');
    expect(formatForPath('locales/vi.JSON', 'auto')).toBe('code');
    expect(formatForPath('build/Makefile', 'auto')).toBe('code');
    expect(formatForPath('v1.2/notes', 'auto')).toBe('text');
    expect(formatForPath('a.py', 'text')).toBe('text');
  });

  it.runIf(repairs)('Markdown: prose repaired; code, URLs, escapes and HTML kept', () => {
    const url = `https://x.vn/${NFD.replace(' ', '-')}`;
    const src = `# ${NFD}\n\n\`${NFD}\` \\*${NFD}\\* [${NFD}](${url}) <b title="${NFD}">x</b>\n\n    ${NFD}\n`;
    const out = repairMarkdown(src, repairer).text;
    expect(out).toBe(`# ${NFC}\n\n\`${NFD}\` \\*${NFC}\\* [${NFC}](${url}) <b title="${NFD}">x</b>\n\n    ${NFD}\n`);
  });

  it.runIf(repairs)('Markdown: blockquote and list continuation lines map back through their markers', () => {
    const src = `> ${NFD}\n> ${NFD}\n\n- ${NFD}\n  ${NFD}\n`;
    expect(repairMarkdown(src, repairer).text).toBe(`> ${NFC}\n> ${NFC}\n\n- ${NFC}\n  ${NFC}\n`);
  });

  it.runIf(repairs)('Markdown: a reference label stays when defined (the link needs it) and is text when not', () => {
    const label = NFD.toUpperCase();
    const src = `[${NFD}][${label}] [x][${NFD}.] ![${NFD} *${NFD}*](a.png)\n\n[${NFD.toLowerCase()}]: https://x.vn/\n`;
    const out = repairMarkdown(src, repairer);
    expect(out.text).toBe(`[${NFC}][${label}] [x][${NFC}.] ![${NFC} *${NFC}*](a.png)\n\n[${NFD.toLowerCase()}]: https://x.vn/\n`);
    for (const e of out.edits) expect(src.slice(e.start, e.end)).toBe(e.before);
  });

  it.runIf(repairs)('Markdown: YAML and TOML front matter stay as they are; a fence never closed is not front matter', () => {
    for (const fence of ['---', '+++']) {
      const src = `${fence}\r\ntitle: ${NFD}\r\n${fence}  \r\n${NFD}\r\n`;
      expect(repairMarkdown(src, repairer).text).toBe(`${fence}\r\ntitle: ${NFD}\r\n${fence}  \r\n${NFC}\r\n`);
    }
    expect(repairMarkdown(`+++\n${NFD}\n`, repairer).text).toBe(`+++\n${NFC}\n`);
  });

  it.runIf(repairs)('HTML: text and alt/title repaired; references decoded and re-escaped only where changed', () => {
    const src = `<p title='${NFD}' data-x="${NFD}">${NFD} &amp; Vi&#x65;&#x302;&#x323;t</p><script>"${NFD}"</script><!--${NFD}-->`;
    const out = repairHtml(src, repairer);
    expect(out.text).toBe(`<p title='${NFC}' data-x="${NFD}">${NFC} &amp; Việt</p><script>"${NFD}"</script><!--${NFD}-->`);
    for (const e of out.edits) expect(src.slice(e.start, e.end)).toBe(e.before);
  });

  it.runIf(repairs)('the test for a change agrees with the repair, line endings and confidence floor included', () => {
    const strict = new Repairer({ fix: {}, minConfidence: 0.99 });
    const texts = [
      'Xin chào bạn.\nTạm biệt.',
      `Dòng một.\r\n${NFD}\r\nDòng ba.`,
      'Dòng một\r\nkhông có gì\r\n',
      'Tieng Viet co dau la mot ngon ngu rat hay va dep\nDòng sạch.',
      'Một dòng có lỗi: vịc thực hiện kế hoạch của đảng chí Chu\n',
      'lone\rcarriage\rreturns',
      '',
    ];
    for (const r of [repairer, strict]) {
      for (const t of texts) expect(r.wouldChange(t), t).toBe(r.repair(t).edits.length > 0);
    }
  });

  it('HTML: unchanged documents come back identical', () => {
    const src = '<!doctype html><p class=x>Xin chào &nbsp; bạn<br/>tạm biệt</p>\r\n<img alt="ảnh">';
    expect(repairHtml(src, repairer)).toEqual({ text: src, edits: [] });
  });
});

describe('JSON Lines fields', () => {
  it('finds a field by dotted path, skipping strings with braces and escaped quotes', () => {
    const line = '{"a":"x\\"}{","b":{"c":[1,{"d":2}],"text":"v"}, "text" : "w" }';
    expect(line.slice(...Object.values(fieldSpan(line, 0, ['text'])!))).toBe('"w"');
    expect(line.slice(...Object.values(fieldSpan(line, 0, ['b', 'text'])!))).toBe('"v"');
    expect(fieldSpan(line, 0, ['b', 'missing'])).toBeUndefined();
    expect(fieldSpan('[1,2]', 0, ['text'])).toBeUndefined();
  });
});

describe('line and column numbers across streamed pieces', () => {
  it('counts lines over pieces, including a piece that ends inside a line', () => {
    const loc = new Locator();
    const e = (start: number) => ({ start, end: start + 1, before: 'x', after: 'y', kind: 'unicode' as const, confidence: 1 });
    expect(loc.locate('ab\ncd', [e(0), e(4)]).map((x) => [x.line, x.column, x.start])).toEqual([
      [1, 1, 0],
      [2, 2, 4],
    ]);
    expect(loc.locate('ef\ng', [e(1), e(3)]).map((x) => [x.line, x.column, x.start])).toEqual([
      [2, 4, 6],
      [3, 1, 8],
    ]);
  });
});
