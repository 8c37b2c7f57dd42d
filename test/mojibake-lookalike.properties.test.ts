/**
 * Correct text that merely looks like mojibake. Windows-1252 shows the UTF-8 of `Ô` as `Ã”`
 * and of `Å` as `Ã…`, so a Vietnamese word in capitals that ends in `Ã` (`ĐÃ`, `NGÃ`) or
 * `Â` (`BÊ`), followed by a closing quote, an ellipsis or a dash, is also a possible reading
 * of mojibake. Such words are no evidence and must stay in a correct line; in a line that
 * shows plain mojibake elsewhere they are read with the rest.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables } from '../src/orthography/index.js';
import { asCp1252, CP1252_BYTE_OF } from './support/byte-views.js';
import { capitalSyllables, continuationCharacters, MARKED_SYLLABLES } from './support/lookalikes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const model = defaultModel();


/** Characters shown for a byte that starts a UTF-8 sequence of two or three bytes. */
const isLeadByteChar = (ch: string) => {
  const b = CP1252_BYTE_OF.get(ch);
  return b !== undefined && b >= 0xc2 && b <= 0xef;
};

/** Marks that close a word in correct text, shown by Windows-1252 for continuation bytes. */
const CLOSING_MARKS = continuationCharacters((ch) => /^[\p{Pf}\p{Pe}\p{Pd}…]$/u.test(ch));

/** Syllables the model knows, in capitals, that end in such a character. */
const CAPITAL_SYLLABLES = capitalSyllables(isLeadByteChar);

/** Correct words of other lines around it: plain Vietnamese with marks. */
const CONTEXT = MARKED_SYLLABLES;

const context = fc.array(fc.constantFrom(...CONTEXT), { minLength: 0, maxLength: 6 }).map((ws) => ws.join(' '));
const lookalike = fc
  .tuple(fc.constantFrom(...CAPITAL_SYLLABLES), fc.constantFrom(...CLOSING_MARKS), fc.boolean())
  .map(([syllable, mark, quoted]) => (quoted ? `“${syllable}${mark}` : `${syllable}${mark}`));
const lookalikes = fc.array(lookalike, { minLength: 1, maxLength: 3 });

const mojibake = (s: string) => asCp1252(new TextEncoder().encode(s));

/** Syllables in capitals whose mojibake has that shape: `CÔ` shown as `CÃ”`, `TÒ` as `TÃ’`. */
const looksCorrect = (s: string) => /^\p{Lu}+Ã[…”’»›–—]$/u.test(mojibake(s));
const MOJIBAKE_LOOKALIKES = allSyllables()
  .filter((s) => s.length >= 2 && model.has(s))
  .map((s) => s.toUpperCase())
  .filter(looksCorrect);
/** Words whose mojibake shows for certain (`VIá»†T`). */
const PLAINLY_DAMAGED = CONTEXT.map((s) => s.toUpperCase()).filter((s) => !looksCorrect(s));

/** Characters shown for a byte that starts a UTF-8 sequence of two bytes. */
const isTwoByteLeadChar = (ch: string) => {
  const b = CP1252_BYTE_OF.get(ch);
  return b !== undefined && b >= 0xc2 && b <= 0xdf;
};

/**
 * Syllables in capitals ending in such a character (`MÃ`, `LÊ`, `CÔ`): before spaces each is
 * also the lead byte of a letter whose no-break space (`Mà`: C3 A0) became an ordinary space.
 */
const CAPITALS_BEFORE_SPACES = capitalSyllables(isTwoByteLeadChar);

/** Marked syllables with a letter only Unicode has (`bảng`, `đầu`): no Windows-1252 view shows them. */
const UNICODE_ONLY_SYLLABLES = MARKED_SYLLABLES.filter((s) => /[ăđĩũơư\u1ea0-\u1ef9]/.test(s));

/** Title-case syllables ending in `à` (`Mà`, `Nhà`): their mojibake ends in `Ã` and a no-break space. */
const TITLE_ENDING_IN_A_GRAVE = allSyllables()
  .filter((s) => s.length >= 2 && s.endsWith('à') && model.has(s))
  .map((s) => s[0].toUpperCase() + s.slice(1));

/**
 * Syllables, in each case, whose mojibake holds a three-byte sequence shown as a lead letter and
 * two symbols before the next letter (`diễn` → `diá»…n`, `MỒM` → `Má»’M`): each pair of those
 * characters alone is one correct text has (`á»`, `»’`), the three of them are not.
 */
const THREE_BYTE_SYMBOL_PAIRS = allSyllables()
  .filter((s) => model.has(s))
  .flatMap((s) => [s, s[0].toUpperCase() + s.slice(1), s.toUpperCase()])
  .filter((s) => /[\u00e0-\u00ef][\p{P}\p{S}]{2}\p{L}/u.test(mojibake(s)));

describe('property: correct text that looks like mojibake stays byte-identical', () => {
  it('has the classes it claims to cover', () => {
    expect(CAPITAL_SYLLABLES).toEqual(expect.arrayContaining(['ĐÃ', 'NGÃ', 'BÊ']));
    expect(CLOSING_MARKS).toEqual(expect.arrayContaining(['…', '”', '’', '–', '—', '»']));
  });

  it('capital syllables ending in Ã or Â, each then a closing mark, in a correct line', () => {
    fc.assert(
      fc.property(context, lookalikes, context, (before, words, after) => {
        const line = [before, ...words, after].filter(Boolean).join(' ');
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });

  it('mojibake of that shape (`CÃ”` for `CÔ`) is read where the line shows plain mojibake too', () => {
    expect(MOJIBAKE_LOOKALIKES).toEqual(expect.arrayContaining(['CÔ', 'NGÔ', 'TÒ']));
    const rest = fc.array(fc.constantFrom(...CONTEXT), { maxLength: 5 }).map((ws) => ws.join(' ').toUpperCase());
    fc.assert(
      fc.property(fc.constantFrom(...MOJIBAKE_LOOKALIKES), fc.constantFrom(...PLAINLY_DAMAGED), rest, (syllable, damaged, more) => {
        const line = [syllable, damaged, more].filter(Boolean).join(' ');
        expect(fix(mojibake(line)).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: mojibake whose every pair of characters real text has is read', () => {
  it('a word whose mojibake shows a lead letter and two symbols before a letter comes back alone', () => {
    expect(THREE_BYTE_SYMBOL_PAIRS).toEqual(expect.arrayContaining(['diễn', 'MỒM']));
    fc.assert(
      fc.property(fc.constantFrom(...THREE_BYTE_SYMBOL_PAIRS), (word) => {
        expect(fix(mojibake(word)).text).toBe(word);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: a capital syllable before spaces in a correct line stays', () => {
  const spaces = fc.integer({ min: 2, max: 12 }).map((n) => ' '.repeat(n));
  const prefix = fc.constantFrom('', '--from-code=', '-t ', '(', '=');
  const unicodeLine = fc
    .tuple(context, fc.array(fc.constantFrom(...UNICODE_ONLY_SYLLABLES), { minLength: 1, maxLength: 6 }))
    .map(([plain, marked]) => [...marked, plain].filter(Boolean).join(' '));

  it('has the classes it claims to cover', () => {
    expect(CAPITALS_BEFORE_SPACES).toEqual(expect.arrayContaining(['MÃ', 'NGÃ', 'LÊ', 'CÔ']));
    expect(TITLE_ENDING_IN_A_GRAVE).toEqual(expect.arrayContaining(['Mà', 'Nhà']));
  });

  it('`--from-code=MÃ   bảng mã`: the line gives no evidence for `Mà`', () => {
    fc.assert(
      fc.property(context, prefix, fc.constantFrom(...CAPITALS_BEFORE_SPACES), spaces, unicodeLine, (before, pre, syllable, gap, after) => {
        const line = `${before ? before + ' ' : ''}${pre}${syllable}${gap}${after}`;
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same bytes are read as `Mà` where the rest of the line is plain mojibake', () => {
    const damaged = fc.array(fc.constantFrom(...UNICODE_ONLY_SYLLABLES), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.constantFrom(...TITLE_ENDING_IN_A_GRAVE), damaged, (word, rest) => {
        // The no-break space of `à` (C3 A0) copied as an ordinary space, before the space after it.
        const shown = mojibake(word).replace(/\u00a0$/, ' ') + ' ' + mojibake(rest);
        expect(fix(shown).text).toBe(`${word} ${rest}`);
      }),
      { numRuns: RUNS },
    );
  });
});
