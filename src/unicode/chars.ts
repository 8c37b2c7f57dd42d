/** Character tables of the Unicode stage: what looks suspicious, what it stands for. */

/**
 * Any character one of the rules could act on: combining diacritical marks (U+0300–U+036F and
 * the supplement/extended blocks U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F),
 * Hangul vowel/final jamo (decomposed Korean), `Ð`/`ð`, Greek and Cyrillic (homoglyphs), the
 * invisible format characters and the no-break spaces. Clean NFC Vietnamese contains none of
 * them, so this single test is the whole cost of the stage on clean text. (Without the `u`
 * flag and with a handful of ranges the test runs several times faster than `\p{M}` would.)
 */
export const SUSPICIOUS =
  /[\u00A0\u00AD\u00D0\u00F0\u0300-\u052F\u1160-\u11FF\u1AB0-\u1AFF\u1DC0-\u1DFF\u1F00-\u1FFF\u2007\u200B-\u200D\u202F\u2060\u20D0-\u20FF\uFE20-\uFE2F\uFEFF]/;

/**
 * Zero-width and invisible characters that damaged text carries inside or between words: zero
 * width space, (non-)joiner, word joiner, U+FEFF, soft hyphen.
 */
export function isInvisible(code: number): boolean {
  return code === 0x00ad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/**
 * No-break spaces used as word spaces: NBSP, narrow NBSP (U+202F) and the figure space
 * (U+2007, a digit-wide no-break space).
 */
export function isNoBreakSpace(code: number): boolean {
  return code === 0x00a0 || code === 0x202f || code === 0x2007;
}

/** A space that separates words: ASCII space and tab, or a no-break space. */
export function isWordSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || isNoBreakSpace(code);
}

/** An ASCII decimal digit. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Whether a neighbour of an invisible character lets us drop it. Joiners and non-joiners carry
 * meaning next to emoji (ZWJ sequences), in Arabic, Persian, Indic and other complex scripts,
 * and next to variation selectors; in Latin, Greek and Cyrillic text, digits, spaces and
 * common punctuation they are only damage. `undefined` stands for the line boundary.
 */
export function allowsInvisibleRemoval(code: number | undefined): boolean {
  if (code === undefined) return true;
  return (
    code < 0x0530 || // Latin, IPA, combining marks, Greek, Cyrillic
    (code >= 0x1e00 && code <= 0x1fff) || // Latin Extended Additional (Vietnamese), Greek Extended
    (code >= 0x2000 && code <= 0x206f) || // general punctuation, spaces, other invisibles
    (code >= 0x20a0 && code <= 0x20cf) // currency signs
  );
}

/** Vowel marks of Vietnamese letters as combining characters: circumflex, breve, horn. */
export const VOWEL_MARKS = '\u0302\u0306\u031B';
/** Tone marks as combining characters: grave, acute, tilde, hook above, dot below. */
export const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

/** Which vowel marks each base vowel takes in Vietnamese (â ă ê ô ơ ư). */
export const VOWEL_MARKS_OF: Readonly<Record<string, string>> = {
  a: '\u0302\u0306',
  e: '\u0302',
  o: '\u0302\u031B',
  u: '\u031B',
  i: '',
  y: '',
};

/**
 * Cyrillic and Greek letters that look like a Latin letter in common fonts, and that letter.
 * Only unambiguous look-alikes: Greek `ν`/`υ`/`ι`/`κ` or Cyrillic `к`/`п` are left out where
 * the shapes differ enough to be read as what they are.
 */
export const HOMOGLYPHS: ReadonlyMap<string, string> = new Map([
  // Cyrillic small
  ['а', 'a'], ['е', 'e'], ['о', 'o'], ['р', 'p'], ['с', 'c'], ['у', 'y'], ['х', 'x'],
  ['і', 'i'], ['ј', 'j'], ['ѕ', 's'], ['ԁ', 'd'], ['һ', 'h'], ['ԛ', 'q'], ['ԝ', 'w'], ['ӏ', 'l'],
  // Cyrillic capital
  ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'], ['Р', 'P'],
  ['С', 'C'], ['Т', 'T'], ['Х', 'X'], ['У', 'Y'], ['І', 'I'], ['Ј', 'J'], ['Ѕ', 'S'], ['Ԛ', 'Q'],
  ['Ԝ', 'W'], ['Ӏ', 'I'],
  // Greek small
  ['ο', 'o'], ['α', 'a'], ['ν', 'v'], ['ι', 'i'], ['ρ', 'p'], ['κ', 'k'], ['υ', 'u'],
  // Greek capital
  ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'],
  ['Ν', 'N'], ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X'],
]);

/**
 * Greek small letters that science writes next to Latin ones (`νe` the electron neutrino,
 * `TNFα`, `κB`): mapped only when the word becomes a syllable that is clearly Vietnamese.
 * Omicron and the capitals are not among them: nobody tells them from Latin letters.
 */
export const SYMBOL_GREEK = 'ανιρκυ';

/** A letter of the Latin script (ASCII, Latin-1, Latin Extended, Vietnamese). */
export const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Letters that only Vietnamese writes (ă đ ơ ư ĩ ũ and the Latin Extended Additional block of
 * toned vowels): one valid syllable with one of these is good evidence of Vietnamese.
 */
export const VIETNAMESE_LETTER = /[ăĂđĐơƠưƯĩĨũŨ\u1EA0-\u1EF9]/;
/** Letters with marks that Vietnamese shares with French, Portuguese, …: weaker evidence. */
export const MARKED_LETTER = /[\u00C0-\u024F]/;
