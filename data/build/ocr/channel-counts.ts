/**
 * Aligns an OCR reading with the text it was made from and counts what went wrong, as rows of
 * (class, truth, printed) for the channel table `data/ocr-channel.tsv`.
 *
 * The two texts are aligned character by character (weighted Levenshtein with backtrace); the
 * alignment links each reference word to the printed words its letters went to, and each
 * connected group of words is one event: a word read as one word, split in two, run together
 * with its neighbour, dropped, or printed from nothing.
 */
import { isValidSyllable, removeMarks, removeTone, toneOf } from '../../../src/orthography/index.js';

/** What one event counts: `class`, what the text said, what OCR printed. */
export interface Confusion {
  cls: string;
  truth: string;
  printed: string;
}

export const TONE_NAMES = ['ngang', 'huyền', 'sắc', 'hỏi', 'ngã', 'nặng'] as const;

// Integer costs: a letter read as the same letter with other marks is the cheapest change, so
// that `ế`/`é` line up; a space never stands for a letter.
const COST_SAME_BASE = 1;
const COST_SUB = 2;
const COST_INDEL = 2;
const COST_SPACE_SUB = 5;

const enum Step {
  Diagonal = 0,
  Delete = 1, // a reference character with nothing printed
  Insert = 2, // a printed character with nothing in the reference
}

/**
 * The alignment of `ref` with `ocr` (arrays of characters): pairs of indices, −1 on the side
 * that has nothing. Ties prefer the diagonal, then a deletion, so the result is deterministic.
 */
export function alignCharacters(ref: readonly string[], ocr: readonly string[]): [number, number][] {
  const n = ref.length;
  const m = ocr.length;
  const width = m + 1;
  const back = new Uint8Array((n + 1) * width);
  let prev = new Uint32Array(width);
  let cur = new Uint32Array(width);
  const refBase = ref.map(baseLetter);
  const ocrBase = ocr.map(baseLetter);
  for (let j = 1; j <= m; j++) {
    prev[j] = j * COST_INDEL;
    back[j] = Step.Insert;
  }
  for (let i = 1; i <= n; i++) {
    cur[0] = i * COST_INDEL;
    back[i * width] = Step.Delete;
    const a = ref[i - 1];
    for (let j = 1; j <= m; j++) {
      const b = ocr[j - 1];
      const sub =
        a === b ? 0 : (a === ' ') !== (b === ' ') ? COST_SPACE_SUB : refBase[i - 1] === ocrBase[j - 1] ? COST_SAME_BASE : COST_SUB;
      let best = prev[j - 1] + sub;
      let step = Step.Diagonal;
      if (prev[j] + COST_INDEL < best) {
        best = prev[j] + COST_INDEL;
        step = Step.Delete;
      }
      if (cur[j - 1] + COST_INDEL < best) {
        best = cur[j - 1] + COST_INDEL;
        step = Step.Insert;
      }
      cur[j] = best;
      back[i * width + j] = step;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  const path: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const step = i === 0 ? Step.Insert : j === 0 ? Step.Delete : back[i * width + j];
    if (step === Step.Diagonal) path.push([--i, --j]);
    else if (step === Step.Delete) path.push([--i, -1]);
    else path.push([-1, --j]);
  }
  return path.reverse();
}

function baseLetter(ch: string): string {
  return removeMarks(ch.toLowerCase());
}

/**
 * Runs of edits between matching characters, as (truth, printed) strings: `m`→`rn`, `c`→`e`,
 * ``→`i` (a letter added), `n`→`` (a letter lost).
 */
export function editRuns(ref: readonly string[], ocr: readonly string[]): [string, string][] {
  const runs: [string, string][] = [];
  let truth = '';
  let printed = '';
  for (const [i, j] of alignCharacters(ref, ocr)) {
    if (i >= 0 && j >= 0 && ref[i] === ocr[j]) {
      if (truth || printed) runs.push([truth, printed]);
      truth = printed = '';
      continue;
    }
    if (i >= 0) truth += ref[i];
    if (j >= 0) printed += ocr[j];
  }
  if (truth || printed) runs.push([truth, printed]);
  return runs;
}

/**
 * The share of the reference's letters (spaces aside) that the reading printed as the same
 * letter, marks aside: below about one half, a page is noise rather than damaged text.
 */
export function letterAccuracy(refText: string, ocrText: string): number {
  const ref = [...normaliseText(refText)];
  const ocr = [...normaliseText(ocrText)];
  let letters = 0;
  let kept = 0;
  for (const [i, j] of alignCharacters(ref, ocr)) {
    if (i < 0 || ref[i] === ' ') continue;
    letters++;
    if (j >= 0 && baseLetter(ref[i]) === baseLetter(ocr[j])) kept++;
  }
  return letters ? kept / letters : 1;
}

/** A word: its text and its character range in the line. */
interface Word {
  text: string;
  start: number;
  end: number;
}

function words(chars: readonly string[]): Word[] {
  const out: Word[] = [];
  let start = -1;
  for (let k = 0; k <= chars.length; k++) {
    const space = k === chars.length || chars[k] === ' ';
    if (!space && start < 0) start = k;
    else if (space && start >= 0) {
      out.push({ text: chars.slice(start, k).join(''), start, end: k });
      start = -1;
    }
  }
  return out;
}

/** A word cut into leading punctuation, core (first to last letter or digit) and trailing punctuation. */
export function splitWord(word: string): { lead: string; core: string; trail: string } {
  const chars = [...word];
  let a = 0;
  while (a < chars.length && !isWordChar(chars[a])) a++;
  let b = chars.length;
  while (b > a && !isWordChar(chars[b - 1])) b--;
  return { lead: chars.slice(0, a).join(''), core: chars.slice(a, b).join(''), trail: chars.slice(b).join('') };
}

function isWordChar(ch: string): boolean {
  return /^[\p{L}\p{N}\p{M}]$/u.test(ch);
}

/** Text as OCR compares it: NFC, every run of white space one space, no space at either end. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').split(/\s+/u).filter(Boolean).join(' ');
}

/**
 * Everything that happened to `ref` in the reading `ocr`. Besides the errors, it counts what
 * the rates need: every reference syllable (`syllable`/`ok`, `syllable`/`case`, …), every
 * letter and tone of the syllables read as one word (`letter-seen`, `tone-seen`), every
 * punctuation mark (`punct-seen`).
 */
export function countConfusions(refText: string, ocrText: string): Confusion[] {
  const ref = [...normaliseText(refText)];
  const ocr = [...normaliseText(ocrText)];
  const refWords = words(ref);
  const ocrWords = words(ocr);
  const wordAt = (ws: Word[], length: number): Int32Array => {
    const at = new Int32Array(length).fill(-1);
    ws.forEach((w, k) => at.fill(k, w.start, w.end));
    return at;
  };
  const refWordAt = wordAt(refWords, ref.length);
  const ocrWordAt = wordAt(ocrWords, ocr.length);

  // The alignment is monotone, so linked words form consecutive groups: walk both word lists,
  // widening a group while a link reaches past it.
  const linksOfRef: number[][] = refWords.map(() => []);
  for (const [i, j] of alignCharacters(ref, ocr)) {
    if (i < 0 || j < 0 || refWordAt[i] < 0 || ocrWordAt[j] < 0) continue;
    const links = linksOfRef[refWordAt[i]];
    if (links[links.length - 1] !== ocrWordAt[j]) links.push(ocrWordAt[j]);
  }
  const out: Confusion[] = [];
  let r = 0;
  let o = 0;
  while (r < refWords.length || o < ocrWords.length) {
    if (r < refWords.length && linksOfRef[r].length === 0) {
      countDropped(refWords[r].text, out);
      r++;
      continue;
    }
    const firstPrinted = r < refWords.length ? linksOfRef[r][0] : ocrWords.length;
    if (o < firstPrinted) {
      out.push({ cls: 'extra', truth: '', printed: ocrWords[o].text.toLowerCase() });
      o++;
      continue;
    }
    // A group: reference words r..r2, printed words o..o2 (inclusive).
    let r2 = r;
    let o2 = Math.max(...linksOfRef[r]);
    for (;;) {
      // Words read as nothing between two words read into one printed word belong to the group.
      let next = r2 + 1;
      while (next < refWords.length && linksOfRef[next].length === 0) next++;
      if (next >= refWords.length || linksOfRef[next][0] > o2) break;
      r2 = next;
      o2 = Math.max(o2, ...linksOfRef[r2]);
    }
    const truth = refWords.slice(r, r2 + 1).map((w) => w.text);
    const printed = ocrWords.slice(o, o2 + 1).map((w) => w.text);
    if (truth.length === 1 && printed.length === 1) countWordPair(truth[0], printed[0], out);
    else countGroup(truth, printed, out);
    r = r2 + 1;
    o = o2 + 1;
  }
  return out;
}

function countDropped(word: string, out: Confusion[]): void {
  const { lead, core, trail } = splitWord(word);
  if (core && isValidSyllable(core)) out.push({ cls: 'syllable', truth: 'dropped', printed: '' });
  countPunctSeen(lead + trail, out);
  out.push({ cls: 'drop', truth: word.toLowerCase(), printed: '' });
}

function countGroup(truth: string[], printed: string[], out: Confusion[]): void {
  const kind = truth.length === 1 ? 'split' : printed.length === 1 ? 'merge' : 'regroup';
  for (const word of truth) {
    const { lead, core, trail } = splitWord(word);
    if (core && isValidSyllable(core)) out.push({ cls: 'syllable', truth: kind, printed: '' });
    countPunctSeen(lead + trail, out);
  }
  out.push({ cls: kind, truth: truth.join(' ').toLowerCase(), printed: printed.join(' ').toLowerCase() });
}

function countPunctSeen(punct: string, out: Confusion[]): void {
  for (const ch of punct) out.push({ cls: 'punct-seen', truth: ch, printed: '' });
}

/** One reference word read as one printed word. */
function countWordPair(truthWord: string, printedWord: string, out: Confusion[]): void {
  const t = splitWord(truthWord);
  const p = splitWord(printedWord);
  countPunctSeen(t.lead + t.trail, out);
  if (t.lead !== p.lead) out.push({ cls: 'punct', truth: t.lead, printed: p.lead });
  if (t.trail !== p.trail) out.push({ cls: 'punct', truth: t.trail, printed: p.trail });
  if (!t.core || !isValidSyllable(t.core)) {
    if (t.core !== p.core) out.push({ cls: 'nonsyllable', truth: kindOfNonSyllable(t.core), printed: '' });
    return;
  }
  const truth = t.core.toLowerCase();
  const printed = p.core.toLowerCase();
  const truthChars = [...removeTone(truth)];
  for (const ch of truthChars) out.push({ cls: 'letter-seen', truth: ch, printed: '' });
  out.push({ cls: 'tone-seen', truth: TONE_NAMES[toneOf(truth)], printed: '' });
  if (t.core === p.core) {
    out.push({ cls: 'syllable', truth: 'ok', printed: '' });
    return;
  }
  if (truth === printed) {
    out.push({ cls: 'syllable', truth: 'case', printed: '' });
    return;
  }
  const valid = isValidSyllable(printed) ? 'valid' : 'invalid';
  const printedChars = [...removeTone(printed)];
  const sameSkeleton = removeMarks(truth) === removeMarks(printed) && truthChars.length === printedChars.length;
  out.push({ cls: 'syllable', truth: sameSkeleton ? `marks-${valid}` : `letters-${valid}`, printed: '' });
  const truthTone = toneOf(truth);
  const printedTone = toneOf(printed);
  if (truthTone !== printedTone) {
    out.push({ cls: sameSkeleton ? 'tone' : 'tone-letters', truth: TONE_NAMES[truthTone], printed: TONE_NAMES[printedTone] });
  }
  if (sameSkeleton) {
    const full = [...truth];
    const fullPrinted = [...printed];
    for (let k = 0; k < truthChars.length; k++) {
      if (truthChars[k] !== printedChars[k]) out.push({ cls: 'vowelmark', truth: truthChars[k], printed: printedChars[k] });
      if (full[k] !== fullPrinted[k]) out.push({ cls: 'markchar', truth: full[k], printed: fullPrinted[k] });
    }
    return;
  }
  // Letters: runs of edits between the skeletons; a letter kept with another vowel mark
  // (`ư` printed `u` next to a misread consonant) still counts as a vowel-mark change.
  const truthSkeleton = truthChars.map(baseLetter);
  const printedSkeleton = printedChars.map(baseLetter);
  for (const [i, j] of alignCharacters(truthSkeleton, printedSkeleton)) {
    if (i >= 0 && j >= 0 && truthSkeleton[i] === printedSkeleton[j] && truthChars[i] !== printedChars[j]) {
      out.push({ cls: 'vowelmark', truth: truthChars[i], printed: printedChars[j] });
    }
  }
  for (const [a, b] of editRuns(truthSkeleton, printedSkeleton)) out.push({ cls: 'letter', truth: a, printed: b });
  out.push({ cls: 'misread', truth, printed });
}

function kindOfNonSyllable(core: string): string {
  if (!core) return 'punctuation';
  if (/^\p{N}+$/u.test(core)) return 'number';
  return 'other';
}
