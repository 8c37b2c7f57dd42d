/**
 * Character classes for the tokenizer, looked up per UTF-16 code unit in a table that is
 * filled on demand (each code unit is classified by a Unicode property regex once).
 */

export const OTHER = 0;
/** A letter that is not upper case: Ll, Lm, Lo. */
export const LETTER = 1;
/** An upper-case or title-case letter: Lu, Lt. */
export const UPPER = 2;
/** A combining mark: Mn, Mc, Me. */
export const MARK = 3;
/** A decimal digit, any script. */
export const DIGIT = 4;
/** Whitespace, including NBSP and the other Unicode spaces. */
export const SPACE = 5;
/** An invisible format character: zero-width space/joiners, soft hyphen, word joiner, BOM. */
export const FORMAT = 6;
/** Half of a surrogate pair (or a lone surrogate). */
export const SURROGATE = 7;

const UNKNOWN = 255;

const IS_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{Nd}$/u;
const IS_FORMAT = /^\p{Cf}$/u;
const IS_SPACE = /^\s$/u;

/** The class of one code point given as a string (one or two code units). */
export function classify(ch: string): number {
  if (IS_UPPER.test(ch)) return UPPER;
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_MARK.test(ch)) return MARK;
  if (IS_DIGIT.test(ch)) return DIGIT;
  if (IS_FORMAT.test(ch)) return FORMAT; // before SPACE: U+FEFF matches \s in JavaScript
  if (IS_SPACE.test(ch)) return SPACE;
  return OTHER;
}

const table = new Uint8Array(0x10000).fill(UNKNOWN);
for (let code = 0; code < 0x10000; code++) {
  if (code >= 0xd800 && code <= 0xdfff) table[code] = SURROGATE;
}

/** The class of the BMP code unit `code` (surrogates give {@link SURROGATE}). */
export function classOf(code: number): number {
  const known = table[code];
  if (known !== UNKNOWN) return known;
  const computed = classify(String.fromCharCode(code));
  table[code] = computed;
  return computed;
}

const astral = new Map<number, number>();
/** Bound on the astral cache, so that text full of distinct emoji or CJK cannot grow it without end. */
const ASTRAL_CACHE_SIZE = 4096;

/** The class of a supplementary-plane code point. */
export function classOfAstral(codePoint: number): number {
  let known = astral.get(codePoint);
  if (known === undefined) {
    known = classify(String.fromCodePoint(codePoint));
    if (astral.size < ASTRAL_CACHE_SIZE) astral.set(codePoint, known);
  }
  return known;
}
