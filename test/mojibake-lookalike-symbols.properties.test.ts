/**
 * Correct text that merely looks like mojibake, with a symbol after a word. Windows-1252 shows
 * every byte 0x80-0xBF as a character, and each completes a two-byte UTF-8 sequence started by
 * a capital such as `Ã`, `Ì` or `Í`: `ĐÃ®`, `THÌ°`, `KHÍ²` read as `ĐÃ` + `®` and also as
 * mojibake of `ĐÎ`, `THͰ`, `KH` + a combining mark. A Vietnamese syllable in capitals with a
 * trademark sign, a degree sign, a superscript, a fraction or a currency sign after it is
 * correct text and must stay; in a line that shows plain mojibake elsewhere it is read with
 * the rest.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables } from '../src/orthography/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';
import { asCp1252 } from './support/byte-views.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const model = defaultModel();

/** The Windows-1252 byte of each character it shows. */
const BYTE_OF = new Map([...CP1252].map((ch, b) => [ch, b] as const));

/** Characters shown for a byte that starts a UTF-8 sequence of two bytes. */
const isTwoByteLead = (ch: string) => {
  const b = BYTE_OF.get(ch);
  return b !== undefined && b >= 0xc2 && b <= 0xdf;
};

/**
 * Marks and symbols Windows-1252 shows for continuation bytes, that are no letters: every one
 * that can follow a word in correct text. The no-break space and the soft hyphen are left to
 * the Unicode stage's own tests.
 */
const SYMBOLS = [...CP1252]
  .map((ch, b) => ({ ch, b }))
  .filter(({ ch, b }) => b >= 0x80 && b <= 0xbf && /^[\p{P}\p{S}\p{No}]$/u.test(ch))
  .map(({ ch }) => ch);

/** Syllables the model knows, in capitals, that end in a capital starting a two-byte sequence. */
const CAPITAL_SYLLABLES = allSyllables()
  .filter((s) => s.length >= 2 && model.has(s))
  .map((s) => s.toUpperCase())
  .filter((s) => isTwoByteLead(s[s.length - 1]));

/** Correct words of other lines around it: plain Vietnamese with marks, in capitals or not. */
const CONTEXT = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));
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
    expect(SYMBOLS).toEqual(expect.arrayContaining(['™', '®', '©', '°', '±', '²', '³', '¼', '€', '£', '¥', '§', '¶', '·', '•', '¤']));
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
