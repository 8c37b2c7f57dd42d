/**
 * Where a long line is cut into windows that are repaired one at a time, so that the work
 * and memory of a line do not grow with its length (a news dump keeps a whole article on one
 * line; minified HTML and JSON have no newlines at all). A line of at most {@link MAX_WINDOW}
 * code units is one window: such lines are repaired whole, as they always were.
 *
 * A cut depends only on the text from the window's start up to {@link CUT_LOOKAHEAD} code
 * units past its longest extent, and on whether the line ends before that: a stream that has
 * seen that much of a line cuts it exactly where `fix` cuts the whole input.
 */

/** The longest window, in UTF-16 code units; lines up to this long are repaired whole. */
export const MAX_WINDOW = 4096;
/** A cut is looked for in the second half of the longest window: windows stay long enough for context. */
const MIN_WINDOW = MAX_WINDOW / 2;
/** Code units past the longest window that a cut may read (a surrogate pair's second half). */
export const CUT_LOOKAHEAD = 2;

/** How good a place to cut is, worst to best. */
const enum CutRank {
  None,
  /** Inside a run of letters without a space: only not inside a code point or a combining sequence. */
  CodePoint,
  /** Between a letter or digit and something else, or between two other characters. */
  Token,
  /** Before a word that follows a space. */
  Word,
  /** Before a word after `,`, `;` or `:` and a space. */
  Clause,
  /** Before a capital or a digit after `.`, `!`, `?` or `…` (closing quotes or brackets may follow) and a space. */
  Sentence,
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Quotes and brackets that may close a sentence after its final punctuation. */
function isClosing(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0xbb || c === 0x2019 || c === 0x201d;
}

function endsSentence(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

function endsClause(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x3a;
}

/** Code points that attach to the one before: combining marks, joiners, variation selectors. */
function attaches(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    c === 0x200c ||
    c === 0x200d
  );
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Letters and digits, as far as a cut needs to know: ASCII ones and everything from U+00C0 on. */
function isWordUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && !isSpace(c));
}

/** Whether the code point at `i` (read no further than `end`) is a capital letter or a digit. */
function startsSentence(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return true;
  const ch = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? text.slice(i, i + 2) : text[i];
  return ch !== ch.toLowerCase();
}

/** How good a cut just before `i` is (`start < i < end`). */
function rankAt(text: string, start: number, i: number, end: number): CutRank {
  const c = text.charCodeAt(i);
  if (isLowSurrogate(c) || attaches(c)) return CutRank.None;
  const before = text.charCodeAt(i - 1);
  if (!isSpace(before)) {
    return isWordUnit(before) && isWordUnit(c) ? CutRank.CodePoint : CutRank.Token;
  }
  if (isSpace(c)) return CutRank.Token;
  // The last character before the spaces, past any closing quotes and brackets.
  let j = i - 1;
  while (j > start && isSpace(text.charCodeAt(j))) j--;
  const last = text.charCodeAt(j);
  if (endsClause(last)) return CutRank.Clause;
  while (j > start && isClosing(text.charCodeAt(j))) j--;
  if (endsSentence(text.charCodeAt(j)) && startsSentence(text, i, end)) return CutRank.Sentence;
  return CutRank.Word;
}

/**
 * The end of the window that starts at `start` in a line whose known text ends at `end`
 * (`lineEnds`: the line ends there; otherwise more of it may follow). `undefined` when more
 * of the line is needed to decide. The window is the rest of the line when that is at most
 * {@link MAX_WINDOW} long; otherwise it ends at the best cut in its second half, the last
 * one of that rank.
 */
export function windowEnd(text: string, start: number, end: number, lineEnds: boolean): number | undefined {
  if (lineEnds && end - start <= MAX_WINDOW) return end;
  if (!lineEnds && end - start <= MAX_WINDOW + CUT_LOOKAHEAD) return undefined;
  const readable = Math.min(end, start + MAX_WINDOW + CUT_LOOKAHEAD);
  let best = start + MAX_WINDOW;
  let bestRank = CutRank.None;
  for (let i = start + MAX_WINDOW; i > start + MIN_WINDOW && bestRank < CutRank.Sentence; i--) {
    const rank = rankAt(text, start, i, readable);
    if (rank > bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  if (bestRank !== CutRank.None) return best;
  // A single code point with a thousand marks on it: cut after a whole code point.
  return isLowSurrogate(text.charCodeAt(best)) ? best - 1 : best;
}
