/**
 * The Unicode stage: text that looks (almost) right on screen but is wrong underneath.
 *
 * Rules (the `detail` of each edit names them):
 * - `nfc`: base letters followed by combining marks become NFC (NFD text, decomposed Korean).
 *   Only clusters with a combining character that NFC composes are touched: compatibility
 *   singletons that NFC would also rewrite (U+2126 OHM SIGN, CJK compatibility ideographs), and
 *   clusters NFC would only decompose or reorder (Bengali `য়`, Burmese marks), are not damage.
 * - `composite`: Vietnamese "Unicode tổ hợp", a precomposed â ă ê ô ơ ư plus a combining tone,
 *   and a vowel with its vowel mark and tone in either order (`o` + acute + circumflex → `ố`,
 *   which NFC leaves as `ó` + circumflex).
 * - `invisible`: zero-width space, (non-)joiners, word joiner, U+FEFF and soft hyphens inside or
 *   between words. Kept next to emoji and in scripts where joiners matter, and U+FEFF at the
 *   start of a line (a byte-order mark).
 * - `lookalike`: `Ð`/`ð` (eth) for `Đ`/`đ`, and Cyrillic/Greek letters that look like Latin ones,
 *   inside words of a Vietnamese line. A word that is otherwise Latin is mapped; a word made only
 *   of look-alikes only when it has two letters or more and then spells a Vietnamese syllable
 *   between Latin words (a single letter is a symbol, `góc α`, or a letter spoken of). Greek
 *   small letters that science uses beside Latin ones (`νe`, `TNFα`) are mapped only when the
 *   word becomes a plainly Vietnamese syllable. An eth is mapped only when the word becomes a
 *   syllable or a capital abbreviation (`ĐT`), and never inside a phonetic transcription, so
 *   Icelandic `með`, `Guðrún` and IPA `[ðe]` stay. Real Cyrillic and Greek words (any letter
 *   that is not a look-alike) are never touched.
 * - `space`: NBSP, U+202F and U+2007 used as word spaces in a Vietnamese line become ASCII
 *   spaces: only in a line where one stands between two words. Those typography sets are kept:
 *   between two digits (`1 000 000`), after a number or a label (`Chương 7. Kiểm tra`), before an
 *   address or a tag, next to a space, at the line's edge; so is every no-break space of a run
 *   that is not Vietnamese (French `« oui »`).
 * - `tone-style`: with `toneStyle: 'old' | 'new'`, the tone of open `oa`, `oe`, `uy` syllables
 *   is moved to that style (`hoà` → `hòa` or back). `preserve` (default) keeps the text's own.
 *
 * Every rule acts only in a Vietnamese line (read with its clusters composed): one with a valid
 * syllable written with letters only Vietnamese uses (ă đ ơ ư ạ ả …), two with other marks, or
 * nothing but valid syllables with a mark among them. Other text is left as written, decomposed
 * letters and invisible characters included (`Michaël` typed in NFD in an English changelog):
 * it is no Vietnamese damage, and correct text comes out byte-identical.
 */
import { settleEdits } from '../edits.js';
import { availableLanguageProfiles } from '../language/default.js';
import type { LanguageProfiles } from '../language/model.js';
import { languageRuns, type LanguageRun } from '../language/runs.js';
import { isValidSyllable, setToneStyle } from '../orthography/index.js';
import type { Stage } from '../stage.js';
import type { StageEdit } from '../types.js';
import {
  allowsInvisibleRemoval,
  isDigit,
  isInvisible,
  isLetterOrMark,
  isMarkUnit,
  isMojibakeByte,
  isNoBreakSpace,
  isWordSpace,
  MARKED_LETTER,
  hasSuspicious,
  hasSuspiciousIn,
  VIETNAMESE_LETTER,
} from './chars.js';
import { composedSpanEnd, composedSpanLeaves, composedSpanStart, composeSpan, composeText, COMPOSITE_RULE, firedRules, NFC_RULE } from './compose.js';
import { isCapitalAbbreviation, mapLookalikes, shapeOf, type RunShape } from './lookalike.js';

export { composeClusters, vietnameseLetter } from './compose.js';

/** Options of {@link unicodeStage}. */
export interface UnicodeStageOptions {
  /**
   * Tone placement in open `oa`, `oe`, `uy` syllables: keep the text's own (`preserve`,
   * default), traditional (`old`: `hòa`, `thủy`) or new (`new`: `hoà`, `thuỷ`).
   */
  toneStyle?: 'preserve' | 'old' | 'new';
  /**
   * The language profiles that tell which runs of a line are Vietnamese: no-break spaces are
   * word spaces only there (French `« oui »` keeps its own). Default: the bundled ones where
   * they can be read; without any, every no-break space in Vietnamese prose is replaced.
   */
  languages?: LanguageProfiles;
}

/** The rules, in the order they are named in a combined `detail` (`invisible+nfc`). */
type Rule = 'invisible' | 'nfc' | 'composite' | 'lookalike' | 'tone-style';
const RULE_ORDER: readonly Rule[] = ['invisible', 'nfc', 'composite', 'lookalike', 'tone-style'];
/** A set of rules as bits, by their place in {@link RULE_ORDER} (a number, not a `Set` per word). */
const INVISIBLE = 1;
const NFC = 2;
const COMPOSITE = 4;
const LOOKALIKE = 8;
const TONE_STYLE = 16;

/** The rule bits of what {@link composeText} fired. */
function composeBits(): number {
  const f = firedRules();
  return ((f & NFC_RULE) !== 0 ? NFC : 0) | ((f & COMPOSITE_RULE) !== 0 ? COMPOSITE : 0);
}

/** How sure each rule is. NFC is an identity of Unicode; the others read intent. */
const CONFIDENCE: Readonly<Record<Rule | 'space' | 'lookalike-guess', number>> = {
  nfc: 1,
  composite: 0.99,
  invisible: 0.98,
  space: 0.95,
  lookalike: 0.95,
  // A word made only of look-alikes, or an eth in a capital abbreviation: context decides.
  'lookalike-guess': 0.85,
  'tone-style': 1,
};

/** A syllable whose tone sits on one side of `oa`/`oe`/`uy`: the only text tone style moves. */
const STYLE_CANDIDATE =
  /[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]|[òóỏõọÒÓỎÕỌ][aAeE]|[ùúủũụÙÚỦŨỤ][yY]/;

/**
 * The Unicode stage (see the module comment for its rules). Its `mayApply` is one
 * table-driven scan, so clean NFC text costs a single scan.
 */
export function unicodeStage(options: UnicodeStageOptions = {}): Stage {
  const style = options.toneStyle ?? 'preserve';
  const languages = options.languages;
  if (style === 'preserve') {
    return {
      name: 'unicode',
      mayApply: hasSuspicious,
      run: (line) => settled(line, undefined, languages, hasSuspicious),
    };
  }
  const mayApply = (line: string) => hasSuspicious(line) || STYLE_CANDIDATE.test(line);
  return {
    name: 'unicode',
    mayApply,
    run: (line) => settled(line, style, languages, mayApply),
  };
}

/**
 * The stage's edits of a line, settled: a repair can change which runs of the line read as
 * Vietnamese (`Ðo¢m` read with `Đ`), and so which no-break spaces are word spaces, so the
 * repaired line is looked at again until nothing changes (a second look is nearly always the
 * last). The stage's own output is final for it, which keeps `fix` idempotent.
 */
function settled(
  line: string,
  style: 'old' | 'new' | undefined,
  languages: LanguageProfiles | undefined,
  mayApply: (line: string) => boolean,
): StageEdit[] {
  const first = repairLine(line, style, languages);
  const left = suspiciousLeft;
  // No-break spaces made ASCII spaces change none of the evidence (chunks, letters, language
  // runs: the tokenizer reads every space alike), so such a line is settled as it is.
  if (onlySpaces(first)) return first;
  // A repaired line left with nothing the stage acts on is settled without a second look
  // (noted while the line was repaired, without making the repaired line).
  if (style === undefined && !left) return first;
  return settleEdits(line, first, 2, (text) => (mayApply(text) ? repairLine(text, style, languages) : []));
}

/**
 * {@link hasSuspicious} of the line the last {@link repairLine} read, with its edits applied:
 * whether anything is left for the stage to act on (`true` until it knows).
 */
let suspiciousLeft = true;

/** Whether a chunk's text with its `edit` applied holds a character the stage acts on. */
function leavesAfter(line: string, chunk: Chunk, edit: StageEdit | undefined): boolean {
  if (edit === undefined) return hasSuspiciousIn(line, chunk.start, chunk.end);
  return hasSuspiciousIn(line, chunk.start, edit.start) || hasSuspiciousIn(edit.after, 0, edit.after.length) || hasSuspiciousIn(line, edit.end, chunk.end);
}

function onlySpaces(edits: readonly StageEdit[]): boolean {
  for (const e of edits) if (e.detail !== 'space') return false;
  return true;
}

/** A run of non-space characters of the line and what the rules make of it. */
interface Chunk {
  line: string;
  start: number;
  end: number;
  /**
   * After invisible characters are dropped and clusters composed (the Vietnamese reading): set
   * when invisible characters were dropped, else made when asked for ({@link textOf}).
   */
  text: string | undefined;
  /**
   * When composing alone changed the chunk: the composed text of `line.slice(spanStart,
   * spanEnd)`, from its first changed cluster to the end of its last (nearly always the edit).
   */
  span: string | undefined;
  spanStart: number;
  spanEnd: number;
  /** What fired while reading `text`, as rule bits; 0 when nothing did. */
  rules: number;
  /** Whether `text` has `Ð`/`ð`, Greek or Cyrillic letters. */
  lookalikes: boolean;
  /**
   * Whether the chunk, composed, still holds a character the stage acts on; `undefined` when
   * other rules may change it (look-alikes, invisible characters): then its edit tells.
   */
  leaves: boolean | undefined;
  /**
   * Whether the chunk sits in a phonetic transcription, `[ˈdjeɣo ða]` or `/ðe/` (inside square
   * brackets, or with a slash of its own), where `ð` is the IPA letter.
   */
  transcription: boolean;
  /** Letter runs of `text`, read on demand ({@link runsOf}): most chunks never need them. */
  runs: LetterRun[] | undefined;
}

/** Letters and marks inside a chunk's text. */
interface LetterRun {
  start: number;
  end: number;
  text: string;
  shape: RunShape;
  /** The run with look-alikes mapped, when it has any. */
  mapped: string | undefined;
}


function repairLine(line: string, style: 'old' | 'new' | undefined, languages: LanguageProfiles | undefined): StageEdit[] {
  suspiciousLeft = true;
  const chunks = readChunks(line);
  const noBreak = noBreakSeen;
  if (!isVietnameseLine(chunks)) return [];
  // No-break spaces are word spaces only in the Vietnamese runs of the line (French `« oui »`),
  // and inside a Vietnamese name of another run (`He moved to Hà Nội`).
  let otherRuns: LanguageRun[] | undefined;
  // Between two marked syllables it is a word space in any run: the line's language runs (the
  // dearer test) are only read for the others.
  const keepsNoBreak = (from: number, to: number): boolean => {
    if (isMarkedSyllable(line, wordStart(line, from), from) && isMarkedSyllable(line, to, wordEnd(line, to))) return false;
    otherRuns ??= nonVietnameseRuns(line, languages);
    return otherRuns.some((r) => r.start <= from && from < r.end);
  };
  const edits: StageEdit[] = [];
  // No-break spaces set by typography (`Chương 7. Kiểm tra`, `Phụ lục A.`) are kept, unless
  // the line also has one between two words: then they are all word spaces a copy left.
  const wordSpaces = noBreak && hasNoBreakWordSpace(line);
  // Whether the repaired line still holds a character the stage acts on, noted on the way.
  let left = false;
  let chunkIndex = 0;
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (isWordSpace(code)) {
      // A run of no-break spaces becomes ASCII spaces, except digit grouping.
      if (!isNoBreakSpace(code) || !wordSpaces) {
        if (code !== 0x20 && code !== 0x09) left = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < line.length && isNoBreakSpace(line.charCodeAt(j))) j++;
      const between = i > 0 && isDigit(line.charCodeAt(i - 1)) && j < line.length && isDigit(line.charCodeAt(j));
      const edge = isLineEdge(line, i, j);
      const mojibake = isMojibakeByte(line, i);
      if (!between && !edge && !mojibake && !keepsNoBreak(i, j)) edits.push({ start: i, end: j, after: ' '.repeat(j - i), kind: 'unicode', confidence: CONFIDENCE.space, detail: 'space' });
      else left = true;
      i = j;
      continue;
    }
    const chunk = chunks[chunkIndex++];
    const edit = vietnameseChunkEdit(line, chunks, chunkIndex - 1, style);
    if (edit) edits.push(edit);
    if (!left) left = chunk.leaves ?? leavesAfter(line, chunk, edit);
    i = chunk.end;
  }
  suspiciousLeft = left;
  return edits;
}

/**
 * Whether a run of no-break spaces `line.slice(from, to)` touches the line's start or end, or
 * only spaces there: a cell's `&nbsp;`, a pad, never a space between words.
 */
function isLineEdge(line: string, from: number, to: number): boolean {
  let before = from;
  while (before > 0 && isWordSpace(line.charCodeAt(before - 1))) before--;
  let after = to;
  while (after < line.length && isWordSpace(line.charCodeAt(after))) after++;
  return before === 0 || after === line.length;
}

/** A number or a label of one capital before a no-break space: `7.`, `5.18.`, `A.`, `(3)`. */
const LABEL_BEFORE = /(?:\d[.:,)]?|(?:^|[\s(])\p{Lu}[.:])$/u;
/** A number or a label after it: `7.`, `2024`, `A.2`, `A. Đóng gói`. */
const LABEL_AFTER = /^(?:\(?\d|\p{Lu}[.:](?:\d|\s|$))/u;

/** A word (a letter, then closing punctuation) before a no-break space. */
const WORD_BEFORE = /\p{L}\p{M}*[.,;:!?)\]}”’»"']*$/u;
/** A word (opening punctuation, then a letter) after it. */
const WORD_AFTER = /^[(\[{“‘«"']*\p{L}/u;

/**
 * Whether the line has a no-break space between two words, not next to a number or a label
 * (`Chương⍽7.⍽Kiểm tra`: typography), a space (a pad), a tag, an address or a smiley: the sign
 * that its no-break spaces stand for word spaces.
 */
function hasNoBreakWordSpace(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    if (!isNoBreakSpace(line.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < line.length && isNoBreakSpace(line.charCodeAt(j))) j++;
    const before = line.slice(Math.max(0, i - 8), i);
    const after = line.slice(j, j + 4);
    if (WORD_BEFORE.test(before) && WORD_AFTER.test(after) && !LABEL_BEFORE.test(before) && !LABEL_AFTER.test(after)) return true;
    i = j - 1;
  }
  return false;
}

/**
 * Whether `line.slice(start, end)` is a valid syllable with a marked letter ({@link MARKED_LETTER}
 * or {@link VIETNAMESE_LETTER}). The letters are read in place first: a word without one (most
 * words beside a no-break space that needs asking) is not sliced out.
 */
function isMarkedSyllable(line: string, start: number, end: number): boolean {
  let marked = false;
  for (let k = start; k < end && !marked; k++) {
    const code = line.charCodeAt(k);
    marked = (code >= 0xc0 && code <= 0x24f) || (code >= 0x1ea0 && code <= 0x1ef9);
  }
  return marked && isValidSyllable(line.slice(start, end));
}

/** Where the run of letters ending at `end` starts (16 code units at most). */
function wordStart(line: string, end: number): number {
  let start = end;
  while (start > 0 && start > end - 16 && isLetterOrMark(line.charCodeAt(start - 1))) start--;
  return start;
}

/** Where the run of letters starting at `start` ends (16 code units at most). */
function wordEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && end < start + 16 && isLetterOrMark(line.charCodeAt(end))) end++;
  return end;
}

function nonVietnameseRuns(line: string, languages: LanguageProfiles | undefined): LanguageRun[] {
  const profiles = languages ?? availableLanguageProfiles();
  return profiles === undefined ? [] : languageRuns(line, { profiles, verdictsOnly: true }).filter((r) => r.verdict !== 'vi');
}

/** Whether the line {@link readChunks} read last has a no-break space (most lines have none). */
let noBreakSeen = false;

/** Splits the line at word spaces; each chunk is read as if the line were Vietnamese. */
function readChunks(line: string): Chunk[] {
  const chunks: Chunk[] = [];
  let brackets = 0;
  let i = 0;
  noBreakSeen = false;
  while (i < line.length) {
    const space = line.charCodeAt(i);
    if (isWordSpace(space)) {
      if (isNoBreakSpace(space)) noBreakSeen = true;
      i++;
      continue;
    }
    const start = i;
    let invisible = false;
    let combining = false;
    let lookalikes = false;
    let transcription = brackets > 0;
    for (; i < line.length; i++) {
      const code = line.charCodeAt(i);
      if (code < 0xa0) {
        if (code === 0x20 || code === 0x09) break;
        if (code === 0x5b /* [ */) {
          brackets++;
          transcription = true;
        } else if (code === 0x5d /* ] */) {
          if (brackets > 0) brackets--;
        } else if (code === 0x2f /* / */) {
          transcription = true;
        }
        continue;
      }
      if (isNoBreakSpace(code)) break;
      if (isInvisible(code)) invisible = true;
      else if (code === 0xd0 || code === 0xf0 || (code >= 0x370 && code <= 0x52f) || (code >= 0x1f00 && code <= 0x1fff)) lookalikes = true;
      // Any mark, or a letter of a script that has them; not the precomposed Vietnamese vowels
      // (U+1E00–U+1EFF) or punctuation, which are most of what a damaged Vietnamese line holds.
      else if (code >= 0x300 && !(code >= 0x1e00 && code <= 0x1eff) && !(code >= 0x2000 && code <= 0x206f)) combining = true;
    }
    let text: string | undefined;
    let span: string | undefined;
    let spanStart = 0;
    let spanEnd = 0;
    let rules = 0;
    if (invisible) {
      const visible = dropInvisible(line, start, i);
      if (visible.length !== i - start) {
        rules |= INVISIBLE;
        text = visible;
      }
    }
    if (combining) {
      if (text === undefined) {
        span = composeSpan(line, start, i);
        spanStart = composedSpanStart();
        spanEnd = composedSpanEnd();
      } else {
        text = composeText(text);
      }
      rules |= composeBits();
    }
    // Every character the stage acts on sets one of the flags (a no-break space ends the chunk).
    const leaves = invisible || lookalikes ? undefined : combining && composedSpanLeaves();
    chunks.push({ line, start, end: i, text, span, spanStart, spanEnd, rules, lookalikes, leaves, transcription, runs: undefined });
  }
  return chunks;
}

/** The text of a chunk as the rules read it (see {@link Chunk.text}). */
function textOf(chunk: Chunk): string {
  const { line, start, end, span } = chunk;
  return (chunk.text ??= span === undefined ? line.slice(start, end) : line.slice(start, chunk.spanStart) + span + line.slice(chunk.spanEnd, end));
}

/** The letter runs of a chunk, with look-alikes mapped where there are any. */
function runsOf(chunk: Chunk): LetterRun[] {
  if (chunk.runs) return chunk.runs;
  const text = textOf(chunk);
  const runs: LetterRun[] = [];
  chunk.runs = runs;
  let start = -1;
  for (let i = 0; i <= text.length; ) {
    const code = i < text.length ? text.codePointAt(i)! : -1;
    const inRun = code >= 0 && isLetterOrMark(code);
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      const word = text.slice(start, i);
      const shape = shapeOf(word);
      // Made whole: a field added afterwards would give runs two shapes.
      const mapped = shape.homoglyphs > 0 || shape.eths > 0 ? mapLookalikes(word) : undefined;
      runs.push({ start, end: i, text: word, shape, mapped });
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return runs;
}

/** `line.slice(start, end)` without the invisible characters whose neighbours allow dropping them. */
function dropInvisible(line: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let k = start; k < end; k++) {
    const code = line.charCodeAt(k);
    if (!isInvisible(code) || (k === 0 && code === 0xfeff) || isMojibakeByte(line, k)) continue;
    let p = k - 1;
    while (p >= 0 && isInvisible(line.charCodeAt(p))) p--;
    let q = k + 1;
    while (q < line.length && isInvisible(line.charCodeAt(q))) q++;
    const before = p >= 0 ? line.charCodeAt(p) : undefined;
    const after = q < line.length ? line.charCodeAt(q) : undefined;
    if (!allowsInvisibleRemoval(before) || !allowsInvisibleRemoval(after)) continue;
    out += line.slice(from, k);
    from = k + 1;
  }
  return from === start ? line.slice(start, end) : out + line.slice(from, end);
}

/**
 * Whether the line is Vietnamese: a valid syllable with a letter only Vietnamese writes, or two
 * with other marks, or only valid syllables with at least one mark (a short title `Tôi`).
 */
function isVietnameseLine(chunks: readonly Chunk[]): boolean {
  let score = 0;
  let allSyllables = true;
  let runs = 0;
  for (const chunk of chunks) {
    for (const run of runsOf(chunk)) {
      runs++;
      const word = run.mapped ?? run.text;
      if (!isValidSyllable(word)) {
        allSyllables = false;
        continue;
      }
      if (VIETNAMESE_LETTER.test(word)) score += 2;
      else if (MARKED_LETTER.test(word)) score += 1;
      if (score >= 2) return true;
    }
  }
  return runs > 0 && allSyllables && score > 0;
}

function vietnameseChunkEdit(
  line: string,
  chunks: readonly Chunk[],
  index: number,
  style: 'old' | 'new' | undefined,
): StageEdit | undefined {
  const chunk = chunks[index];
  let rules = chunk.rules;
  let confidence = 1;
  // The chunk's text once a rule other than composing has read it: its edit is trimmed from it.
  let text = (rules & INVISIBLE) !== 0 ? chunk.text : undefined;
  if (chunk.lookalikes) {
    text = textOf(chunk);
    // Right to left, so that earlier offsets stay valid.
    const runs = runsOf(chunk);
    for (let r = runs.length - 1; r >= 0; r--) {
      const run = runs[r];
      if (run.mapped === undefined) continue;
      const sure = lookalikeDecision(run, chunks, index, r);
      if (sure === undefined) continue;
      text = text!.slice(0, run.start) + run.mapped + text!.slice(run.end);
      rules |= LOOKALIKE;
      confidence = Math.min(confidence, sure);
    }
  }
  if (style !== undefined) {
    text ??= textOf(chunk);
    const styled = setToneStyle(text, style);
    if (styled !== text) {
      text = styled;
      rules |= TONE_STYLE;
    }
  }
  if (text === undefined) {
    // Composing alone changed it, or nothing did.
    const span = chunk.span;
    if (span === undefined) return undefined;
    if (spanIsTheEdit(line, chunk, span)) {
      return { start: chunk.spanStart, end: chunk.spanEnd, after: span, kind: 'unicode', confidence: RULES_CONFIDENCE[rules], detail: detailOf(rules) };
    }
    text = textOf(chunk);
  }
  // A rule fired only where it changed the text.
  if (rules === 0 || sameAsRange(text, line, chunk.start, chunk.end)) return undefined;
  return chunkEdit(line, chunk.start, chunk.end, text, rules, confidence);
}

/**
 * Whether the composed span of a chunk is exactly what {@link chunkEdit} trims the composed
 * chunk to: the texts differ at both ends of the span, and neither end cuts a cluster (it
 * may not, where a composition keeps a mark or a jamo of the cluster, or a lone surrogate
 * follows).
 */
function spanIsTheEdit(line: string, chunk: Chunk, span: string): boolean {
  const { start, end, spanStart, spanEnd } = chunk;
  return (
    line.charCodeAt(spanStart) !== span.charCodeAt(0) &&
    line.charCodeAt(spanEnd - 1) !== span.charCodeAt(span.length - 1) &&
    (spanStart === start || !(continuesCluster(line, spanStart, start, end) || continuesCluster(span, 0, -1, span.length))) &&
    !continuesCluster(line, spanEnd, start, end)
  );
}

/** Whether `text` is `line.slice(start, end)` (compared in place). */
function sameAsRange(text: string, line: string, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== line.charCodeAt(start + k)) return false;
  return true;
}

/** The confidence of mapping a run's look-alikes, or `undefined` to leave it. */
function lookalikeDecision(run: LetterRun, chunks: readonly Chunk[], chunkIndex: number, runIndex: number): number | undefined {
  const { shape } = run;
  const mapped = run.mapped!;
  if (shape.other > 0) return undefined; // a real Cyrillic or Greek word
  if (chunks[chunkIndex].transcription && run.text.includes('\u00F0')) return undefined; // IPA ð
  const syllable = isValidSyllable(mapped);
  // `νe`, `TNFα`: a Greek symbol beside Latin letters, unless the word is plainly Vietnamese.
  if (shape.symbols > 0 && !(syllable && (mapped.length >= 3 || MARKED_LETTER.test(mapped) || VIETNAMESE_LETTER.test(mapped)))) {
    return undefined;
  }
  // `Ð`/`ð` is a letter of Icelandic and Faroese: in a line whose words write more letters
  // Vietnamese does not (`æ`, `ø`, `þ`) than letters only Vietnamese writes, `Ðú` is Faroese.
  if (shape.eths > 0 && mostlyOtherLatinLetters(chunks)) return undefined;
  let confidence = CONFIDENCE.lookalike;
  if (shape.eths > 0 && !syllable) {
    if (!isCapitalAbbreviation(mapped)) return undefined;
    confidence = CONFIDENCE['lookalike-guess'];
  }
  if (shape.homoglyphs > 0 && shape.latin === 0) {
    // Only look-alikes: a Vietnamese syllable between Latin words. A single letter stays: a
    // symbol (`góc α`) or a letter spoken of (`chữ е` of Russian).
    if (!syllable || shape.homoglyphs < 2 || !latinNeighbours(chunks, chunkIndex, runIndex)) return undefined;
    confidence = CONFIDENCE['lookalike-guess'];
  }
  return confidence;
}

/**
 * Whether more of a line's words hold a Latin letter with marks that Vietnamese does not write
 * (`æ ø å þ ß ö ü ç ñ`…) than hold a letter only Vietnamese writes (`ă ơ ư ạ ế`…). `Ð`/`ð`
 * count for neither.
 */
function mostlyOtherLatinLetters(chunks: readonly Chunk[]): boolean {
  let other = 0;
  let vietnamese = 0;
  for (const chunk of chunks) {
    for (const run of runsOf(chunk)) {
      if (VIETNAMESE_LETTER.test(run.text)) vietnamese++;
      else if (hasOtherLatinLetter(run.text)) other++;
    }
  }
  return other > vietnamese;
}

function hasOtherLatinLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0xc0 && code <= 0x24f && code !== 0xd0 && code !== 0xf0 && !VIETNAMESE_LATIN.has(code)) return true;
  }
  return false;
}

/** The letters of U+00C0–U+024F that Vietnamese writes. */
const VIETNAMESE_LATIN: ReadonlySet<number> = new Set(
  [...'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư'].map((c) => c.charCodeAt(0)),
);

/** Whether the nearest letter runs before and after (those that exist; at least one) are Latin. */
function latinNeighbours(chunks: readonly Chunk[], chunkIndex: number, runIndex: number): boolean {
  const prev = neighbour(chunks, chunkIndex, runIndex, -1);
  const next = neighbour(chunks, chunkIndex, runIndex, 1);
  if (!prev && !next) return false;
  return (!prev || prev.shape.latin > 0) && (!next || next.shape.latin > 0);
}

function neighbour(chunks: readonly Chunk[], chunkIndex: number, runIndex: number, step: 1 | -1): LetterRun | undefined {
  let c = chunkIndex;
  let r = runIndex + step;
  while (c >= 0 && c < chunks.length) {
    const runs = runsOf(chunks[c]);
    if (r >= 0 && r < runs.length) return runs[r];
    c += step;
    if (c >= 0 && c < chunks.length) r = step > 0 ? 0 : runsOf(chunks[c]).length - 1;
  }
  return undefined;
}

/**
 * One edit for a changed chunk, `line.slice(start, end)` become `after`, trimmed to the changed
 * span without cutting a letter from its marks.
 */
function chunkEdit(line: string, start: number, end: number, after: string, rules: number, confidence: number): StageEdit {
  const length = end - start;
  let head = 0;
  const shorter = Math.min(length, after.length);
  while (head < shorter && line.charCodeAt(start + head) === after.charCodeAt(head)) head++;
  while (head > 0 && (continuesCluster(line, start + head, start, end) || continuesCluster(after, head, 0, after.length))) head--;
  let tail = 0;
  while (tail < shorter - head && line.charCodeAt(end - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  while (tail > 0 && (continuesCluster(line, end - tail, start, end) || continuesCluster(after, after.length - tail, 0, after.length))) tail--;
  const detail = detailOf(rules);
  const sure = Math.min(confidence, RULES_CONFIDENCE[rules]);
  return {
    start: start + head,
    end: end - tail,
    after: head === 0 && tail === 0 ? after : after.slice(head, after.length - tail),
    kind: 'unicode',
    confidence: sure,
    detail,
  };
}

/** The confidence of a set of rules (the least of theirs), by its bits. */
const RULES_CONFIDENCE = Array.from({ length: 1 << RULE_ORDER.length }, (_, bits) =>
  RULE_ORDER.reduce((least, rule, k) => ((bits & (1 << k)) !== 0 ? Math.min(least, CONFIDENCE[rule]) : least), 1),
);

/** The `detail` of an edit, by the bits of its rules in {@link RULE_ORDER}: a few strings, made once. */
const DETAILS: string[] = [];

function detailOf(rules: number): string {
  return (DETAILS[rules] ??= RULE_ORDER.filter((_, k) => (rules & (1 << k)) !== 0).join('+'));
}

/**
 * Whether the code unit at `i` belongs to the character before it (a low surrogate or a
 * mark), inside the text `s.slice(from, to)`.
 */
function continuesCluster(s: string, i: number, from: number, to: number): boolean {
  if (i <= from || i >= to) return false;
  const code = s.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff) return true;
  return code >= 0x0300 && isMarkUnit(code);
}
