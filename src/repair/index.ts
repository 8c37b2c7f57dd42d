/**
 * Context repair: OCR errors and missing diacritics, as one noisy-channel decoder. For each
 * line that shows damage (see `detect.ts`), every word that may be damaged gets candidate
 * readings (`candidates.ts`) with a channel cost (`channel.ts`); the decoder (`decoder.ts`)
 * picks the reading of the line that the trigram language model and the channel together like
 * best, and a change is kept only when it beats keeping the input by a margin.
 */
import { BOS_ID, defaultModel, EOS_ID, FOREIGN_ID, LanguageModel, NUM_ID, PUNCT_ID, SPECIAL_UNITS, UNK_ID } from '../model/index.js';
import { applyCase, isValidSyllable, MAX_SYLLABLE_LENGTH, removeMarks, removeTone, setToneStyle } from '../orthography/index.js';
import { settleEdits } from '../edits.js';
import type { Stage } from '../stage.js';
import { tokenize, type Token } from '../tokenize/index.js';
import type { StageEdit } from '../types.js';
import {
  type Candidate,
  CandidateCache,
  LASTING_LISTS,
  type MarkTrust,
  MAX_REPAIRABLE_LENGTH,
  PASSING_LISTS,
  settingsKey,
  SkeletonIndex,
  splitCandidates,
  tokenCandidates,
} from './candidates.js';
import { type ChannelCosts, DEFAULT_COSTS, hasMarks, skeletonOf, wrongModelCosts } from './channel.js';
import { confidenceOf, DEFAULT_MIN_CONFIDENCE } from './confidence.js';
import { CachedScorer, type Choice, choiceMargins, decode, type Slot } from './decoder.js';
import { COMPOUND_COST, type CompoundIndex, compoundIndex } from './compounds.js';
import {
  digitsAreLetters,
  documentEvidence,
  foreignMarksOnSyllable,
  isCaseMisread,
  isUnit,
  type DocumentEvidence,
  isFinalFragment,
  isHeadFragment,
  lineEvidence,
  lineMode,
  type LineMode,
  looksDamaged,
  isOutsideProse,
  MIN_PASSAGE_WORDS,
  withoutMarkFreeModes,
} from './detect.js';
import { mayShowDamage } from './prefilter.js';
import { Lexicon, type WordToken } from './lexicon.js';
import { isDocumentNumber, restoredAcronyms } from './acronyms.js';
import { isWrittenSkeleton } from './written-skeletons.js';
import { defaultLanguageProfiles, languageRuns, type LanguageProfiles, type LanguageRun } from '../language/index.js';

export { Lexicon } from './lexicon.js';
export { DEFAULT_COSTS, type ChannelCosts } from './channel.js';
export { lineMode, type LineMode, type DocumentEvidence } from './detect.js';
export { simulateDamage, stripDiacritics, type DamageOptions } from './simulate.js';

/** Options of {@link repairStage}. */
export interface RepairOptions {
  /**
   * Restore missing diacritics: `'auto'` (default) on passages written without marks or
   * without tones (six or more words, most of them without marks); `true` also on shorter
   * lines whose words mostly lack marks; `false` never (OCR repair still runs).
   */
  diacritics?: boolean | 'auto';
  /**
   * The text is OCR output: every line is read as OCR text, so valid words that their context
   * makes improbable (`đỏ` for `đó`) are repaired in every line, not only in lines that show
   * damage of their own. Default `false`: a line without such damage is left as it is, since
   * in correct text the same test would change rare but correct words.
   */
  ocr?: boolean;
  /** Names that are protected and are repair targets for their near misses. */
  lexicon?: Iterable<string>;
  /**
   * Drop changes less sure than this (0..1; default {@link DEFAULT_MIN_CONFIDENCE}, 0: every
   * change the decoder prefers). The confidence of a change is the share of such changes found
   * right on OCR pages, from the decoder's margin (`confidence.ts`).
   */
  minConfidence?: number;
  /** The language model; default: the bundled one, loaded on first use. */
  model?: LanguageModel;
  /** Channel costs, for experiments; default {@link DEFAULT_COSTS}. */
  costs?: Partial<ChannelCosts>;
  /**
   * The language profiles that tell Vietnamese runs of a line from others (only those are
   * repaired); default: the bundled `data/languages.bin`, loaded on first use.
   */
  languages?: LanguageProfiles;
  /**
   * With `ocr: true`: record in this map the document's sure repairs of words that are not
   * syllables (see {@link DocumentRepairs}), line after line as the stage repairs them.
   */
  learn?: DocumentRepairs;
  /**
   * With `ocr: true`: the sure repairs learned from the document (by a stage given `learn`):
   * the same written word anywhere in the document is offered the same reading, cheaper; and
   * a line the learning stage repaired is given its edits again (even when it learned no word).
   */
  recall?: DocumentRepairs;
}

/**
 * What an OCR stage learned from a document's head. `words`: its sure repairs, by the word as
 * written (lower case): a misreading repeats wherever the same print is read the same way,
 * across lines as within one. Only words that are not valid syllables are kept: a valid word
 * whose marks its context changed in one place (`ve` → `về`) is as often right as written
 * elsewhere, and reusing that repair made lines worse. The first sure repair of a word is kept
 * (in the text's order). `lines`: the stage's edits of each line it saw, which a stage taught
 * these words returns again for a line that holds none of them (it would repair it alike).
 */
export class DocumentRepairs {
  readonly words = new Map<string, Candidate>();
  readonly lines = new Map<string, StageEdit[]>();
}

/** Lines whose edits a learning stage keeps (a head holds at most 64 K characters' worth). */
const LEARNED_LINES = 1 << 16;

/** A repair made with at least this confidence is learned for the whole document. */
const DOCUMENT_MIN_CONFIDENCE = 0.5;
/** The share of its channel cost a learned repair is offered at elsewhere in the document. */
const DOCUMENT_COST_SHARE = 0.5;

/**
 * Whether a line holds a word a document's learned repairs could apply to (a word that is no
 * valid syllable): a line without one is repaired alike whatever the document taught.
 */
export function mayRecall(line: string): boolean {
  for (const t of tokenize(line)) if (t.kind === 'foreign') return true;
  return false;
}

const SUSPECT_MEMO_BITS = 14;
const SUSPECT_MEMO_SIZE = 1 << SUSPECT_MEMO_BITS;
const SUSPECT_MEMO_SHIFT = 32 - SUSPECT_MEMO_BITS;
/**
 * The empty candidate list. Lists are built with `push` (never `map`, whose arrays have holes),
 * so that the loop gathering a line's candidates sees arrays of one or two shapes: with more,
 * its optimised code was thrown away and rebuilt again and again.
 */
const NO_CANDIDATES: Candidate[] = [];

/** Decoder settings (log10 units). */
const BEAM = 8;
/** Hypotheses this far behind the best of their slot are dropped (see `decode`). */
const WINDOW = 4;
/**
 * The same in a line written without marks or tones and without OCR damage, where every
 * syllable has five or six readings and the window decides most of the work: a narrower one
 * saves a tenth of the time and changes one line of the dev set (its syllable error rate is
 * the same). Damaged lines keep the wider window: it finds more of their repairs.
 */
const MARK_FREE_WINDOW = 3;
/**
 * Rounds of repair after the first that a line gets to settle. A round costs only on the
 * lines still changing; a line that still changes after these is left as the last round made it.
 */
const SETTLE_ROUNDS = 6;
/**
 * Candidates per slot besides the input: restoring marks, repairing a damaged word. A skeleton
 * has up to a dozen readings worth trying (`nang`: năng, nàng, nắng, nạng, nẵng…); with fewer,
 * the rarer ones (names, `Đà Nẵng`) are never even tried, whatever their context.
 */
const MARK_CANDIDATES = 12;
const REPAIR_CANDIDATES = 8;
/** Candidates whose channel cost minus log10 prior is this much above the best one's are dropped. */
const RANK_WINDOW = 4;
/** Extra cost of changing a word that is a valid syllable in a line with OCR damage. */
const VALID_CHANGE_PENALTY = 1.0;
/**
 * More of it for a capitalised valid word inside a sentence: most likely a name (`Chu`), whose
 * syllables the language model knows less well than the words around it.
 */
const NAME_CHANGE_PENALTY = 1.0;
/** Keeping a word that cannot be Vietnamese but carries Vietnamese marks (`vịc`). */
const KEEP_DAMAGED = 3.5;
/**
 * A word that is two Vietnamese syllables run together (`ngườivợ`), kept, counts as one word of
 * another language in the model: one factor fewer than its two syllables. The model's mean cost
 * of one more syllable is about this much (log10 of its perplexity on correct text, 70).
 */
const RUN_TOGETHER_FACTOR = 1.8;
/** Words of an OCR line that lost their marks (see `addCandidates`) that show it lost marks in places. */
const MARKS_LOST_IN_PLACES = 3;
/** Letters no other language writes (the Vietnamese block, `ă đ ơ ư ĩ ũ`). */
const VIETNAMESE_ONLY_LETTER = /[ăđơưĩũ\u1ea0-\u1ef9]/u;
/** Keeping any other lower-case non-syllable in a damaged or mark-free line. */
const KEEP_FOREIGN_LOWER = 1.5;
/** Keeping a capitalised non-syllable (a name, most likely). */
const KEEP_FOREIGN_TITLE = 0.5;
/** Changing a valid word's marks in a line whose marks are garbled (many damaged words). */
const HEAVY_CHANGE_PENALTY = 0.6;
/** Lower cost of an alternative that forms a listed word with a neighbour the input does not. */
const WORD_BONUS = 1.5;
/** Ids below this are class tokens (`<unk>`, `<s>`, `<num>`, …). */
const FIRST_SYLLABLE_ID = SPECIAL_UNITS.length;
/** Alternatives of a valid word tried against its neighbours. */
const SUSPECT_CANDIDATES = 8;
/** How much worse than the word an alternative may look with bigrams and still be tried. */
const SUSPECT_SLACK = 1;
/**
 * log10 P(word | left) + log10 P(right | word) above which a valid word is not suspected. Of
 * the words between -3 and -4.5, fewer than one in fifty has an alternative that passes the
 * test below, and the decoder takes almost none of those; testing them was a tenth of the time
 * on OCR text.
 */
const FITS_CONTEXT = -4.5;

/**
 * Decoder margin (log10) below which a change is not made in a line without damage of its own
 * (read as OCR text only because its document is OCR output): there every word is doubted, so a
 * weak preference of the model (the new reading less than four times likelier than the input)
 * is more often a rare but correct word than a misreading.
 */
const OCR_LINE_MARGIN = Math.log10(4);

/**
 * Confidence below which a valid word is not changed in a damaged line of typed text (a document
 * not judged OCR output, the line neither mark-free nor toneless nor heavily damaged). Its
 * confidence is learned on OCR pages, where a line's damage makes its valid words likelier
 * misread too; a typed line's typo says nothing about its other words, and a change that is
 * barely preferred there turned a right word wrong more often than not (`nhấn` → `nhân`, press).
 */
const TYPED_VALID_MIN_CONFIDENCE = 0.6;

/**
 * Consistency inside a line of OCR text: a misreading repeats where the same print is read the
 * same way (`Đảng ủy Khố theo … Đảng ủy Khố các`). A repair made with at least this confidence
 * makes the same repair of the same word elsewhere in the line cheaper: it is tried at
 * {@link REPEAT_COST_SHARE} of its own channel cost in the line's next rounds.
 */
const REPEAT_MIN_CONFIDENCE = 0.5;
const REPEAT_COST_SHARE = 0.5;

const NO_MODE: LineMode = { noMarks: false, noTones: false, ocr: false, heavy: false };
/** The mode of a line without damage of its own in text known to be OCR output. */
const OCR_MODE: LineMode = { noMarks: false, noTones: false, ocr: true, heavy: false };

/** Whether the line has a letter (a line without one has nothing for the decoder). */
function mayHoldWords(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) return true;
    if (c >= 0xc0) return true;
  }
  return false;
}

const indexes = new WeakMap<LanguageModel, SkeletonIndex>();
const scorers = new WeakMap<LanguageModel, CachedScorer>();

function scorerFor(model: LanguageModel): CachedScorer {
  let scorer = scorers.get(model);
  if (scorer === undefined) {
    scorer = new CachedScorer(model);
    scorers.set(model, scorer);
  }
  return scorer;
}

function skeletonIndex(model: LanguageModel): SkeletonIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new SkeletonIndex(model);
    indexes.set(model, index);
  }
  return index;
}

/** Sentence-final punctuation: the next capitalised word starts a sentence. */
function endsSentence(text: string): boolean {
  return text === '.' || text === '!' || text === '?' || text === '…';
}

function isUpperStart(text: string): boolean {
  const c = text[0];
  return c !== c.toLowerCase() || (c >= '0' && c <= '9');
}

/** A line as the decoder sees it: its slots, where each sits in the line, and its words. */
interface Lattice {
  slots: Slot[];
  start: number[];
  end: number[];
  /** Each slot's text as written. */
  text: string[];
  /** Each word slot's form (see {@link WordForm}); none for punctuation. */
  forms: (WordForm | undefined)[];
  /** Slots whose reading a lexicon entry sets. */
  forced: boolean[];
  words: Word[];
  /** The line puts tones the new way (`hoà`, `thuý`): repairs are written so too. */
  newStyle: boolean;
}

const NO_SLOTS: ReadonlySet<number> = new Set();
const UNKNOWN_SYLLABLE: readonly number[] = [UNK_ID];
/** No edits (never added to: a line's edits are made afresh). */
const NO_EDITS: StageEdit[] = [];

/**
 * Whether the line's Vietnamese stands inside sentences of another language (`outside`: the
 * tokens in runs of other languages, if any; `wordKind`: the language of a word that is no
 * syllable as written, none in OCR output, whose misread words are no sign of another
 * language): no sentence of the line has more Vietnamese words than words of other languages,
 * or fewer than {@link OTHER_LANGUAGE_MIN_WORDS} of those, unless it is names in an English
 * sentence. A Vietnamese sentence beside its English translation is Vietnamese; a Vietnamese
 * line with a few names or terms of another language (`Facebook`, `Visual Studio`) is too.
 */
function inOtherLanguage(tokens: readonly Token[], outside: Uint8Array | undefined, wordKind: ((text: string) => WordLanguage) | undefined): boolean {
  let vietnamese = 0;
  let other = 0;
  // Words that may be another language's (an upper bound), and lower-case syllables as written.
  let mayBeOther = 0;
  let lowerCaseSyllables = 0;
  let sentenceStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined || endsSentenceAt(tokens, i)) {
      const vietnameseSentence = vietnamese > other || (vietnamese > 0 && other < OTHER_LANGUAGE_MIN_WORDS);
      // The word look-ups only for a sentence that may be names: most have more lower-case
      // syllables than words that may be another language's.
      const mayBeNames = wordKind !== undefined && mayBeOther > lowerCaseSyllables;
      if (vietnameseSentence && !(mayBeNames && isOnlyNames(tokens, sentenceStart, i, outside, wordKind))) return false;
      vietnamese = other = mayBeOther = lowerCaseSyllables = 0;
      sentenceStart = i + 1;
      continue;
    }
    if (token.kind !== 'syllable' && token.kind !== 'foreign') continue;
    const inOtherRun = outside?.[i] === 1;
    if (inOtherRun) other++;
    else vietnamese++;
    if (inOtherRun || token.kind === 'foreign') mayBeOther++;
    else if (token.text[0] === token.text[0].toLowerCase()) lowerCaseSyllables++;
  }
  return true;
}

/**
 * Whether the Vietnamese of the sentence `tokens[from, to)` is names only, among words of
 * another language (`Authors: Nguyen Van An, Tran Thi Bich and Le Minh Tuan`, `Translated by
 * Vu Van Thang.`): capitalised syllables, two or more, and more words of another language that
 * are no Vietnamese syllable, with or without marks, than lower-case syllables (English has a
 * few, `by`, `to`, `the`). In Vietnamese prose the lower-case syllables are most words.
 */
function isOnlyNames(tokens: readonly Token[], from: number, to: number, outside: Uint8Array | undefined, wordKind: (text: string) => WordLanguage): boolean {
  let names = 0;
  let lowerCaseSyllables = 0;
  let otherWords = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token.kind !== 'syllable' && token.kind !== 'foreign') continue;
    const inOtherRun = outside?.[i] === 1;
    const language = token.kind === 'syllable' ? 'vi' : wordKind(token.text);
    // Another language's words: those it lists, and any other word in its runs.
    if (language === 'other' || (inOtherRun && language === 'unknown')) otherWords++;
    else if (language === 'vi' && !inOtherRun) {
      const first = token.text[0];
      if (first === first.toLowerCase()) lowerCaseSyllables++;
      else names++;
    }
  }
  return names >= 2 && otherWords > lowerCaseSyllables;
}

/** A word's language, for telling names apart: a Vietnamese syllable with or without marks, a word another language lists, or neither (by the word as written). */
type WordLanguage = 'vi' | 'other' | 'unknown';

const OTHER_LANGUAGE_MIN_WORDS = 3;
/** log10 P(word) in another language from which it is one of that language's common words. */
const COMMON_WORD = -3.5;
const SENTENCE_END = /[.!?…]$/;

/** Whether token `i` ends a sentence: `.`, `!`, `?` or `…` before a space and a capital, or last (not `0..9`). */
function endsSentenceAt(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token.kind !== 'punct' || !SENTENCE_END.test(token.text)) return false;
  const space = tokens[i + 1];
  if (space === undefined) return true;
  const next = tokens[i + 2];
  return space.kind === 'space' && (next === undefined || next.text[0] !== next.text[0].toLowerCase());
}

/** Which tokens start in a run that is not Vietnamese (one walk: both are in line order). */
function tokensOutside(tokens: readonly Token[], runs: readonly LanguageRun[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  let r = 0;
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i].start;
    while (r < runs.length && runs[r].end <= at) r++;
    if (r < runs.length && runs[r].verdict !== 'vi' && runs[r].start <= at) mask[i] = 1;
  }
  return mask;
}

/** Adds a slot for token `t` read as `id`. */
function addSlot(lattice: Lattice, t: Token, id: number, sentenceStart: boolean, form?: WordForm): void {
  lattice.slots.push({ candidates: [{ text: t.text, ids: [id], cost: 0, kind: undefined, span: 1 }], sentenceStart });
  lattice.start.push(t.start);
  lattice.end.push(t.end);
  lattice.text.push(t.text);
  lattice.forms.push(form);
  lattice.forced.push(false);
}

/** A word of the line being repaired. */
interface Word extends WordToken {
  kind: Token['kind'];
  lower: string;
  /** Lower case, Title case or a syllable's case misread (`chÍm`), not glued to a number (only these are ever repaired). */
  plain: boolean;
  slot: number;
  form: WordForm;
}

/** What the repair reads off a word as written (see `formOf` in {@link repairStage}). */
interface WordForm {
  lower: string;
  /** The model's id of the word read as a syllable (-1: not asked yet). */
  id: number;
  /** The word puts its tone the old way (`hòa`), so its line is written so. */
  oldStyle: boolean;
  /** Whether the lower-case form is the skeleton of a known syllable (1, 0; -1: not asked yet). */
  skeleton: number;
  /** Whether the lower-case form is a valid syllable. */
  valid: boolean;
  /** log10 P of the lower-case form in the other language that lists it likeliest (-Infinity: none does; NaN: not asked yet). */
  elsewhere: number;
}

/** Word forms remembered by a stage before it starts afresh (a few megabytes at most). */
const WORD_FORMS = 1 << 15;

/**
 * The context-repair stage: OCR damage (`vịc` → `việc`, `nhố ng` → `những`, `t6 chic` →
 * `tổ chức`) and missing diacritics (`Tieng Viet` → `Tiếng Việt`). Lines that show no damage
 * are passed over after a cheap scan.
 */
export function repairStage(options: RepairOptions = {}): Stage {
  const costs: ChannelCosts = { ...DEFAULT_COSTS, ...options.costs };
  const diacritics = options.diacritics ?? 'auto';
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const lexicon = new Lexicon(options.lexicon ?? []);
  let model = options.model;
  let index: SkeletonIndex | undefined;
  const getIndex = (): SkeletonIndex => {
    model ??= defaultModel();
    index ??= skeletonIndex(model);
    return index;
  };
  // With their own channel costs, a stage's candidate lists are its own.
  const ownCache = options.costs === undefined ? undefined : new CandidateCache(PASSING_LISTS);
  const hasSkeleton = (s: string) => getIndex().hasSkeleton(s);
  const isLoanword = (lower: string) => (model ??= defaultModel()).isLoanword(lower);

  const allOcr = options.ocr === true;
  const learn = allOcr ? options.learn : undefined;
  const recall = allOcr ? options.recall : undefined;
  /** Whether the line holds a word the document taught a repair of. */
  const holdsLearned = (line: string): boolean => {
    for (const t of tokensOf(line)) if (t.kind === 'foreign' && recall!.words.has(t.text.toLowerCase())) return true;
    return false;
  };
  const minWords = diacritics === true ? 1 : MIN_PASSAGE_WORDS;
  let profiles = options.languages;
  // Names among words of another language are told apart by that language's words; in OCR
  // output the words that are no syllable are mostly misread Vietnamese.
  /** How likely another language's profile lists the word's form, memoised in the form. */
  const listedElsewhere = (form: WordForm): number => {
    if (Number.isNaN(form.elsewhere)) {
      const languages = (profiles ??= defaultLanguageProfiles());
      let best = -Infinity;
      for (let k = 1; k < languages.codes.length; k++) {
        const p = languages.listedLogProb(k, form.lower);
        if (p > best) best = p;
      }
      form.elsewhere = best;
    }
    return form.elsewhere;
  };
  const wordLanguage = (text: string): WordLanguage => {
    const form = formOf(text);
    if (isSkeleton(form)) return 'vi';
    return listedElsewhere(form) > -Infinity ? 'other' : 'unknown';
  };
  const namesTest = allOcr ? undefined : wordLanguage;
  /**
   * Whether a word is a common one of another language (`and`, `with`, `file`: one in
   * 10^-{@link COMMON_WORD} of its words or likelier) and no Vietnamese syllable with or
   * without marks. The profiles list rarer words too, abbreviations among them (`gif`,
   * `bj`), that a misread syllable may spell.
   */
  const isCommonForeignWord = (text: string): boolean => {
    const form = formOf(text);
    return !isSkeleton(form) && listedElsewhere(form) >= COMMON_WORD;
  };
  // The last line's mode: `run` asks for the line `mayApply` has just tested. With it, the
  // runs of the line that are not Vietnamese (none when the whole line is).
  let lastLine: string | undefined;
  let lastMode: LineMode | undefined;
  /** The line's tokens that lie in runs of other languages, or none. */
  let lastOutside: Uint8Array | undefined;
  const modeOf = (line: string): LineMode | undefined => {
    if (line !== lastLine) {
      lastLine = line;
      lastOutside = undefined;
      lastMode = mayShowDamage(line, minWords, isLoanword) ? restrictedMode(line) : undefined;
      if (lastMode === undefined && allOcr && mayHoldWords(line)) lastMode = vietnameseMode(line, OCR_MODE);
    }
    return lastMode;
  };
  /**
   * `mode`, found for the whole line, restricted to its Vietnamese runs: the mode their words
   * alone show (or none), and the other runs set aside, left as they are.
   */
  const vietnameseMode = (line: string, mode: LineMode): LineMode | undefined => {
    const tokens = tokensOf(line);
    const runs = languageRuns(line, { tokens, profiles: (profiles ??= defaultLanguageProfiles()), verdictsOnly: true });
    if (runs.length === 1 && runs[0].verdict === 'vi') {
      const marksLost = mode !== OCR_MODE && (mode.noMarks || mode.noTones);
      return marksLost && inOtherLanguage(tokens, undefined, namesTest) ? withoutMarkFreeModes(mode) : mode;
    }
    if (!runs.some((r) => r.verdict === 'vi')) return undefined;
    const outside = tokensOutside(tokens, runs);
    lastOutside = outside;
    if (mode === OCR_MODE) return mode;
    const restricted = restrictedModeOf(line, tokens.filter((_, i) => outside[i] === 0));
    // Vietnamese without marks inside a sentence of another language (`Authors: Nguyen Van An`,
    // `try it with ca phe sua da`) is written so on purpose: that language's convention.
    if (restricted && (restricted.noMarks || restricted.noTones) && inOtherLanguage(tokens, outside, namesTest)) {
      return withoutMarkFreeModes(restricted);
    }
    return restricted;
  };
  // The last line's tokens: the line test and the repair of a line both need them.
  let tokenizedLine: string | undefined;
  let lastTokens: Token[] = [];
  const tokensOf = (line: string): Token[] => {
    if (line !== tokenizedLine) {
      tokenizedLine = line;
      lastTokens = tokenize(line);
    }
    return lastTokens;
  };
  const restrictedModeOf = (line: string, tokens: readonly Token[]): LineMode | undefined => {
    const mode = lineMode(line, hasSkeleton, minWords, isLoanword, tokens, allOcr);
    if (mode === undefined || diacritics !== false) return mode;
    return withoutMarkFreeModes(mode);
  };
  // The full test: damage in the line (what the prefilter bounds), then in its Vietnamese runs.
  const restrictedMode = (line: string): LineMode | undefined => {
    const mode = restrictedModeOf(line, tokensOf(line));
    return mode === undefined ? undefined : vietnameseMode(line, mode);
  };

  /**
   * What a line's repair reads off each word as written, by its text: words recur all through
   * a text, and each of these costs a string made or hashed (`toLowerCase`, a map look-up).
   * One look-up by the token's text gives them all, and the lower-case string it gives is
   * the same object each time, whose hash the candidate caches' look-ups then reuse.
   */
  const forms = new Map<string, WordForm>();
  const formOf = (text: string): WordForm => {
    let form = forms.get(text);
    if (form === undefined) {
      if (forms.size >= WORD_FORMS) forms.clear();
      const lower = text.toLowerCase();
      form = { lower, id: -1, oldStyle: setToneStyle(lower, 'old') !== lower, skeleton: -1, valid: isValidSyllable(lower), elsewhere: NaN };
      forms.set(text, form);
    }
    return form;
  };
  /** Whether a word's lower-case form is the skeleton of a known syllable, memoised in its form. */
  const isSkeleton = (form: WordForm): boolean => {
    if (form.skeleton < 0) form.skeleton = +getIndex().hasSkeleton(form.lower);
    return form.skeleton === 1;
  };

  // The two-syllable words of the model, for `compoundsFor` (built on first use).
  let compounds: CompoundIndex | undefined;
  // Buffers of `contextPrefersOther`.
  let altIds = new Int32Array(16);
  let altLeft = new Float64Array(16);
  let altSeen = new Uint8Array(16);
  // Memo of `suspectsFor`, direct-mapped: a collision overwrites.
  const suspectLeft = new Int32Array(SUSPECT_MEMO_SIZE).fill(-2);
  const suspectId = new Int32Array(SUSPECT_MEMO_SIZE);
  const suspectRight = new Int32Array(SUSPECT_MEMO_SIZE);
  const suspectLower: (string | undefined)[] = new Array(SUSPECT_MEMO_SIZE).fill(undefined);
  const suspectValue: Candidate[][] = new Array(SUSPECT_MEMO_SIZE).fill(NO_CANDIDATES);
  const suspectMarksOnly = new Uint8Array(SUSPECT_MEMO_SIZE);

  const lexiconMayMatch = (line: string): boolean => {
    if (lexicon.size === 0) return false;
    for (const w of lexicon.words) if (line.includes(w)) return true;
    return false;
  };

  /**
   * The sure repairs of single words made so far in the line being repaired (its first round
   * and those after), by the word as written: only in text read as OCR output.
   */
  let lineRepairs: Map<string, Candidate> | undefined;
  /**
   * Whether the repairs remembered in the line ({@link lineRepairs}) and learned from the
   * document (`recall`) are offered, and whether one was in the line being repaired (see `repairRun`).
   */
  let memoryOn = true;
  let memoryOffered = false;

  const ownLasting = options.costs === undefined ? undefined : new CandidateCache(LASTING_LISTS);

  /**
   * A word's candidates, each with `penalty` added to its cost, memoised (with the penalty: no
   * copies) in bounded caches: one for syllables and known skeletons, one for other words.
   */
  function candidatesFor(lower: string, trust: MarkTrust, maxDistance: number, limit: number, penalty = 0, wrongModel = false): Candidate[] {
    const settings = 2 * settingsKey(trust, maxDistance, limit, penalty) + +wrongModel;
    const lasting = ownLasting ?? getIndex().lastingCache;
    const passing = ownCache ?? getIndex().cache;
    const lastingTable = lasting.table(settings);
    const passingTable = passing.table(settings);
    const known = lastingTable.get(lower) ?? passingTable.get(lower);
    if (known !== undefined) return known;
    const channel = wrongModel ? wrongModelCosts(costs) : costs;
    const list = tokenCandidates(getIndex(), lower, { trust, maxDistance, limit, costs: channel, rankWindow: RANK_WINDOW });
    if (penalty !== 0) for (const c of list) c.cost += penalty;
    if (isValidSyllable(lower) || hasSkeleton(lower)) lasting.add(lastingTable, lower, list);
    else passing.add(passingTable, lower, list);
    return list;
  }

  // The model and its scorer, set by `repairLine` (the model loads on first use) for it and
  // the helpers below.
  let lm!: LanguageModel;
  let scorer!: CachedScorer;

  /**
   * The alternatives of a valid word that its neighbours (as written) may prefer, or none:
   * memoised by the word and its neighbours, which decide it (common words recur in the
   * same company all through a text).
   */
  function suspectsFor(w: Word, slots: readonly Slot[], marksOnly: boolean, name = false): Candidate[] {
    const s = w.slot;
    const id = slots[s].candidates[0].ids[0];
    const left = s > 0 && !slots[s].sentenceStart ? slots[s - 1].candidates[0].ids[0] : BOS_ID;
    const right = s + 1 < slots.length && !slots[s + 1].sentenceStart ? slots[s + 1].candidates[0].ids[0] : EOS_ID;
    const h = (Math.imul(left + 1, 0x9e3779b1) ^ Math.imul(id + 1, 0x85ebca6b) ^ Math.imul(right + 1, 0xc2b2ae35)) >>> SUSPECT_MEMO_SHIFT;
    const settings = +marksOnly | (+name << 1);
    if (suspectLeft[h] === left && suspectId[h] === id && suspectRight[h] === right && suspectLower[h] === w.lower && suspectMarksOnly[h] === settings) {
      return suspectValue[h];
    }
    // A word this probable between its neighbours leaves its near misses no room: the best
    // of them would need nearly certain bigrams on both sides. Its alternatives are not
    // even made.
    const own = scorer.logProb(id, left) + scorer.logProb(right, id);
    let value = NO_CANDIDATES;
    if (own <= FITS_CONTEXT) {
      const alternatives = candidatesFor(w.lower, 'all', marksOnly ? 0 : 1, SUSPECT_CANDIDATES, VALID_CHANGE_PENALTY + (name ? NAME_CHANGE_PENALTY : 0));
      // First as if every alternative had the word bonus (a bound: most words fail it
      // even so, and the word-list look-ups are saved), then with the bonus they have.
      if (contextPrefersOther(own, left, right, alternatives, WORD_BONUS + 1e-6)) {
        const suspects = wordBonus(id, left, right, alternatives);
        if (contextPrefersOther(own, left, right, suspects, 0)) value = suspects;
      }
      // Where only marks are doubted, a one-letter misreading is still tried when it makes a
      // word of the word list with a neighbour and the word as written makes none (`đảng chí`
      // for `đồng chí`): the word list is evidence the syllable trigrams smooth away.
      if (marksOnly) {
        const words = wordMakers(id, left, right, candidatesFor(w.lower, 'all', 1, SUSPECT_CANDIDATES, VALID_CHANGE_PENALTY));
        if (words.length > 0 && contextPrefersOther(own, left, right, words, 0)) value = value === NO_CANDIDATES ? words : value.concat(words);
      }
    }
    suspectLeft[h] = left;
    suspectId[h] = id;
    suspectRight[h] = right;
    suspectLower[h] = w.lower;
    suspectMarksOnly[h] = settings;
    suspectValue[h] = value;
    return value;
  }

  /**
   * The two-syllable words a valid syllable may be a merged reading of (see `compounds.ts`)
   * that fit its neighbours (as written) better than it does by more than their channel cost:
   * the test that keeps these costly readings away from the decoder where context is weak.
   */
  function compoundsFor(w: Word, slots: readonly Slot[]): Candidate[] {
    const s = w.slot;
    // Two words of context each side, as written, up to the sentence's ends.
    const l1 = s > 0 && !slots[s].sentenceStart ? slots[s - 1].candidates[0].ids[0] : BOS_ID;
    const r1 = s + 1 < slots.length && !slots[s + 1].sentenceStart ? slots[s + 1].candidates[0].ids[0] : EOS_ID;
    const id = slots[s].candidates[0].ids[0];
    // As for near misses: a word this probable between its neighbours is not doubted.
    if (scorer.logProb(id, l1) + scorer.logProb(r1, id) > FITS_CONTEXT) return NO_CANDIDATES;
    const list = (compounds ??= compoundIndex(lm)).candidates(w.lower);
    if (list.length === 0) return NO_CANDIDATES;
    const l2 = l1 !== BOS_ID && s > 1 && !slots[s - 1].sentenceStart ? slots[s - 2].candidates[0].ids[0] : -1;
    const r2 = r1 !== EOS_ID && s + 2 < slots.length && !slots[s + 2].sentenceStart ? slots[s + 2].candidates[0].ids[0] : -1;
    const own = scorer.logProb(id, l1, l2) + scorer.logProb(r1, id, l1) + (r2 >= 0 ? scorer.logProb(r2, r1, id) : 0);
    // Every probability is at most 1: a word that fits better than a reading's cost can never
    // lose to it, and a reading whose first syllable alone falls short is not scored further.
    if (own > -COMPOUND_COST) return NO_CANDIDATES;
    let out = NO_CANDIDATES;
    for (let k = 0; k < list.length; k++) {
      const c = list[k];
      const a = c.ids[0];
      const b = c.ids[1];
      const head = scorer.logProb(a, l1, l2) - c.cost;
      if (head <= own) continue;
      const fit = head + scorer.logProb(b, a, l1) + scorer.logProb(r1, b, a) + (r2 >= 0 ? scorer.logProb(r2, r1, b) : 0);
      if (fit > own) {
        if (out === NO_CANDIDATES) out = [];
        // A copy: the memoised list is shared by every line and call, and the lattice's own
        // readings must not be (with the shared objects, a text's repair depended on the texts
        // repaired before it in the same process).
        out.push({ text: c.text, ids: c.ids, cost: c.cost, kind: c.kind, span: c.span });
      }
    }
    return out;
  }

  /**
   * Whether a syllable makes a two-syllable word of the word list with the neighbour on its left
   * or on its right; `undefined` when neither neighbour is a syllable (`<s>`, `</s>`, numbers and
   * punctuation make no words).
   */
  function pairWordTest(left: number, right: number): ((id: number) => boolean) | undefined {
    const l = left >= FIRST_SYLLABLE_ID ? left : -1;
    const r = right >= FIRST_SYLLABLE_ID ? right : -1;
    if (l < 0 && r < 0) return undefined;
    return (x: number) => (l >= 0 && lm.isPairWord(l, x)) || (r >= 0 && lm.isPairWord(x, r));
  }

  /**
   * Lexical evidence the syllable trigrams smooth away: an alternative that makes a word of
   * the word list with a neighbour (`đồng chí`), where the input makes none (`đảng chí`).
   */
  function wordBonus(id: number, left: number, right: number, list: Candidate[]): Candidate[] {
    const makesWord = pairWordTest(left, right);
    if (makesWord === undefined || makesWord(id)) return list;
    const out: Candidate[] = [];
    for (const c of list) out.push(makesWord(c.ids[0]) ? { text: c.text, ids: c.ids, cost: c.cost - WORD_BONUS, kind: c.kind, span: c.span } : c);
    return out;
  }

  /**
   * The alternatives of another skeleton that make a word of the word list with a neighbour
   * where the word as written makes none, each with the word bonus taken off its cost.
   */
  function wordMakers(id: number, left: number, right: number, list: Candidate[]): Candidate[] {
    const makesWord = pairWordTest(left, right);
    if (makesWord === undefined || makesWord(id)) return NO_CANDIDATES;
    const skeleton = removeMarks(lm.unit(id).toLowerCase());
    let out = NO_CANDIDATES;
    for (const c of list) {
      if (c.span !== 1 || c.ids.length !== 1 || !makesWord(c.ids[0]) || removeMarks(c.text.toLowerCase()) === skeleton) continue;
      if (out === NO_CANDIDATES) out = [];
      out.push({ text: c.text, ids: c.ids, cost: c.cost - WORD_BONUS, kind: c.kind, span: c.span });
    }
    return out;
  }

  /**
   * Whether some alternative fits a word's neighbours (as written, `<s>`/`</s>` at sentence
   * ends) better than the word does (`own`: its log10 P(word | left) + P(right | word)), by
   * more than its channel cost less `bonus`: the cheap test that sends a valid word to the
   * decoder.
   */
  function contextPrefersOther(own: number, left: number, right: number, alternatives: readonly Candidate[], bonus: number): boolean {
    if (alternatives.length === 0) return false;
    // P(a | left) of every alternative in one batch (the decoder asks for the same ones).
    const n = alternatives.length;
    if (altIds.length < n) {
      altIds = new Int32Array(2 * n);
      altLeft = new Float64Array(2 * n);
      altSeen = new Uint8Array(2 * n);
    }
    for (let k = 0; k < n; k++) altIds[k] = alternatives[k].ids[0];
    scorer.bigramLogProbs(altIds, n, left, altLeft, altSeen);
    for (let k = 0; k < n; k++) {
      const c = alternatives[k];
      // The keep penalty is left out here, and some slack given: the decoder, with the
      // trigram context, makes the decision.
      const adjusted = SUSPECT_SLACK - (c.cost - VALID_CHANGE_PENALTY) + bonus;
      // P(right | a) ≤ 1: without it the alternative already falls short, clearly.
      if (altLeft[k] + adjusted < own - 1e-9) continue;
      if (altLeft[k] + scorer.logProb(right, c.ids[0]) + adjusted > own) return true;
    }
    return false;
  }

  /**
   * `a b` read as one syllable. With `misread`, the join may also differ by its marks and
   * one letter: the mark over a cut-off head is often misread. An onset cut off the front
   * (`t rường`) leaves the marked part whole, so it is joined as written only.
   */
  function joinCandidates(a: string, b: string, misread = true): Candidate[] {
    const joined = a + b;
    if (joined.length > 8) return NO_CANDIDATES;
    // The halves as written, joined, are the likeliest reading (`nhữ ng` → `những`);
    // candidate lists leave out the query itself, so it is added here.
    const id = isValidSyllable(joined) ? lm.id(joined) : 0;
    const asWritten: Candidate[] =
      id >= FIRST_SYLLABLE_ID ? [{ text: joined, ids: [id], cost: 0, kind: 'split', span: 2 }] : [];
    const out: Candidate[] = [];
    for (const c of misread ? asWritten.concat(candidatesFor(joined, 'none', 1, 4)) : asWritten) {
      out.push({ text: c.text, ids: c.ids, cost: c.cost + costs.split, kind: 'split', span: 2 });
    }
    return out;
  }

  /**
   * The edits of one pass over a line. It and its helpers live as long as the stage, not one
   * line: V8 keeps a function's optimised code only while some instance of it is alive. (Small
   * functions also cost less to compile again when new input sends one back to the
   * interpreter.)
   */
  function repairLine(text: string, m: LineMode, useLexicon: boolean): StageEdit[] {
    getIndex();
    lm = model!;
    scorer = scorerFor(lm);
    const tokens = tokensOf(text);
    const outside = text === lastLine ? lastOutside : undefined;
    const lattice = latticeOf(text, tokens, outside);
    const protectedSlots = useLexicon ? applyLexicon(lattice) : NO_SLOTS;
    if (m.noMarks || m.noTones || m.ocr) addCandidates(text, lattice, m, protectedSlots);
    // Acronyms typed with `D` for `Đ` (`HDND`) are no syllables: the decoder has no reading of them.
    const acronyms = m.noMarks ? restoredAcronyms(text, tokens, (first, last) => acronymAsWritten(text, tokens, first, last, outside, lattice, protectedSlots)) : NO_EDITS;
    // Every slot with the input as its only reading (most lines of an OCR document without
    // damage of their own): the decoder could only keep it.
    if (lattice.slots.every((slot) => slot.candidates.length === 1 && slot.candidates[0].kind === undefined)) return acronyms.length === 0 ? [] : acronyms;
    const choices = decode(scorer, lattice.slots, BEAM, (m.noMarks || m.noTones) && !m.ocr ? MARK_FREE_WINDOW : WINDOW);
    const leastMargin = m === OCR_MODE ? OCR_LINE_MARGIN : -Infinity;
    const typedLine = !allOcr && !m.noMarks && !m.noTones && !m.heavy;
    const edits = editsOf(lattice, choices, choiceMargins(scorer, lattice.slots, choices), text, leastMargin, typedLine ? TYPED_VALID_MIN_CONFIDENCE : 0);
    return acronyms.length === 0 ? edits : edits.concat(acronyms).sort((a, b) => a.start - b.start);
  }

  /**
   * Whether the acronym of tokens `first` to `last` (hyphen-joined) keeps its spelling: it is
   * in a run of another language, in code, or a word of the lexicon.
   */
  function acronymAsWritten(
    line: string,
    tokens: readonly Token[],
    first: number,
    last: number,
    outside: Uint8Array | undefined,
    { words }: Lattice,
    protectedSlots: ReadonlySet<number>,
  ): boolean {
    for (let k = first; k <= last; k++) if (outside?.[k] === 1) return true;
    // The span as one word: alone, a piece beside a hyphen reads as part of a transliteration.
    // A document's number (`15/2020/ND-CP`, `123/QD-UBND`) is no path.
    const start = tokens[first].start;
    const end = tokens[last].end;
    if (isOutsideProse(line, start, end) && !isDocumentNumber(line, start, end)) return true;
    if (protectedSlots.size > 0) for (const w of words) if (w.start >= start && w.end <= end && protectedSlots.has(w.slot)) return true;
    return false;
  }

  /** The slots of `line`, each with the input as its only reading so far, and its words. */
  function latticeOf(line: string, tokens: readonly Token[], outside: Uint8Array | undefined): Lattice {
    const lattice: Lattice = { slots: [], start: [], end: [], text: [], forms: [], forced: [], words: [], newStyle: false };
    const { slots, end, words } = lattice;
    let pendingSentence = true;
    let lastWasPunct = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'space') continue;
      if (t.kind === 'punct') {
        if (endsSentence(t.text)) pendingSentence = true;
        if (!lastWasPunct) addSlot(lattice, t, PUNCT_ID, false);
        lastWasPunct = true;
        continue;
      }
      // The punctuation closing a sentence belongs to it; the word starts the next one.
      const sentenceStart = pendingSentence && (slots.length === 0 || isUpperStart(t.text));
      pendingSentence = false;
      lastWasPunct = false;
      const form = formOf(t.text);
      const lower = form.lower;
      // Glued to a number it is a unit or a time (`5km`, `10h15`), not a word.
      const glued = slots.length > 0 && end[end.length - 1] === t.start && slots[slots.length - 1].candidates[0].ids[0] === NUM_ID;
      // A word of a run in another language is context only: `<foreign>`, never repaired.
      const other = outside !== undefined && outside[i] === 1;
      // Code and hyphenated transliterations keep their spelling (`%hu`, `Ca-tă`).
      const plain =
        !glued && !other && (t.text === lower || t.text.slice(1) === lower.slice(1) || isCaseMisread(t.text)) && !isOutsideProse(line, t.start, t.end);
      if (!lattice.newStyle && !other && t.kind === 'syllable' && form.oldStyle) lattice.newStyle = true;
      if (t.kind === 'syllable' && form.id < 0) form.id = lm.id(t.text);
      const id = other ? FOREIGN_ID : t.kind === 'syllable' ? form.id : t.kind === 'number' ? NUM_ID : FOREIGN_ID;
      addSlot(lattice, t, id, sentenceStart, form);
      words.push({ start: t.start, end: t.end, text: t.text, kind: t.kind, lower, plain, slot: slots.length - 1, form });
    }
    return lattice;
  }

  /** Lexicon entries found in the line: their slots (protected), forced to the entry where it is a near miss. */
  function applyLexicon({ slots, forced, words }: Lattice): Set<number> {
    const protectedSlots = new Set<number>();
    for (const match of lexicon.matches(words, isValidSyllable, costs)) {
      for (let j = match.from; j < match.to; j++) protectedSlots.add(words[j].slot);
      if (match.words === undefined) continue;
      for (let j = match.from; j < match.to; j++) {
        const w = words[j];
        const target = match.words[j - match.from];
        if (target === w.text) continue;
        const parts = target.split(' ');
        const ids = parts.map((part) => (isValidSyllable(part) ? lm.id(part) : FOREIGN_ID));
        const kind = parts.length > 1 ? 'merge' : 'spelling';
        slots[w.slot].candidates = [{ text: target, ids, cost: 0, kind, span: 1 }];
        forced[w.slot] = true;
      }
    }
    return protectedSlots;
  }

  /** Whether a word is glued to an apostrophe on either side (a piece of `d'Alfort`, `nhi'ng`). */
  function nextToApostrophe(line: string, w: Word): boolean {
    const isApostrophe = (c: number) => c === 0x27 || c === 0x2019;
    return (w.start > 0 && isApostrophe(line.charCodeAt(w.start - 1))) || isApostrophe(line.charCodeAt(w.end));
  }

  /**
   * Whether `w` stands between spaces with a word on each side (`liệu, 6 đó`, `6 Chương`): no
   * part of a number (`6/5`, `6,5`), nor beside one (`6 - 7`).
   */
  function standsAloneBetweenWords(line: string, w: Word, before: Word | undefined, after: Word | undefined): boolean {
    const word = (x: Word | undefined) => x !== undefined && (x.kind === 'syllable' || x.kind === 'foreign');
    return word(before) && word(after) && after!.start === w.end + 1 && line[w.start - 1] === ' ' && line[w.end] === ' ' && before!.end >= w.start - 3;
  }

  /** Whether a word is in lower case, without marks, and no syllable but a syllable's skeleton (`khong`). */
  function isMarklessSkeleton(w: Word): boolean {
    return w.text === w.lower && !hasMarks(w.lower) && !w.form.valid && isSkeleton(w.form);
  }

  /** Whether `next` is a lower-case word glued to the end of `w` (no space between). */
  function nextGlued(w: Word, next: Word | undefined): next is Word {
    return next !== undefined && next.slot === w.slot + 1 && next.start === w.end && next.text === next.lower && (next.kind === 'syllable' || next.kind === 'foreign');
  }

  /** The other readings of each word that line mode `m` allows, added to its slot. */
  function addCandidates(line: string, { slots, words }: Lattice, m: LineMode, protectedSlots: ReadonlySet<number>): void {
    const idx = getIndex();
    // A line of OCR text that lost its marks was read by a model without Vietnamese letters,
    // whose look-alikes are its own (`mdi` for `mới`, `nwéc` for `nước`, `1a` for `là`).
    const readByWrongModel = m.noMarks && (m.ocr || allOcr);
    let marklessSkeletons = 0;
    if (allOcr && !m.noMarks) for (const w of words) if (w.kind === 'foreign' && w.plain && isMarklessSkeleton(w)) marklessSkeletons++;
    const marksLostInPlaces = marklessSkeletons >= MARKS_LOST_IN_PLACES;
    for (let wi = 0; wi < words.length; wi++) {
      const w = words[wi];
      if (protectedSlots.has(w.slot) || !w.plain) continue;
      const next = words[wi + 1];
      const nextJoinable =
        m.ocr &&
        next !== undefined &&
        next.slot === w.slot + 1 &&
        next.start === w.end + 1 &&
        // A tab separates fields (`Gõ<TAB>p`): OCR never splits a syllable with one.
        line.charCodeAt(w.end) !== 0x09 &&
        next.text === next.lower &&
        next.plain &&
        !protectedSlots.has(next.slot);
      // An onset cut off the syllable after it (`t rường`): join them. In a typed line (a
      // document not judged OCR output, the line not heavily damaged) a lone letter is as
      // likely a letter (`phân bố t hai đầu`: the two-tailed t distribution): kept as any
      // other lower-case word, it is joined only where the context asks for the word.
      if (nextJoinable && w.kind === 'foreign' && w.text === w.lower && isHeadFragment(w.lower) && next.kind === 'syllable') {
        const joined = joinCandidates(w.lower, next.lower, false);
        if (joined.length > 0) {
          const lettersOnly = !allOcr && !m.heavy && w.lower.length === 1;
          slots[w.slot].candidates[0].cost = lettersOnly ? KEEP_FOREIGN_LOWER : KEEP_DAMAGED;
          slots[w.slot].candidates = slots[w.slot].candidates.concat(joined);
        }
      }
      // In a line read by a model without Vietnamese letters, digits glued to the front of a
      // word are letters it misread (`1a`, `6ng`, `16n` for `là`, `ông`, `lớn`), not a number and
      // its unit (`5km`, `10h`): the two are read again as one word.
      if (
        readByWrongModel &&
        w.kind === 'number' &&
        slots[w.slot].candidates[0].ids[0] === NUM_ID &&
        nextGlued(w, next) &&
        !isUnit(next.lower) &&
        !protectedSlots.has(next.slot) &&
        // Read as one word, it must be prose too: not one of a series (`1a … 1b`), not code.
        !isOutsideProse(line, w.start, next.end)
      ) {
        const joined = w.text + next.lower;
        if (joined.length <= MAX_SYLLABLE_LENGTH && digitsAreLetters(joined, hasSkeleton)) {
          for (const c of candidatesFor(joined, 'none', 2, REPAIR_CANDIDATES, 0, true)) {
            slots[w.slot].candidates.push({ text: c.text, ids: c.ids, cost: c.cost, kind: 'spelling', span: 2 });
          }
        }
      }
      // And a digit standing alone between words is a one-letter word it misread (`6` for `ở`),
      // or a number: the words around it tell (`chính xác 6 đó` against `có 6 người`).
      if (
        readByWrongModel &&
        w.kind === 'number' &&
        w.text.length === 1 &&
        slots[w.slot].candidates[0].ids[0] === NUM_ID &&
        standsAloneBetweenWords(line, w, words[wi - 1], next) &&
        digitsAreLetters(w.text, hasSkeleton) &&
        !isOutsideProse(line, w.start, w.end)
      ) {
        for (const c of candidatesFor(w.text, 'none', 1, REPAIR_CANDIDATES, 0, true)) {
          if (c.text.length === 1) slots[w.slot].candidates.push({ text: c.text, ids: c.ids, cost: c.cost, kind: 'spelling', span: 1 });
        }
      }
      // A one-letter word (`o` for `ở`, `y` for `ý`) is restored like any other in a passage
      // without marks or tones; in OCR text a lone letter is more often a list mark or an initial,
      // but not one with a Vietnamese mark (`ớ`, `ợ` for `ở`): no list is marked so.
      const shortest = m.noMarks || m.noTones || (m.ocr && hasMarks(w.lower)) ? 1 : 2;
      if (w.lower.length < shortest || w.lower.length > MAX_REPAIRABLE_LENGTH) continue;
      if (w.kind !== 'syllable' && w.kind !== 'foreign') continue;
      const slot = slots[w.slot];
      const keep = slot.candidates[0];
      const valid = w.kind === 'syllable';
      const title = w.text !== w.lower;
      // In OCR text, a capital inside a syllable (`chÍm`, `dẪn`) is a misread letter: the word
      // is read again as a damaged one, its case and its marks no evidence.
      const caseMisread = valid && (m.ocr || allOcr) && isCaseMisread(w.text);
      if (!valid && lm.isLoanword(w.lower)) continue; // `kilômet`: a word of its own
      // Typed, a common word of another language that spells no syllable with or without
      // marks (`and`, `with`, `file`) is that language's word, not a misspelt one (`ăn`). A
      // lone letter (`x`) is no word of any language. A line showing OCR damage is left out:
      // a misread syllable can spell one (`tiene`, `sur`, `true` for `tiếng`, `sự`, `trực`).
      if (!valid && !m.ocr && !allOcr && w.lower.length >= 2 && isCommonForeignWord(w.text)) continue;
      // In OCR text a capitalised word is a name unless its marks give it away: Vietnamese ones
      // on no syllable, or marks no Vietnamese letter has on the letters of a syllable (`Båo`,
      // `Thů`, `Kiën`: a Latin-script model's `ả`, `ủ`, `ể`).
      const foreignMarks = !valid && (m.ocr || allOcr) && foreignMarksOnSyllable(w.lower, hasSkeleton);
      const damaged = !valid && (looksDamaged(w.text, w.lower, hasSkeleton) || foreignMarks);
      const longWord = w.lower.length >= 4;
      let alts = NO_CANDIDATES;
      // In a passage without marks (or without tones, for a word without any), whether the
      // word is the skeleton of a syllable: `dich` in a toneless passage is `dịch` (kept as
      // written, it would read as a foreign word, and foreign words follow each other).
      const skeleton = (m.noMarks || (m.noTones && !hasMarks(w.lower))) && isSkeleton(w.form);
      // In OCR output, a line with several lower-case words without marks that are no syllable
      // but a syllable's skeleton (`dieu hoa … nguon khong khi`) lost marks in places: such words
      // are syllables whose marks the reading lost. One alone is as likely a word of another
      // language (`rap`, `hot`, `top`).
      const lostMarks = !valid && marksLostInPlaces && w.lower.length >= 2 && isMarklessSkeleton(w);
      if (!valid) {
        keep.cost = damaged ? KEEP_DAMAGED : title ? KEEP_FOREIGN_TITLE : KEEP_FOREIGN_LOWER;
        // In a passage without marks, a word that is the skeleton of a syllable is one.
        if (skeleton || lostMarks) {
          keep.cost = KEEP_DAMAGED;
          // Kept, a skeleton the training text never writes as a word (`vuong`, `nhien`) is a
          // syllable whose marks are unknown, not a word of another language: as such it does not
          // draw its neighbours along (a run of foreign words is likely, one of unknown syllables
          // is not). One it writes so (`top`, `cup`) may be that word.
          if (skeleton && !isWrittenSkeleton(w.lower)) keep.ids = UNKNOWN_SYLLABLE;
        }
        // Read by a model without Vietnamese letters, a lower-case word that is no syllable is
        // as likely misread as one whose marks give it away (`ngudi`, `gitip`: `người`, `giúp`).
        // (Not a lone letter, nor a piece of a word cut at an apostrophe: `d'Alfort`, `l'eau`.)
        else if (readByWrongModel && !title && w.lower.length >= 2 && !nextToApostrophe(line, w)) keep.cost = KEEP_DAMAGED;
        if (!m.noMarks && !m.noTones && !damaged && title) continue; // a name in an OCR line
        if (!m.noMarks && !damaged && !lostMarks && !m.ocr) continue;
      }
      const marked = hasMarks(w.lower);
      // Marks are no evidence in a passage typed without them or read by a model that
      // garbles them (many damaged words in the line); tones none in a passage typed without
      // them (`hêt` for `hết`: no syllable as written, but only its tone is missing).
      const markTrust: MarkTrust = m.noMarks || m.heavy ? 'none' : m.noTones ? 'vowels' : 'all';
      if (caseMisread) {
        // The word in small letters is a reading too: its case alone was misread.
        keep.cost = KEEP_DAMAGED;
        alts = [{ text: w.lower, ids: keep.ids, cost: 0, kind: 'spelling', span: 1 }];
        for (const c of candidatesFor(w.lower, 'none', 1, REPAIR_CANDIDATES)) alts.push(c);
      } else if (m.noMarks && !marked) {
        alts = candidatesFor(w.lower, 'none', skeleton ? 0 : longWord ? 2 : 1, MARK_CANDIDATES, 0, readByWrongModel);
      } else if (m.noTones && valid && removeTone(w.lower) === w.lower) {
        alts = candidatesFor(w.lower, 'vowels', 0, MARK_CANDIDATES);
      } else if (!valid) {
        // Foreign marks say nothing of the Vietnamese ones they stand for (`ä` for `â`, `ấ`, `ă`).
        alts = candidatesFor(w.lower, foreignMarks || lostMarks ? 'none' : markTrust, longWord ? 2 : 1, REPAIR_CANDIDATES, 0, readByWrongModel);
        if (longWord && m.ocr) {
          // Two syllables run together, one with a letter only Vietnamese writes (`ngườivợ`,
          // `tạinhà`), are no other language's word. Kept, the word counts as one of another
          // language in the model, one factor fewer than its two syllables: that is given back.
          const runTogether = VIETNAMESE_ONLY_LETTER.test(w.lower);
          const halves = splitCandidates(idx, w.lower, costs);
          // (New lists: `alts` may be a list the candidate cache shares.)
          if (runTogether) for (let k = 0; k < halves.length; k++) halves[k] = { ...halves[k], cost: Math.max(0, halves[k].cost - RUN_TOGETHER_FACTOR) };
          alts = alts.concat(halves);
        }
      } else if (readByWrongModel) {
        // A valid word with a mark, read by a model that lost the marks and writes a foreign
        // accent for some (Tesseract's `eng` reads ê, ế, ệ as `é`: `trén`, `dé`, `khéng`): the
        // mark is no evidence, and the word is read from its letters like its neighbours.
        alts = candidatesFor(w.lower, 'none', 1, MARK_CANDIDATES, 0, true);
      } else if (m.heavy) {
        // Marks garbled: a valid word's marks are doubted, at a cost.
        alts = candidatesFor(w.lower, 'none', 0, MARK_CANDIDATES, HEAVY_CHANGE_PENALTY);
      } else if (m === OCR_MODE) {
        // A line of OCR text without damage of its own: the marks of its words are doubted (the
        // usual error of an OCR engine that reads Vietnamese), their letters only where the word
        // list tells (see `suspectsFor`). A capitalised word inside a sentence, most likely a
        // name, is doubted at a higher cost, letters too: its syllables are rarer, its
        // neighbours weaker evidence (not doubting it at all cost `Khố` → `Khối` in `Đảng ủy Khố`).
        const name = title && !slot.sentenceStart;
        alts = suspectsFor(w, slots, !name, name);
      } else if (m.ocr || m.noMarks) {
        alts = suspectsFor(w, slots, false, title && !slot.sentenceStart && !m.noMarks);
      }
      // In OCR text, a syllable may be a two-syllable word read as one (`Phấn` for `Phụ nữ`).
      // A capitalised word without marks inside a sentence is a foreign name (`Tran`), left alone.
      if (valid && m.ocr && !m.noMarks && w.lower.length >= 3 && (!title || slot.sentenceStart || hasMarks(w.lower))) {
        alts = alts.concat(compoundsFor(w, slots));
      }
      // A final-consonant fragment or a damaged word next to this one: join them.
      if (nextJoinable && next.kind === 'foreign' && (isFinalFragment(next.lower) || !valid)) {
        // A lone letter after a valid syllable (`gõ p`: type p) is as likely a word of its own:
        // alone it is joined as written (`mộ t`). Reading the syllable's marks again as well
        // (`hợ n` → `hơn`) takes more evidence: a document of OCR output or a heavily damaged line.
        const misread = !valid || next.lower.length > 1 || allOcr || m.heavy;
        alts = alts.concat(joinCandidates(w.lower, next.lower, misread));
      }
      // A capitalised word inside a sentence is most likely (part of) a name: in a passage
      // without marks, each reading is weighed by how often the training text writes it with
      // a capital there (`Dung` stays a name, where `Dùng` is a common word).
      if (title && !caseMisread && !slot.sentenceStart && (m.noMarks || m.noTones) && alts.length > 0) {
        const weighted: Candidate[] = [];
        for (const c of alts) weighted.push({ text: c.text, ids: c.ids, cost: c.cost + nameCost(c.ids[0]), kind: c.kind, span: c.span });
        alts = weighted;
        if (keep.ids[0] >= FIRST_SYLLABLE_ID) keep.cost += nameCost(keep.ids[0]);
      }
      // The same word repaired with confidence elsewhere in the line, or (a word that is no
      // syllable) elsewhere in the document: the same reading, cheaper.
      const repeat = memoryOn ? lineRepairs?.get(w.lower) : undefined;
      const learned = memoryOn && repeat === undefined && !valid ? recall?.words.get(w.lower) : undefined;
      if (repeat !== undefined && m.ocr) {
        alts = alts.concat([{ text: repeat.text, ids: repeat.ids, cost: repeat.cost * REPEAT_COST_SHARE, kind: repeat.kind, span: 1 }]);
        memoryOffered = true;
      } else if (learned !== undefined && m.ocr) {
        alts = alts.concat([{ text: learned.text, ids: learned.ids, cost: learned.cost * DOCUMENT_COST_SHARE, kind: learned.kind, span: 1 }]);
        memoryOffered = true;
      }
      // The slot's list is its own (made in `addSlot`): the readings go on its end.
      for (let k = 0; k < alts.length; k++) slot.candidates.push(alts[k]);
    }
  }

  /**
   * -log10 P(capitalised | syllable): the share of the syllable's occurrences in the training
   * text written with a capital inside a sentence. With it, a reading's score is that of the
   * syllable and its case together.
   */
  function nameCost(id: number): number {
    return -Math.log10((lm.titleCount(id) + 0.5) / (lm.count(id) + 1));
  }

  /** The edits of the decoder's choices that are sure enough, in the case and tone style of the line. */
  function editsOf(
    lattice: Lattice,
    choices: readonly Choice[],
    margins: readonly number[],
    text: string,
    leastMargin: number,
    validMinConfidence: number,
  ): StageEdit[] {
    const edits: StageEdit[] = [];
    for (let k = 0; k < choices.length; k++) {
      const { slot, candidate } = choices[k];
      if (candidate.kind === undefined) continue;
      const start = lattice.start[slot];
      const end = lattice.end[slot + candidate.span - 1];
      const forced = lattice.forced[slot];
      if (!forced && margins[k] < leastMargin) continue;
      const form = lattice.forms[slot];
      const written = lattice.text[slot];
      const valid = form !== undefined ? form.valid : isValidSyllable(written.toLowerCase());
      const confidence = forced ? 0.9 : confidenceOf(margins[k], candidate.kind, valid);
      if (confidence < minConfidence) continue;
      if (!forced && confidence < validMinConfidence && candidate.span === 1 && valid) continue;
      const styled = lattice.newStyle ? setToneStyle(candidate.text, 'new') : candidate.text;
      // A word written in lower case (most are) gives its case without a look at its letters.
      // A syllable whose case a reading garbled (`chÍm`) takes the case of its first letter.
      const casePattern = isCaseMisread(written) ? written[0] + written.slice(1).toLowerCase() : written;
      const after = forced ? candidate.text : form !== undefined && form.lower === written ? styled.toLowerCase() : applyCase(casePattern, styled);
      if (after === text.slice(start, end)) continue;
      edits.push({ start, end, after, kind: candidate.kind, confidence: Math.round(confidence * 1000) / 1000 });
      if (allOcr && !forced && candidate.span === 1 && confidence >= REPEAT_MIN_CONFIDENCE) {
        const lower = lattice.text[slot].toLowerCase();
        if (memoryOn && !(lineRepairs ??= new Map()).has(lower)) lineRepairs.set(lower, candidate);
        if (learn !== undefined && confidence >= DOCUMENT_MIN_CONFIDENCE && !learn.words.has(lower) && !isValidSyllable(lower)) {
          learn.words.set(lower, { text: candidate.text, ids: candidate.ids, cost: candidate.cost, kind: candidate.kind, span: 1 });
        }
      }
    }
    return edits;
  }

  return {
    name: 'repair',
    mayApply(line: string): boolean {
      return modeOf(line) !== undefined || lexiconMayMatch(line);
    },
    run(line: string): StageEdit[] {
      if (recall !== undefined) {
        const known = recall.lines.get(line);
        if (known !== undefined && !holdsLearned(line)) return known.map((e) => ({ ...e }));
      }
      const edits = repairRun(line);
      if (learn !== undefined && learn.lines.size < LEARNED_LINES) learn.lines.set(line, edits.map((e) => ({ ...e })));
      return edits;
    },
  };

  function repairRun(line: string): StageEdit[] {
      const mode = modeOf(line);
      const useLexicon = lexiconMayMatch(line);
      if (mode === undefined && !useLexicon) return [];
      lineRepairs = undefined;
      memoryOffered = false;
      const first = repairLine(line, mode ?? NO_MODE, useLexicon);
      // Repair the repaired line again until it settles, so that the stage is idempotent: a
      // fixed word can change its neighbours' context, and that change its own neighbours' in
      // turn (a word repaired, then joined to a fragment, then repaired again as the joined word).
      const again = (text: string): StageEdit[] => {
        const modeAgain = modeOf(text);
        const lexiconAgain = lexiconMayMatch(text);
        return modeAgain === undefined && !lexiconAgain ? [] : repairLine(text, modeAgain ?? NO_MODE, lexiconAgain);
      };
      const settled = settleEdits(line, first, SETTLE_ROUNDS, again);
      if (!memoryOffered) return settled;
      // A later run of the result has neither this line's memory of its repairs nor (the
      // repaired words gone from its head) the document's, and a remembered reading can have
      // kept a word another reading takes without it (`ng` kept beside `ng` → `nó`): the result
      // is settled without them too, so that such a run finds nothing to repair.
      lineRepairs = undefined;
      memoryOn = false;
      try {
        return settleEdits(line, settled, SETTLE_ROUNDS, again);
      } finally {
        memoryOn = true;
      }
  }
}

/**
 * The OCR evidence of a document (see `documentEvidence` in `detect.ts`), read with the
 * language model's syllables and loanwords (default: the bundled model). Give it the text as
 * the repair stage sees it: after encoding and Unicode repair, whose damage is not OCR's.
 */
export function ocrDocumentEvidence(
  text: string,
  model: LanguageModel = defaultModel(),
  profiles: LanguageProfiles = defaultLanguageProfiles(),
): DocumentEvidence {
  const index = skeletonIndex(model);
  const hasSkeleton = (s: string) => index.hasSkeleton(s);
  const isLoanword = (lower: string) => model.isLoanword(lower);
  // Only the Vietnamese runs of a line count: another language's accents are no damage.
  const evidenceOf = (line: string) => {
    const tokens = tokenize(line);
    const runs = languageRuns(line, { tokens, profiles, verdictsOnly: true });
    const outside = tokensOutside(tokens, runs);
    return lineEvidence(line, hasSkeleton, isLoanword, outside.includes(1) ? tokens.filter((_, i) => outside[i] === 0) : tokens);
  };
  return documentEvidence(text, evidenceOf, (line) => mayShowDamage(line, MIN_PASSAGE_WORDS, isLoanword));
}

export { skeletonOf };
