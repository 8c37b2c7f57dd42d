// Generators of the fuzz suites: Vietnamese text clean and damaged, mojibake and legacy
// encodings, combining-mark piles, unspaced syllables, HTML references, and the option sets.
import fc from 'fast-check';
import { allSyllables, encode, type FixOptions } from '../../src/index.js';

export const syllables = allSyllables();

/** A valid syllable in lower, Title or UPPER case. */
export const syllable = fc.tuple(fc.integer({ min: 0, max: syllables.length - 1 }), fc.integer({ min: 0, max: 9 })).map(([i, c]) => {
  const s = syllables[i];
  if (c === 0) return s.toUpperCase();
  if (c <= 2) return s[0].toUpperCase() + s.slice(1);
  return s;
});

const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const VOWEL_MARKS = ['\u0302', '\u0306', '\u031B'];
const OTHER_MARKS = ['\u0308', '\u030C', '\u0327', '\u0328', '\u0304', '\u20D7', '\u1DC4'];
const mark = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TONES) }, { weight: 3, arbitrary: fc.constantFrom(...VOWEL_MARKS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_MARKS) });

/** What OCR and careless typing do to a syllable: marks lost or moved, letters confused, cuts. */
export const damagedSyllable = fc.tuple(syllable, fc.integer({ min: 0, max: 6 }), fc.nat()).map(([s, kind, at]) => {
  const i = s.length > 0 ? at % s.length : 0;
  switch (kind) {
    case 0:
      return s.normalize('NFD').replace(/\p{M}/gu, '');
    case 1:
      return s.normalize('NFD');
    case 2:
      return s.slice(0, i) + ' ' + s.slice(i); // a split syllable: `nhữ ng`
    case 3:
      return s.slice(0, i) + s.slice(i + 1);
    case 4:
      return s.slice(0, i) + '16éoc'[at % 5] + s.slice(i + 1);
    case 5:
      return s.normalize('NFD').split('').reverse().join('').normalize('NFC');
    default:
      return s;
  }
});

const PUNCTUATION = [' ', ' ', ' ', ', ', '. ', ': ', ' - ', '… ', '“', '”', '(', ')', '\u00A0', '\u200B', '\t', '\r'];
const OTHER_WORDS = ['the', 'Paris', 'café', 'UNESCO', 'H5N1', 'iPhone', '2026', '1.250.000', 'www.example.com', 'ĐT', 'Guðrún', 'с', 'ο', 'α', '®', '😀', '한국어', 'Ω'];

/** Vietnamese text, clean and damaged, with the words and signs that go with it. */
export const vietnamesePieces = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: syllable },
      { weight: 4, arbitrary: damagedSyllable },
      { weight: 5, arbitrary: fc.constantFrom(...PUNCTUATION) },
      { weight: 2, arbitrary: fc.constantFrom(...OTHER_WORDS) },
      { weight: 1, arbitrary: mark },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

export const cleanPhrase = fc.array(syllable, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));

/** A Vietnamese phrase as UTF-8 read as Windows-1252 or Latin-1 (once or twice), or in a legacy encoding shown as Windows-1252. */
const windows1252 = new TextDecoder('windows-1252');
const LEGACY = ['tcvn3', 'vni', 'viscii', 'vps', 'windows-1258', 'viqr'] as const;
export const mojibakePiece = fc.tuple(cleanPhrase, fc.integer({ min: 0, max: LEGACY.length + 2 })).map(([phrase, how]) => {
  if (how === 0) return windows1252.decode(new TextEncoder().encode(phrase));
  if (how === 1) return Buffer.from(phrase, 'utf8').toString('latin1');
  if (how === 2) return windows1252.decode(new TextEncoder().encode(windows1252.decode(new TextEncoder().encode(phrase))));
  const bytes = encode(phrase, LEGACY[how - 3]);
  return bytes === undefined ? phrase : windows1252.decode(bytes);
});
export const mojibakePieces = fc
  .array(fc.oneof({ weight: 3, arbitrary: mojibakePiece }, { weight: 2, arbitrary: vietnamesePieces }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), {
    maxLength: 6,
  })
  .map((parts) => parts.join(' '));

/** Letters followed by runs of combining marks, from none to piles longer than any letter has. */
export const combiningRuns = fc
  .array(
    fc.tuple(
      fc.constantFrom('a', 'y', 'Y', 'o', 'ư', 'ô', 'ế', 'đ', 'Ð', 'ο', 'с', ' ', '1', '한', '\u1100'),
      fc.oneof({ weight: 4, arbitrary: fc.array(mark, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(mark, { minLength: 25, maxLength: 40 }) }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.map(([base, marks]) => base + marks.join('')).join(''));

/** Vietnamese syllables without the spaces between them, in runs of any length. */
export const unspaced = fc
  .array(fc.tuple(fc.array(fc.oneof(syllable, damagedSyllable), { minLength: 1, maxLength: 12 }), fc.constantFrom(' ', ', ', '')), { maxLength: 4 })
  .map((runs) => runs.map(([words, sep]) => words.join('').replaceAll(' ', '') + sep).join(''));

/** Vietnamese letters as HTML character references, with the markup references that must stay. */
const entity = fc.oneof(
  syllable.map((s) => [...s].map((ch) => (ch.charCodeAt(0) > 0x7f ? `&#${ch.codePointAt(0)};` : ch)).join('')),
  syllable.map((s) => [...s].map((ch) => (ch.charCodeAt(0) > 0x7f ? `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};` : ch)).join('')),
  fc.constantFrom('&ecirc;', '&Ecirc;', '&ocirc;', '&agrave;', '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&#0;', '&#xD800;', '&#1114112;', '&#x1F600;', '&', '&#', '&#x;', '&bogus;'),
);
export const htmlEntities = fc.array(fc.oneof(entity, syllable, fc.constantFrom(' ', ' ', '<b>', '</b>', ', ')), { maxLength: 20 }).map((parts) => parts.join(''));

const OPTIONS: readonly FixOptions[] = [
  {},
  { toneStyle: 'old', diacritics: true },
  { toneStyle: 'new', diacritics: true },
  { toneStyle: 'old', ocr: true },
  { toneStyle: 'new', diacritics: false, ocr: true },
  { diacritics: true, ocr: true },
];
export const options = fc.constantFrom(...OPTIONS);

/** Several lines of one kind of input. */
export const lines = (piece: fc.Arbitrary<string>) => fc.array(piece, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
