/**
 * Correct text that merely looks like mojibake, with a symbol after a word. Windows-1252 shows
 * every byte 0x80-0xBF as a character, and each completes a two-byte UTF-8 sequence started by
 * a capital such as `Ã`, `Ì` or `Í`: `ĐÃ®`, `THÌ°`, `KHÍ²` read as `ĐÃ` + `®` and also as
 * mojibake of `Đî`, `THͰ`, `KH` + a combining mark. A Vietnamese syllable in capitals with a
 * registered sign, a degree sign, a superscript, a fraction or a currency sign after it is
 * correct text and must stay; in a line that shows plain mojibake elsewhere it is read with
 * the rest.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asCp1252, CP1252_BYTE_OF } from './support/byte-views.js';
import { capitalSyllables, continuationCharacters, MARKED_SYLLABLES } from './support/lookalikes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);


/** Characters shown for a byte that starts a UTF-8 sequence of two bytes. */
const isTwoByteLead = (ch: string) => {
  const b = CP1252_BYTE_OF.get(ch);
  return b !== undefined && b >= 0xc2 && b <= 0xdf;
};

/**
 * Marks and symbols Windows-1252 shows for continuation bytes that follow words in correct
 * text: closing quotes, the ellipsis, dashes, `™ ® ©`, degrees, superscripts, fractions,
 * currency signs. The no-break space and the soft hyphen are left to the Unicode stage's own
 * tests; `‰ † ‡ ˆ Š` follow no word; `™ € •` are the second bytes of `Ù À Õ`, so that all-capital
 * mojibake shows them after `Ã` (`TRÃ™`), and a line of such words alone stays ambiguous.
 */
const FOLLOWS_WORDS = /^[\p{Pf}\p{Pd}…\p{Sc}\p{No}®©°±¤§¶·]$/u;
const SECOND_BYTES_OF_CAPITALS = new Set(['™', '€', '•']);
const SYMBOLS = continuationCharacters((ch) => FOLLOWS_WORDS.test(ch) && !SECOND_BYTES_OF_CAPITALS.has(ch));

/** Syllables the model knows, in capitals, that end in a capital starting a two-byte sequence. */
const CAPITAL_SYLLABLES = capitalSyllables(isTwoByteLead);

/** Correct words of other lines around it: plain Vietnamese with marks, in capitals or not. */
const CONTEXT = MARKED_SYLLABLES;
const context = fc
  .tuple(fc.array(fc.constantFrom(...CONTEXT), { minLength: 0, maxLength: 6 }), fc.boolean())
  .map(([ws, upper]) => (upper ? ws.join(' ').toUpperCase() : ws.join(' ')));

const withSymbol = fc
  .tuple(fc.constantFrom(...CAPITAL_SYLLABLES), fc.constantFrom(...SYMBOLS), fc.constantFrom('', '“', '(', '«'))
  .map(([syllable, symbol, before]) => `${before}${syllable}${symbol}`);

const mojibake = (s: string) => asCp1252(new TextEncoder().encode(s));

describe('property: capital syllables with a symbol after them stay byte-identical', () => {
  it('has the classes it claims to cover', () => {
    expect(CAPITAL_SYLLABLES).toEqual(expect.arrayContaining(['ĐÃ', 'NGÃ', 'THÌ', 'KHÍ', 'BÊ', 'CÔ']));
    expect(SYMBOLS).toEqual(expect.arrayContaining(['®', '©', '°', '±', '²', '³', '¼', '£', '¥', '§', '¶', '·', '¤']));
  });

  it('one or more such words in a correct line', () => {
    fc.assert(
      fc.property(context, fc.array(withSymbol, { minLength: 1, maxLength: 3 }), context, (before, words, after) => {
        const line = [before, ...words, after].filter(Boolean).join(' ');
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });

  it('mojibake of a capital syllable is still read where the line shows plain mojibake too', () => {
    // `CÔ` shows as `CÃ”`, `TH̀` never: the plain mojibake words make the line's reading sure.
    const damaged = CONTEXT.map((s) => s.toUpperCase()).filter((s) => /[^\u0000-\u00ff]/.test(mojibake(s)) || /Ã[\u00a1-\u00bf]|á»|áº/.test(mojibake(s)));
    fc.assert(
      fc.property(fc.constantFrom(...CAPITAL_SYLLABLES), fc.array(fc.constantFrom(...damaged), { minLength: 2, maxLength: 5 }), (syllable, words) => {
        const line = [...words, syllable].join(' ');
        expect(fix(mojibake(line)).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Words of other languages from their word lists that end, in capitals, in `Ì`, `Í`, `É`… (`Ariguaní`). */
const WORDS_DIR = join(__dirname, 'fixtures/words');
const FOREIGN = readdirSync(WORDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(WORDS_DIR, f), 'utf8').split('\n'))
  .filter((w) => !/\s/.test(w) && isTwoByteLead(w.toUpperCase().slice(-1)));
/** Every character Windows-1252 shows for a continuation byte, letters aside. */
const CONTINUATION_SIGNS = continuationCharacters((ch) => !/^[\p{L}\s\p{Cf}\p{Cc}]$/u.test(ch));

describe('property: a foreign word in capitals with a sign after it is no mojibake of a combining mark', () => {
  it('`ARIGUANÍ©` stays, not `ARIGUAN` + U+0369', () => {
    expect(FOREIGN.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...FOREIGN), fc.constantFrom(...CONTINUATION_SIGNS), (word, sign) => {
        const line = `${word.toUpperCase()}${sign}`;
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });
});
