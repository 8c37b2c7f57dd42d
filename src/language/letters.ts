/**
 * The letter alphabet of the language models: every letter folds to its base letter without
 * marks (`é` → `e`, `đ` → `d`), and the letters without a base letter of `a`–`z` (`ß`, `ø`, `æ`,
 * `œ`, `ı`, …) share one code. Shared by the data builder and the reader, so that both fold
 * the same way.
 */

/** Code of a word boundary in character n-grams. */
export const BOUNDARY = 0;
/** Code of a letter that folds to no letter of `a`–`z`. */
export const OTHER_LETTER = 27;
/** Codes 0 (boundary), 1–26 (`a`–`z`), 27 (any other letter). */
export const ALPHABET = 28;

const foldCache = new Map<number, number>();

/** The base-letter code (1–26, or {@link OTHER_LETTER}) of a lower-case letter's code point. */
export function letterCode(cp: number): number {
  if (cp >= 0x61 && cp <= 0x7a) return cp - 0x60;
  if (cp < 0xc0) return OTHER_LETTER;
  let code = foldCache.get(cp);
  if (code === undefined) {
    const base = cp === 0x111 ? 'd' : String.fromCodePoint(cp).normalize('NFD')[0];
    const b = base.charCodeAt(0);
    code = b >= 0x61 && b <= 0x7a ? b - 0x60 : OTHER_LETTER;
    foldCache.set(cp, code);
  }
  return code;
}

/** The base letters of a lower-case word, without marks (`đường` → `duong`), for look-ups. */
export function foldWord(lower: string): string {
  let out = '';
  for (const ch of lower) {
    const code = letterCode(ch.codePointAt(0)!);
    out += code === OTHER_LETTER ? ch : String.fromCharCode(0x60 + code);
  }
  return out;
}
