/**
 * The built CLI on a small bilingual documentation tree made of real text (see
 * `fixtures/bilingual/README.md`): Vietnamese paragraphs typed without marks must be reported,
 * the English paragraphs beside them never.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripDiacritics } from '../src/index.js';
import { tempDir, vietfix } from './cli-helpers.js';

const FIXTURES = new URL('./fixtures/bilingual/', import.meta.url);

interface Paragraph {
  lang: 'vi' | 'en';
  text: string;
}

function helpParagraphs(file: string): Paragraph[] {
  return readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ lang: line.slice(0, 2) as 'vi' | 'en', text: line.slice(3) }));
}

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vietfix-lang-'));
});
afterEach(() => cleanup());

/** Writes a Markdown file of paragraphs (one line each, blank lines between); returns each paragraph's line number. */
function putMarkdown(name: string, title: string, paragraphs: readonly Paragraph[]): Map<number, Paragraph> {
  const lines = [`# ${title}`, ''];
  const at = new Map<number, Paragraph>();
  for (const p of paragraphs) {
    at.set(lines.length + 1, p);
    lines.push(p.text, '');
  }
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n'));
  return at;
}

describe('vietfix --check on bilingual documentation', () => {
  it('reports the Vietnamese paragraphs typed without marks and no paragraph without Vietnamese', () => {
    // The Vietnamese paragraphs lose their marks; the English ones stay as they are.
    const typed = (ps: Paragraph[]) => ps.map((p) => (p.lang === 'vi' ? { lang: p.lang, text: stripDiacritics(p.text) } : p));
    const files = new Map<string, Map<number, Paragraph>>();
    files.set('docs/glossary.md', putMarkdown('docs/glossary.md', 'Từ điển thuật ngữ', typed(helpParagraphs('libreoffice-glossary.tsv'))));
    files.set('docs/options/compatibility.md', putMarkdown('docs/options/compatibility.md', 'Tính tương thích', typed(helpParagraphs('libreoffice-compatibility.tsv'))));
    const licence = readFileSync(new URL('ibus-unikey-copyright.txt', FIXTURES), 'utf8')
      .split(/\n\s*\n/)
      .map((p) => ({ lang: 'en' as const, text: p.replace(/\s+/g, ' ').trim() }))
      .filter((p) => p.text !== '');
    files.set('COPYRIGHT.md', putMarkdown('COPYRIGHT.md', 'Copyright', licence));

    const r = vietfix(['--check', '--format-output', 'github', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    const reported = new Map<string, Set<number>>();
    for (const line of r.out.trimEnd().split('\n')) {
      const m = /^::warning file=([^,]+),line=(\d+),/.exec(line);
      expect(m, line).not.toBeNull();
      const lines = reported.get(m![1]) ?? new Set<number>();
      lines.add(Number(m![2]));
      reported.set(m![1], lines);
    }
    let viReported = 0;
    for (const [file, lines] of reported) {
      const paragraphs = files.get(file);
      expect(paragraphs, file).toBeDefined();
      for (const n of lines) {
        const p = paragraphs!.get(n);
        // Headings are Vietnamese; every other reported line is a Vietnamese paragraph.
        if (p === undefined) expect(n, `${file}:${n}`).toBe(1);
        else expect(p.lang, `${file}:${n}: ${p.text}`).toBe('vi');
        if (p?.lang === 'vi') viReported++;
      }
    }
    expect(reported.has('COPYRIGHT.md')).toBe(false);
    // Most Vietnamese paragraphs are found.
    const viParagraphs = [...files.values()].flatMap((m) => [...m.values()]).filter((p) => p.lang === 'vi' && p.text.split(' ').length >= 6);
    expect(viReported).toBeGreaterThan(0.8 * viParagraphs.length);
  });
});
