/** Character tables of the Unicode stage: what looks suspicious, what it stands for. */

/**
 * Any character one of the rules could act on: combining diacritical marks (U+0300–U+036F and
 * the supplement/extended blocks U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F),
 * Hangul vowel/final jamo (decomposed Korean), `Ð`/`ð`, Greek and Cyrillic (homoglyphs), the
 * invisible format characters and the no-break spaces. Clean NFC Vietnamese contains none of
 * them. Inclusive ranges of UTF-16 code units.
 */
const SUSPICIOUS_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x00a0], [0x00ad, 0x00ad], [0x00d0, 0x00d0], [0x00f0, 0x00f0], [0x0300, 0x052f],
  [0x1160, 0x11ff], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x1f00, 0x1fff], [0x2007, 0x2007],
  [0x200b, 0x200d], [0x202f, 0x202f], [0x2060, 0x2060], [0x20d0, 0x20ff], [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
];

const SUSPICIOUS_UNIT = new Uint8Array(0x10000);
for (const [from, to] of SUSPICIOUS_RANGES) SUSPICIOUS_UNIT.fill(1, from, to + 1);

/**
 * Whether `line` holds a character of {@link SUSPICIOUS_RANGES}: the whole cost of the stage on
 * clean text. A table look-up per code unit, which runs faster than a character-class regular
 * expression with these ranges.
 */
export function hasSuspicious(line: string): boolean {
  if (scannedLine !== undefined && line === scannedLine) {
    // Read once and let go: the line may be a slice that keeps a caller's whole text alive.
    scannedLine = undefined;
    return scannedSuspicious;
  }
  for (let i = 0; i < line.length; i++) if (SUSPICIOUS_UNIT[line.charCodeAt(i)] !== 0) return true;
  return false;
}

/** Whether `s.slice(from, to)` holds a character of {@link SUSPICIOUS_RANGES}. */
export function hasSuspiciousIn(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (SUSPICIOUS_UNIT[s.charCodeAt(i)] !== 0) return true;
  return false;
}

/** Whether the Unicode stage may act on the code unit `c` (see {@link hasSuspicious}). */
export function isSuspiciousUnit(c: number): boolean {
  return SUSPICIOUS_UNIT[c] !== 0;
}

/**
 * The last line whose answer to {@link hasSuspicious} a scan made for another reason already
 * found: the encoding stage's clean-line test reads every code unit of a line just before the
 * Unicode stage's test reads the same line, so it answers for both in one pass. Kept until
 * that test reads it.
 */
let scannedLine: string | undefined;
let scannedSuspicious = false;

/** Records what {@link hasSuspicious} is for `line`, found by a scan of the whole line. */
export function noteSuspicious(line: string, suspicious: boolean): void {
  scannedLine = line;
  scannedSuspicious = suspicious;
}

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

/**
 * Whether the no-break space or soft hyphen at `k` is a byte of Vietnamese UTF-8 shown as
 * Windows-1252/1258 (`Ã ` is `à`, `Ã­` is `í`, `Æ ` is `Ơ`, `á»­` is `ử`): mojibake that the
 * encoding stage left as it was (a quoted example, or a reading it was unsure of). It keeps its
 * bytes, so that it stays what it was and can still be read; it is no typography to tidy.
 */
export function isMojibakeByte(line: string, k: number): boolean {
  const code = line.charCodeAt(k);
  if ((code !== 0x00a0 && code !== 0x00ad) || k === 0) return false;
  const before = line.charCodeAt(k - 1);
  if (before === 0x00c3 || before === 0x0102 || before === 0x00c6) return true; // Ã, Ă (Windows-1258), Æ
  return (before === 0x00ba || before === 0x00bb) && k >= 2 && line.charCodeAt(k - 2) === 0x00e1; // áº, á»
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

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** Per BMP code unit: 0 not yet known, 1 a letter or mark, 2 neither. */
const letterOrMarkUnit = new Uint8Array(0x10000);

/**
 * Whether the code point `code` is a letter or a combining mark. One property test per BMP
 * code unit, remembered; a per-character test instead of a `[\p{L}\p{M}]+` scan, whose
 * backtracking stack overflows on a run of some million letters.
 */
export function isLetterOrMark(code: number): boolean {
  if (code > 0xffff) return LETTER_OR_MARK.test(String.fromCodePoint(code));
  let known = letterOrMarkUnit[code];
  if (known === 0) {
    known = LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : 2;
    letterOrMarkUnit[code] = known;
  }
  return known === 1;
}

const MARK_CHAR = /^\p{M}$/u;
/** Per BMP code unit: 0 not yet known, 1 a combining mark, 2 not. */
const markUnit = new Uint8Array(0x10000);

/**
 * Whether the UTF-16 code unit `code` is a combining mark on its own (a surrogate never is):
 * one property test per code unit, remembered, instead of a regular expression and a
 * one-character string each time.
 */
export function isMarkUnit(code: number): boolean {
  let known = markUnit[code];
  if (known === 0) {
    known = MARK_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    markUnit[code] = known;
  }
  return known === 1;
}
