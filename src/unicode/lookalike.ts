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

/** Counts the kinds of letters of `run`. */
export function shapeOf(run: string): RunShape {
  const shape: RunShape = { latin: 0, homoglyphs: 0, symbols: 0, eths: 0, other: 0 };
  for (const ch of run) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) shape.latin++;
    } else if (code >= 0x300 && code <= 0x36f) {
      // a combining mark, no letter
    } else if (code === 0xd0 || code === 0xf0) {
      shape.eths++;
      shape.latin++;
    } else if (HOMOGLYPHS.has(ch)) {
      shape.homoglyphs++;
      if (SYMBOL_GREEK.includes(ch)) shape.symbols++;
    } else if (LATIN_LETTER.test(ch)) {
      shape.latin++;
    } else if (LETTER.test(ch)) {
      shape.other++;
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
