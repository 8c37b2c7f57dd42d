import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits } from '../src/edits.js';
import { composeClusters, unicodeStage } from '../src/unicode/index.js';

const stage = unicodeStage({});

/** Marks and other code units that follow a letter in damaged text. */
const MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031B', '\u0308', '\u0327'];
const TAILS = [...MARKS, ...MARKS, '\u1175', '\u11A8', '\u11F9', '\uDC00', '\uD800'];

/** A word: letters (Latin, Vietnamese precomposed, a Hangul leading jamo), each with 0–3 code units after it. */
const word = fc
  .array(
    fc.tuple(fc.constantFrom('a', 'o', 'u', 'e', 'y', 'n', 'g', 'â', 'ơ', 'ư', 'ê', 'ô', 'ă', '\u1100', 'x'), fc.array(fc.constantFrom(...TAILS), { maxLength: 3 })),
    { minLength: 1, maxLength: 5 },
  )
  .map((letters) => letters.map(([l, t]) => l + t.join('')).join(''));

/** The edit of one word as the stage specifies it: the composed word trimmed of what it shares with the original at both ends, never cutting a letter from a mark or a surrogate pair. */
function trimmedEdit(line: string, start: number, end: number, after: string): { start: number; end: number; after: string } {
  const cont = (s: string, i: number) => i > 0 && i < s.length && (/^\p{M}$/u.test(s[i]) || (s.charCodeAt(i) & 0xfc00) === 0xdc00);
  const before = line.slice(start, end);
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  while (head > 0 && (cont(before, head) || cont(after, head))) head--;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  while (tail > 0 && (cont(before, before.length - tail) || cont(after, after.length - tail))) tail--;
  return { start: start + head, end: end - tail, after: after.slice(head, after.length - tail) };
}

describe('Unicode stage: the edit of a composed word', () => {
  it('is the composed word trimmed at both ends, whatever marks, jamo or lone surrogates it holds', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        // A line that reads as Vietnamese whatever the words are.
        const line = ['Tiếng', 'Việt', ...words].join(' ');
        const edits = stage.mayApply!(line) ? stage.run(line) : [];
        const expected: { start: number; end: number; after: string }[] = [];
        let start = 0;
        for (const w of line.split(' ')) {
          const composed = composeClusters(w, new Set());
          if (composed !== w) expected.push(trimmedEdit(line, start, start + w.length, composed));
          start += w.length + 1;
        }
        expect(edits.map(({ start, end, after }) => ({ start, end, after }))).toEqual(expected);
        expect(applyEdits(line, edits)).toBe(line.split(' ').map((w) => composeClusters(w, new Set())).join(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
