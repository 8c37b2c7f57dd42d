import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, isValidSyllable, languageRuns, stripDiacritics, type LanguageRun } from '../src/index.js';
import { tokenAgreement } from './support/sentences.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** Paragraphs of a help page, each marked `vi` or `en` (the English left untranslated). */
function helpParagraphs(file: string): { lang: 'vi' | 'en'; text: string }[] {
  return fixture(`bilingual/${file}`)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { lang: line.slice(0, tab) as 'vi' | 'en', text: line.slice(tab + 1) };
    });
}

const HELP = [...helpParagraphs('libreoffice-glossary.tsv'), ...helpParagraphs('libreoffice-compatibility.tsv')];
const VIETNAMESE = HELP.filter((p) => p.lang === 'vi' && p.text.length >= 60).map((p) => p.text);
const ENGLISH = HELP.filter((p) => p.lang === 'en').map((p) => p.text);
const MAN_PAGE = fixture('bilingual/manpages-vi-cp.txt').split('\n').filter(Boolean);
const LICENCE = fixture('bilingual/ibus-unikey-copyright.txt');

/** The 400 most frequent words of the manual pages of each language (see fixtures/languages/README.md). */
const WORD_LISTS: Record<string, string[]> = Object.fromEntries(
  ['en', 'fr', 'es', 'pt', 'de', 'it', 'id', 'tr'].map((lang) => [
    lang,
    fixture(`languages/${lang}.txt`)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[0]),
  ]),
);

/** A Vietnamese paragraph ending a sentence, then an English sentence (not a heading). */
function isPair(vi: { lang: string; text: string }, en: { lang: string; text: string }): boolean {
  return vi.lang === 'vi' && en.lang === 'en' && vi.text.length >= 60 && /[.!?]$/.test(vi.text) && en.text.split(' ').length >= 6;
}

/** The verdict of the run holding offset `at`. */
function verdictAt(runs: readonly LanguageRun[], at: number): string | undefined {
  return runs.find((r) => r.start <= at && at < r.end)?.verdict;
}

/** A sentence of words drawn from one language's list: capitalised, with commas and an end. */
function foreignSentence(words: readonly string[]) {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('', '', '', '', ',', ';')), { minLength: 4, maxLength: 24 }),
      fc.constantFrom('.', '!', '?', '…', ':'),
    )
    .map(([parts, end]) => {
      let s = parts.map(([w, p]) => w + p).join(' ');
      s = s.replace(/[,;]$/, '');
      return (s[0].toUpperCase() + s.slice(1) + end).normalize('NFC');
    });
}

describe('languageRuns', () => {
  it('covers the line with runs in order', () => {
    for (const line of [...VIETNAMESE.slice(0, 5), ...ENGLISH.slice(0, 5), '', '   ', '(…)']) {
      const runs = languageRuns(line);
      expect(runs[0].start).toBe(0);
      expect(runs[runs.length - 1].end).toBe(line.length);
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i].start).toBe(runs[i - 1].end);
        expect(runs[i].verdict).not.toBe(runs[i - 1].verdict);
      }
    }
  });

  it('finds no Vietnamese in the English paragraphs of the Vietnamese LibreOffice help', () => {
    for (const text of ENGLISH) {
      const runs = languageRuns(text);
      expect(runs.filter((r) => r.verdict === 'vi'), text).toEqual([]);
    }
  });

  it('takes the Vietnamese paragraphs for Vietnamese, with marks and without', () => {
    for (const text of VIETNAMESE) {
      for (const form of [text, stripDiacritics(text)]) {
        const runs = languageRuns(form);
        const vi = runs.filter((r) => r.verdict === 'vi').reduce((n, r) => n + r.end - r.start, 0);
        expect(vi / form.length, form).toBeGreaterThan(0.6);
      }
    }
  });

  it('splits a Vietnamese sentence from its English translation', () => {
    for (let i = 0; i + 1 < HELP.length; i++) {
      const vi = HELP[i];
      const en = HELP[i + 1];
      if (!isPair(vi, en)) continue;
      for (const line of [`${vi.text} ${en.text}`, `${vi.text} (${en.text})`]) {
        const runs = languageRuns(line);
        // The last word of the Vietnamese sentence (its start may be an English term).
        expect(verdictAt(runs, vi.text.length - 3), line).toBe('vi');
        expect(verdictAt(runs, line.length - 2), line).toBe('foreign');
      }
    }
  });

  it('gives the same verdicts when only the verdicts are asked for', () => {
    const lines = [...HELP.map((p) => p.text), ...MAN_PAGE];
    for (let i = 0; i + 1 < lines.length; i++) {
      for (const line of [lines[i], `${lines[i]} (${lines[i + 1]})`, stripDiacritics(`${lines[i]} ${lines[i + 1]}`)]) {
        const verdicts = (runs: LanguageRun[]) => runs.map((r) => [r.start, r.end, r.verdict]);
        expect(verdicts(languageRuns(line, { verdictsOnly: true })), line).toEqual(verdicts(languageRuns(line)));
      }
    }
  });

  it('explains a verdict with its evidence', () => {
    const [run] = languageRuns('Xin chào các bạn, tôi là người Việt Nam.');
    expect(run.verdict).toBe('vi');
    expect(run.evidence.vietnameseLetters).toBeGreaterThan(3);
    const [other] = languageRuns('Le garçon a mangé une pomme et il est très content.');
    expect(other.verdict).toBe('foreign');
    expect(other.evidence.language).toBe('fr');
    expect(other.evidence.foreignLetters).toBeGreaterThan(0);
  });
});

describe('foreign text is never repaired', () => {
  it('leaves the paragraphs of the bilingual help pages and the Vietnamese manual page unchanged', () => {
    for (const text of [...ENGLISH, ...MAN_PAGE]) expect(fix(text).text, text).toBe(text);
    // The Vietnamese ones change only where a word is no syllable (`đựơc`, a misplaced mark).
    for (const text of VIETNAMESE) {
      for (const e of fix(text).edits) expect(isValidSyllable(e.before), text).toBe(false);
    }
  });

  it('leaves an English licence with Vietnamese names unchanged, even when asked for marks on short lines', () => {
    expect(fix(LICENCE).edits).toEqual([]);
    // Asked for marks on short lines, it may give the name written without them its marks
    // (`Pham Kim Long`, a line of its own after `Copyright (C) 2000-2005`), nothing else.
    const NAME = new Set(['Pham', 'Kim', 'Long']);
    for (const e of fix(LICENCE, { diacritics: true }).edits) expect(NAME.has(e.before), e.before).toBe(true);
    // The paragraphs joined into single lines, as a text extractor gives them.
    for (const paragraph of LICENCE.split(/\n\s*\n/)) {
      const line = paragraph.replace(/\s+/g, ' ').trim();
      expect(fix(line).text, line).toBe(line);
      for (const e of fix(line, { diacritics: true }).edits) expect(NAME.has(e.before), `${e.before} in ${line}`).toBe(true);
    }
  });

  it('never changes prose generated from the words of eight languages', () => {
    for (const [lang, words] of Object.entries(WORD_LISTS)) {
      fc.assert(
        fc.property(fc.array(foreignSentence(words), { minLength: 1, maxLength: 4 }), (sentences) => {
          const text = sentences.join(' ');
          expect(fix(text).text, `${lang}: ${text}`).toBe(text);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('never reads words of other languages with punctuation attached as a legacy font (`Può,` is no `Pụ,`)', () => {
    for (const [lang, words] of Object.entries(WORD_LISTS)) {
      const accented = words.filter((w) => /[^\x00-\x7f]/.test(w));
      const plain = words.filter((w) => /^[a-z]+$/.test(w));
      if (accented.length === 0) continue; // English
      const word = fc
        .tuple(fc.constantFrom(...accented), fc.constantFrom(',', ';', ':', '.', '!', '?', '…', '»'), fc.boolean())
        .map(([w, mark, capital]) => (capital ? (w[0].toUpperCase() + w.slice(1)).normalize('NFC') : w) + mark);
      const line = fc
        .array(fc.oneof(word, fc.constantFrom(...plain)), { minLength: 2, maxLength: 8 })
        .filter((ws) => ws.filter((w) => /[^\x00-\x7f]/.test(w)).length >= 2)
        .map((ws) => ws.join(' '));
      fc.assert(
        fc.property(line, (text) => {
          expect(fix(text).text, `${lang}: ${text}`).toBe(text);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('never changes a generated foreign sentence in parentheses after Vietnamese written without marks', () => {
    const vietnamese = VIETNAMESE.filter((t) => /[.!?]$/.test(t)).map((t) => stripDiacritics(t));
    fc.assert(
      fc.property(fc.constantFrom(...vietnamese), fc.constantFrom(...Object.keys(WORD_LISTS)), fc.nat(), (vi, lang, seed) => {
        const sentence = fc.sample(foreignSentence(WORD_LISTS[lang]), { numRuns: 1, seed })[0];
        const line = `${vi} (${sentence})`;
        const out = fix(line).text;
        const open = out.lastIndexOf(' (');
        expect(out.slice(open), line).toBe(` (${sentence})`);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Vietnamese beside foreign text is still repaired', () => {
  it('restores the marks of Vietnamese paragraphs typed without them', () => {
    let agree = 0;
    for (const text of VIETNAMESE) agree += tokenAgreement(fix(stripDiacritics(text)).text, text);
    expect(agree / VIETNAMESE.length).toBeGreaterThan(0.8);
  });

  it('restores the Vietnamese sentence and leaves the English one beside it as it is', () => {
    let checked = 0;
    for (let i = 0; i + 1 < HELP.length; i++) {
      const vi = HELP[i];
      const en = HELP[i + 1];
      if (!isPair(vi, en)) continue;
      const out = fix(`${stripDiacritics(vi.text)} ${en.text}`).text;
      expect(out.endsWith(` ${en.text}`), out).toBe(true);
      expect(tokenAgreement(out.slice(0, out.length - en.text.length - 1), vi.text)).toBeGreaterThan(0.7);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('keeps the English identifiers of a Vietnamese manual page while restoring its marks', () => {
    for (const line of MAN_PAGE) {
      const stripped = stripDiacritics(line);
      const out = fix(stripped).text;
      for (const identifier of stripped.match(/--?[a-z][a-z-]*(=[a-z,]+)?/g) ?? []) expect(out, stripped).toContain(identifier);
    }
    const english = MAN_PAGE.find((l) => l.startsWith('--attributes-only'))!;
    expect(fix(english).text).toBe(english);
  });
});
