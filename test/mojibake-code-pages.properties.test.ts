/**
 * Vietnamese UTF-8 shown through the other code pages a system may default to (Mac Roman,
 * Windows-1250, ISO-8859-2, Windows-1251, CP437, CP850, ISO-8859-15): every Vietnamese letter,
 * in either case, in words the training text uses, comes back exactly, and the damage is named
 * by a code page that shows the line as it was found. The damaged text is made here from the
 * tables written by src/encoding/tables/generate-code-pages.py (Python's codecs).
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { WINDOWS_VIEW } from '../src/encoding/charsets.js';
import { CODE_PAGES } from '../src/encoding/tables/code-pages.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables, isValidSyllable } from '../src/orthography/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const model = defaultModel();
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Bytes shown through a code page table. */
function shownAs(table: string, bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += table[b];
  return s;
}

/** The byte each character of a table stands for. */
const BYTES_OF = new Map(CODE_PAGES.map(([name, table]) => [`utf8-as-${name}`, new Map([...table].map((ch, b) => [ch, b] as const))]));
for (const name of WINDOWS_VIEW.names) BYTES_OF.set(name, WINDOWS_VIEW.byteOf as Map<string, number>);

/** Whether the view `detail` names turns `shown` back into exactly `bytes`. */
function viewShows(detail: string, shown: string, bytes: Uint8Array): boolean {
  const byteOf = BYTES_OF.get(detail);
  if (byteOf === undefined) return false;
  const chars = [...shown];
  return chars.length === bytes.length && chars.every((ch, i) => byteOf.get(ch) === bytes[i]);
}

/** character → byte of the Windows view and of every code page. */
const VIEWS: ReadonlyArray<ReadonlyMap<string, number>> = [
  WINDOWS_VIEW.byteOf,
  ...CODE_PAGES.map(([, table]) => new Map([...table].map((ch, b) => [ch, b] as const))),
];

/**
 * Whether the word, shown through `table`, is also mojibake of another Vietnamese syllable
 * through another view (`Má»€`: `MỤ` through ISO-8859-15, `MỀ` through Windows-1252, which
 * shows `€` for another byte; `Báşąn`: `Bằn` through ISO-8859-2, `Bẹn` through Windows-1250):
 * only the rest of a line can tell them apart, and the view listed first wins a tie.
 */
function alsoOtherMojibake(w: string, table: string): boolean {
  const shown = shownAs(table, utf8(w));
  return VIEWS.some((byteOf) => {
    const bytes: number[] = [];
    for (const ch of shown) {
      const b = byteOf.get(ch);
      if (b === undefined) return false;
      bytes.push(b);
    }
    const other = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
    return other !== w && isValidSyllable(other);
  });
}

/**
 * Whether the Windows view (Windows-1252 with ISO-8859-1's C1 controls and Windows-1258's
 * extras) shows the word's bytes through `table` alike (`á»‡` in Windows-1250): the line is
 * then the Windows passes' to read, and only a word of the page alone makes it the page's.
 */
function windowsReadsAlike(w: string, table: string): boolean {
  return [...utf8(w)].every((b) => WINDOWS_VIEW.byteOf.get(table[b]) === b);
}

/** Every letter of the Vietnamese alphabet beyond ASCII, lower and upper case. */
const LETTERS = [...'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ'].flatMap((c) => [c, c.toUpperCase()]);

// Syllables of two letters or more with a letter outside ASCII that Vietnamese text uses.
const POOL = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));
const CASES = ['lower', 'title', 'upper'] as const;
function inCase(w: string, c: (typeof CASES)[number]): string {
  return c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w;
}

/** Words of the pool in every case, by the letters beyond ASCII they hold. */
const WITH_LETTER = new Map<string, string[]>(LETTERS.map((l) => [l, []]));
for (const w of POOL) {
  for (const c of CASES) {
    const cased = inCase(w, c);
    for (const ch of new Set(cased)) WITH_LETTER.get(ch)?.push(cased);
  }
}

const word = fc.tuple(fc.constantFrom(...POOL), fc.constantFrom(...CASES)).map(([w, c]) => inCase(w, c));
/** A sentence of pool words with `letter` in one of them, anywhere in it. */
const sentenceWith = (letter: string) =>
  fc
    .tuple(fc.array(word, { minLength: 2, maxLength: 10 }), fc.constantFrom(...(WITH_LETTER.get(letter) as string[])), fc.nat())
    .map(([ws, w, at]) => {
      ws.splice(at % (ws.length + 1), 0, w);
      return ws.join(' ');
    });

describe('property: Vietnamese UTF-8 shown through another code page comes back exactly', () => {
  for (const [name, table] of CODE_PAGES) {
    it(`through ${name}: every letter, in either case, in words of the training text`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...LETTERS).chain(sentenceWith), (s) => {
          const words = s.split(' ');
          fc.pre(!words.some((w) => alsoOtherMojibake(w, table)) && !words.every((w) => windowsReadsAlike(w, table)));
          const bytes = utf8(s);
          const damaged = shownAs(table, bytes);
          const out = fix(damaged);
          expect(out.text).toBe(s);
          // Named by a view that shows the line as it was found (Windows-1252 where it shows
          // it alike: `á»‡` is the same in Windows-1250).
          for (const e of out.edits) {
            expect(e.kind).toBe('mojibake');
            expect(viewShows(e.detail ?? '', damaged, bytes), `${e.detail} for ${damaged}`).toBe(true);
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }

  for (const [name, table] of CODE_PAGES) {
    it(`through ${name}: one word in a line of correct text`, () => {
      const withOne = fc
        .tuple(fc.array(word, { minLength: 2, maxLength: 10 }), fc.constantFrom(...LETTERS), fc.nat(), fc.nat())
        .chain(([ws, letter, at, pick]) =>
          fc.constant({ ws, w: (WITH_LETTER.get(letter) as string[])[pick % (WITH_LETTER.get(letter) as string[]).length], at }),
        );
      fc.assert(
        fc.property(withOne, ({ ws, w, at }) => {
          fc.pre(!alsoOtherMojibake(w, table) && !windowsReadsAlike(w, table));
          const k = at % (ws.length + 1);
          const line = [...ws.slice(0, k), w, ...ws.slice(k)].join(' ');
          const damaged = [...ws.slice(0, k), shownAs(table, utf8(w)), ...ws.slice(k)].join(' ');
          expect(fix(damaged).text).toBe(line);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
