/**
 * Vietnamese written without marks inside English is English's convention, not damage: dishes
 * and terms (`served with ca phe sua da`). Such lines come out as written. The sentences are
 * real (the LibreOffice help glossary of `fixtures/bilingual/`, MPL-2.0): English ones and their
 * clauses, with terms cut from its Vietnamese sentences, marks taken off. The control:
 * the Vietnamese sentences of the same glossary, typed without marks, are still restored.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';

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
