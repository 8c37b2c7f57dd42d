/**
 * Where a long line is cut into windows that are repaired one at a time, so that the work
 * and memory of a line do not grow with its length (a news dump keeps a whole article on one
 * line; minified HTML and JSON have no newlines at all). A paragraph (at most {@link MAX_WINDOW}
 * code units and {@link MAX_LINE_SENTENCES} sentences) is one window: such lines are repaired
 * whole, as they always were.
 *
 * A cut depends only on the text from the window's start up to {@link CUT_LOOKAHEAD} code
 * units past the cut (or past the longest window), and on whether the line ends before that:
 * a stream that has seen that much of a line cuts it exactly where `fix` cuts the whole input.
 */

/** The longest window, in UTF-16 code units; a paragraph up to this long is repaired whole. */
export const MAX_WINDOW = 4096;
/** Sentences after the first that a line repaired whole may have: more make it an article, not a paragraph. */
export const MAX_LINE_SENTENCES = 16;
/** A sentence too long for a window is cut in the second half of the longest one: the pieces keep some context. */
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

/** Whether the code unit at `i` starts a sentence that a window may start with (see {@link windowEnd}). */
function isSentenceCut(text: string, start: number, i: number, end: number): boolean {
  return isSpace(text.charCodeAt(i - 1)) && !isSpace(text.charCodeAt(i)) && rankAt(text, start, i, end) === CutRank.Sentence;
}

const SENTENCE_ENDS = ['.', '!', '?', '\u2026'];

/**
 * Whether `text[start, last)` holds more than `limit` sentence-final punctuation marks. The
 * marks are looked for with `indexOf` in a slice of the line (V8 shares the text, it does not
 * copy it), many times faster than a test of every code unit.
 */
function hasMoreSentenceEnds(text: string, start: number, last: number, limit: number): boolean {
  const line = text.slice(start, last);
  let count = 0;
  for (const mark of SENTENCE_ENDS) {
    for (let i = line.indexOf(mark); i >= 0; i = line.indexOf(mark, i + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * Whether the line that starts at `start` is repaired whole: at most {@link MAX_WINDOW} long
 * and at most {@link MAX_LINE_SENTENCES} sentence starts after its first. `undefined` when more
 * of the line is needed to decide.
 */
function isWholeLine(text: string, start: number, end: number, lineEnds: boolean): boolean | undefined {
  if (end - start > MAX_WINDOW + (lineEnds ? 0 : CUT_LOOKAHEAD)) return false;
  const last = lineEnds ? end - 1 : end - CUT_LOOKAHEAD;
  // Each sentence start has a sentence end of its own before it, so a line with few of those
  // (nearly every line) is settled by a few `indexOf`, without the cut test at every code unit.
  if (!hasMoreSentenceEnds(text, start, last, MAX_LINE_SENTENCES)) return lineEnds ? true : undefined;
  let sentences = 0;
  for (let i = start + 1; i <= last; i++) {
    if (isSentenceCut(text, start, i, end) && ++sentences > MAX_LINE_SENTENCES) return false;
  }
  return lineEnds ? true : undefined;
}

/**
 * The end of the window that starts at `start` in a line whose known text ends at `end`
 * (`lineEnds`: the line ends there; otherwise more of it may follow); `firstOfLine`: the
 * window starts the line. `undefined` when more of the line is needed to decide.
 *
 * A line of at most {@link MAX_WINDOW} code units and {@link MAX_LINE_SENTENCES} sentences (a
 * paragraph) is one window. Any other is cut after every sentence: a cut that depends on
 * nothing but the few characters around it stays where it is when the text before it is
 * repaired (and changes its length), so `fix` stays idempotent; and a sentence is the unit the
 * repair is made for (the language model's context ends there too). A sentence longer than
 * {@link MAX_WINDOW} is cut at the best place in the second half of that length, the last one
 * of its rank.
 */
export function windowEnd(text: string, start: number, end: number, lineEnds: boolean, firstOfLine: boolean): number | undefined {
  if (firstOfLine) {
    const whole = isWholeLine(text, start, end, lineEnds);
    if (whole === undefined) return undefined;
    if (whole) return end;
  }
  // The first sentence start; a cut is judged with the code unit after it in sight.
  const last = Math.min(start + MAX_WINDOW, lineEnds ? end - 1 : end - CUT_LOOKAHEAD);
  for (let i = start + 1; i <= last; i++) {
    if (isSentenceCut(text, start, i, end)) return i;
  }
  if (lineEnds && end - start <= MAX_WINDOW) return end;
  if (!lineEnds && end - start <= MAX_WINDOW + CUT_LOOKAHEAD) return undefined;
  const readable = Math.min(end, start + MAX_WINDOW + CUT_LOOKAHEAD);
  let best = start + MAX_WINDOW;
  let bestRank = CutRank.None;
  for (let i = start + MAX_WINDOW; i > start + MIN_WINDOW && bestRank < CutRank.Clause; i--) {
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
