/**
 * The code pages a line is read through (`codePageViews`) are found by tables before any word is
 * read: every page that reads some word of the line as its own Vietnamese (`ownVietnameseWord`,
 * the test the line's reading starts from) must be among them, or a line of that page's mojibake
 * would be left as it is. Checked on Vietnamese text shown through every view, mixed views, and
 * on any bytes shown through them.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_PAGE_VIEWS, WINDOWS_VIEW } from '../src/encoding/charsets.js';
import { codePageViews } from '../src/encoding/code-page-views.js';
import { CODE_PAGES } from '../src/encoding/tables/code-pages.js';
import { ownVietnameseWord } from '../src/encoding/whole-line.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables } from '../src/orthography/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const model = defaultModel();

/** The pages whose reading of some word of `line` is its own Vietnamese, as a bit set. */
function pagesReadingSomeWord(line: string): number {
  let pages = 0;
  for (const m of line.matchAll(/[^ \t\r]+/g)) {
    CODE_PAGE_VIEWS.forEach((view, k) => {
      if (ownVietnameseWord(line, m.index, m.index + m[0].length, view)) pages |= 1 << k;
    });
  }
  return pages;
}

/** Each page's table (byte → character), and the Windows view's as a table of its own. */
const WINDOWS_TABLE = (() => {
  const table = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
  for (const [ch, b] of WINDOWS_VIEW.byteOf) if (WINDOWS_VIEW.variantOf.get(ch) === undefined) table[b] = ch;
  return table.join('');
})();
const TABLES = [WINDOWS_TABLE, ...CODE_PAGES.map(([, table]) => table)];

function shownAs(table: string, text: string): string {
  let s = '';
  for (const b of new TextEncoder().encode(text)) s += table[b];
  return s;
}

// Syllables Vietnamese text uses, with a letter beyond ASCII; in any case.
const POOL = allSyllables().filter((s) => /[^a-z]/.test(s) && model.has(s));
const word = fc.tuple(fc.constantFrom(...POOL), fc.constantFrom('lower', 'title', 'upper'), fc.constantFrom('', '', ',', '.', '”', '…', '!')).map(
  ([s, style, after]) => (style === 'upper' ? s.toUpperCase() : style === 'title' ? s[0].toUpperCase() + s.slice(1) : s) + after,
);
/** A run of words shown through one view (`table`), once or twice. */
const shownRun = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.nat(TABLES.length - 1), fc.nat(TABLES.length - 1), fc.boolean())
  .map(([words, first, second, twice]) => {
    const once = shownAs(TABLES[first], words.join(' '));
    return twice ? shownAs(TABLES[second], once) : once;
  });

/**
 * Bytes of any kind: UTF-8 of letters of the Vietnamese alphabet, of Latin-1 and general
 * punctuation, of other characters, single bytes of any value and spaces, in any order.
 */
const LETTERS = [...'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ'].flatMap((c) => [c, c.toUpperCase()]);
const piece = fc.oneof(
  fc.constantFrom(...LETTERS).map((ch) => [...new TextEncoder().encode(ch)]),
  fc.integer({ min: 0x80, max: 0x206f }).map((c) => [...new TextEncoder().encode(String.fromCharCode(c))]),
  fc.integer({ min: 0x20, max: 0xff }).map((b) => [b]),
);
const anyBytes = fc.tuple(fc.array(piece, { maxLength: 16 }), fc.nat(TABLES.length - 1)).map(([pieces, k]) => {
  let s = '';
  for (const b of pieces.flat()) s += TABLES[k][b];
  return s;
});

/** Checks that the pages found for the words, joined as a line, include every page that reads one of them. */
function includesEveryReadingPage(runs: readonly string[]): void {
  const line = runs.join(' ');
  const pages = pagesReadingSomeWord(line);
  expect(codePageViews(line) & pages).toBe(pages);
}

describe('the code pages a line is read through', () => {
  it('include every page that reads a word of Vietnamese mojibake as its own', () => {
    fc.assert(
      fc.property(fc.array(shownRun, { minLength: 1, maxLength: 4 }), includesEveryReadingPage),
      { numRuns: RUNS },
    );
  });

  it('include every page that reads a word of any bytes as its own', () => {
    fc.assert(
      fc.property(fc.array(anyBytes, { minLength: 1, maxLength: 3 }), includesEveryReadingPage),
      { numRuns: RUNS * 10 },
    );
  });

  it('are none on Vietnamese text shown through Windows-1252 in lower case', () => {
    // ISO-8859-15 shows six of Windows-1252's characters for other bytes (`Ÿ` of `ở`), but none
    // of them ends a sequence of a lower-case Vietnamese letter: no page is asked of such lines.
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 12 }), (words) => {
        expect(codePageViews(shownAs(WINDOWS_TABLE, words.join(' ')))).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});
