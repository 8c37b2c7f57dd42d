/**
 * Mojibake through code pages other than Windows-1252/1258: correct text of the languages those
 * pages are made for, and box-drawing text, comes out byte-identical (the lines of
 * test/fixtures/code-pages/, chosen by the script there); a line is read through one page, not
 * half through Windows-1252; a byte a decoder replaced is guessed back through the page.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { CODE_PAGE_UNDEFINED, CODE_PAGES } from '../src/encoding/tables/code-pages.js';
import { WINDOWS_VIEW } from '../src/encoding/charsets.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables } from '../src/orthography/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const utf8 = (s: string) => new TextEncoder().encode(s);
const TABLES = new Map(CODE_PAGES);

/** Bytes shown through a code page, undefined bytes as U+FFFD (as a decoder that replaces writes them). */
function shownReplacing(name: string, bytes: Uint8Array): string {
  const table = TABLES.get(name) as string;
  const undefinedBytes = CODE_PAGE_UNDEFINED[name] ?? [];
  let s = '';
  for (const b of bytes) s += undefinedBytes.includes(b) ? '\ufffd' : table[b];
  return s;
}

const LINES = readFileSync(new URL('./fixtures/code-pages/code-page-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => l.split('\t'));

describe('correct text of the code pages’ own languages, and box drawing, stays as it is', () => {
  for (const source of [...new Set(LINES.map(([s]) => s))]) {
    it(`${source}: ${LINES.filter(([s]) => s === source).length} lines`, () => {
      const changed = LINES.filter(([s]) => s === source)
        .map(([, , line]) => ({ line, out: fix(line) }))
        .filter(({ out }) => out.edits.length > 0)
        .map(({ line, out }) => `${line} → ${out.text}`);
      expect(changed).toEqual([]);
    });
  }
});

const model = defaultModel();

/** Whether the Windows view shows the word's bytes through `table` alike (see the properties test). */
function windowsReadsAlike(w: string, table: string): boolean {
  return [...utf8(w)].every((b) => WINDOWS_VIEW.byteOf.get(table[b]) === b);
}
const CASED = (w: string) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)];
const POOL = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));

describe('a line is read through one code page', () => {
  // Words whose Windows-1250 and Windows views agree (`á»‡`) and words only Windows-1250
  // shows (`Ăˇ`, `áşż`): all read through Windows-1250, none named as Windows-1252 or -1258.
  const cp1250 = TABLES.get('cp1250') as string;
  const shared = POOL.filter((w) => windowsReadsAlike(w, cp1250));
  const own = POOL.filter((w) => !shared.includes(w));
  it(`Windows-1250: ${shared.length} words it shows like Latin text, ${own.length} others`, () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...shared), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...own), { minLength: 1, maxLength: 4 }), (a, b) => {
        const line = [...a, ...b].join(' ');
        const damaged = [...utf8(line)].map((x) => cp1250[x]).join('');
        const out = fix(damaged);
        expect(out.text).toBe(line);
        expect(out.edits.map((e) => e.detail)).toEqual(out.edits.map(() => 'utf8-as-cp1250'));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe('a byte the code page leaves undefined, written as U+FFFD, is guessed back', () => {
  for (const [name, undefinedBytes] of Object.entries(CODE_PAGE_UNDEFINED)) {
    // Words with a letter whose UTF-8 holds an undefined byte, in the context of other words.
    const table = TABLES.get(name) as string;
    const targets = POOL.flatMap(CASED).filter((w) => [...utf8(w)].filter((b) => undefinedBytes.includes(b)).length === 1);
    // The other words of the line hold no such byte: one guess a line.
    const others = POOL.filter((w) => ![...utf8(w)].some((b) => undefinedBytes.includes(b)));
    it(`${name}: ${targets.length} words`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...others), { minLength: 2, maxLength: 8 }), fc.constantFrom(...targets), fc.nat(), (ws, w, at) => {
          // A line with a word the page alone shows: the line is the page's to read.
          fc.pre(ws.some((x) => !windowsReadsAlike(x, table)));
          const k = at % (ws.length + 1);
          const line = [...ws.slice(0, k), w, ...ws.slice(k)].join(' ');
          const out = fix(shownReplacing(name, utf8(line))).text.split(' ');
          const expected = line.split(' ');
          expect(out.length).toBe(expected.length);
          // The other words exactly; the damaged one as itself or a reading of the replaced
          // byte as another undefined byte (`để`, `đề`: only context tells them apart).
          const readings = new Set(
            undefinedBytes.map((b) => new TextDecoder().decode(Uint8Array.from([...utf8(w)].map((x) => (undefinedBytes.includes(x) ? b : x))))),
          );
          for (let i = 0; i < out.length; i++) {
            if (i === k) expect(readings.has(out[i]), `${w} read as ${out[i]}`).toBe(true);
            else expect(out[i]).toBe(expected[i]);
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
