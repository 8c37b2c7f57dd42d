/**
 * A series of names that differ only in their digits (`a1 = á, a2 = à`: the VNI typing keys;
 * `x1, x2`; chess squares `g2 … g4`) is notation, not letters that OCR misread as digits: a
 * misreading does not make one word into a series. The series are set into real Vietnamese
 * sentences (the LibreOffice help paragraphs of `fixtures/bilingual/`, MPL-2.0) and must come out
 * as written, and so must the keys beside an equals sign whatever their letters (`i2 = ì, e6 =
 * ê`). The control shows such a word alone is read as letters misread where it reads as a
 * syllable.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const FIXTURES = new URL('./fixtures/bilingual/', import.meta.url);

/** Sentences of the Vietnamese paragraphs of the LibreOffice help fixtures. */
const PROSE = ['libreoffice-glossary.tsv', 'libreoffice-compatibility.tsv']
  .flatMap((file) => readFileSync(new URL(file, FIXTURES), 'utf8').split('\n'))
  .filter((row) => row.startsWith('vi\t'))
  .flatMap((row) => row.slice(3).split(/(?<=[.:;?!])\s+/))
  .filter((sentence) => sentence.length >= 20 && sentence.length <= 160)
  // Those vietfix leaves as they are (a few carry typos it repairs: `đựơc`).
  .filter((sentence) => fix(sentence).text === sentence);

/** The VNI typing keys: a tone digit after a vowel (1–5), a vowel mark (6–8) or `d9` for đ. */
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VNI_KEYS: ReadonlyArray<readonly [string, string]> = [
  ...[...'aeiouy'].flatMap((v) => TONES.map((mark, k) => [`${v}${k + 1}`, (v + mark).normalize('NFC')] as const)),
  ['a6', 'â'],
  ['e6', 'ê'],
  ['o6', 'ô'],
  ['o7', 'ơ'],
  ['u7', 'ư'],
  ['a8', 'ă'],
  ['d9', 'đ'],
];

/** Two or more keys of one series, with what they type. */
const keys = fc.uniqueArray(fc.constantFrom(...VNI_KEYS), { minLength: 2, maxLength: 8, selector: ([key]) => key });

/** A sentence with `insert` after its `at`-th word. */
function inSentence(sentence: string, insert: string, at: number): string {
  const words = sentence.split(' ');
  const k = at % (words.length + 1);
  return [...words.slice(0, k), insert, ...words.slice(k)].join(' ');
}

describe('property: a numbered series in Vietnamese prose comes out as written', () => {
  it('the VNI typing keys with the letters they type', () => {
    fc.assert(
      fc.property(keys, fc.constantFrom(...PROSE), fc.nat(), (pairs, sentence, at) => {
        const table = pairs.map(([key, letter]) => `${key} = ${letter}`).join(', ');
        for (const line of [`Kiểu gõ VNI: ${table}.`, inSentence(sentence, `(${table})`, at)]) expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('names with the same letters and other digits, in lists and in prose', () => {
    const stem = fc.constantFrom(...'abcdeghiklmnopqrstuvxy');
    const series = fc
      .tuple(stem, fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 5 }))
      .map(([letters, digits]) => digits.map((d) => `${letters}${d}`));
    fc.assert(
      fc.property(series, fc.constantFrom(...PROSE), fc.nat(), fc.constantFrom(', ', ' và ', ' hoặc '), (names, sentence, at, joint) => {
        const line = inSentence(sentence, names.join(joint), at);
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('control: one such word alone is read as letters misread where it reads as a syllable', () => {
    // OCR prints 9 for o: `h9c` is `học`. Beside `h8c` it is one of a series.
    expect(fix('Tôi đi h9c ở trường c6 giáo.').text).toContain('Tôi đi học ở trường');
    expect(fix('Tôi đi h8c, h9c ở trường c6 giáo.').text).toContain('Tôi đi h8c, h9c ở trường');
  });
});
