/**
 * Detection: which lines need the decoder at all, and in which mode. It decides from evidence
 * that is cheap to see:
 *
 * - a passage written without any marks (`Tieng Viet`): most of its lower-case words have no
 *   diacritic, and most are skeletons of Vietnamese syllables;
 * - a passage written without tones (`Tiêng Viêt`): nearly all of its words carry no tone;
 * - OCR damage: words that cannot be Vietnamese syllables yet carry Vietnamese marks (`vịc`),
 *   letters mixed with digits that OCR reads for letters (`t6` for `tô`), or a lone
 *   final-consonant fragment after a word (`nhố ng`).
 *
 * Words of code (`%s`, `--all`, `thư_viện`, `\n`) and of hyphenated transliterations
 * (`Ca-tă`, `lô-gíc`) are neither evidence nor repaired: their spelling is not prose's.
 *
 * In correct Vietnamese prose a third or less of the words are mark-free and under half are
 * toneless, so these shares separate cleanly. A line with none of this evidence is left alone:
 * a valid but wrong syllable (`đỏ` for `đó`) is only looked for in lines that show other damage
 * of the same source, because in a clean line the same test would flag rare but correct words.
 */
import { hasMarks } from './channel.js';
import { LETTER_PAIRS } from './channel-table.js';
import { isCodeLine } from './code-line.js';
import { CP1252_BYTE } from '../encoding/charsets.js';
import { isValidSyllable, removeMarks, toneOf } from '../orthography/index.js';
import { scanTokens, type Token, type TokenKind } from '../tokenize/index.js';

/** How a line is to be repaired. */
export interface LineMode {
  /** Written without marks: restore them everywhere. */
  noMarks: boolean;
  /** Written without tones: restore tones everywhere. */
  noTones: boolean;
  /** Shows OCR damage: repair damaged words and improbable ones. */
  ocr: boolean;
  /** So much OCR damage that the marks of valid words are no evidence either. */
  heavy: boolean;
}

/** Shares that switch the modes on (measured on news prose: clean lines stay far below). */
export const NO_MARKS_SHARE = 0.6;
/**
 * Text typed without tones has none at all; a short correct line can still be three-quarters
 * toneless (`Hai anh em tôi ra xem bảng thông báo`), so the bar is high.
 */
export const NO_TONES_SHARE = 0.9;
/** Share of damaged words above which the marks of the line's valid words are no evidence. */
export const HEAVY_SHARE = 0.12;
/**
 * Fewer damaged words than this never make a line heavy: one odd word in a short line is as
 * likely the author's typo (`đăt`) or an abbreviation (`slượng`) as a poor reading.
 */
export const HEAVY_MIN_DAMAGED = 2;
/**
 * Fewer lower-case words than this never count as a passage without marks (or tones): in a
 * short line the shares vary too much by chance.
 */
export const MIN_PASSAGE_WORDS = 6;
export const MIN_TONELESS_WORDS = 8;

/** Consonant clusters a split cuts off the end of a syllable (`nhố ng`, `chuyể n`). */
const FINAL_FRAGMENTS: ReadonlySet<string> = new Set(['ng', 'nh', 'ch', 'n', 'c', 't', 'p', 'm']);

/** Letters that only Vietnamese uses (vowel marks, đ, hook above, dot below, ĩ ũ ỹ). */
function hasVietnameseOnlyMark(lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c >= 0x1ea0 && c <= 0x1ef9) return true; // Latin Extended Additional: ạ ả ấ … ỹ
    if (c === 0x0103 || c === 0x0111 || c === 0x01a1 || c === 0x01b0) return true; // ă đ ơ ư
    if (c === 0x00e2 || c === 0x00ea || c === 0x00f4) return true; // â ê ô
    if (c === 0x0129 || c === 0x0169) return true; // ĩ ũ
  }
  return false;
}

function isLowerOrTitle(text: string, lower: string): boolean {
  // Lower case, or only the first letter upper case.
  return text === lower || text.slice(1) === lower.slice(1);
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ('aeiouy'.includes(s[i])) return true;
  return false;
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return true;
  }
  return false;
}

/**
 * A unit with an exponent (`m2`, `km2`, `cm3`): letters and a digit in a lower-case word that
 * are no damage.
 */
const SQUARE_OR_CUBE = /^(?:[kcdm]?m)[23]$/;

/**
 * The letters OCR prints each digit for, from the learned channel (`6` for `o`, `1` for `l`,
 * `4` for `a`, `0` for `o`): a digit inside a word is damage only where it stands for one of them.
 */
const LETTERS_OF_DIGIT = lookalikes((printed, truth) => hasDigit(printed) && !hasDigit(truth));

/** The learned channel's one-character misreadings that `keep` accepts: the truths of each printed character. */
function lookalikes(keep: (printed: string, truth: string) => boolean): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const [printed, truth] of LETTER_PAIRS) {
    if (printed.length !== 1 || truth.length !== 1 || !keep(printed, truth)) continue;
    const truths = map.get(printed) ?? [];
    truths.push(truth);
    map.set(printed, truths);
  }
  return map;
}

/**
 * The readings of a lower-case word with its digits read as the letters OCR confuses them with
 * (`t6` → `to`), or none when a digit stands for no letter (`u2`).
 */
function digitReadings(lower: string): string[] {
  let readings: string[] = [''];
  for (const ch of lower) {
    const letters = hasDigit(ch) ? LETTERS_OF_DIGIT.get(ch) : undefined;
    if (letters === undefined) {
      if (hasDigit(ch)) return [];
      for (let i = 0; i < readings.length; i++) readings[i] += ch;
      continue;
    }
    // A word of at most 7 characters, one or two letters per digit: few readings.
    readings = readings.flatMap((r) => letters.map((letter) => r + letter));
  }
  return readings;
}

/** Whether a digit sits between two letters of the word (`c6é`), not numbering its end (`tin1`). */
function hasInnerDigit(lower: string): boolean {
  for (let i = 1; i + 1 < lower.length; i++) if (hasDigit(lower[i]) && !hasDigit(lower[i + 1])) return true;
  return false;
}

/**
 * Whether digits inside a lower-case word are letters misread: read as the letters OCR
 * confuses them with, the word is a syllable or its skeleton (`t6` → `to`, `1à` → `là`), or,
 * for a digit between letters, a syllable with misread marks (`c6é` → `coé`). Identifiers,
 * versions and units (`fp16`, `u2`, `r3`, `tin1`, `chuỗi1`, `v10`) read as nothing Vietnamese.
 */
export function digitsAreLetters(lower: string, hasSkeleton: (skeleton: string) => boolean): boolean {
  const inner = hasInnerDigit(lower);
  for (const r of digitReadings(lower)) {
    if (isValidSyllable(r) || hasSkeleton(removeMarks(r))) return true;
    if (inner && hasNonAscii(r)) return true;
  }
  return false;
}

/**
 * Units and suffixes written glued to a number (`5km`, `10h`, `2tr`, `4g`): the word after the
 * digits is then no misread letters.
 */
const UNITS: ReadonlySet<string> = new Set([
  'm', 'cm', 'mm', 'km', 'dm', 'g', 'kg', 'mg', 'h', 'ha', 'l', 'ml', 's', 'ms', 'p', 'ph', 't', 'tr', 'k', 'x', 'd',
  'b', 'kb', 'mb', 'gb', 'tb', 'w', 'kw', 'mw', 'gw', 'kwh', 'v', 'hz', 'khz', 'mhz', 'ghz', 'st', 'nd', 'rd', 'th',
]);

/** Whether a lower-case word written glued to a number is its unit or suffix (`km`, `h`, `th`). */
export function isUnit(lower: string): boolean {
  return UNITS.has(lower);
}

/** The vowels a letter is printed for (the channel's one-letter look-alikes: `c` for `e`, `g` for `o`). */
const VOWEL_LOOKALIKES = lookalikes((printed, truth) => 'aeiouy'.includes(truth) && !'aeiouy'.includes(printed));

/** A lower-case Vietnamese letter beyond ASCII. */
const VIETNAMESE_LETTER = /^[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹ]$/u;
const LETTER_ONLY = /^\p{L}$/u;

/**
 * Whether a lower-case word has letters with marks no Vietnamese letter has, and spells a
 * syllable without its marks (`båo`, `kiën`: a Latin-script OCR model's `bảo`, `kiển`), its one
 * such letter read as it is or as the vowel it looks like (`ĉ`, `ĝ` for `ê`, `ô`: the channel's
 * look-alikes `c` for `e`, `g` for `o`). `hasSkeleton` tells a known syllable's mark-free form.
 */
export function foreignMarksOnSyllable(lower: string, hasSkeleton: (skeleton: string) => boolean): boolean {
  const marked: number[] = [];
  let k = 0;
  for (const ch of lower) {
    if (ch >= '\u00c0' && !VIETNAMESE_LETTER.test(ch)) {
      if (!LETTER_ONLY.test(ch)) return false;
      marked.push(k);
    }
    k++;
  }
  if (marked.length === 0) return false;
  const skeleton = removeMarks(lower);
  if (hasSkeleton(skeleton)) return true;
  if (marked.length !== 1 || skeleton.length !== k) return false;
  const at = marked[0];
  for (const vowel of VOWEL_LOOKALIKES.get(skeleton[at]) ?? []) {
    if (hasSkeleton(skeleton.slice(0, at) + vowel + skeleton.slice(at + 1))) return true;
  }
  return false;
}

/**
 * Whether a word is a syllable that a reading gave a capital inside (`chÍm`, `dẪn`, `khAo`): it
 * starts with a small letter, a capital follows, and the word in small letters is a valid
 * syllable of three letters or more. OCR misreads the case of a letter, most often a marked
 * vowel, as it misreads its mark. Names that mix case start with a capital (`BoE`, `McCain`) or
 * spell no syllable (`iPhone`, `vSIM`), as units do (`kWh`, `dBm`); two-letter ones (`mA`) can,
 * and are left.
 */
export function isCaseMisread(text: string): boolean {
  if (text.length < 3) return false;
  const first = text[0];
  if (first === first.toUpperCase()) return false;
  let misread = false;
  for (let i = 1; i < text.length && !misread; i++) {
    const ch = text[i];
    misread = ch !== ch.toLowerCase();
  }
  return misread && isValidSyllable(text.toLowerCase());
}

/**
 * Whether a word that is not a valid syllable looks like a damaged Vietnamese one rather than a
 * foreign word, name or identifier: Vietnamese-only marks on a non-syllable, or digits in a
 * lower-case word that read as letters of a syllable. `hasSkeleton` tells whether a mark-free
 * form is the skeleton of a known syllable.
 */
export function looksDamaged(
  text: string,
  lower: string,
  hasSkeleton: (skeleton: string) => boolean = isValidSyllable,
): boolean {
  if (lower.length < 2 || !isLowerOrTitle(text, lower)) return false;
  // Central Highlands place names keep a final k (Đắk Lắk, Krông Búk): names, not damage.
  if (text !== lower && lower.endsWith('k')) return false;
  if (hasDigit(lower)) {
    // Digits and letters (`fp16`, `chuỗi2`, `v10`): a name of code, a unit or a version,
    // unless the digits are letters misread.
    return text === lower && hasLetter(lower) && lower.length <= 7 && !SQUARE_OR_CUBE.test(lower) && digitsAreLetters(lower, hasSkeleton);
  }
  // Without any vowel it is an abbreviation (`hđnd`, `tđ`), not a damaged syllable.
  if (!hasVowel(removeMarks(lower))) return false;
  if (hasVietnameseOnlyMark(lower)) return true;
  // A lower-case word with a letter outside ASCII that is no syllable: a misread mark (`duòng`,
  // `thį`, `Tőng`). Capitalised ones may be foreign names (`José`).
  return text === lower && hasNonAscii(lower);
}

/**
 * Marks that make a word glued to them part of code: a format directive (`%s`, `%hu`), an
 * escape (`\n`), an identifier (`thư_viện1`, `idata$4`), an assignment (`--size=N`), or a menu
 * item's access key as toolkits mark it (`Cắ_t`, `Nằm ng~ang`, `Đón&g`): the pieces of such a
 * word are not words of their own.
 */
export function isCodeMark(code: number): boolean {
  return code === 0x25 || code === 0x5c || code === 0x5f || code === 0x24 || code === 0x3d || code === 0x7e || code === 0x26; // % \ _ $ = ~ &
}

/**
 * Whether the word `line[start, end)` lies in a run of characters (between spaces) that shows
 * mojibake: a character Windows-1252 shows for a byte that opens UTF-8 and is no Vietnamese
 * letter (`Â Ã Ä Å Æ`) before one it shows for a byte that goes on (`Ã¢n`), or `á`/`â` before
 * two such (`nhá»¯ng`, `â€œ`). Such a run is what the encoding stage left as written (a quoted
 * example of the damage, or a reading it was unsure of): its pieces are not words to repair.
 */
function inMojibakeRun(line: string, start: number, end: number): boolean {
  // A word of ASCII between ASCII characters (nearly every word) is in no such run, or stands
  // apart from it by more than letters (`abc-Ã©`).
  let wide = (start > 0 && line.charCodeAt(start - 1) >= 0x80) || (end < line.length && line.charCodeAt(end) >= 0x80);
  for (let i = start; i < end && !wide; i++) wide = line.charCodeAt(i) >= 0xc2;
  if (!wide) return false;
  let from = start;
  while (from > 0 && !isRunBreak(line.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < line.length && !isRunBreak(line.charCodeAt(to))) to++;
  for (let i = from; i + 1 < to; i++) {
    const c = line.charCodeAt(i);
    if (c < 0xc2 || c > 0xe2 || !isContinuationShown(line.charCodeAt(i + 1))) continue;
    if (c <= 0xc6) return true;
    if ((c === 0xe1 || c === 0xe2) && i + 2 < to && isContinuationShown(line.charCodeAt(i + 2))) return true;
  }
  return false;
}

/**
 * Whether the word, letters with digits (`a1`), has a sibling in the line: the same letters with
 * other digits (`a1 = á, a2 = à`, `x1 … x2`, chess squares `g2 … g4`). That is a series of names
 * set side by side (the VNI typing keys); a misreading does not make one word into a series.
 * (Marks are no such sign: OCR misreads one word several ways in a line, `nhüng … nhûng`.)
 */
function hasNumberedSibling(line: string, start: number, end: number): boolean {
  const word = line.slice(start, end).toLowerCase();
  // A number alone names nothing in a series: every other number of the line has its shape.
  if (!DIGIT.test(word) || !ANY_LETTER.test(word)) return false;
  const shape = word.replace(DIGITS, '#');
  for (const m of line.matchAll(WORD_RUN)) {
    if (m.index === start) continue;
    const other = m[0].toLowerCase();
    if (other !== word && other.replace(DIGITS, '#') === shape) return true;
  }
  return false;
}

/**
 * Whether the word stands beside an equals sign set off by spaces (`a1 = á`, `x = 2`): one side
 * of a definition or an equation, not prose.
 */
function besideEquals(line: string, start: number, end: number): boolean {
  const spaced = (at: number) => at < 0 || at >= line.length || line.charCodeAt(at) === 0x20;
  if (line.charCodeAt(end) === 0x20 && line.charCodeAt(end + 1) === 0x3d && spaced(end + 2)) return true;
  return start >= 2 && line.charCodeAt(start - 1) === 0x20 && line.charCodeAt(start - 2) === 0x3d && spaced(start - 3);
}

const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const DIGIT = /[0-9]/;
const ANY_LETTER = /\p{L}/u;
const DIGITS = /[0-9]+/g;

function isRunBreak(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

/** Whether Windows-1252 shows a byte 0x80–0xBF as this character (C1 controls where it has none). */
function isContinuationShown(code: number): boolean {
  const byte = CP1252_BYTE.get(String.fromCharCode(code));
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/**
 * U+FFFD stands where a decoder lost bytes: the letters glued to it are what is left of a word
 * (`đ��ợc`), not a word to repair on its own (`ợc` is no `học`).
 */
const REPLACEMENT_CHARACTER = 0xfffd;

const HYPHEN = 0x2d;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function isWordCharAt(line: string, i: number): boolean {
  return i >= 0 && i < line.length && WORD_CHAR.test(line[i]);
}

/** A space OCR output may split a syllable with: a tab separates fields, never a syllable. */
function splitsSyllable(code: number): boolean {
  return code === 0x20 || code === 0xa0;
}

function isAsciiWord(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (line.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Whether the word `line[start, end)` is not prose: glued to a mark of code (`%sgợi`, `\ntương`,
 * `Chưa_biết2`), a hashtag or a handle (`#dulịch`, `@tạinhà`), a piece of mojibake (`nhá»¯ng`,
 * `Ã¢n`), one of a numbered series (`a1 … a2`), a side of a definition (`a1 = á`), a
 * command-line option (`-a`, `--all`, ASCII after dashes that start a token), a markup tag's
 * name, a name in a path (`doc/*.texi`), or a part of a hyphenated chain: a transliteration
 * (`Bốt-xoă-na`, `lô-gíc`), an identifier (`i386-init`, `x86-64`), or what a lost byte left of
 * a word (glued to U+FFFD). Such words keep their own spelling: they are no evidence of damage
 * and are never repaired.
 */
export function isOutsideProse(line: string, start: number, end: number): boolean {
  const before = start > 0 ? line.charCodeAt(start - 1) : -1;
  const after = end < line.length ? line.charCodeAt(end) : -1;
  if (isCodeMark(before) || isCodeMark(after)) return true;
  if (isTagOrHandle(line, start, before)) return true;
  if (inMojibakeRun(line, start, end)) return true;
  if (hasNumberedSibling(line, start, end)) return true;
  if (besideEquals(line, start, end)) return true;
  if (isTagName(line, start, before, after)) return true;
  if ((before === SLASH || after === SLASH) && isPathToken(line, start, end)) return true;
  if (before === REPLACEMENT_CHARACTER || after === REPLACEMENT_CHARACTER) return true;
  if ((before === HYPHEN && isWordCharAt(line, start - 2)) || (after === HYPHEN && isWordCharAt(line, end + 1))) return true;
  if (before !== HYPHEN || !isAsciiWord(line, start, end)) return false;
  // An option: one or two dashes at the start of a token.
  let dash = start - 1;
  if (dash > 0 && line.charCodeAt(dash - 1) === HYPHEN) dash--;
  if (dash === 0) return true;
  const c = line.charCodeAt(dash - 1);
  return c === 0x20 || c === 0x09 || c === 0x5b || c === 0x28 || c === 0x7c; // space, tab, [ ( |
}

/**
 * Whether the word at `start` is a hashtag or a handle (`#dulịch`, `@tạinhà`): glued to a `#` or
 * `@` that starts a token. Such a name is written run together on purpose.
 */
function isTagOrHandle(line: string, start: number, before: number): boolean {
  if (before !== 0x23 && before !== 0x40) return false; // # @
  return start === 1 || TOKEN_START.test(line[start - 2]);
}

const TOKEN_START = /[\s(\[{"'“‘,;:]/u;

/**
 * Whether the word at `start` names a markup tag (`<h4 id=…>`, `</h4>`): glued to `<` or `</`
 * and ended by a space, `>` or `/`. Read as prose, `h4` would be `ha` with a digit misread.
 */
function isTagName(line: string, start: number, before: number, after: number): boolean {
  const open = before === LESS_THAN || (before === SLASH && start >= 2 && line.charCodeAt(start - 2) === LESS_THAN);
  return open && (after === 0x20 || after === 0x09 || after === GREATER_THAN || after === SLASH || after === -1);
}

/** How far {@link isPathToken} looks for the ends of a token: a longer one is code anyway. */
const PATH_REACH = 64;

/**
 * Whether the token (non-space run) around the word `line[start, end)` is a path, not words
 * joined by a slash (`và/hoặc`): it has two slashes or more, starts with one, or has one next
 * to something that is not a letter (`doc/*.texi`, `./doc`, `doc/`). Its words are names of
 * files (`doc` is no `đọc`).
 */
function isPathToken(line: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < PATH_REACH && !isSpaceCode(line.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < line.length && to - end < PATH_REACH && !isSpaceCode(line.charCodeAt(to))) to++;
  if ((from > 0 && !isSpaceCode(line.charCodeAt(from - 1))) || (to < line.length && !isSpaceCode(line.charCodeAt(to)))) return true;
  let slashes = 0;
  for (let i = from; i < to; i++) {
    if (line.charCodeAt(i) !== SLASH) continue;
    slashes++;
    if (i === from || !isLetterAt(line, i - 1) || !isLetterAt(line, i + 1)) return true;
  }
  return slashes >= 2;
}

function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

const LETTER = /^[\p{L}\p{M}]$/u;

function isLetterAt(line: string, i: number): boolean {
  return i >= 0 && i < line.length && LETTER.test(line[i]);
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;

/** Whether a lower-case word is two valid syllables run together (`nhưchỉ`). */
export function isTwoSyllables(lower: string): boolean {
  for (let k = 1; k < lower.length; k++) {
    if (isValidSyllable(lower.slice(0, k)) && isValidSyllable(lower.slice(k))) return true;
  }
  return false;
}

/** The counts of a line that its repair mode, and the OCR evidence of a document, are read from. */
export interface LineEvidence {
  /** Words that count for the shares: valid syllables, skeletons, damaged words (no names, no numbers). */
  words: number;
  markless: number;
  toneless: number;
  skeletons: number;
  /** Damaged words (see {@link looksDamaged}); a capitalised one or two syllables run together count half. */
  damaged: number;
  /** Final-consonant fragments split off the word before (`nhố ng`). */
  fragments: number;
  /** Lower-case or title-case words of any kind (names and foreign words included). */
  plainWords: number;
  /**
   * Each sign of damage as written, with its weight: a damaged word (lower-cased), or a
   * fragment with the word it was split from (`nhố ng`). Made only for a line with signs.
   */
  signForms?: Map<string, number>;
}

/**
 * The evidence of damage in a line. `hasSkeleton` tells whether a mark-free word is the
 * skeleton of a known syllable; `isLoanword` tells an established spelling outside the
 * syllables (`kilômet`), which is no damage. A caller that has the line's `tokens` may pass them.
 */
export function lineEvidence(
  line: string,
  hasSkeleton: (skeleton: string) => boolean,
  isLoanword: (lower: string) => boolean = () => false,
  tokens?: readonly Token[],
): LineEvidence {
  const e: LineEvidence = { words: 0, markless: 0, toneless: 0, skeletons: 0, damaged: 0, fragments: 0, plainWords: 0 };
  let prevWordEnd = -2;
  let prevWordStart = -2;
  let prevNumberEnd = -2;
  const visit = (kind: TokenKind, start: number, end: number): void => {
    if (kind === 'number') prevNumberEnd = end;
    if (kind !== 'syllable' && kind !== 'foreign') return;
    // Glued to a number: a unit or a time (`5km`, `10h15`), not a word.
    if (start === prevNumberEnd) return;
    if (isOutsideProse(line, start, end)) {
      prevWordEnd = -2;
      return;
    }
    const text = line.slice(start, end);
    const lower = text.toLowerCase();
    if (!isLowerOrTitle(text, lower)) return;
    e.plainWords++;
    if (kind === 'foreign') {
      if (isLoanword(lower)) {
        prevWordStart = start;
        prevWordEnd = end;
        return;
      }
      if (looksDamaged(text, lower, hasSkeleton)) {
        const weight = text !== lower || isTwoSyllables(lower) ? 0.5 : 1;
        e.damaged += weight;
        (e.signForms ??= new Map()).set(lower, weight);
      }
      // A split leaves a space between the parts; a slash (`a/m`, a path) is no split.
      else if (prevWordEnd === start - 1 && splitsSyllable(line.charCodeAt(prevWordEnd)) && text === lower && FINAL_FRAGMENTS.has(lower) && !namesLetter(line, prevWordStart, prevWordEnd)) {
        e.fragments++;
        (e.signForms ??= new Map()).set(line.slice(prevWordStart, end).toLowerCase(), 1);
      } else if (!hasSkeleton(lower)) {
        // A foreign word or name (`Samsung`) says nothing about whether the writer typed marks.
        prevWordStart = start;
        prevWordEnd = end;
        return;
      }
    }
    prevWordStart = start;
    prevWordEnd = end;
    if (hasDigit(lower)) return;
    e.words++;
    if (!hasMarks(lower)) {
      e.markless++;
      if (kind === 'syllable' || hasSkeleton(lower)) e.skeletons++;
    }
    if (toneOf(lower) === 0) e.toneless++;
  };
  if (tokens === undefined) scanTokens(line, visit);
  else for (const t of tokens) visit(t.kind, t.start, t.end);
  return e;
}

/**
 * The repair mode of a line, or `undefined` when the line shows no evidence of damage.
 * `hasSkeleton` tells whether a mark-free word is the skeleton of a known syllable; lines with
 * fewer than `minWords` words never count as passages without marks or tones; `isLoanword`
 * tells an established spelling outside the syllables (`kilômet`), which is no damage. A caller
 * that has the line's `tokens` already may pass them. `ocrText`: the line is read as OCR output,
 * whose reading may have lost any share of its marks.
 */
export function lineMode(
  line: string,
  hasSkeleton: (skeleton: string) => boolean,
  minWords = MIN_PASSAGE_WORDS,
  isLoanword: (lower: string) => boolean = () => false,
  tokens?: readonly Token[],
  ocrText = false,
): LineMode | undefined {
  const evidence = lineEvidence(line, hasSkeleton, isLoanword, tokens);
  const mode = modeOfEvidence(evidence, minWords);
  // A writer without marks types none. A typed line that writes words both with and without
  // them (`quản lý dấu trang, quan ly dau trang`: search terms either way) had marks, and left
  // them off on purpose; an OCR reading, though, may drop any of a line's marks.
  if (mode?.noMarks && !mode.ocr && !ocrText && writesWordsBothWays(line, tokens)) return modeOfEvidence(evidence, minWords, true);
  // Code's comments and strings are typed without marks by convention.
  if ((mode?.noMarks || mode?.noTones) && isCodeLine(line)) return withoutMarkFreeModes(mode);
  return mode;
}

/** `mode` without restoring marks: its OCR repairs alone, or nothing. */
export function withoutMarkFreeModes(mode: LineMode): LineMode | undefined {
  return mode.ocr ? { ...mode, noMarks: false, noTones: false } : undefined;
}

/**
 * Whether two words or more of a line are other words of it without their marks: `quan`,
 * `ly` beside `quản lý`.
 */
function writesWordsBothWays(line: string, tokens?: readonly Token[]): boolean {
  const marked = new Set<string>();
  const plain: string[] = [];
  const visit = (kind: TokenKind, start: number, end: number): void => {
    if (kind !== 'syllable' && kind !== 'foreign') return;
    const lower = line.slice(start, end).toLowerCase();
    if (hasMarks(lower)) marked.add(removeMarks(lower));
    else plain.push(lower);
  };
  if (tokens === undefined) scanTokens(line, visit);
  else for (const t of tokens) visit(t.kind, t.start, t.end);
  if (marked.size === 0) return false;
  let both = 0;
  for (const word of plain) if (marked.has(word) && ++both >= 2) return true;
  return false;
}

/**
 * The repair mode that a line's evidence shows (see {@link lineMode}); `typedBothWays`: the
 * line writes words with and without their marks.
 */
function modeOfEvidence(evidence: LineEvidence, minWords: number, typedBothWays = false): LineMode | undefined {
  const { words, markless, toneless, skeletons, damaged, fragments } = evidence;
  if (words === 0) return undefined;
  // The mark-free words themselves must make a passage: a short line of function words
  // (`cho của cho trong`) is mostly mark-free in correct Vietnamese too.
  const noMarks =
    words >= minWords && markless >= Math.max(minWords, NO_MARKS_SHARE * words) && skeletons >= 0.5 * words && !typedBothWays;
  // Toneless runs are common in short correct lines (`trong năm`), so the default asks for more
  // words than for mark-free passages; a caller asking for short lines (`minWords` lower) gets them.
  const minToneless = minWords >= MIN_PASSAGE_WORDS ? MIN_TONELESS_WORDS : minWords;
  const noTones = !noMarks && words >= minToneless && toneless >= NO_TONES_SHARE * words;
  // One run-together pair of syllables or one odd capitalised word alone is more likely the
  // author's typo or a name than scan damage: it takes two such signs, or one plain one.
  const ocr = damaged + fragments >= 1;
  if (!noMarks && !noTones && !ocr) return undefined;
  // A split alone leaves the marks whole (`nhữ ng`): OCR damage, but no reason to doubt the
  // marks of the other words. Beside misread words it is one more sign of a poor scan.
  const heavy = ocr && damaged >= HEAVY_MIN_DAMAGED && damaged + fragments >= HEAVY_SHARE * words;
  return { noMarks, noTones, ocr, heavy };
}

/**
 * OCR damage per word above which a document is OCR output. Clean prose of every kind in the
 * corpus (news, encyclopaedia, manuals, literature) stays under 0.4 % in every 64 K window
 * outside a converted text whose misplaced marks are damage too; OCR output, even of a good
 * scan, shows 3 % and more.
 */
export const OCR_DOCUMENT_RATE = 0.006;
/** Fewer signs of OCR damage than this never make a document OCR output: a typo or two do not. */
export const OCR_DOCUMENT_SIGNS = 3;
/**
 * Lines whose plain words are less than this share Vietnamese are left out of the count: the
 * accented words of another language (`été`) look like damaged syllables.
 */
const VIETNAMESE_LINE_SHARE = 0.5;

/** The OCR evidence of a document: its words and the signs of OCR damage among them. */
export interface DocumentEvidence {
  words: number;
  /**
   * Damaged words and split-off fragments (see {@link LineEvidence}), each form counted once:
   * a typed document repeats its writer's spellings (a term `lôga`, a variable in `phân bố t`,
   * a typo in a paragraph said again) where a reading's misreadings vary from word to word.
   */
  signs: number;
  /** Whether the signs are dense enough for the document to be OCR output. */
  ocr: boolean;
}

/**
 * Whether a document is OCR output, from the density of OCR damage in its Vietnamese lines:
 * words that cannot be syllables yet carry Vietnamese marks or mix digits and letters, and
 * syllables split in two. Lines written without marks or tones are left out (their odd words
 * are explained by the typing), and so are lines mostly in another language. `mayBeDamaged`
 * is a cheap test that clears most clean lines (only their words are counted); `evidenceOf`
 * gives the evidence of a line's Vietnamese runs (see {@link lineEvidence}).
 */
export function documentEvidence(
  text: string,
  evidenceOf: (line: string) => LineEvidence,
  mayBeDamaged: (line: string) => boolean,
): DocumentEvidence {
  let words = 0;
  const signForms = new Map<string, number>();
  /** Words of lines typed without marks or tones. */
  let typedWithout = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!mayBeDamaged(line)) {
      words += countWords(line);
      continue;
    }
    const evidence = evidenceOf(line);
    if (evidence.words < VIETNAMESE_LINE_SHARE * evidence.plainWords) continue;
    const mode = modeOfEvidence(evidence, MIN_PASSAGE_WORDS);
    if (mode !== undefined && (mode.noMarks || mode.noTones)) {
      typedWithout += evidence.words;
      continue;
    }
    words += evidence.words;
    if (evidence.signForms !== undefined) for (const [form, weight] of evidence.signForms) signForms.set(form, Math.max(weight, signForms.get(form) ?? 0));
  }
  let signs = 0;
  for (const weight of signForms.values()) signs += weight;
  // A document mostly typed without marks or tones: the odd words of its short lines, too short
  // to show the typing on their own (`Viêt Nam`), are explained by it.
  const ocr = signs >= OCR_DOCUMENT_SIGNS && signs >= OCR_DOCUMENT_RATE * words && typedWithout < words;
  return { words, signs, ocr };
}

/** Whitespace-separated runs of a line (its words, near enough, for a line without damage). */
function countWords(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const space = c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * Initial consonants that a split can cut off the front of a syllable (`t rường`): the
 * vowel-free onsets. `gi` and `qu` carry a vowel letter and read as syllables of their own.
 */
const HEAD_FRAGMENTS: ReadonlySet<string> = new Set([
  'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);

/** Whether a lower-case token is an initial consonant (`tr`, `t`) cut off the syllable after it. */
export function isHeadFragment(lower: string): boolean {
  return HEAD_FRAGMENTS.has(lower);
}

/** Words after which a lone consonant is the name of a letter (`chữ c`, `âm ng`, `vần nh`). */
const LETTER_NAMERS: ReadonlySet<string> = new Set(['chữ', 'âm', 'vần']);

/** Whether `line[start, end)` is a word that names the letter after it. */
function namesLetter(line: string, start: number, end: number): boolean {
  return start >= 0 && LETTER_NAMERS.has(line.slice(start, end).toLowerCase());
}

/** Whether a lower-case token is a final-consonant fragment (`ng`, `n`) cut off a syllable. */
export function isFinalFragment(lower: string): boolean {
  return FINAL_FRAGMENTS.has(lower);
}
