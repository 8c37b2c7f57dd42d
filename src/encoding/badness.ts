/**
 * How implausible a piece of text is, in any language: a count of characters that almost
 * never stand next to each other in real text but do in mojibake (after ftfy's `badness`).
 * Every re-decoding must lower it, so text that reads as it is (`CAFÉ®`, `JOSÉ’s`, `12×…`)
 * is never turned into something stranger (`CAFɮ`, `JOSɒs`, `12ׅ`).
 */

const TABLE_SIZE = 0x2200;

/** A character that shows a UTF-8 lead byte (0xC2-0xF4) through Windows-1252, Latin-1 or Windows-1258 (`Ă`). */
const LEAD = 1 << 0;
/** A lead character that real text almost never follows with a symbol: `Â`, `Ã`, `Ä`, `Æ`, `Ă`. */
const STRONG_LEAD = 1 << 1;
/** A character that shows a continuation byte (0x80-0xBF). */
const CONT = 1 << 2;
/** A continuation character that is a symbol or control, not a letter (`ƒ Š œ ª º µ` are letters). */
const CONT_SYMBOL = 1 << 3;
/** Continuation characters real text puts right after a letter: `’ ” … ® ™ »` and the no-break space. */
const AFTER_LETTER = 1 << 4;
/** Symbols that may follow one of {@link AFTER_LETTER} in real text (`’”`, `…»`). */
const CHAIN_SECOND = 1 << 5;
/** Symbols that may stand between two letters (`l’eau`, `l·l`, `Paris–Berlin`, `ALLÉ STREET`). */
const GLUE = 1 << 6;
/** A C1 control character: never in text, the mark of undefined or misread bytes. */
const C1 = 1 << 7;
/** An upper-case / lower-case Latin letter with a diacritic (Latin-1 and beyond). */
const UPPER_ACCENTED = 1 << 8;
const LOWER_ACCENTED = 1 << 9;
/** Any upper-case / lower-case Latin letter, ASCII included. */
const UPPER = 1 << 10;
const LOWER = 1 << 11;

const CLASS = new Uint16Array(TABLE_SIZE);

const CP1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
for (let b = 0x80; b < 0xc0; b++) {
  const chars = b < 0xa0 ? [CP1252_HIGH[b - 0x80], String.fromCharCode(b)] : [String.fromCharCode(b)];
  for (const ch of chars) CLASS[ch.charCodeAt(0)] |= CONT;
}
for (let c = 0x80; c < 0xa0; c++) CLASS[c] |= C1;
for (let c = 0; c < TABLE_SIZE; c++) {
  if (CLASS[c] & CONT && !/\p{L}/u.test(String.fromCharCode(c))) CLASS[c] |= CONT_SYMBOL;
}
for (let c = 0xc2; c <= 0xf4; c++) CLASS[c] |= LEAD;
// Windows-1258 shows the lead byte of Latin-1's letters (C3) as `Ă`: `Ăº`, `CĂ³` as `Ãº`, `CÃ³`.
// No Vietnamese syllable ends in `ă`, and a Romanian `Ă` is rarely followed by a symbol.
CLASS[0x102] |= LEAD | STRONG_LEAD;
for (const ch of 'ÂÃÄÆ') CLASS[ch.charCodeAt(0)] |= STRONG_LEAD;
for (const ch of '’”…®™»\u00a0') CLASS[ch.charCodeAt(0)] |= AFTER_LETTER;
for (const ch of '’”…»') CLASS[ch.charCodeAt(0)] |= CHAIN_SECOND;
for (const ch of '’·\u00a0–—…') CLASS[ch.charCodeAt(0)] |= GLUE;
for (let c = 0xc0; c < 0x250; c++) {
  const ch = String.fromCharCode(c);
  if (c === 0xd7 || c === 0xf7) continue;
  if (ch !== ch.toLowerCase()) CLASS[c] |= UPPER_ACCENTED;
  else if (ch !== ch.toUpperCase() || c === 0xdf) CLASS[c] |= LOWER_ACCENTED;
}
for (let c = 0x1e00; c < 0x1f00; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] |= ch !== ch.toLowerCase() ? UPPER_ACCENTED : LOWER_ACCENTED;
}
for (let c = 0; c < TABLE_SIZE; c++) {
  if ((c >= 0x41 && c <= 0x5a) || CLASS[c] & UPPER_ACCENTED) CLASS[c] |= UPPER;
  if ((c >= 0x61 && c <= 0x7a) || CLASS[c] & LOWER_ACCENTED) CLASS[c] |= LOWER;
}

/** Scripts for telling a word of one script from a mix. */
const enum Script {
  None = 0,
  Latin = 1,
  /** IPA, spacing modifier letters, the rarer Latin Extended-B letters: a script of their own. */
  RareLatin = 2,
  Greek = 3,
  Cyrillic = 4,
  Armenian = 5,
  Hebrew = 6,
  Arabic = 7,
  /** Combining marks of the Latin range: they take the script of their base letter. */
  Inherited = 8,
}

/** Latin Extended-B letters common in text: ơ ư (Vietnamese), ș ț (Romanian). */
function isCommonExtendedB(c: number): boolean {
  return c === 0x1a0 || c === 0x1a1 || c === 0x1af || c === 0x1b0 || (c >= 0x218 && c <= 0x21b);
}

const LETTER = /[\p{L}\p{M}]/u;

/** The script of a letter, mark or digit (`Script.None` for anything else); other blocks by their code. */
export function scriptOf(c: number): number {
  if (c < 0x80) {
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return Script.Latin;
    return Script.None;
  }
  if (c < 0x250) {
    if (c < 0xc0) return c === 0xaa || c === 0xba || c === 0xb5 ? Script.Latin : Script.None;
    if (c === 0xd7 || c === 0xf7) return Script.None;
    return c < 0x180 || isCommonExtendedB(c) ? Script.Latin : Script.RareLatin;
  }
  if (c < 0x300) return Script.RareLatin;
  if (c < 0x370) return Script.Inherited;
  if (c < 0x400) return Script.Greek;
  if (c < 0x530) return Script.Cyrillic;
  if (c < 0x590) return Script.Armenian;
  if (c < 0x600) return Script.Hebrew;
  if (c < 0x700) return Script.Arabic;
  if (c >= 0x1e00 && c < 0x1f00) return Script.Latin;
  if (c >= 0x1f00 && c < 0x2000) return Script.Greek;
  if (c >= 0x2000 && c < 0x2c00) return Script.None;
  if (c >= 0xd800 && c < 0xe000) return Script.None; // surrogates: emoji and the like
  if (!LETTER.test(String.fromCharCode(c))) return Script.None;
  return 0x100 + (c >> 7); // another block: a script of its own
}

/** {@link scriptOf} for the codes below {@link TABLE_SIZE}. */
const SCRIPT = new Uint16Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) SCRIPT[c] = scriptOf(c);


/**
 * The badness of `s`: how many places in it real text in any language almost never has.
 *
 * - a C1 control character or U+FFFD, the mark of a byte a decoder could not read (2 points);
 * - a lead-byte character followed by a continuation-byte one (`Ã©`, `Ä‘`, `â€`), unless the
 *   pair is one real text has: an accented letter (or `×`) and then `’ ” … ® ™ »` or a
 *   no-break space (`JOSÉ’s`, `CAFÉ®`, `12×…`), which `Â Ã Ä Æ` are too rare to claim;
 * - two continuation symbols in a row (`€™`, `»™`, `º¥`), bar closing punctuation (`’”`);
 * - a symbol glued between two letters (`á»a`), bar `’ · – — …` and the no-break space, and
 *   two continuation symbols between a lead letter and a letter (`diá»…n`, `Má»’M`);
 * - an upper-case accented letter inside a lower-case word (`thÃnh`, `KÃch`), `Ã` starting a
 *   lower-case word (`Ãi`: no language does), or lower-case accented letters after two
 *   capitals (`IRMà`);
 * - two neighbouring letters (or a letter and a digit) of different scripts (`CAFɮ`, `12ׅ`):
 *   IPA and the rarer Latin Extended-B letters count as a script of their own.
 *
 * With `stopAbove`, counting stops once the badness exceeds it (for a comparison).
 */
export function badness(s: string, stopAbove = Infinity): number {
  let bad = 0;
  let prevCls = 0;
  let prevCode = -1;
  let prevScript = 0;
  let prevLetter = false;
  let prev2Cls = 0;
  let prev2Letter = false;
  let prev3Cls = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd) bad += 2;
    const cls = c < TABLE_SIZE ? CLASS[c] : 0;
    let script = c < TABLE_SIZE ? SCRIPT[c] : scriptOf(c);
    if (script === Script.Inherited) script = prevScript;
    const letter = script !== 0 || (cls & (UPPER_ACCENTED | LOWER_ACCENTED)) !== 0;
    if (cls & (C1 | CONT)) {
      if (cls & C1) bad += 2;
      if (prevCls & LEAD) {
        if (prevCls & STRONG_LEAD || !(cls & AFTER_LETTER)) bad++;
      } else if (prevCls & CONT_SYMBOL) {
        if (!(prevCls & AFTER_LETTER && cls & CHAIN_SECOND)) bad++;
      }
    }
    if (letter) {
      if (prevCls & CONT_SYMBOL && !(prevCls & GLUE) && prev2Letter) bad++;
      // Two continuation symbols between a lead letter and a letter (`diá»…n`, `Má»’M`): a
      // three-byte sequence, even where each pair alone is one real text has (`»’`, `á»`).
      else if (prevCls & CONT_SYMBOL && prev2Cls & CONT_SYMBOL && prev3Cls & LEAD) bad++;
      // Case: an accented capital inside a lower-case word (`KÃch`, `thÃnh`), `Ã` starting a
      // lower-case word, lower-case accented letters after two capitals (`IRMà`).
      if (prevCls & UPPER_ACCENTED) {
        if (cls & LOWER && (prev2Letter || prevCode === 0xc3)) bad++;
      } else if (cls & UPPER_ACCENTED) {
        if (prevCls & LOWER) bad++;
      } else if (cls & LOWER_ACCENTED && prevCls & UPPER && prev2Cls & UPPER) bad++;
      if (prevLetter && script !== prevScript && script !== 0 && prevScript !== 0) bad++;
      if (bad > stopAbove) return bad;
    } else if (bad > stopAbove) return bad;
    prev3Cls = prev2Cls;
    prev2Cls = prevCls;
    prev2Letter = prevLetter;
    prevCls = cls;
    prevCode = c;
    prevScript = script;
    prevLetter = letter;
  }
  return bad;
}
