/**
 * Language runs of a line: which parts are Vietnamese, which are another language, and which
 * cannot be told. Repair touches only the Vietnamese runs.
 *
 * The line is cut into segments at sentence ends, semicolons and colons, parentheses,
 * brackets, quotation marks and spaced dashes, so that a Vietnamese sentence with an English
 * quotation or translation in parentheses is judged part by part. Each segment's verdict is a
 * likelihood ratio: for every word, log10 P(word | Vietnamese) − log10 P(word | language L),
 * clipped so that no single word decides, summed over the segment's words, and the least
 * favourable foreign language taken. Under Vietnamese a word is a syllable written with or
 * without its marks (the counts of its skeleton: `viet`, `the`, `to`), or a damaged one (the
 * skeleton's or the letters' probability, times the chance of damage, times much less for
 * every letter Vietnamese never writes: `ç`, `ñ`, `ß`, `ü`); under the other languages it is a
 * listed word or spelled letter by letter, each letter's marks as common as in that language
 * (`ư`, `ơ`, `ệ`, `đ` are in none of them), and never less likely than a word of a language
 * no profile models (random letters, common marks: Kurdish `guherandina`, Irish
 * `athraítear`). So letters only Vietnamese writes are strong evidence for it, letters it
 * never writes strong evidence against it, and words without marks count by how well they
 * spell Vietnamese syllables against the other language's words; one without marks that
 * spells no syllable (`oh`, `Moliwood`) only ever counts against Vietnamese. Single letters,
 * words without vowels, acronyms and words with digits are no evidence; a capitalised word
 * inside a segment (a name, most likely) counts half.
 *
 * A segment is Vietnamese at 10^{@link VIETNAMESE_MIN} : 1 or more, foreign at 1 :
 * 10^{@link FOREIGN_MIN} or less, otherwise unsure; an unsure segment (a short clause, a
 * name) is Vietnamese when the nearest decided segments on both sides are (or one is and the
 * line ends on the other side) and it leans no clear way itself. Adjacent segments with the
 * same verdict make one run.
 */
import { isValidSyllable, syllableAutomaton } from '../orthography/syllable.js';
import { LETTER_LIMIT } from '../orthography/automaton.js';
import { tokenize, type Token } from '../tokenize/index.js';
import { defaultLanguageProfiles } from './default.js';
import { foldWord } from './letters.js';
import type { LanguageProfiles } from './model.js';

/** What a run is judged to be. */
export type LanguageVerdict = 'vi' | 'foreign' | 'unsure';

/** The evidence of a run. */
export interface LanguageEvidence {
  /**
   * log10 of the likelihood ratio of Vietnamese over {@link language}, summed over the words
   * (each word's share clipped to ±{@link WORD_CLIP}; capitalised words inside a segment count
   * half, as they are mostly names).
   */
  score: number;
  /** The other language that explains the run best (ISO 639-1: `en`, `fr`, …). */
  language: string;
  /** Words counted (numbers, acronyms and URLs are not). */
  words: number;
  /** Words with a letter only Vietnamese writes (`ă â ê ô ơ ư đ`, hook above, dot below, `ĩ ũ ỹ`). */
  vietnameseLetters: number;
  /** Words with a letter Vietnamese never writes (`ç ñ ß ü ö ä ë ï î û å ø æ œ`, …). */
  foreignLetters: number;
  /** Words without marks that spell a Vietnamese syllable (`the`, `to`, `viet`). */
  skeletons: number;
  /**
   * Words that may be Vietnamese: syllables, skeletons, and damaged words with its letters. A
   * run without a letter only Vietnamese writes is Vietnamese only where they are half of its
   * words or more: three short words that happen to be syllables (Irish `tá`, `ní`, `na`) among
   * five that are none make no Vietnamese; OCR output, whose damaged words are many, keeps `ư`,
   * `ơ`, `đ` and the dot below somewhere in a clause.
   */
  vietnameseWords: number;
  /** The verdict comes from the neighbouring runs: the run's own evidence was too weak. */
  fromContext: boolean;
}

/** A run of a line in one language, `line.slice(start, end)`. */
export interface LanguageRun {
  start: number;
  end: number;
  verdict: LanguageVerdict;
  evidence: LanguageEvidence;
}

/** Options of {@link languageRuns}. */
export interface LanguageRunsOptions {
  /** The line's tokens, if the caller has them (`tokenize(line)`). */
  tokens?: readonly Token[];
  /** The language profiles; default: the bundled `data/languages.bin`. */
  profiles?: LanguageProfiles;
  /**
   * Only the verdicts are needed: a segment that is surely Vietnamese before all its words
   * are scored is not scored further, and its evidence holds a lower bound of its score (and
   * none of its counts). The verdicts are the same.
   */
  verdictsOnly?: boolean;
}

/** Segments at this log10 likelihood ratio or more are Vietnamese. */
export const VIETNAMESE_MIN = 2;
/** Segments at minus this or less are foreign. */
export const FOREIGN_MIN = 2;
/** No word moves the ratio by more than this (log10): one odd word never decides a run. */
export const WORD_CLIP = 3;
/**
 * An unsure segment leaning against Vietnamese by more than this stays unsure between
 * Vietnamese ones. A word no language explains costs about 1 ({@link DAMAGED_WORD} −
 * {@link UNLISTED_WORD}): one such word (OCR debris, a Latin name) does not keep a clause out
 * of the Vietnamese around it; two do.
 */
const CONTEXT_DOUBT = 1.5;
/** Weight of a capitalised word that does not start its segment (most likely a name). */
const NAME_WEIGHT = 0.5;
/** log10 P(this marked form | skeleton): a skeleton has a few common readings. */
const MARKED_FORM = -0.5;
/** log10 P(a Vietnamese word is written as no syllable): OCR damage, a foreign name. */
const DAMAGED_WORD = -2;
/** log10 P(damage writes a letter Vietnamese has not) for each such letter. */
const FOREIGN_LETTER = -2;

/** log10 a letter (and the end), under the Vietnamese letter model, of a word that reads as damaged Vietnamese. */
const VIETNAMESE_SPELLING = -2;

/** log10 of one letter (or the end) of a string of letters drawn at random. */
const ANY_LETTER = -Math.log10(27);

/**
 * A word in lower case of a language no profile models (Yoruba, Maori, Walloon, …), as the
 * other languages are asked for it: no less likely than a word outside a language's most
 * frequent ones ({@link UNLISTED_WORD}), spelled with random letters, each marked letter at
 * {@link MARKED_LETTER}. Without it such a word counts for nothing against Vietnamese when the
 * trigrams of every modelled language fit it worse than damaged Vietnamese does, and its short
 * function words, Vietnamese skeletons (`tha`, `bo`, `go`), decide the line. A capitalised word
 * is as likely a name (`Perino nói`), of any language: no such evidence.
 */
const UNLISTED_WORD = -1;
/** log10 P(a letter with marks | its base letter) in a language that writes it. */
const MARKED_LETTER = -1;

/** Words remembered (per profiles); the memo starts afresh when full. */
const MEMO_LIMIT = 1 << 14;

/** Letters of the Vietnamese alphabet (lower case, from the syllable automaton), by code unit. */
let alphabet: Uint8Array | undefined;

function vietnameseAlphabet(): Uint8Array {
  if (alphabet === undefined) {
    const { letterOf } = syllableAutomaton();
    alphabet = new Uint8Array(LETTER_LIMIT);
    for (let c = 0; c < LETTER_LIMIT; c++) if (letterOf[c] !== 0) alphabet[c] = 1;
  }
  return alphabet;
}

/** Whether a lower-case letter is one only Vietnamese writes. */
export function isVietnameseOnlyLetter(c: number): boolean {
  if (c >= 0x1ea0 && c <= 0x1ef9) return true; // ạ ả ấ … ỹ
  return c === 0x103 || c === 0x111 || c === 0x1a1 || c === 0x1b0 || c === 0xe2 || c === 0xea || c === 0xf4 || c === 0x129 || c === 0x169;
}

/**
 * Whether a lower-case word has a letter that only Vietnamese writes among the orthographies
 * of the world: `ơ`, `ư`, a dot below or hook above, two marks on one vowel. Not `ă` (Romanian),
 * `â ê ô` (French, Portuguese, Romanian, Slovak, …), `đ` (Croatian, Serbian, Bosnian), `ĩ ũ`
 * (Kikuyu, Guarani): a word with only those letters may be of a language not modelled.
 */
function hasVietnameseOnlyMark(lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 0x1ea0 && c <= 0x1ef9) || c === 0x1a1 || c === 0x1b0) return true;
  }
  return false;
}

/**
 * Whether a word's base letters (`folded`) run as those of Vietnamese syllables do: at least
 * {@link VIETNAMESE_SPELLING} a letter under the Vietnamese letter model. Marks misread by OCR
 * keep a syllable's letters (`chuyéén`, `nguòi`: of the marked non-syllables of OCR pages, half
 * score −0.9 a letter or more, 63 % −2 or more); words of other languages seldom run so
 * (`hitelesítő`, `căutarea`, `genomfört`: a median of −4.7, 4 % at −2 or more, mostly short).
 */
function spellsLikeVietnamese(profiles: LanguageProfiles, folded: string): boolean {
  // Two letters spell like a syllable in many languages (Romanian `să`, `vă`): no evidence.
  return folded.length > 2 && profiles.spellingLogProb(0, folded, false) >= VIETNAMESE_SPELLING * (folded.length + 1);
}

/** A word's shares, memoised by its text. */
interface WordScore {
  /** Written with a capital (a name, most likely, inside a segment). */
  title: boolean;
  /**
   * Whether the word is evidence at all: not a word without vowels (`ttc`, `tr`: an
   * abbreviation or a fragment, written alike in every language), not one with digits (a code).
   */
  counts: boolean;
  /** log10 P(word | Vietnamese) − log10 P(word | language k), clipped, by language (index 0 unused). */
  ratios: Float64Array;
  vietnameseLetter: boolean;
  foreignLetter: boolean;
  skeleton: boolean;
  /** The word may be Vietnamese: its ratios may count for it. */
  mayBeVietnamese: boolean;
}

const memos = new WeakMap<LanguageProfiles, Map<string, WordScore>>();

/** The score of a word token as written, remembered by its text. */
function tokenScore(profiles: LanguageProfiles, memo: Map<string, WordScore>, t: Token): WordScore {
  // Decomposed letters (before the Unicode stage has composed them) are read composed.
  const text = hasCombiningMark(t.text) ? t.text.normalize('NFC') : t.text;
  const lower = text.toLowerCase();
  let s: WordScore;
  if (!isLowerOrTitle(text, lower)) {
    // Upper case beyond the first letter: an acronym or a shouted word, not evidence.
    s = UNCOUNTED;
  } else {
    s = wordScore(profiles, lower, text === t.text ? t.kind === 'syllable' : isValidSyllable(lower), text !== lower);
    if (text !== lower) s = { ...s, title: true };
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(t.text, s);
  return s;
}

function wordScore(profiles: LanguageProfiles, lower: string, syllable: boolean, capitalised = false): WordScore {
  let s: WordScore;
  const letters = vietnameseAlphabet();
  let vietnameseLetter = false;
  let foreignLetters = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) continue;
    if (isVietnameseOnlyLetter(c)) vietnameseLetter = true;
    else if (c >= LETTER_LIMIT || letters[c] === 0) foreignLetters++;
  }
  // A syllable written with a letter only Vietnamese writes (`việt`, `được`): the full share
  // for Vietnamese against every language (none of them writes the letter; the models agree
  // with that to within rounding, so they need not be asked).
  if (syllable && vietnameseLetter) {
    s = { counts: true, title: false, ratios: profiles === fullShareOwner ? fullShare : fullShareFor(profiles), vietnameseLetter, foreignLetter: false, skeleton: false, mayBeVietnamese: true };
    return s;
  }
  const folded = foldWord(lower);
  const marked = folded !== lower;
  const counts = hasVowel(folded) && !hasDigit(lower);
  const listed = profiles.listedLogProb(0, folded);
  const skeleton = listed === listed;
  // A damaged word need not spell like a syllable (`dugc`, `cên`): no less likely than any
  // string of letters.
  let vi = skeleton ? listed : Math.max(profiles.wordLogProb(0, folded), ANY_LETTER * (folded.length + 1));
  if (syllable) {
    if (marked) vi += MARKED_FORM;
  } else if (marked || !skeleton) {
    vi += DAMAGED_WORD + foreignLetters * FOREIGN_LETTER;
  }
  const n = profiles.codes.length;
  const ratios = new Float64Array(n);
  // A capitalised word is a name as likely as a word of an unmodelled language: no floor.
  const unmodelled = capitalised ? -Infinity : UNLISTED_WORD + ANY_LETTER * (folded.length + 1) + MARKED_LETTER * nonAsciiLetters(lower);
  // A word that spells no syllable, with its marks or without them (`nguoi`), is damaged
  // Vietnamese or a word of some language, modelled or not (`oh`, `hitelesítő`, `căutarea`,
  // `dugc`): evidence against Vietnamese where a modelled language knows it, for Vietnamese
  // only when it carries a letter no other orthography writes (`đươc`, `nguờì`) or, with no
  // letter Vietnamese never writes, its letters run as Vietnamese syllables do (`chuyéén`,
  // `nguòi`: marks misread).
  const most =
    syllable || (skeleton && !marked) || hasVietnameseOnlyMark(lower) || (foreignLetters === 0 && spellsLikeVietnamese(profiles, folded)) ? WORD_CLIP : 0;
  for (let k = 1; k < n; k++) {
    const modelled = profiles.wordLogProb(k, lower);
    const r = vi - (modelled > unmodelled ? modelled : unmodelled);
    ratios[k] = r > most ? most : r < -WORD_CLIP ? -WORD_CLIP : r;
  }
  s = { counts, title: false, ratios, vietnameseLetter, foreignLetter: foreignLetters > 0, skeleton: skeleton && !marked, mayBeVietnamese: most === WORD_CLIP };
  return s;
}

const UNCOUNTED: WordScore = { counts: false, title: false, ratios: new Float64Array(0), vietnameseLetter: false, foreignLetter: false, skeleton: false, mayBeVietnamese: false };

/** The ratios of a word that is plainly Vietnamese: {@link WORD_CLIP} against every language. */
let fullShare = new Float64Array(0);
let fullShareOwner: LanguageProfiles | undefined;

function fullShareFor(profiles: LanguageProfiles): Float64Array {
  fullShare = new Float64Array(profiles.codes.length).fill(WORD_CLIP);
  fullShare[0] = 0;
  fullShareOwner = profiles;
  return fullShare;
}

/** A segment of the line: tokens `[from, to)`. */
interface Segment {
  from: number;
  to: number;
}

const OPENERS = new Set(['(', '[', '{', '“', '«', '„']);
const CLOSERS = new Set([')', ']', '}', '”', '»']);
const ENDERS = new Set(['.', '!', '?', '…', ';', ':']);
const DASHES = new Set(['–', '—']);

function isSpace(t: Token | undefined): boolean {
  return t === undefined || t.kind === 'space';
}

/** Cuts the tokens into segments (see the module comment). */
function segmentsOf(tokens: readonly Token[]): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  const cut = (at: number): void => {
    if (at > from) out.push({ from, to: at });
    from = at;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') continue;
    const p = t.text;
    if (OPENERS.has(p)) cut(i);
    else if (CLOSERS.has(p)) cut(i + 1);
    else if (p === '"') cut(isSpace(tokens[i - 1]) ? i : i + 1);
    else if (ENDERS.has(p) && isSpace(tokens[i + 1])) cut(i + 1);
    else if (DASHES.has(p) && isSpace(tokens[i - 1]) && isSpace(tokens[i + 1])) {
      cut(i);
      cut(i + 1);
    }
  }
  cut(tokens.length);
  return out;
}

/** Lower case, or only the first letter upper case. */
function isLowerOrTitle(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Whether a folded word has a vowel letter. */
function hasVowel(folded: string): boolean {
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79) return true;
  }
  return false;
}

/** Letters outside ASCII (letters with marks, mostly) of a lower-case word. */
function nonAsciiLetters(lower: string): number {
  let count = 0;
  for (let i = 0; i < lower.length; i++) if (lower.charCodeAt(i) >= 0x80) count++;
  return count;
}

function hasCombiningMark(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) return true;
  }
  return false;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function emptyEvidence(language: string): LanguageEvidence {
  return { score: 0, language, words: 0, vietnameseLetters: 0, foreignLetters: 0, skeletons: 0, vietnameseWords: 0, fromContext: false };
}

/** The evidence of one segment. */
function judge(profiles: LanguageProfiles, memo: Map<string, WordScore>, tokens: readonly Token[], seg: Segment, sums: Float64Array): LanguageEvidence {
  const n = profiles.codes.length;
  sums.fill(0);
  const ev = emptyEvidence(profiles.codes[1]);
  let first = true;
  for (let i = seg.from; i < seg.to; i++) {
    const t = tokens[i];
    if ((t.kind !== 'syllable' && t.kind !== 'foreign') || t.end - t.start < 2) continue;
    // Glued to a number it is a unit (`20km`): no evidence.
    if (i > 0 && tokens[i - 1].kind === 'number' && tokens[i - 1].end === t.start) continue;
    const s = memo.get(t.text) ?? tokenScore(profiles, memo, t);
    if (!s.counts) continue;
    const weight = !first && s.title ? NAME_WEIGHT : 1;
    first = false;
    for (let k = 1; k < n; k++) sums[k] += weight * s.ratios[k];
    ev.words++;
    if (s.vietnameseLetter) ev.vietnameseLetters++;
    if (s.foreignLetter) ev.foreignLetters++;
    if (s.skeleton) ev.skeletons++;
    if (s.mayBeVietnamese) ev.vietnameseWords++;
  }
  if (ev.words === 0) return ev;
  let best = 1;
  for (let k = 2; k < n; k++) if (sums[k] < sums[best]) best = k;
  ev.score = Math.round(sums[best] * 1000) / 1000;
  ev.language = profiles.codes[best];
  return ev;
}

/**
 * Whether a segment is surely Vietnamese before all its words are scored: the words already
 * scored (remembered), and the syllables with a letter only Vietnamese writes (no model is
 * asked for them), each other word taken at its worst. If that is not enough, the other valid
 * syllables are scored too, and only the rest (damaged or foreign words, new in every text)
 * taken at their worst. Returns a lower bound of the segment's score, or NaN when it is not
 * sure. A capitalised word counts at the weight that is worse for the bound, wherever it
 * stands.
 */
function surelyVietnamese(profiles: LanguageProfiles, memo: Map<string, WordScore>, tokens: readonly Token[], seg: Segment, sums: Float64Array): number {
  const n = profiles.codes.length;
  for (let pass = 0; pass < 2; pass++) {
    sums.fill(0);
    let unknown = 0;
    let counted = 0;
    let vietnameseWords = 0;
    let vietnameseLetters = false;
    for (let i = seg.from; i < seg.to; i++) {
      const t = tokens[i];
      if ((t.kind !== 'syllable' && t.kind !== 'foreign') || t.end - t.start < 2) continue;
      if (i > 0 && tokens[i - 1].kind === 'number' && tokens[i - 1].end === t.start) continue;
      let s = memo.get(t.text);
      if (s === undefined && t.kind === 'syllable' && (pass === 1 || hasVietnameseOnlyLetter(t.text))) s = tokenScore(profiles, memo, t);
      if (s === undefined) {
        unknown++;
        continue;
      }
      if (!s.counts) continue;
      counted++;
      if (s.mayBeVietnamese) vietnameseWords++;
      if (s.vietnameseLetter) vietnameseLetters = true;
      for (let k = 1; k < n; k++) {
        const r = s.ratios[k];
        sums[k] += s.title && r > 0 ? NAME_WEIGHT * r : r;
      }
    }
    let least = Infinity;
    for (let k = 1; k < n; k++) if (sums[k] < least) least = sums[k];
    const bound = least - WORD_CLIP * unknown;
    // Unknown words taken as no Vietnamese ones, at worst.
    if (bound >= VIETNAMESE_MIN && (vietnameseLetters || 2 * vietnameseWords >= counted + unknown)) return bound;
    if (unknown === 0) break;
  }
  return NaN;
}

/** Whether the word has a letter only Vietnamese writes, in either case. */
function hasVietnameseOnlyLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xc0) continue;
    if (isVietnameseOnlyLetter(c)) return true;
    // Â Ê Ô Ă Đ Ĩ Ũ Ơ Ư (the Latin Extended Additional range holds both cases).
    if (c === 0xc2 || c === 0xca || c === 0xd4 || c === 0x102 || c === 0x110 || c === 0x128 || c === 0x168 || c === 0x1a0 || c === 0x1af) return true;
  }
  return false;
}

function verdictOf(ev: LanguageEvidence): LanguageVerdict {
  if (ev.words === 0) return 'unsure';
  if (ev.score >= VIETNAMESE_MIN) return ev.vietnameseLetters > 0 || 2 * ev.vietnameseWords >= ev.words ? 'vi' : 'unsure';
  return ev.score <= -FOREIGN_MIN ? 'foreign' : 'unsure';
}

/**
 * The language runs of a line, in order, covering it from start to end. Offsets are UTF-16
 * code units of `line`.
 *
 * @example
 * languageRuns('Tôi đi học (I go to school).').map((r) => r.verdict); // ['vi', 'foreign']
 */
export function languageRuns(line: string, options: LanguageRunsOptions = {}): LanguageRun[] {
  const profiles = options.profiles ?? defaultLanguageProfiles();
  const tokens = options.tokens ?? tokenize(line);
  let memo = memos.get(profiles);
  if (memo === undefined) {
    memo = new Map();
    memos.set(profiles, memo);
  }
  const sums = new Float64Array(profiles.codes.length);
  const segments = segmentsOf(tokens);
  const judged = segments.map((seg) => {
    if (options.verdictsOnly === true) {
      const bound = surelyVietnamese(profiles, memo, tokens, seg, sums);
      if (bound === bound) {
        const evidence = emptyEvidence(profiles.codes[1]);
        evidence.score = bound;
        evidence.words = 1;
        evidence.vietnameseWords = 1;
        return { seg, evidence, verdict: 'vi' as LanguageVerdict };
      }
    }
    const evidence = judge(profiles, memo, tokens, seg, sums);
    return { seg, evidence, verdict: verdictOf(evidence) };
  });
  // An unsure segment between Vietnamese ones (or between one and the end of the line) is
  // Vietnamese, unless it leans the other way itself; next to a foreign one it stays unsure.
  const decided = judged.map((j) => (j.evidence.words > 0 && j.verdict !== 'unsure' ? j.verdict : undefined));
  const before: (LanguageVerdict | undefined)[] = [];
  let last: LanguageVerdict | undefined;
  for (let k = 0; k < judged.length; k++) {
    before.push(last);
    last = decided[k] ?? last;
  }
  let after: LanguageVerdict | undefined;
  for (let k = judged.length - 1; k >= 0; k--) {
    const j = judged[k];
    if (j.verdict === 'unsure' && j.evidence.score > -CONTEXT_DOUBT && (before[k] ?? 'vi') === 'vi' && (after ?? 'vi') === 'vi' && (before[k] ?? after) !== undefined) {
      j.verdict = 'vi';
      j.evidence.fromContext = true;
    }
    after = decided[k] ?? after;
  }
  // A segment without words (a closing bracket, a number) goes with the run before it, or
  // with the first run when it leads the line.
  const runs: LanguageRun[] = [];
  let lastWithWords = -1;
  for (let k = 0; k < judged.length; k++) if (judged[k].evidence.words > 0) lastWithWords = k;
  for (let k = 0; k < judged.length; k++) {
    const j = judged[k];
    const start = runs.length === 0 ? 0 : tokens[j.seg.from].start;
    const last = runs[runs.length - 1];
    if (j.evidence.words === 0 && (last !== undefined || k < lastWithWords)) {
      if (last !== undefined) last.end = tokens[j.seg.to - 1].end;
      continue;
    }
    if (last !== undefined && last.verdict === j.verdict) {
      last.end = tokens[j.seg.to - 1].end;
      merge(last.evidence, j.evidence);
      continue;
    }
    if (last !== undefined) last.end = start;
    runs.push({ start, end: tokens[j.seg.to - 1].end, verdict: j.verdict, evidence: j.evidence });
  }
  if (runs.length === 0) return [{ start: 0, end: line.length, verdict: 'unsure', evidence: emptyEvidence(profiles.codes[1]) }];
  runs[runs.length - 1].end = line.length;
  return runs;
}

function merge(into: LanguageEvidence, ev: LanguageEvidence): void {
  // The summed score is against each segment's own likeliest language; the first one with
  // words names the run.
  if (into.words === 0) into.language = ev.language;
  into.score = Math.round((into.score + ev.score) * 1000) / 1000;
  into.words += ev.words;
  into.vietnameseLetters += ev.vietnameseLetters;
  into.foreignLetters += ev.foreignLetters;
  into.skeletons += ev.skeletons;
  into.vietnameseWords += ev.vietnameseWords;
  into.fromContext &&= ev.fromContext;
}
