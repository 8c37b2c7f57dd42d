/**
 * Vietnamese written without marks inside English is English's convention, not damage: author
 * lists (`Nguyen Van An, Tran Thi Bich and Le Minh Tuan`), dishes and terms (`try it with ca phe
 * sua da`). Such lines come out as written. The sentences are real (the LibreOffice help
 * glossary of `fixtures/bilingual/`, MPL-2.0): English ones and their clauses, with names made of
 * the model's syllables and terms cut from its Vietnamese sentences, marks taken off. The control:
 * the Vietnamese sentences of the same glossary, typed without marks, are still restored.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { removeMarks } from '../src/orthography/index.js';
import { KNOWN_SYLLABLES } from './support/sentences.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const rows = readFileSync(new URL('./fixtures/bilingual/libreoffice-glossary.tsv', import.meta.url), 'utf8').split('\n');
const sentences = (lang: string) =>
  rows
    .filter((row) => row.startsWith(`${lang}\t`))
    .map((row) => row.slice(lang.length + 1))
    .filter((s) => s.split(' ').length >= 6);
/** English sentences vietfix leaves as they are. */
const ENGLISH = sentences('en').filter((s) => fix(s).text === s);
const VIETNAMESE = sentences('vi');
/** The single sentences of those paragraphs, and their clauses of five to ten words (captions, list items). */
const SINGLE = ENGLISH.flatMap((s) => s.split(/(?<=[.!?])\s+/)).filter((s) => s.split(' ').length >= 5);
const CLAUSES = ENGLISH.flatMap((s) => s.split(/[,;:.] /)).filter((c) => c.split(' ').length >= 5 && c.split(' ').length <= 10);

/** Surnames most Vietnamese carry, as English text writes them. */
const SURNAMES = ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'];
const plainSyllable = fc.constantFrom(...new Set(KNOWN_SYLLABLES.map((s) => removeMarks(s)).filter((s) => /^[a-z]{2,}$/.test(s))));
const titled = plainSyllable.map((s) => s[0].toUpperCase() + s.slice(1));
const name = fc.tuple(fc.constantFrom(...SURNAMES), fc.array(titled, { minLength: 1, maxLength: 2 })).map(([s, given]) => [s, ...given].join(' '));
const names = fc.array(name, { minLength: 1, maxLength: 3 }).map((ns) => (ns.length === 1 ? ns[0] : `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`));
/** Two to four words running in a Vietnamese sentence of the glossary, in lower case, without marks. */
const term = fc
  .tuple(fc.constantFrom(...VIETNAMESE), fc.nat(), fc.integer({ min: 2, max: 4 }))
  .map(([sentence, at, n]) => {
    const words = stripDiacritics(sentence).toLowerCase().split(' ').map((w) => w.replace(/[^a-z]/g, '')).filter(Boolean);
    const from = at % Math.max(1, words.length - n);
    return words.slice(from, from + n).join(' ');
  })
  .filter((t) => t.split(' ').length >= 2);
/** One to three such terms, listed as English lists them. */
const terms = fc.array(term, { minLength: 1, maxLength: 3 }).map((ts) => (ts.length === 1 ? ts[0] : `${ts.slice(0, -1).join(', ')} and ${ts[ts.length - 1]}`));

/** The sentence with `insert` after its `at`-th word, inside it (before its last word). */
function inSentence(sentence: string, insert: string, at: number): string {
  const words = sentence.split(' ');
  const k = at % words.length;
  return [...words.slice(0, k), insert, ...words.slice(k)].join(' ');
}

describe('property: Vietnamese without marks in English sentences comes out as written', () => {
  it('has real sentences to work with', () => {
    expect(ENGLISH.length).toBeGreaterThanOrEqual(20);
    expect(VIETNAMESE.length).toBeGreaterThanOrEqual(20);
    expect(SINGLE.length).toBeGreaterThanOrEqual(20);
    expect(CLAUSES.length).toBeGreaterThanOrEqual(20);
  });

  it('names of people, as an author list or in the sentence', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENGLISH), names, fc.nat(), (sentence, who, at) => {
        for (const line of [`Authors: ${who}. ${sentence}`, inSentence(sentence, who, at)]) expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('terms and dishes in lower case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SINGLE, ...CLAUSES), terms, fc.nat(), (sentence, words, at) => {
        // English is the sentence's language: two of its words in three are English.
        fc.pre(2 * words.split(' ').length <= sentence.split(' ').length);
        for (const line of [inSentence(sentence, `(${words})`, at), inSentence(sentence, words, at)]) expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('control: the Vietnamese sentences typed without marks are restored', () => {
    const typed = VIETNAMESE.map((s) => stripDiacritics(s));
    const restored = typed.filter((s) => fix(s).text !== s);
    expect(restored.length).toBeGreaterThanOrEqual(0.9 * typed.length);
  });
});
