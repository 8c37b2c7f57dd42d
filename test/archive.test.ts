/**
 * End to end: a small archive of Markdown, HTML and text files in several encodings goes
 * through the built CLI with `--write --jobs 2`; only the prose changes, byte for byte.
 *
 * Every document is a template with two kinds of slot: prose slots, each a run of text
 * of its own (a heading, a paragraph, an attribute), and markup slots (code, URLs,
 * scripts, styles, front matter, comments, other attributes). Both are filled with
 * damaged text. The expected file fills prose slots with the library's repair and markup
 * slots with the damaged text unchanged.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../src/encoding/index.js';
import { fix } from '../src/index.js';
import { exampleLines, tempDir, vietfix } from './cli-helpers.js';

const LINES = exampleLines();
/** Damaged lines of the shipped example (clean ones too: they must stay as they are). */
const prose = (i: number): string => LINES[i % LINES.length];
const repaired = (s: string): string => fix(s).text;
/** A damaged string for markup slots, which must never change. */
const RAW = LINES.filter((l) => fix(l).text !== l)[0] ?? LINES[0];

interface Doc {
  path: string;
  input: Buffer;
  expected: Buffer;
}

/** {@link RAW} without spaces, for slots inside URLs. */
const URL_RAW = RAW.replace(/\s+/g, '-');

/** Fills `{P}` slots with consecutive prose lines, `{D}` with {@link RAW} and `{U}` with {@link URL_RAW}. */
function fill(template: string, proseFill: (s: string) => string): string {
  let n = 0;
  return template.replace(/\{[PDU]\}/g, (slot) => (slot === '{D}' ? RAW : slot === '{U}' ? URL_RAW : proseFill(prose(n++))));
}

function doc(path: string, template: string, encode: (s: string) => Buffer = (s) => Buffer.from(s, 'utf8')): Doc {
  return { path, input: encode(fill(template, (s) => s)), expected: encode(fill(template, repaired)) };
}

const MARKDOWN = `---
title: {D}
tags: [{D}]
---

# {P}

{P}

\`\`\`js
const note = "{D}"; // fenced code stays as it is
\`\`\`

    {D}

[{P}](https://example.vn/{U}?q={U} "{D}")

![{P}](<images/{D}.png>)

- {P}
- {P}

> {P}

Inline \`{D}\` and <span title="{D}">raw HTML</span> and <https://{U}.vn> stay.

[ref]: https://example.vn/{U}
`;

const HTML = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{P}</title>
<style>p::before { content: "{D}"; }</style>
<script>const s = "{D}"; if (a < b && c > d) { run(s); }</script>
</head>
<body>
<h1 title="{P}" data-note="{D}" class="headline">{P}</h1>
<p>{P}</p>
<img src="images/{D}.png" alt="{P}">
<a href="https://example.vn/{D}" title='{P}'>{P}</a>
<pre>{D}</pre>
<code>{D}</code>
<textarea name="{D}">{D}</textarea>
<!-- {D} -->
</body>
</html>
`;

let dir: string;
let cleanup: () => void;
const docs: Doc[] = [];

beforeAll(() => {
  ({ dir, cleanup } = tempDir('vietfix-archive-'));
  const utf16 = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const crlfBom = (s: string): Buffer => Buffer.from('\uFEFF' + s.replace(/\n/g, '\r\n'), 'utf8');
  docs.push(
    doc('articles/2024/tet.md', MARKDOWN),
    doc('articles/2024/tet-crlf.md', MARKDOWN, crlfBom),
    doc('articles/2025/index.html', HTML),
    doc('articles/2025/windows.htm', HTML, crlfBom),
    doc('notes/plain.txt', '{P}\n{P}\n{P}\n{P}\n{P}\n{P}'),
    doc('notes/utf16.txt', '{P}\n{P}\n{P}\n', utf16),
    doc('notes/crlf-bom.txt', '{P}\n{P}\n{P}\n', crlfBom),
  );
  // Legacy-encoded text: read, repaired and written back as UTF-8.
  const legacy = 'Thư viện của trường mở cửa từ sáng sớm.\nNhững cuốn sách cũ được xếp gọn gàng trên kệ.\n';
  for (const encoding of ['tcvn3', 'vni', 'windows-1258']) {
    const input = Buffer.from(encode(legacy, encoding)!);
    docs.push({ path: `notes/legacy-${encoding}.txt`, input, expected: Buffer.from(fix(decode(input).text).text, 'utf8') });
  }
  for (const d of docs) {
    const p = join(dir, d.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, d.input);
  }
  // Never touched: a dependency folder and a binary file.
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'x', 'readme.md'), `# ${RAW}\n`);
  writeFileSync(join(dir, 'articles', 'photo.jpg.txt'), Buffer.from([0xff, 0xd8, 0x00, 0x10]));
});

afterAll(() => cleanup());

describe('an archive through the CLI', () => {
  it('--check lists the prose repairs and exits 1 when there are any', () => {
    const r = vietfix(['--check', '--jobs', '2', '.'], { cwd: dir });
    const changing = docs.filter((d) => !d.input.equals(d.expected));
    expect(r.status).toBe(changing.length > 0 ? 1 : 0);
    for (const d of docs) expect(r.out.includes(`${d.path}:`)).toBe(!d.input.equals(d.expected));
    expect(r.out).not.toMatch(/node_modules/);
    expect(r.stderr).toMatch(/skipping articles\/photo\.jpg\.txt: binary/);
  });

  it('--write changes only the prose, byte for byte, and nothing else', () => {
    const r = vietfix(['--write', '--jobs', '2', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    for (const d of docs) {
      const got = readFileSync(join(dir, d.path));
      expect({ path: d.path, text: got.toString(d.path.includes('utf16') ? 'utf16le' : 'utf8') }).toEqual({
        path: d.path,
        text: d.expected.toString(d.path.includes('utf16') ? 'utf16le' : 'utf8'),
      });
      expect(got.equals(d.expected)).toBe(true);
    }
    expect(readFileSync(join(dir, 'node_modules', 'x', 'readme.md'), 'utf8')).toBe(`# ${RAW}\n`);
    expect(readFileSync(join(dir, 'articles', 'photo.jpg.txt'))).toEqual(Buffer.from([0xff, 0xd8, 0x00, 0x10]));
  });

  it('a second run finds nothing left to repair', () => {
    const r = vietfix(['--check', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
  });
});

describe('HTML character references', () => {
  it('repairs the decoded text and writes back only the changed spans, escaped', () => {
    const { dir: d, cleanup: done } = tempDir('vietfix-refs-');
    try {
      // The damaged sentence written with references: every `&`, `<` and non-ASCII letter.
      const text = RAW;
      const refs = [...text].map((ch) => (ch.charCodeAt(0) > 127 && ch.length === 1 && ch.charCodeAt(0) % 2 === 0 ? `&#${ch.codePointAt(0)};` : ch)).join('');
      const source = `<p>&lt;tag&gt; &amp; ${refs} &copy;</p>\n<p title="${refs} &quot;q&quot;">x</p>\n`;
      writeFileSync(join(d, 'refs.html'), source);
      const r = vietfix(['--write', 'refs.html'], { cwd: d });
      expect(r.status).toBe(0);
      const out = readFileSync(join(d, 'refs.html'), 'utf8');
      const textOf = (html: string): { p: string[]; title: string } => {
        const ps: string[] = [];
        let title = '';
        const walk = (n: { nodeName: string; childNodes?: unknown[]; attrs?: { name: string; value: string }[]; value?: string }): void => {
          if (n.nodeName === 'p') {
            ps.push((n.childNodes as { value?: string }[]).map((c) => c.value ?? '').join(''));
            title ||= n.attrs?.find((a) => a.name === 'title')?.value ?? '';
          }
          for (const c of (n.childNodes ?? []) as (typeof n)[]) walk(c);
        };
        walk(parse(html) as never);
        return { p: ps, title };
      };
      const before = textOf(source);
      const after = textOf(out);
      expect(after.p[0]).toBe(fix(before.p[0]).text);
      expect(after.title).toBe(fix(before.title).text);
      // Markup and untouched references are kept as written.
      expect(out.startsWith('<p>&lt;tag&gt; &amp; ')).toBe(true);
      expect(out).toContain(' &copy;</p>\n<p title="');
      expect(out.endsWith(' &quot;q&quot;">x</p>\n')).toBe(true);
    } finally {
      done();
    }
  });
});
