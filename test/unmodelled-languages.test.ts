import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLanguageProfiles, fix, isValidSyllable } from '../src/index.js';

/**
 * Words of languages no profile models (Kurdish, Irish, Northern Sotho, Hungarian, …) are
 * evidence against Vietnamese, not nothing: a line of such words is not taken for Vietnamese
 * because one short word of it is a Vietnamese syllable (Kurdish `Ji bo hişyariya guherandina
 * xwedî tê bikaranîn`, whose `tê` and `bo` became `te` and `bỏ`). The words are those of real
 * catalogue lines (fixtures/foreign, Debian's gettext catalogues of 100 locales).
 */
const ROWS = ['foreign-catalogue-lines.tsv', 'short-word-lines.tsv'].flatMap((file) =>
  readFileSync(new URL(`./fixtures/foreign/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((row) => row.split('\t')),
);
const PROFILED = new Set(defaultLanguageProfiles().codes);
const WORD = /[\p{L}\p{M}]+/gu;

/** Per locale without a profile: its long words (eight letters or more: no syllable is so long) and its words that are Vietnamese syllables as written. */
const LOCALES = new Map<string, { long: Set<string>; syllables: Set<string> }>();
for (const [locale, , line] of ROWS) {
  if (PROFILED.has(locale.slice(0, 2))) continue;
  const words = LOCALES.get(locale) ?? { long: new Set<string>(), syllables: new Set<string>() };
  for (const word of line.match(WORD) ?? []) {
    const lower = word.toLowerCase();
    if (word !== lower && word.slice(1) !== lower.slice(1)) continue; // acronyms
    if ([...lower].length >= 8) words.long.add(lower);
    else if (lower.length >= 2 && isValidSyllable(lower)) words.syllables.add(lower);
  }
  LOCALES.set(locale, words);
}
const USABLE = [...LOCALES].filter(([, w]) => w.long.size >= 3 && w.syllables.size >= 1);

describe('words of languages without a profile count against Vietnamese', () => {
  it('has words of many locales', () => {
    expect(USABLE.length).toBeGreaterThan(20);
  });

  it('a line of their long words with one Vietnamese syllable among them comes out as written', () => {
    const lines = fc
      .constantFrom(...USABLE)
      .chain(([locale, words]) =>
        fc.record({
          locale: fc.constant(locale),
          long: fc.uniqueArray(fc.constantFrom(...[...words.long]), { minLength: 3, maxLength: 6 }),
          syllable: fc.constantFrom(...words.syllables),
          at: fc.nat(),
        }),
      )
      .filter(({ long }) => long.length >= 3)
      .map(({ locale, long, syllable, at }) => {
        const words = [...long];
        words.splice(at % (words.length + 1), 0, syllable);
        return { locale, line: words.join(' ') };
      });
    fc.assert(
      fc.property(lines, ({ locale, line }) => {
        expect(fix(line).edits, `${locale}: ${line}`).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
