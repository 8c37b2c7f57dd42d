/**
 * How much a piece of text reads as Vietnamese: the yardstick for choosing between a string
 * and its re-decodings. Letter runs that are valid syllables count for it, letter runs with
 * non-ASCII letters that are not syllables count against it, and so do stray symbols and
 * control characters (the debris that mojibake and legacy fonts leave).
 */
import { isValidSyllable } from '../orthography/index.js';

/** Punctuation that clean text uses; it counts neither way. */
const TYPOGRAPHIC = new Set([...'“”‘’„‚–—…•·«»°\u00a0\u202f€£¥©®™§±×÷²³¹½¼¾%№']);

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const LETTER = /[\p{L}\p{M}]/u;

/** Whether `ch` (one UTF-16 unit, BMP) is a letter or a combining mark. */
export function isLetter(ch: string, c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  // Latin-1 letters, Latin Extended-A/B, combining marks, the Vietnamese block: no regex.
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff)) return true;
  return LETTER.test(ch);
}

function isCombining(c: number): boolean {
  return c >= 0x0300 && c <= 0x036f;
}

function hasCombining(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isCombining(s.charCodeAt(i))) return true;
  return false;
}

/** Case that a real word can have: lower, UPPER or Title. */
export function plausibleCase(word: string): boolean {
  const lower = word.toLowerCase();
  if (word === lower || word === word.toUpperCase()) return true;
  return word[0] + lower.slice(1) === word;
}

/** Punctuation that may end a word in clean text (besides ASCII): quotes, dashes, spaces. */
const WORD_BOUNDARY = new Set([...'“”‘’„–—…\u00a0\u202f']);

/**
 * Whether the character at `i` ends a word that runs up to it from the other side (`step`
 * points away from the word): the edge of the string, ASCII punctuation or space, or
 * typographic punctuation that is not itself glued to another letter (`Ã”ng` is one word).
 */
function isBoundary(s: string, i: number, step: 1 | -1): boolean {
  if (i < 0 || i >= s.length) return true;
  const c = s.charCodeAt(i);
  if (c < 0x80) return !isAsciiLetter(c);
  if (!WORD_BOUNDARY.has(s[i])) return false;
  const next = i + step;
  return next < 0 || next >= s.length || !isLetter(s[next], s.charCodeAt(next));
}

/** Letters of the Vietnamese alphabet beyond ASCII (lower case; capitals are folded). */
const VIETNAMESE_LETTERS = /^[a-zàáâãèéêìíòóôõùúýăđĩũơưạ-ỹ\u0300\u0301\u0303\u0309\u0323]*$/;

/**
 * Score of one letter run: +1 for a valid syllable that stands as a word (between spaces or
 * punctuation, not glued to debris such as `»` in `á»i`), 0 for other ASCII-only words,
 * and for acronyms in Vietnamese capitals (`HĐQT`), −1 for other words of Vietnamese letters,
 * −2 for words with letters Vietnamese does not use.
 */
function scoreRun(s: string, start: number, end: number, ascii: boolean): number {
  if (isCombining(s.charCodeAt(start))) return -2; // a tone mark with nothing to sit on
  const run = s.slice(start, end);
  if (isBoundary(s, start - 1, -1) && isBoundary(s, end, 1)) {
    const nfc = hasCombining(run) ? run.normalize('NFC') : run;
    if (plausibleCase(nfc) && isValidSyllable(nfc)) return 1;
  }
  if (ascii) return 0;
  const lower = run.toLowerCase();
  if (!VIETNAMESE_LETTERS.test(lower)) return -2;
  // Capitals of the Vietnamese alphabet: an acronym or an initial (`HĐQT`, `Đ.`).
  return run !== lower && run === run.toUpperCase() && !isCombining(run.charCodeAt(run.length - 1)) ? 0 : -1;
}

/** What {@link analyse} finds in a string. */
export interface Analysis {
  /** Sum of the letter-run scores and debris penalties: see {@link vietnameseScore}. */
  score: number;
  /** Valid syllables of two letters or more standing as words. */
  syllables: number;
  /** Penalty points of debris: stray symbols, control characters, lone marks. */
  debris: number;
  /** Letter runs with letters outside ASCII that are no valid syllable (`regờncia`). */
  invalid: number;
}

/** Scores the letter runs and the debris of `s` (any text without line breaks). */
export function analyse(s: string): Analysis {
  let score = 0;
  let syllables = 0;
  let debris = 0;
  let invalid = 0;
  let runStart = -1;
  let runAscii = true;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x20;
    const ch = i < s.length ? s[i] : ' ';
    if (i < s.length && isLetter(ch, c)) {
      if (runStart < 0) {
        runStart = i;
        runAscii = true;
      }
      if (c >= 0x80) runAscii = false;
      continue;
    }
    if (runStart >= 0) {
      const r = scoreRun(s, runStart, i, runAscii);
      score += r;
      if (r === 1 && i - runStart >= 2) syllables++;
      if (r < 0) invalid++;
      if (r === -2 && isCombining(s.charCodeAt(runStart))) debris += 2;
      runStart = -1;
    }
    let penalty = 0;
    if (i === s.length || c < 0x80) {
      if (c < 0x20 && c !== 0x09) penalty = 2; // C0 control
    } else if (c < 0xa0) penalty = 2; // C1 control
    else if (c === 0xa0 && (i === 0 || i === s.length - 1)) penalty = 1; // `Ã\u00a0`: a lone no-break space
    else if (c === 0xfffd) penalty = 2;
    else if (!TYPOGRAPHIC.has(ch)) penalty = 1;
    score -= penalty;
    debris += penalty;
  }
  return { score, syllables, debris, invalid };
}

/** Vietnamese-ness of `s` (any text without line breaks); higher is better. */
export function vietnameseScore(s: string): number {
  return analyse(s).score;
}

/**
 * How much better `after` reads than `before` as Vietnamese text that was damaged by an
 * encoding: two points for each syllable (of two letters or more) gained, one for each point
 * of debris cleared. Foreign letters turning into Vietnamese ones (`naïve` → `naùve`) count
 * for nothing: only syllables and cleared debris are evidence.
 */
export function syllableGain(before: string, after: string, beforeAnalysis?: Analysis): number {
  const a = beforeAnalysis ?? analyse(before);
  const b = analyse(after);
  return 2 * (b.syllables - a.syllables) + (a.debris - b.debris);
}

/** Number of valid Vietnamese syllables among the letter runs of `s`. */
export function syllableCount(s: string): number {
  let n = 0;
  for (const m of s.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0].normalize('NFC');
    if (plausibleCase(w) && isValidSyllable(w)) n++;
  }
  return n;
}

/**
 * Whether `word`, made only of letters and marks, is one valid syllable: what
 * {@link syllableCount} counts as 1 for it, without its regex. NFC is skipped where it can
 * change nothing: below U+0300 and in the Latin Extended Additional block, which only a
 * following mark could compose with.
 */
export function isSyllableWord(word: string): boolean {
  let w = word;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) {
      w = word.normalize('NFC');
      break;
    }
  }
  return isValidSyllable(w) && plausibleCase(w);
}
