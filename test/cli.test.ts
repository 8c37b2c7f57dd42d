/**
 * The built `vietfix` binary (dist/cli.js, built by `npm test` before vitest runs), driven
 * through child processes. Expected repairs come from the library's own `fix`, so these
 * tests check that the CLI carries them faithfully to stdout, diffs, JSON and files.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode } from '../src/encoding/index.js';
import { applyEdits, fix, type FixOptions } from '../src/index.js';
import { exampleLines, ROOT, tempDir, vietfix, vietfixChild } from './cli-helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const CLEAN = 'Hôm nay trời đẹp.\nChúng tôi đi dạo quanh hồ.\n';
/** Lines of the shipped example that this build of the library repairs. */
const DAMAGED = exampleLines().filter((l) => fix(l).text !== l);
const repairs = DAMAGED.length > 0;
const damagedText = DAMAGED.join('\n') + '\n';
const repairedText = fix(damagedText).text;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('help, version and usage errors', () => {
  it('prints help and the package version', () => {
    const help = vietfix(['--help']);
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/^Usage: vietfix/);
    for (const flag of ['--write', '--check', '--diff', '--json', '--tone-style', '--jobs', '--format', '--jsonl']) {
      expect(help.out).toContain(flag);
    }
    const version = vietfix(['--version']);
    expect(version.status).toBe(0);
    expect(version.out).toBe(`${pkg.version}\n`);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['-x'], /unknown option -x/],
    [['--tone-style', 'middle'], /--tone-style must be one of preserve, old, new/],
    [['--jobs', '0'], /--jobs must be a positive integer/],
    [['--min-confidence', '2'], /--min-confidence must be a number from 0 to 1/],
    [['--write'], /--write needs files/],
    [['--check', '--diff', 'x'], /choose one of --check, --diff/],
    [['--format'], /--format needs a value/],
  ])('exits 2 with one line for %j', (args, message) => {
    const r = vietfix(args);
    expect(r.status).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('standard input', () => {
  it('passes clean text through byte for byte: CRLF, BOM, no final newline', () => {
    for (const input of [CLEAN, CLEAN.replace(/\n/g, '\r\n'), '\uFEFF' + CLEAN, 'không có dòng mới ở cuối', '', '\n\n', 'a\r\nb\nc\r']) {
      const r = vietfix([], { input });
      expect(r.status).toBe(0);
      expect(r.out).toBe(input);
    }
  });

  it.runIf(repairs)('repairs line by line, keeping CRLF and the missing final newline', () => {
    const crlf = DAMAGED.join('\r\n');
    const r = vietfix([], { input: crlf });
    expect(r.status).toBe(0);
    expect(r.out).toBe(DAMAGED.map((l) => fix(l).text).join('\r\n'));
    expect(vietfix([], { input: '\uFEFF' + damagedText }).out).toBe('\uFEFF' + repairedText);
  });

  it('answers each line before the input ends (streams, does not slurp)', async () => {
    const child = vietfixChild([]);
    const first = new Promise<string>((res) => child.stdout.once('data', (d: Buffer) => res(d.toString('utf8'))));
    child.stdin.write('Dòng thứ nhất.\n');
    const got = await first; // would hang (and time out) if stdin were read to the end first
    child.stdin.end('Dòng thứ hai.\n');
    await new Promise((res) => child.on('close', res));
    expect(got).toBe('Dòng thứ nhất.\n');
  });

  it('rejects invalid UTF-8 with exit 2 and a one-line message', () => {
    const r = vietfix(['--encoding', 'utf-8'], { input: Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid UTF-8 \(byte 0xc3 at offset 2, line 2\)/);
  });

  it('skips binary input with exit 2', () => {
    const r = vietfix([], { input: Buffer.from('abc\0def') });
    expect(r.status).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/skipping <stdin>: binary/);
  });
});

describe('files', () => {
  it('prints the repaired text of several files in order', () => {
    const a = file('a.txt', CLEAN);
    const b = file('b.txt', damagedText);
    const r = vietfix([a, b]);
    expect(r.status).toBe(0);
    expect(r.out).toBe(CLEAN + repairedText);
  });

  it('reports a missing file with exit 2 and still processes the others', () => {
    const a = file('a.txt', CLEAN);
    const r = vietfix([join(dir, 'nope.txt'), a]);
    expect(r.status).toBe(2);
    expect(r.out).toBe(CLEAN);
    expect(r.stderr).toMatch(/nope\.txt: no such file/);
  });

  it('skips a binary file with a message and never writes it', () => {
    const bin = file('data.txt', Buffer.from([0x89, 0x50, 0x00, 0x01, 0xc3]));
    const before = statSync(bin).mtimeMs;
    const r = vietfix(['--write', bin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/skipping .*data\.txt: binary file/);
    expect(readFileSync(bin)).toEqual(Buffer.from([0x89, 0x50, 0x00, 0x01, 0xc3]));
    expect(statSync(bin).mtimeMs).toBe(before);
  });

  it('refuses invalid UTF-8 with exit 2 and leaves the file alone under --write', () => {
    const bytes = Buffer.from([0x78, 0x69, 0x6e, 0x20, 0xe0, 0x80, 0x0a]);
    const bad = file('bad.txt', bytes);
    const r = vietfix(['--write', '--encoding', 'utf-8', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.txt: not valid UTF-8 \(byte 0xe0 at offset 4, line 1\)/);
    expect(readFileSync(bad)).toEqual(bytes);
  });

  it('--check exits 0 and lists nothing for clean files', () => {
    const a = file('a.txt', CLEAN);
    const r = vietfix(['--check', a]);
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
    expect(r.stderr).toMatch(/1 file scanned, 0 would change/);
  });

  it.runIf(repairs)('--check exits 1 and lists every edit as path:line:column', () => {
    const a = file('a.txt', CLEAN);
    const b = file('b.txt', damagedText);
    const r = vietfix(['--check', a, b]);
    expect(r.status).toBe(1);
    const edits = fix(damagedText).edits;
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(edits.length);
    const first = edits[0];
    const line = damagedText.slice(0, first.start).split('\n').length;
    const column = first.start - damagedText.lastIndexOf('\n', first.start - 1);
    expect(lines[0].startsWith(`${b}:${line}:${column}  ${first.kind}  `)).toBe(true);
    expect(lines[0]).toMatch(/ → .*\(\d\.\d\d/);
    expect(r.stderr).toMatch(/2 files scanned, 1 would change/);
    expect(readFileSync(b, 'utf8')).toBe(damagedText);
  });

  it.runIf(repairs)('--diff prints a unified diff that turns the input into the repaired text', () => {
    const b = file('b.txt', damagedText);
    const r = vietfix(['--diff', b]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^(Index: .*\n)?=+\n--- a\/.*b\.txt\n\+\+\+ b\/.*b\.txt\n@@ /);
    expect(applyPatch(damagedText, r.out)).toBe(repairedText);
    expect(vietfix(['--diff', file('a.txt', CLEAN)]).out).toBe('');
  });

  it('--json prints one line per file with its edits, which rebuild the output', () => {
    const a = file('a.txt', CLEAN);
    const b = file('b.txt', damagedText);
    const r = vietfix(['--json', a, b]);
    expect(r.status).toBe(0);
    const [ja, jb] = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(ja).toEqual({ path: a, encoding: 'utf-8', edits: [], changed: false });
    expect(jb.path).toBe(b);
    expect(jb.changed).toBe(repairs);
    expect(applyEdits(damagedText, jb.edits)).toBe(repairedText);
    for (const e of jb.edits) {
      expect(damagedText.slice(e.start, e.end)).toBe(e.before);
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('--write', () => {
  it.runIf(repairs)('rewrites a damaged file atomically, keeping mode, BOM, CRLF and no final newline', () => {
    const content = '\uFEFF' + DAMAGED.join('\r\n');
    const p = file('b.txt', content);
    chmodSync(p, 0o640);
    const r = vietfix(['--write', p]);
    expect(r.status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('\uFEFF' + DAMAGED.map((l) => fix(l).text).join('\r\n'));
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['b.txt']); // no temporary file left behind
    expect(r.stderr).toMatch(/1 rewritten/);
  });

  it('leaves a clean file untouched: same bytes, same mtime, same inode', () => {
    const p = file('a.txt', CLEAN);
    utimesSync(p, new Date(2001, 1, 1), new Date(2001, 1, 1));
    const before = statSync(p);
    const r = vietfix(['--write', p]);
    expect(r.status).toBe(0);
    const after = statSync(p);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(readFileSync(p, 'utf8')).toBe(CLEAN);
    expect(r.stderr).toMatch(/0 rewritten/);
  });

  it.runIf(repairs)('--backup keeps the original as FILE.orig', () => {
    const p = file('b.txt', damagedText);
    const r = vietfix(['--write', '--backup', p]);
    expect(r.status).toBe(0);
    expect(readFileSync(`${p}.orig`, 'utf8')).toBe(damagedText);
    expect(readFileSync(p, 'utf8')).toBe(repairedText);
  });

  it('writes nothing at all when every file is clean', () => {
    file('a.txt', CLEAN);
    file('c.txt', 'Chào buổi sáng.');
    const r = vietfix(['--write', '--backup', dir]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'c.txt']);
    expect(existsSync(join(dir, 'a.txt.orig'))).toBe(false);
  });
});

describe('repair options', () => {
  it('maps each repair flag to its library option', () => {
    const text = `${damagedText}Hòa bình, thủy triều, Vi&#7879;t Nam.\nNguoi dan o day rat hieu khach.\nViệc nãy rất quan trọng với gia đình.\n`;
    const cases: [string[], FixOptions][] = [
      [['--no-encoding'], { encoding: false }],
      [['--no-unicode'], { unicode: false }],
      [['--no-repair'], { repair: false }],
      [['--html-entities'], { htmlEntities: true }],
      [['--tone-style', 'new'], { toneStyle: 'new' }],
      [['--tone-style', 'old'], { toneStyle: 'old' }],
      [['--ocr'], { ocr: true }],
    ];
    for (const [flags, options] of cases) {
      const r = vietfix(flags, { input: text });
      expect({ flags, status: r.status, out: r.out }).toEqual({ flags, status: 0, out: fix(text, options).text });
    }
    // The last line has no damage of its own: only --ocr looks at it.
    expect(vietfix([], { input: text }).out).toContain('Việc nãy rất');
    expect(vietfix(['--ocr'], { input: text }).out).toContain('Việc này rất');
  });

  it('--lexicon reads protected names, one per line, and refuses a missing file', () => {
    const names = ['Quỹ TYM', 'Nguoi Dan'];
    const lex = file('names.txt', `# protected names\n${names.join('\n')}\n\n`);
    const text = `${damagedText}Nguoi Dan o day.\n`;
    const r = vietfix(['--lexicon', lex], { input: text });
    expect(r.status).toBe(0);
    expect(r.out).toBe(fix(text, { lexicon: names }).text);
    const missing = vietfix(['--lexicon', join(dir, 'none.txt')], { input: text });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--lexicon .*none\.txt: no such file/);
  });

  it.runIf(repairs)('--min-confidence 1 keeps only certain edits; --no-unicode leaves Unicode alone', () => {
    const strict = vietfix(['--min-confidence', '1'], { input: damagedText });
    const kept = fix(damagedText, { minConfidence: 1 }).edits.filter((e) => e.confidence >= 1);
    expect(strict.out).toBe(applyEdits(damagedText, kept));
    const noUnicode = vietfix(['--no-unicode'], { input: damagedText });
    expect(noUnicode.out).toBe(fix(damagedText, { unicode: false }).text);
  });
});

describe('large files are streamed in pieces with the same results', () => {
  // Tiny thresholds make the streaming path handle a small file in many pieces.
  const env = { VIETFIX_STREAM_ABOVE: '64', VIETFIX_CHUNK_SIZE: '37' };
  const clean = Array.from({ length: 40 }, (_, i) => `Dòng số ${i} vẫn sạch sẽ.`).join('\n') + '\n';
  const mixed = clean + damagedText + clean + damagedText.trimEnd();

  it('prints, checks, diffs and lists edits exactly like the whole-file path', () => {
    const p = file('big.txt', '\uFEFF' + mixed.replace(/\n/g, '\r\n'));
    for (const mode of [[], ['--check'], ['--json'], ['--diff']]) {
      const streamed = vietfix([...mode, p], { env });
      const whole = vietfix([...mode, p]);
      expect(streamed.status).toBe(whole.status);
      if (mode[0] === '--diff') {
        expect(applyPatch(mixed.replace(/\n/g, '\r\n'), streamed.out)).toBe(fix(mixed.replace(/\n/g, '\r\n')).text);
      } else {
        expect(streamed.out).toBe(whole.out);
      }
    }
  });

  it('--write streams into the temporary file and leaves clean files untouched', () => {
    const p = file('big.txt', mixed);
    const c = file('clean.txt', clean);
    utimesSync(c, new Date(2001, 1, 1), new Date(2001, 1, 1));
    const before = statSync(c);
    const r = vietfix(['--write', p, c], { env });
    expect(r.status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe(fix(mixed).text);
    expect(statSync(c).mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir).sort()).toEqual(['big.txt', 'clean.txt']);
  });

  it('a NUL byte in the head of a streamed file skips it (exit 2) and writes nothing', () => {
    const content = Buffer.concat([Buffer.from(mixed), Buffer.from([0]), Buffer.from(damagedText)]);
    const p = file('big.txt', content);
    const r = vietfix(['--write', p], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/skipping .*big\.txt: binary/);
    expect(readFileSync(p)).toEqual(content);
    expect(readdirSync(dir)).toEqual(['big.txt']);
  });
});

describe('legacy encodings', () => {
  const SENTENCES = 'Chúng tôi đã đọc những cuốn sách cũ trong thư viện của trường.\nMùa thu năm ấy, lá vàng rơi đầy trên lối nhỏ.\n';

  it.each(['windows-1258', 'tcvn3', 'vni', 'viscii'])('reads %s, repairs it into UTF-8, and says so', (encoding) => {
    const bytes = Buffer.from(encode(SENTENCES, encoding)!);
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe(encoding);
    const p = file(`old-${encoding}.txt`, bytes);
    const printed = vietfix([p]);
    expect(printed.status).toBe(0);
    expect(printed.out).toBe(fix(decoded.text).text);
    const check = vietfix(['--check', p]);
    expect(check.status).toBe(1);
    expect(check.out.split('\n')[0]).toBe(`${p}:1:1  legacy-encoding  ${encoding} → utf-8  (${decoded.confidence.toFixed(2)}, whole file)`);
    expect(check.stderr).toContain(`encodings: ${encoding} 1`);
    // Streamed in small pieces, the result is the same.
    const streamed = vietfix([p], { env: { VIETFIX_STREAM_ABOVE: '16', VIETFIX_CHUNK_SIZE: '7' } });
    expect(streamed.out).toBe(printed.out);
    expect(vietfix(['--write', p]).status).toBe(0);
    expect(readFileSync(p)).toEqual(Buffer.from(fix(decoded.text).text, 'utf8'));
  });

  it('--encoding forces a reading', () => {
    const bytes = Buffer.from(encode(SENTENCES, 'tcvn3')!);
    const r = vietfix(['--encoding', 'tcvn3'], { input: bytes });
    expect(r.status).toBe(0);
    expect(r.out).toBe(fix(decode(bytes, { encoding: 'tcvn3' }).text).text);
    const unknown = vietfix(['--encoding', 'klingon', file('a.txt', CLEAN)]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown encoding "klingon"/);
  });

  it('refuses bytes that are neither UTF-8 nor a Vietnamese encoding, and never writes them', () => {
    const noise = Buffer.from(Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 0x20)));
    const p = file('noise.txt', noise);
    const r = vietfix(['--write', p]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/noise\.txt: not valid UTF-8 .*name the encoding with --encoding/);
    expect(readFileSync(p)).toEqual(noise);
  });
});
