import { isValidSyllable } from '../orthography/index.js';
import type { StageEdit } from '../types.js';
import { CP1252 } from './tables/single-byte.js';

/**
 * Text about broken encodings quotes the damage beside what it should have been:
 * `"é" appears as "Ã©"`, `“Tiếng Việt” hiển thị thành “Tiáº¿ng Viá»‡t”`. Such a quotation is
 * correct text. A quoted run whose repair the same line also writes, as written, is taken for
 * one, or where the line quotes a spelling whose mojibake the run is; so is a quoted run that
 * stands for a single character (`"Ã©"`, `“Ä‘”`: the tables and patterns of programs that find
 * or mend mojibake). The stage's edits inside such a run are dropped.
 * Quoted words in mojibake with no correct spelling beside them are still repaired, as is a line
 * that is mojibake as a whole (its one edit runs over the quotes).
 */
export function withoutMentions(line: string, found: StageEdit[]): StageEdit[] {
  if (found.length === 0) return found;
  return withoutSideBySide(line, mayHoldMention(line, found) ? withoutQuoted(line, found) : found);
}

/** The edits of `found` but those inside a quoted mention (see {@link withoutMentions}). */
function withoutQuoted(line: string, found: StageEdit[]): StageEdit[] {
  const edits = found.some((e) => e.end - e.start > 1 && ASCII_QUOTES.test(line.slice(e.start + 1, e.end - 1))) ? found.flatMap((e) => atAsciiRuns(line, e)) : found;
  let kept: StageEdit[] | undefined;
  const spans = quotedSpans(line, edits);
  for (const [from, to] of spans) {
    let first = 0;
    while (first < edits.length && edits[first].start < from) first++;
    let last = first;
    while (last < edits.length && edits[last].end <= to) last++;
    if (last === first) continue;
    const repaired = applied(line, from, to, edits, first, last).trim();
    if (repaired.length === 0) continue;
    if (!namesOneCharacter(repaired) && !writtenElsewhere(line, repaired, from - 1, to + 1) && !quotesItsSpelling(line, spans, from, to)) continue;
    kept ??= edits.slice();
    for (let k = first; k < last; k++) kept[k] = DROPPED;
  }
  return kept === undefined ? found : kept.filter((e) => e !== DROPPED);
}

const ASCII_QUOTES = /["'`]/;

/**
 * The edits of `found` but those of a run of damage that the line also writes repaired, where
 * no quotation marks set them off: `Tiếng Việt bị lỗi thành Tiáº¿ng Viá»‡t`, `é → Ã©`,
 * `| ü | Ã¼ |`. A run is the edits with nothing but ASCII between them, widened to whole words:
 * a line damaged in part is one long run, whose repair the line does not write again; the
 * words of a mention stand apart from it, between the correct letters that it shows.
 */
function withoutSideBySide(line: string, found: StageEdit[]): StageEdit[] {
  // The correct spelling has letters outside ASCII, and the edits leave them: most lines of
  // damage have none (every character outside ASCII is part of the damage).
  if (!hasTextOutsideAsciiBesides(line, found)) return found;
  let kept: StageEdit[] | undefined;
  for (let first = 0; first < found.length; ) {
    let last = first + 1;
    while (last < found.length && isAscii(line, found[last - 1].end, found[last].start)) last++;
    let from = found[first].start;
    let to = found[last - 1].end;
    while (from > 0 && LETTER_OR_DIGIT.test(line[from - 1])) from--;
    while (to < line.length && LETTER_OR_DIGIT.test(line[to])) to++;
    const repaired = applied(line, from, to, found, first, last).trim();
    const at = repaired.length > 0 && !isCommonEnough(repaired) ? placeWrittenElsewhere(line, repaired, from, to, found) : -1;
    if (at >= 0) {
      kept ??= found.slice();
      for (let k = first; k < last; k++) kept[k] = DROPPED;
      // The correct spelling is text as written, whatever an edit made of it (`Ă appears as
      // Ä‚`: the lone `Ă` beside mojibake reads as a byte of it too).
      for (let k = 0; k < found.length; k++) if (found[k].start >= at && found[k].end <= at + repaired.length) kept[k] = DROPPED;
    }
    first = last;
  }
  return kept === undefined ? found : kept.filter((e) => e !== DROPPED);
}

/**
 * Whether a run's repair is one Vietnamese syllable: a word a line of prose writes many times
 * (`mở`, `của`), so that one broken copy beside a correct one shows a line damaged in part as
 * often as a mention. A phrase, a character or a word of another language (`café`) beside its
 * mojibake is a mention.
 */
function isCommonEnough(repaired: string): boolean {
  return repaired.length >= 2 && !repaired.includes(' ') && isValidSyllable(repaired.toLowerCase());
}

/** Whether the line has a character outside ASCII that no edit covers. */
function hasTextOutsideAsciiBesides(line: string, edits: readonly StageEdit[]): boolean {
  let at = 0;
  for (const e of edits) {
    if (!isAscii(line, at, e.start)) return true;
    at = Math.max(at, e.end);
  }
  return !isAscii(line, at, line.length);
}

function isAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Whether `text` is one character, alone or with a string literal's escapes (`é\n`). */
function namesOneCharacter(text: string): boolean {
  const bare = text.replace(ESCAPES, '');
  return bare.length > 0 && isOneCharacter(bare);
}

const ESCAPES = /\\[nrt0]/g;

/**
 * An edit that undid a run of mojibake with ASCII inside it (a line of it: `["Ã©", "Ã¨"]`) as one
 * edit per run between ASCII characters. No byte sequence of UTF-8 holds an ASCII byte, so each
 * such run of the input reads as one run of the repair, in order; where they do not pair up, the
 * edit is kept whole.
 */
function atAsciiRuns(line: string, found: StageEdit): StageEdit[] {
  // Edits are trimmed of what they leave as it was (`Ãƒ` → `Ã` is an edit of `ƒ`): widened
  // first to whole runs, which pair up.
  const e = { ...found };
  while (e.start > 0 && line.charCodeAt(e.start - 1) >= 0x80) e.after = line[--e.start] + e.after;
  while (e.end < line.length && line.charCodeAt(e.end) >= 0x80) e.after += line[e.end++];
  const before = nonAsciiRuns(line, e.start, e.end);
  const after = nonAsciiRuns(e.after, 0, e.after.length);
  if (before.length < 2 || before.length !== after.length) return [found];
  // The ASCII between the runs must be the same on both sides.
  for (let k = 0; k + 1 < before.length; k++) {
    if (line.slice(before[k][1], before[k + 1][0]) !== e.after.slice(after[k][1], after[k + 1][0])) return [found];
  }
  if (line.slice(e.start, before[0][0]) !== e.after.slice(0, after[0][0])) return [found];
  const last = before.length - 1;
  if (line.slice(before[last][1], e.end) !== e.after.slice(after[last][1])) return [found];
  const pieces: StageEdit[] = [];
  for (let k = 0; k < before.length; k++) {
    const piece = trimmed(line, { ...e, start: before[k][0], end: before[k][1], after: e.after.slice(after[k][0], after[k][1]) });
    if (piece.start < piece.end || piece.after.length > 0) pieces.push(piece);
  }
  return pieces;
}

/** The edit without the characters it leaves as they were at either end. */
function trimmed(line: string, e: StageEdit): StageEdit {
  let { start, end, after } = e;
  let head = 0;
  while (start < end && head < after.length && line[start] === after[head] && !isSurrogate(line.charCodeAt(start))) {
    start++;
    head++;
  }
  let tail = after.length;
  while (end > start && tail > head && line[end - 1] === after[tail - 1] && !isSurrogate(line.charCodeAt(end - 1))) {
    end--;
    tail--;
  }
  return { ...e, start, end, after: after.slice(head, tail) };
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** The runs of characters outside ASCII in `text[from, to)`, as [start, end). */
function nonAsciiRuns(text: string, from: number, to: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const start = i;
    while (i < to && text.charCodeAt(i) >= 0x80) i++;
    runs.push([start, i]);
  }
  return runs;
}

const DROPPED: StageEdit = Object.freeze({ start: -1, end: -1, after: '', kind: 'mojibake', confidence: 0 }) as StageEdit;

/** The quotation marks of the languages that write the Latin script. */
const QUOTE_MARKS = '"\'`“”„«»‘’‚‹›';
const QUOTE_CHARS = new RegExp(`[${QUOTE_MARKS}]`);

/**
 * What a mention needs, found cheaply (most lines of mojibake have neither): a quotation mark
 * (see {@link quotesOutsideEdits}), and
 * either text outside ASCII that the edits leave (the correct spelling) or an edit just after a
 * quotation mark (a quoted character).
 */
function mayHoldMention(line: string, edits: readonly StageEdit[]): boolean {
  if (!quotesOutsideEdits(line, edits)) return false;
  let at = 0;
  for (const e of edits) {
    for (let i = at; i < e.start; i++) if (line.charCodeAt(i) >= 0x80) return true;
    if (opensQuoteAt(line, e.start - 1) || opensQuoteAt(line, e.start - 2)) return true;
    at = e.end;
  }
  for (let i = at; i < line.length; i++) if (line.charCodeAt(i) >= 0x80) return true;
  return false;
}

/**
 * Whether the line has a quotation mark that is no character of the damage: an ASCII one
 * anywhere (a line of mojibake is split at its ASCII runs), any other outside the edits. TCVN3
 * writes `ô ơ ư` as `«`, `¬`, `»`: inside its edits they are letters.
 */
function quotesOutsideEdits(line: string, edits: readonly StageEdit[]): boolean {
  if (!QUOTE_CHARS.test(line)) return false;
  if (ASCII_QUOTES.test(line)) return true;
  let at = 0;
  for (const e of edits) {
    for (let i = at; i < e.start; i++) if (QUOTE_CODES.has(line.charCodeAt(i))) return true;
    at = Math.max(at, e.end);
  }
  for (let i = at; i < line.length; i++) if (QUOTE_CODES.has(line.charCodeAt(i))) return true;
  return false;
}

const QUOTE_CODES: ReadonlySet<number> = new Set([...QUOTE_MARKS].map((c) => c.charCodeAt(0)));

/** The closing marks each opening one may have (`„…“` in German, `»…«` in Danish). */
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '`': "`'",
  '“': '”“',
  '”': '”',
  '„': '“”',
  '«': '»',
  '»': '«»',
  '‘': '’',
  '‚': '‘’',
  '‹': '›',
};

/** How far a quotation may run: a longer one is no quoted example. */
const QUOTE_REACH = 200;

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;

/** Whether a quotation mark at `i` opens a quotation (not VIQR's `'` of `ca'`, after a letter). */
function opensQuoteAt(line: string, i: number): boolean {
  return i >= 0 && CLOSERS[line[i]] !== undefined && opensAt(line, i);
}

/** Guillemets, which French sets off from what they quote by spaces (`« é »`). */
const GUILLEMETS = '«»';

/** Whether a quote at `i` opens: at the line's start, after a space, a bracket or a separator. */
function opensAt(line: string, i: number): boolean {
  if (i + 1 >= line.length || (/\s/.test(line[i + 1]) && !GUILLEMETS.includes(line[i]))) return false;
  return i === 0 || /[\s([{:,;=|>]/.test(line[i - 1]);
}

/**
 * Whether a quote at `j` closes: before a space, ASCII punctuation or the end; not before a
 * character mojibake shows for a byte (`…` in `lá»…`: that `»` is a byte too). It may follow a
 * space: mojibake of `à` ends in a no-break space, often shown as a plain one (`"Ã "`).
 */
function closesAt(line: string, j: number): boolean {
  if (j + 1 >= line.length) return true;
  const next = line.charCodeAt(j + 1);
  return next < 0x80 ? !LETTER_OR_DIGIT.test(line[j + 1]) : /\s/.test(line[j + 1]);
}

/**
 * The quoted runs of a line, as [start, end) of their content, left to right, not nested. A mark
 * inside an edit is none: mojibake shows bytes as quotation marks (`sá»¯ng`, `á»‘`).
 */
function quotedSpans(line: string, edits: readonly StageEdit[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  addQuotedSpans(line, edits, 0, line.length, spans);
  return spans;
}

/**
 * The quoted runs of `line[from, to)` added to `spans`. Inside a code span (backticks) its own
 * quotations are runs too: `printf("Ã©\n")` quotes one character.
 */
function addQuotedSpans(line: string, edits: readonly StageEdit[], from: number, to: number, spans: Array<[number, number]>): void {
  for (let i = from; i < to; i++) {
    const closers = CLOSERS[line[i]];
    if (closers === undefined || !opensAt(line, i) || insideEdit(edits, i)) continue;
    const limit = Math.min(to, i + 1 + QUOTE_REACH);
    for (let j = i + 2; j < limit; j++) {
      if (!closers.includes(line[j]) || !closesAt(line, j) || insideEdit(edits, j)) continue;
      spans.push([i + 1, j]);
      if (line[i] === '`') addQuotedSpans(line, edits, i + 1, j, spans);
      i = j;
      break;
    }
  }
}

/**
 * Whether another quoted run of the line, shown as Windows-1252 or ISO-8859-1 would show its
 * UTF-8, is the run at [`from`, `to`): the line quotes a spelling and its mojibake, even where
 * the stage cannot read every word of the mojibake back (`«lễ Trục» | «lá»… Trá»¥c»`).
 */
function quotesItsSpelling(line: string, spans: ReadonlyArray<[number, number]>, from: number, to: number): boolean {
  const quoted = line.slice(from, to).trim();
  for (const [start, end] of spans) {
    if (start === from) continue;
    const spelling = line.slice(start, end).trim();
    if (spelling.length === 0 || spelling.length >= quoted.length) continue;
    const bytes = UTF8.encode(spelling);
    let windows = '';
    let latin1 = '';
    for (const b of bytes) {
      windows += CP1252[b];
      latin1 += String.fromCharCode(b);
    }
    if (windows === quoted || latin1 === quoted) return true;
  }
  return false;
}

const UTF8 = new TextEncoder();

/** Whether `text` is one character with its marks (`é`, `—`): a quoted one is named, not written. */
function isOneCharacter(text: string): boolean {
  const first = text.codePointAt(0)!;
  let i = first > 0xffff ? 2 : 1;
  while (i < text.length && MARK.test(text[i])) i++;
  return i === text.length;
}

const MARK = /\p{M}/u;

/** Whether [`from`, `to`) holds part of one of the edits (sorted, not overlapping), not all of it. */
function straddlesEdit(edits: readonly StageEdit[], from: number, to: number): boolean {
  for (let k = firstEndingAfter(edits, from); k < edits.length && edits[k].start < to; k++) {
    if (edits[k].start < from || edits[k].end > to) return true;
  }
  return false;
}

/** Whether position `i` lies in one of the edits (sorted, not overlapping). */
function insideEdit(edits: readonly StageEdit[], i: number): boolean {
  const k = firstEndingAfter(edits, i);
  return k < edits.length && edits[k].start <= i;
}

/** The index of the first of the edits (sorted, not overlapping) that ends after `i`. */
function firstEndingAfter(edits: readonly StageEdit[], i: number): number {
  let lo = 0;
  let hi = edits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edits[mid].end <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `line[from, to)` with `edits[first, last)` (inside it, sorted) applied. */
function applied(line: string, from: number, to: number, edits: readonly StageEdit[], first: number, last: number): string {
  let out = '';
  let at = from;
  for (let k = first; k < last; k++) {
    out += line.slice(at, edits[k].start) + edits[k].after;
    at = edits[k].end;
  }
  return out + line.slice(at, to);
}

/** Whether `text` stands in the line outside [`from`, `to`), not as part of a longer word. */
function writtenElsewhere(line: string, text: string, from: number, to: number): boolean {
  return placeWrittenElsewhere(line, text, from, to, []) >= 0;
}

/**
 * Where `text` stands in the line outside [`from`, `to`), not as part of a longer word, nor in
 * part of the damage of one of `edits` (mojibake shows bytes as letters and marks: the `»` of
 * `á»ƒ`); -1 if nowhere.
 */
function placeWrittenElsewhere(line: string, text: string, from: number, to: number, edits: readonly StageEdit[]): number {
  for (let at = line.indexOf(text); at >= 0; at = line.indexOf(text, at + 1)) {
    const end = at + text.length;
    if ((end > from && at < to) || straddlesEdit(edits, at, end)) continue;
    const glued = (at > 0 && LETTER_OR_DIGIT.test(line[at - 1]) && LETTER_OR_DIGIT.test(text[0])) ||
      (end < line.length && LETTER_OR_DIGIT.test(line[end]) && LETTER_OR_DIGIT.test(text[text.length - 1]));
    if (!glued) return at;
  }
  return -1;
}
