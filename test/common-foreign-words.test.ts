import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLanguageProfiles, fix, isValidSyllable, stripDiacritics } from '../src/index.js';

/**
 * A common word of another language in Vietnamese typed without marks is that language's
 * word, not a misspelt syllable (`Chung toi an com and uong nuoc`: `and` became `ăn`). The
 * sentences are the Vietnamese ones of the LibreOffice help glossary (fixtures/bilingual,
 * MPL-2.0), marks taken off; the words are the 150 most frequent of the manual pages of each
 * language of fixtures/languages, those in ASCII of two letters or more that no Vietnamese
 * syllable is written as, with or without marks, and that the language profiles count among a
 * language's common words. Left out, as they are no evidence either way: words the profiles
 * do not know as common (`bash`, `lc`), which may be misspelt syllables, and words with marks
 * Vietnamese does not write (`tüm`), which read as OCR damage (`ü` for `ư`).
 */
const rows = readFileSync(new URL('./fixtures/bilingual/libreoffice-glossary.tsv', import.meta.url), 'utf8').split('\n');
const VIETNAMESE = rows
  .filter((row) => row.startsWith('vi\t'))
  .map((row) => stripDiacritics(row.slice(3)))
  .filter((s) => s.split(' ').length >= 6);

const profiles = defaultLanguageProfiles();
/** A Vietnamese syllable is written so, with or without marks: the Vietnamese profile lists the skeletons. */
const spellsSyllable = (word: string) => isValidSyllable(word) || !Number.isNaN(profiles.listedLogProb(0, word));
/** log10 P(word) of a common word, in some language other than Vietnamese. */
const COMMON = -3.5;
const isCommon = (word: string) => profiles.codes.some((_, k) => k > 0 && profiles.listedLogProb(k, word) >= COMMON);
const FOREIGN_WORDS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'id', 'tr'].flatMap((lang) =>
  readFileSync(new URL(`./fixtures/languages/${lang}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .slice(0, 150)
    .map((row) => row.split('\t')[0])
    .filter((w) => w !== undefined && /^[a-z]{2,}$/.test(w) && !spellsSyllable(w) && isCommon(w)),
);

describe('common words of other languages in Vietnamese typed without marks', () => {
  it('has sentences and words to work with', () => {
    expect(VIETNAMESE.length).toBeGreaterThanOrEqual(20);
    expect(FOREIGN_WORDS.length).toBeGreaterThanOrEqual(200);
  });

  it('are left as written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VIETNAMESE), fc.constantFrom(...FOREIGN_WORDS), fc.nat(), (sentence, word, at) => {
        const words = sentence.split(' ');
        const k = 1 + (at % (words.length - 1));
        const line = [...words.slice(0, k), word, ...words.slice(k)].join(' ');
        const start = words.slice(0, k).join(' ').length + 1;
        const touching = fix(line).edits.filter((e) => e.start < start + word.length && e.end > start);
        expect(touching, line).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('control: the sentences themselves are still restored', () => {
    const restored = VIETNAMESE.filter((s) => fix(s).text !== s);
    expect(restored.length).toBeGreaterThanOrEqual(0.9 * VIETNAMESE.length);
  });
});
