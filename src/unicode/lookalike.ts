/** Look-alike letters: `Ð`/`ð` for `Đ`/`đ`, Cyrillic and Greek homoglyphs inside Latin words. */
import { HOMOGLYPHS, LATIN_LETTER, SYMBOL_GREEK } from './chars.js';
import { composeClusters } from './compose.js';

/** What a letter run (letters and combining marks, no spaces) is made of. */
export interface RunShape {
  /** Letters of the Latin script, `Ð`/`ð` included. */
  latin: number;
  /** Cyrillic or Greek letters that look like a Latin one. */
  homoglyphs: number;
  /** Of those, Greek small letters that also serve as symbols ({@link SYMBOL_GREEK}). */
  symbols: number;
  /** `Ð` U+00D0 or `ð` U+00F0. */
  eths: number;
  /** Letters of any other kind (real Cyrillic or Greek, other scripts). */
  other: number;
}

const LETTER = /\p{L}/u;

/** Kinds of character for {@link shapeOf}; 0 means not yet known. */
const LATIN = 1;
const HOMOGLYPH = 2;
/** A homoglyph among {@link SYMBOL_GREEK}. */
const SYMBOL = 3;
const ETH = 4;
const OTHER_LETTER = 5;
const NOT_LETTER = 6;
/** The kind of each BMP code unit, learnt once per code unit: a look-up instead of a map and a property test per letter. */
const KIND = new Uint8Array(0x10000);

/** The kind of one character (a code point, as a string). */
function kindOf(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? LATIN : NOT_LETTER;
  if (code >= 0x300 && code <= 0x36f) return NOT_LETTER; // a combining mark, no letter
  if (code === 0xd0 || code === 0xf0) return ETH;
  if (HOMOGLYPHS.has(ch)) return SYMBOL_GREEK.includes(ch) ? SYMBOL : HOMOGLYPH;
  if (LATIN_LETTER.test(ch)) return LATIN;
  return LETTER.test(ch) ? OTHER_LETTER : NOT_LETTER;
}

/** Counts the kinds of letters of `run`. */
export function shapeOf(run: string): RunShape {
  const shape: RunShape = { latin: 0, homoglyphs: 0, symbols: 0, eths: 0, other: 0 };
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    let kind: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < run.length && (run.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      kind = kindOf(run.slice(i, i + 2)); // a character beyond the BMP: rare, not remembered
      i++;
    } else {
      kind = KIND[code];
      if (kind === 0) KIND[code] = kind = kindOf(run[i]);
    }
    switch (kind) {
      case LATIN:
        shape.latin++;
        break;
      case ETH:
        shape.eths++;
        shape.latin++;
        break;
      case SYMBOL:
        shape.symbols++;
        shape.homoglyphs++;
        break;
      case HOMOGLYPH:
        shape.homoglyphs++;
        break;
      case OTHER_LETTER:
        shape.other++;
        break;
    }
  }
  return shape;
}

/**
 * `run` with `Ð`/`ð` read as `Đ`/`đ` and every homoglyph as its Latin letter. Precomposed
 * Cyrillic/Greek letters with marks (`ѐ`, `ό`) are decomposed first, so their marks land on
 * the Latin letter; the letters are then composed again. Each letter is decomposed and
 * composed on its own, so the cost stays linear however many marks the run has.
 */
export function mapLookalikes(run: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    let mapped: string;
    if (code === 0xd0) mapped = '\u0110';
    else if (code === 0xf0) mapped = '\u0111';
    else if ((code >= 0x370 && code <= 0x52f) || (code >= 0x1f00 && code <= 0x1fff)) {
      const d = run[i].normalize('NFD');
      mapped = (HOMOGLYPHS.get(d[0]) ?? d[0]) + d.slice(1);
      if (mapped === run[i]) continue;
    } else continue;
    out += run.slice(copied, i) + mapped;
    copied = i + 1;
  }
  return copied === 0 ? run : composeClusters(out + run.slice(copied), new Set());
}

/**
 * An abbreviation or initial in capitals, `ĐT`, `VPĐUK`, `Nguyễn Văn Đ.`: ASCII capitals and
 * `Đ` only (an Icelandic capital word such as `GUÐRÚN` has other marked letters).
 */
export function isCapitalAbbreviation(s: string): boolean {
  return /^[A-Z\u0110]+$/.test(s);
}
