/**
 * The clean-line prefilter of context repair: one pass over the char codes, with table look-ups
 * and the syllable automaton, no substring and no allocation. It proves for most lines of
 * correct Vietnamese that {@link lineMode} would find no damage, so the full test (which
 * tokenizes the line and looks up its words) runs only on the few lines it cannot clear.
 *
 * It never clears a line that the full test would flag. To stay sure of that it counts
 * conservatively: an upper bound on the words without marks (every lower-case or title-case
 * ASCII word), a lower bound on the words with marks (valid syllables with a letter outside
 * ASCII, outside anything that may be a URL), and it gives up on any word it cannot classify
 * exactly (digits inside lower-case words, letters outside the syllable alphabet, format
 * characters, `&`). A property test checks it against the full test.
 */
import { LETTER_LIMIT } from '../orthography/automaton.js';
import { syllableAutomaton } from '../orthography/syllable.js';
import { removeMarks, toneOf } from '../orthography/index.js';
import { isCodeMark, MIN_PASSAGE_WORDS, MIN_TONELESS_WORDS, NO_MARKS_SHARE, NO_TONES_SHARE } from './detect.js';

// Bits of the per-code-unit class table.
/** Part of a word (letters, digits, marks and anything else the scan does not know). */
const WORD = 1;
/** An ASCII letter or digit. */
const ASCII = 2;
/** An upper-case letter (ASCII or of the syllable alphabet). */
const UPPER = 4;
/** A decimal digit 0–9. */
const DIGIT = 8;
/** A letter with a tone mark. */
const TONED = 16;
/** A character that makes the word's tokenization uncertain: the full test decides. */
const ODD = 32;
/** Whitespace: ends a chunk (the span a URL can cover). */
const SPACE = 64;
/** `/`, `@`, `:`: the chunk may be a URL, an address or a path. */
const LINK = 128;
/** A word character outside ASCII. */
const NON_ASCII = 256;
/** A vowel letter (a e i o u y with any marks). */
const VOWEL = 512;
/** The automaton's letter number of the code unit sits above the class bits. */
const LETTER_SHIFT = 16;

const CLASS = buildClassTable();

function buildClassTable(): Uint32Array {
  const table = new Uint32Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) table[c] = WORD | ASCII | DIGIT;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = WORD | ASCII | UPPER;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = WORD | ASCII;
  table[0x26] = WORD | ODD; // `&` joins acronyms (`TTTT&TV`); alone it is punctuation
  for (const ch of 'aeiouyAEIOUY') table[ch.charCodeAt(0)] |= VOWEL;
  for (const c of [0x2f, 0x40, 0x3a]) table[c] = LINK;
  for (const c of [0x09, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) table[c] = SPACE;
  for (let c = 0x2000; c <= 0x200a; c++) table[c] = SPACE;
  // Latin-1 punctuation and symbols are separators, except the letters and the soft hyphen.
  for (let c = 0xc0; c < 0x10000; c++) if (c !== 0xd7 && c !== 0xf7) table[c] = WORD | NON_ASCII | ODD;
  for (const c of [0xaa, 0xad, 0xb5, 0xba]) table[c] = WORD | NON_ASCII | ODD;
  // General punctuation (dashes, quotes, ellipsis) separates words; its format characters do not.
  for (let c = 0x2010; c <= 0x2027; c++) table[c] = 0;
  for (let c = 0x2030; c <= 0x205e; c++) table[c] = 0;
  // The letters of the syllable alphabet are ordinary word letters.
  const { letterOf } = syllableAutomaton();
  for (let c = 0xc0; c < LETTER_LIMIT; c++) {
    if (letterOf[c] === 0) continue;
    const ch = String.fromCharCode(c);
    const vowel = 'aeiouy'.includes(removeMarks(ch).toLowerCase());
    table[c] = WORD | NON_ASCII | (ch.toLowerCase() !== ch ? UPPER : 0) | (toneOf(ch) !== 0 ? TONED : 0) | (vowel ? VOWEL : 0);
  }
  for (let c = 0; c < LETTER_LIMIT; c++) table[c] |= letterOf[c] << LETTER_SHIFT;
  return table;
}

/**
 * The syllable automaton with each state as its row offset (`state × width`), so that a step is
 * one look-up and one addition (`STEP[row + letter]`): the scan's critical path is this chain.
 */
const { STEP, ACCEPTING_ROW, START_ROW } = stepTable();

function stepTable(): { STEP: Uint32Array; ACCEPTING_ROW: Uint8Array; START_ROW: number } {
  const { next, width, accepting, start } = syllableAutomaton();
  const step = new Uint32Array(next.length);
  const acceptingRow = new Uint8Array(next.length);
  for (let k = 0; k < next.length; k++) step[k] = next[k] * width;
  for (let state = 0; state < accepting.length; state++) acceptingRow[state * width] = accepting[state];
  return { STEP: step, ACCEPTING_ROW: acceptingRow, START_ROW: start * width };
}

const SLACK = 1e-9;

/** Marks that make the words glued to them code or part of a hyphenated chain (see `isOutsideProse`). */
function isCodeOrChainMark(c: number): boolean {
  return isCodeMark(c) || c === 0x2d;
}

/** Whether `line[start, end)` is a unit with an exponent: `m2`, `km2`, `cm3` (see `looksDamaged`). */
function isSquareOrCube(line: string, start: number, end: number): boolean {
  const exponent = line.charCodeAt(end - 1);
  if (exponent !== 0x32 && exponent !== 0x33) return false;
  if (line.charCodeAt(end - 2) !== 0x6d) return false; // m
  if (end - start === 2) return true;
  const prefix = line.charCodeAt(start);
  return end - start === 3 && (prefix === 0x6b || prefix === 0x63 || prefix === 0x64 || prefix === 0x6d); // k c d m
}

/** Whether `line[start, end)` is a final consonant a split cuts off (`ng nh ch n c t p m`). */
function isFinalFragment(line: string, start: number, end: number): boolean {
  const a = line.charCodeAt(start);
  if (end - start === 1) return a === 0x6e || a === 0x63 || a === 0x74 || a === 0x70 || a === 0x6d;
  const b = line.charCodeAt(start + 1);
  return (a === 0x6e && (b === 0x67 || b === 0x68)) || (a === 0x63 && b === 0x68);
}

/**
 * Whether {@link lineMode} may find damage in `line`: `false` proves it would not (with the
 * same `minWords` and `isLoanword`); `true` means the full test must decide.
 */
export function mayShowDamage(
  line: string,
  minWords = MIN_PASSAGE_WORDS,
  isLoanword?: (lower: string) => boolean,
): boolean {
  const n = line.length;
  /** Lower- or title-case ASCII words: at least every word without marks. */
  let plainWords = 0;
  /** Valid marked syllables in lower or title case (committed per chunk), and the toneless ones. */
  let markedWords = 0;
  let tonelessMarked = 0;
  let chunkMarked = 0;
  let chunkTonelessMarked = 0;
  let chunkIsLink = false;
  /** The classes of the chunk's word characters, together, and whether it has an `@`. */
  let chunkLetters = 0;
  let chunkHasAt = false;
  /** Damage the full test may count for capitalised words that are no syllable (half each). */
  let nameDamage = 0;
  /** Every word the full test may count, links included: it needs a few for a passage. */
  let wordsAtMost = 0;
  /** The word before starts with a digit: a number, so a letter after it is a unit, no fragment. */
  let afterNumber = false;
  let i = 0;
  while (i <= n) {
    const c = i < n ? line.charCodeAt(i) : 0x20;
    const first = CLASS[c];
    if ((first & WORD) === 0) {
      if (first & SPACE || i === n) {
        if (!chunkIsLink) {
          markedWords += chunkMarked;
          tonelessMarked += chunkTonelessMarked;
        } else if (chunkHasAt && chunkLetters & NON_ASCII) {
          // An e-mail address stops at a letter outside ASCII (`a@b.vn.việc`), leaving a piece
          // of a word that the full test may take for damage.
          return true;
        }
        chunkMarked = 0;
        chunkTonelessMarked = 0;
        chunkLetters = 0;
        chunkIsLink = false;
        chunkHasAt = false;
      } else if (
        first & LINK ||
        (c === 0x2e && i + 1 < n && CLASS[line.charCodeAt(i + 1)] & WORD) ||
        isCodeOrChainMark(c)
      ) {
        // A link, or code or a hyphenated chain, whose words the full test may skip
        // (`isOutsideProse`): their marks are not counted.
        chunkIsLink = true;
        if (c === 0x40) chunkHasAt = true;
      }
      i++;
      continue;
    }
    // A word: one pass over it, stepping the syllable automaton (letter 0 leads to the dead
    // state 0, which has no way out).
    const start = i;
    let rest = 0;
    let row = STEP[START_ROW + (first >>> LETTER_SHIFT)];
    for (i++; i < n; i++) {
      const k = CLASS[line.charCodeAt(i)];
      if ((k & WORD) === 0) break;
      rest |= k;
      row = STEP[row + (k >>> LETTER_SHIFT)];
    }
    const all = first | rest;
    chunkLetters |= all;
    const numberBefore = afterNumber;
    afterNumber = (first & DIGIT) !== 0;
    // The common case first, with as few branches as possible (they mispredict on text): a
    // lower- or title-case word of three or more letters, ASCII or a valid syllable.
    if ((all & (ODD | DIGIT)) === 0 && (rest & UPPER) === 0 && i - start > 2) {
      const marked = (all & NON_ASCII) >>> 8;
      if ((marked & (ACCEPTING_ROW[row] ^ 1)) === 0) {
        wordsAtMost++;
        plainWords += marked ^ 1;
        chunkMarked += marked;
        chunkTonelessMarked += marked & (((all & TONED) >>> 4) ^ 1);
        continue;
      }
    }
    if (all & ODD) {
      if (c === 0x26 && i - start === 1) continue; // `&` alone is punctuation
      return true;
    }
    // Not lower or title case: the full test skips the word too.
    if (rest & UPPER) continue;
    if (all & DIGIT) {
      // A number with its unit (`5km`) is skipped, and so is a capital with digits (`A5`, `U30`:
      // an acronym); letters before digits in lower case (`t6`) may be damage.
      if ((first & (DIGIT | UPPER)) === 0 && !isSquareOrCube(line, start, i)) return true;
      continue;
    }
    wordsAtMost++;
    if ((all & NON_ASCII) === 0) {
      plainWords++;
      // A final consonant cut off the word before it (`nhố ng`), not a unit after a number (`20 m`).
      if (!numberBefore && i - start <= 2 && start >= 2 && CLASS[line.charCodeAt(start - 2)] & WORD && isFinalFragment(line, start, i)) {
        return true;
      }
      continue;
    }
    // A word with letters outside ASCII: a valid syllable, or possibly damage.
    if (ACCEPTING_ROW[row] !== 1) {
      // What the full test makes of the word is not known exactly here, so it is counted as a
      // word without marks (an upper bound) where it cannot be damage: a single letter (`đ`
      // after a price), a word without vowels (`hđnd`), a loanword (`kilômet`), a capitalised
      // name (`Lênin`, half a sign of damage at most).
      if (i - start === 1 || (all & VOWEL) === 0 || isLoanword?.(line.slice(start, i).toLowerCase())) {
        plainWords++;
        continue;
      }
      if ((first & UPPER) === 0) return true;
      nameDamage += 0.5;
      if (nameDamage >= 1) return true;
      plainWords++;
      continue;
    }
    chunkMarked++;
    if ((all & TONED) === 0) chunkTonelessMarked++;
  }
  const markless = plainWords;
  // A passage without marks needs markless >= share × (markless + marked); the slack keeps
  // rounding from ever clearing a line at the exact threshold.
  if (markless >= minWords && markless * (1 - NO_MARKS_SHARE) >= NO_MARKS_SHARE * markedWords - SLACK) return true;
  // Likewise without tones (which needs more words): the toneless words against the toned ones.
  if (wordsAtMost < (minWords >= MIN_PASSAGE_WORDS ? MIN_TONELESS_WORDS : minWords)) return false;
  const tonedWords = markedWords - tonelessMarked;
  return (markless + tonelessMarked) * (1 - NO_TONES_SHARE) >= NO_TONES_SHARE * tonedWords - SLACK;
}
