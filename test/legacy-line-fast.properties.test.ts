// The encoding stage judges a line that only the legacy pass (or only the VIQR pass) can change
// from interned word ids (src/encoding/stage.ts, legacyLineFast). It must give exactly the edits
// of the general path, on lines wholly in one legacy font or in VIQR and on every kind of line
// that may or may not take it.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { encode } from '../src/index.js';
import { encodingStage, setLegacyFastPath } from '../src/encoding/stage.js';
import { asCp1252 } from './support/byte-views.js';
import { cleanPhrase, mojibakePiece, syllable, vietnamesePieces } from './support/fuzz-inputs.js';

const FONTS = ['tcvn3', 'vni', 'viscii', 'vps', 'windows-1258', 'viqr'] as const;

/** Text in a legacy font shown through Windows-1252, as an archive in it reads (the text itself where the font cannot write it). */
function inFont(text: string, font: (typeof FONTS)[number]): string {
  const bytes = encode(text, font);
  return bytes === undefined ? text : asCp1252(bytes);
}

const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '! ', '? ', ': ', ' - ', '… ', '  ', '\t', ' “', '” ', ' (', ') ', ' «', '» ', ' "', '" ', " '", "' ", '?', ' dd', ' e.g. '];

/** A Vietnamese sentence: syllables with the punctuation and spacing of running text. */
const sentence = fc
  .array(fc.tuple(syllable, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join('').trim());

/** Words that are no Vietnamese: English, other languages, code, numbers, names and signs. */
const OTHER = [
  'the', 'and', 'Windows', 'café', 'può', 'gång', 'naïve', 'Straße', 'Ærø', 'façade', 'señor', 'München', 'François',
  '--print-bytes', '%s', '«%s»', '»%s«', '$HOME', '<url>', '__c6xabi', 'a_b/c.d', 'x=1;', '0x1F', 'UBND', 'H5N1',
  '1.250.000', '2026', 'www.example.com', 'ĐT', 'Ω', '®', '©', '°C', '½', '€', '™', '“Ô”', '„IRMÃ”', '»MÅ«', 'ARIGUANÍ©',
];

/** One legacy font's sentence, with words of other kinds around it. */
const mixed = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(sentence, fc.constantFrom(...FONTS)).map(([s, font]) => inFont(s, font)) },
      { weight: 2, arbitrary: fc.constantFrom(...OTHER) },
      { weight: 1, arbitrary: mojibakePiece },
      { weight: 1, arbitrary: vietnamesePieces },
      { weight: 1, arbitrary: cleanPhrase },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

const stage = encodingStage();

/** The stage's edits of `line` by the general path and by the fast one: equal. */
function sameBothWays(line: string): void {
  if (!stage.mayApply!(line)) return;
  setLegacyFastPath(false);
  const general = stage.run(line);
  setLegacyFastPath(true);
  expect(stage.run(line)).toEqual(general);
}

const before = setLegacyFastPath(true);
let wholeLines = 0;

describe('property: the legacy fast path edits a line as the general path does', () => {
  for (const font of FONTS) {
    it(`a line wholly in ${font}`, () => {
      fc.assert(
        fc.property(sentence, (s) => {
          wholeLines++;
          sameBothWays(inFont(s, font));
        }),
        { numRuns: 300 },
      );
    });
  }
  it('lines of fonts mixed with English, other languages, code, quotes, mojibake and Unicode', () => {
    fc.assert(fc.property(mixed, sameBothWays), { numRuns: 1500 });
  });
  it('sentences of several fonts and plain Vietnamese on one line', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sentence, fc.constantFrom(...FONTS, 'unicode' as const)), { minLength: 2, maxLength: 4 }), (parts) =>
        sameBothWays(parts.map(([s, font]) => (font === 'unicode' ? s : inFont(s, font))).join(' ')),
      ),
      { numRuns: 500 },
    );
  });
  afterAll(() => {
    // The comparison means something only where the fast path was taken: most lines wholly in
    // one font are its case.
    expect(setLegacyFastPath(true) - before).toBeGreaterThan(wholeLines / 4);
  });
});
