import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Locator } from '../src/cli/locate.js';
import type { Edit } from '../src/types.js';
import { cutAt } from './support/pieces.js';

/** A text of short lines (newlines frequent) cut into consecutive pieces at random places. */
const pieces = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'ệ', ' ', '\n'), { maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 5 }))
  .map(([chars, cuts]) => {
    const text = chars.join('');
    return cutAt(text, cuts.map((c) => Math.min(c, text.length)));
  });

/** Sorted, non-overlapping edits of one piece, some with a `detail` and some without. */
function editsOf(piece: string, seeds: readonly number[]): Edit[] {
  const edits: Edit[] = [];
  let pos = 0;
  for (const seed of seeds) {
    const start = pos + (seed % 3);
    const end = Math.min(piece.length, start + (seed % 2));
    if (start > piece.length) break;
    const edit: Edit = { start, end, before: piece.slice(start, end), after: 'x', kind: 'unicode', confidence: seed % 5 === 0 ? 0.99 : 1 };
    if (seed % 2 === 0) edit.detail = 'nfc';
    edits.push(edit);
    pos = end + 1;
  }
  return edits;
}

describe('Locator', () => {
  it('gives each edit its offset, line and column in the whole text, keys in the order of the edit then line and column', () => {
    fc.assert(
      fc.property(pieces, fc.array(fc.nat(100), { maxLength: 8 }), (parts, seeds) => {
        const loc = new Locator();
        const whole = parts.join('');
        let offset = 0;
        for (const piece of parts) {
          const edits = editsOf(piece, seeds);
          const located = loc.locate(piece, edits);
          // The oracle: counted in the whole text, built the way a spread of the edit would be.
          const expected = edits.map((e) => {
            const start = e.start + offset;
            const lineStart = whole.slice(0, start).lastIndexOf('\n') + 1;
            const line = whole.slice(0, start).split('\n').length;
            return { ...e, start, end: e.end + offset, line, column: start - lineStart + 1 };
          });
          expect(JSON.stringify(located)).toBe(JSON.stringify(expected));
          offset += piece.length;
        }
        expect(loc.nextLine).toBe(whole.split('\n').length);
      }),
    );
  });
});
