/**
 * What a lost byte leaves of a word: a letter of a real document's word becomes one or two
 * U+FFFD (a UTF-8 decoder replaces each invalid byte), and the letters glued to them are a
 * fragment, not a word of their own. `fix` may fill the replacement characters or leave them;
 * it must not repair the fragment into another word (`đ��ợc` → `đ��học`), nor anything else
 * of the line.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { glossaryLines, manpage } from './support/documents.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Lines of real Vietnamese documents that come out of `fix` unchanged, with a letter beyond ASCII. */
const LINES = [...glossaryLines, ...manpage.split('\n')]
  .filter((line) => /[^\x00-\x7f]/.test(line) && line.length < 300)
  .filter((line) => fix(line).text === line);

/** The positions of the letters beyond ASCII that sit inside a word (a letter on either side). */
function innerLetters(line: string): number[] {
  const inner: number[] = [];
  for (let i = 1; i + 1 < line.length; i++) {
    if (line.charCodeAt(i) < 0x80 || !/\p{L}/u.test(line[i])) continue;
    if (/\p{L}/u.test(line[i - 1]) && /\p{L}/u.test(line[i + 1])) inner.push(i);
  }
  return inner;
}

const damagedLine = fc
  .constantFrom(...LINES.filter((line) => innerLetters(line).length > 0))
  .chain((line) => fc.tuple(fc.constant(line), fc.constantFrom(...innerLetters(line)), fc.integer({ min: 1, max: 2 })))
  .map(([line, at, count]) => ({ damaged: line.slice(0, at) + '\ufffd'.repeat(count) + line.slice(at + 1), at, count }));

describe('property: the letters a lost byte leaves around U+FFFD', () => {
  it('has real lines to damage', () => {
    expect(LINES.length).toBeGreaterThan(50);
  });

  it('no edit reaches beyond the replacement characters', () => {
    fc.assert(
      fc.property(damagedLine, ({ damaged, at, count }) => {
        const { text, edits } = fix(damaged);
        const wordStart = damaged.slice(0, at).search(/\p{L}*$/u);
        const wordEnd = at + count + damaged.slice(at + count).match(/^\p{L}*/u)![0].length;
        for (const e of edits) {
          // The only edit is a fill of the replaced letter, inside the word that holds it.
          expect(e.kind).toBe('mojibake');
          expect(e.start).toBeGreaterThanOrEqual(wordStart);
          expect(e.end).toBeLessThanOrEqual(wordEnd);
          expect(e.before).toContain('\ufffd');
        }
        expect(fix(text).text).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
