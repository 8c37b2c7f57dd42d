import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLanguageProfiles, fix, stripDiacritics } from '../src/index.js';
import { tokenAgreement } from './support/sentences.js';

/**
 * Text of every language with a profile that its profile was not built from: the builder
 * (`data/build/languages.ts`) holds out one paragraph or string in twenty of each package and
 * writes a sample of them (see fixtures/languages/README.md). Irish `ní`, `tá`, Gaelic `tha`,
 * `ma`, Romanian `mai`, `cu`, Kurdish `bo`, Sotho `go` are Vietnamese syllables without their
 * marks: such text must come out as it went in.
 */
const HELD_OUT = readFileSync(new URL('./fixtures/languages/held-out.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => {
    const tab = row.indexOf('\t');
    return { code: row.slice(0, tab), text: row.slice(tab + 1) };
  });

/** Vietnamese paragraphs of the LibreOffice help (see fixtures/bilingual/README.md). */
const VIETNAMESE = readFileSync(new URL('./fixtures/bilingual/libreoffice-glossary.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('vi\t'))
  .map((line) => line.slice(3))
  .filter((text) => text.length >= 60 && /[.!?]$/.test(text));

describe('held-out text of the profiled languages', () => {
  it('covers every language of the profiles', () => {
    const codes = new Set(HELD_OUT.map((r) => r.code));
    expect([...codes].sort()).toEqual(defaultLanguageProfiles().codes.slice(1).slice().sort());
    expect(HELD_OUT.length).toBeGreaterThan(500);
  });

  it('comes out unchanged', () => {
    const changed = HELD_OUT.filter((r) => fix(r.text).text !== r.text).map((r) => `${r.code}: ${r.text} → ${fix(r.text).text}`);
    expect(changed).toEqual([]);
  });

  /**
   * In parentheses, a short text is judged from little more than its own words: a name of a
   * third language among them (Chinese `Tai Xuan Jing` in an Irish label) may still be read as
   * Vietnamese. One pair in two hundred may change; without the profiles of Irish, Gaelic,
   * Kurdish, Sotho, … one in thirty did.
   */
  it('comes out unchanged in parentheses after Vietnamese typed without marks, which is restored', () => {
    let agree = 0;
    const changed: string[] = [];
    HELD_OUT.forEach(({ code, text }, i) => {
      const vi = VIETNAMESE[i % VIETNAMESE.length];
      const out = fix(`${stripDiacritics(vi)} (${text})`).text;
      if (!out.endsWith(` (${text})`)) changed.push(`${code}: ${text} → ${out}`);
      agree += tokenAgreement(out.slice(0, out.length - text.length - 3), vi);
    });
    expect(changed.length, changed.join('\n')).toBeLessThanOrEqual(HELD_OUT.length / 200);
    expect(agree / HELD_OUT.length).toBeGreaterThan(0.8);
  });
});

describe('Vietnamese is still repaired', () => {
  it('restores the marks of paragraphs typed without them, or without their tones', () => {
    for (const what of ['all', 'tones'] as const) {
      let agree = 0;
      for (const text of VIETNAMESE) agree += tokenAgreement(fix(stripDiacritics(text, what)).text, text);
      expect(agree / VIETNAMESE.length, what).toBeGreaterThan(0.8);
    }
  });

  it('leaves the paragraphs as written unchanged', () => {
    for (const text of VIETNAMESE) expect(fix(text).text).toBe(text);
  });
});
