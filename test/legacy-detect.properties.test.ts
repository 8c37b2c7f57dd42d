// Legacy detection scores each encoding's reading of a whole file by the share of its
// non-ASCII words that are Vietnamese syllables. The words are found through a table of code
// units; they must be exactly the runs of `[^\s\p{P}\p{N}]` a Unicode regex finds, whatever the
// text (astral letters, digits and punctuation, lone surrogates included).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vietnameseShare } from '../src/encoding/decode.js';
import { syllableCount } from '../src/encoding/score.js';

/** The share as the regex defines it. */
function regexShare(text: string): number {
  let words = 0;
  let valid = 0;
  for (const m of text.matchAll(/[^\s\p{P}\p{N}]+/gu)) {
    if (!/[^\x00-\x7F]/.test(m[0])) continue;
    words++;
    if (syllableCount(m[0]) === 1 && /^[\p{L}\p{M}]+$/u.test(m[0])) valid++;
  }
  return words === 0 ? 0 : valid / words;
}

/**
 * Pieces of text of every kind the word test tells apart: Vietnamese syllables (precomposed
 * and decomposed), ASCII, spaces of several kinds, punctuation and digits of the BMP and
 * beyond it (𐄀 U+10100 is punctuation, 𝟘 U+1D7D8 a digit), astral letters and emoji, lone
 * surrogates, the Windows-1252 view of legacy bytes.
 */
const pieces = fc.constantFrom(
  'tiếng', 'Việt', 'người', 'ĐẠI', 'hoà', 'thủy', 'Tie\u0302\u0301ng', 'TiÕng', 'ViÖt', 'Tieáng', 'Ti¬ng',
  'the', 'a', 'x2', 'ab', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', ',', '.', '“', '”', '…', '-', '¿', '«',
  '0', '9', '½', '²', '٣', '𐄀', '𝟘', '𝐀', '😀', '𠀀', '\ud800', '\udc00', '\udbff\udfff', 'ß', 'ñ', 'ы', 'ά', '\u0301', '\u00ad',
);
const texts = fc.oneof(fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')), fc.string({ maxLength: 60, unit: 'binary' }), fc.string({ maxLength: 60 }));

describe('property: legacy detection reads the words a Unicode regex finds', () => {
  it('share of Vietnamese syllables, table scan = regex', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(vietnameseShare(text)).toBe(regexShare(text));
      }),
      { numRuns: 3000 },
    );
  });
});
