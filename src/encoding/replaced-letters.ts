/**
 * Letters lost to U+FFFD (`Vi�t Nam`): single-byte text (a legacy font) read as UTF-8 turns each
 * letter beyond ASCII into one replacement character and keeps the ASCII letters. U+FFFD is never
 * correct text, so a word with it among its letters is matched against the syllables the model
 * knows whose letters beyond ASCII stand in those places (`Vi�t`: `việt`, `viết`, `viêt`…), and
 * the language model chooses among them by the neighbouring words. Words side by side that lost
 * letters (`Th??ng m?i D?ch v?`) are read together, each reading weighed by the likeliest
 * readings of the whole stretch. A reading is taken only where it wins clearly; its share of the
 * probability of all the readings is its confidence.
 */
import { EOS_ID, FOREIGN_ID, type LanguageModel, NUM_ID, PUNCT_ID } from '../model/index.js';
import { isValidSyllable } from '../orthography/index.js';
import { BYTE_TABLES } from './charsets.js';

const REPLACEMENT = '\ufffd';

/**
 * What a lost letter may have been: any letter beyond ASCII (U+FFFD from single-byte text read
 * as UTF-8), or only a letter Windows-1252 has no byte for (`?` from a Latin-1 or Windows-1252
 * column or converter, which keeps `à á â ã è é ê ì í ò ó ô õ ù ú ý`).
 */
export type LostLetters = 'any' | 'cp1252';

/** Characters Windows-1252 stores (Latin-1's letters are among them): a lost `?` was none of these. */
const CP1252_KEPT: ReadonlySet<string> = new Set(BYTE_TABLES['windows-1252'].replace(/\ufffd/g, ''));

/** A letter run of a word, with replacement characters counted as letters. */
const RUN = /[\p{L}\p{M}\ufffd]+/gu;

/**
 * The share of the probability of all readings that the best must have to be taken. Chosen on
 * corpus text damaged at run time (bench/replaced-letters.ts prints, by bar, how many replaced
 * words are filled and how many of those rightly): the lowest bar at which 99 % are right.
 */
export const MIN_SHARE = 0.95;

/** Letter runs of the line's words that are Vietnamese syllables, against those that are not, for a line to count as Vietnamese. */
const VIETNAMESE_RATIO = 2;

/**
 * Readings of an unread next run (its most frequent) that stand for it as context: with 3, half
 * the replaced words of news text are filled at the bar, against a quarter with none, for about
 * four times the time (bench/replaced-letters.ts; 6 fills a few more for half as much again).
 */
const NEXT_READINGS = 3;

/** Passes over a line: each may read runs whose neighbours the one before read. */
const PASSES = 3;

/** A known syllable's spelling with every letter beyond ASCII as U+FFFD (`việt` → `vi�t`). */
function keyOf(lower: string): string {
  let key = '';
  for (const ch of lower) key += ch.charCodeAt(0) < 0x80 ? ch : REPLACEMENT;
  return key;
}

const INDEXES = new WeakMap<LanguageModel, Map<string, string[]>>();

/** The model's syllables with a letter beyond ASCII, by {@link keyOf}. */
function indexOf(model: LanguageModel): Map<string, string[]> {
  let index = INDEXES.get(model);
  if (index === undefined) {
    index = new Map();
    for (let id = 0; id < model.vocabSize; id++) {
      const unit = model.unit(id);
      if (!/[^\x00-\x7f]/.test(unit) || unit !== unit.toLowerCase() || !isValidSyllable(unit)) continue;
      const key = keyOf(unit);
      const list = index.get(key);
      if (list === undefined) index.set(key, [unit]);
      else list.push(unit);
    }
    INDEXES.set(model, index);
  }
  return index;
}

/** Readings of a run: the syllables and their ids in the model. */
interface Candidates {
  /** The run and the letters it may have lost (`?` first for `cp1252`): the cache key. */
  key: string;
  units: string[];
  ids: number[];
}

const NONE: Candidates = { key: '', units: [], ids: [] };
/** Candidates by run (lower case), for the runs seen: the same words come back line after line. */
const CANDIDATES = new WeakMap<LanguageModel, Map<string, Candidates>>();
const CANDIDATES_LIMIT = 20_000;

/**
 * The known syllables `run` (lower case, with U+FFFD) may have been: its other letters as they
 * are, and where `lost` is `cp1252`, letters Windows-1252 lacks where U+FFFD stands.
 */
function candidatesOf(run: string, model: LanguageModel, lost: LostLetters = 'any'): Candidates {
  let cache = CANDIDATES.get(model);
  if (cache === undefined) CANDIDATES.set(model, (cache = new Map()));
  const cacheKey = lost === 'any' ? run : '?' + run;
  let found = cache.get(cacheKey);
  if (found === undefined) {
    const key = keyOf(run);
    let units = indexOf(model).get(key) ?? [];
    // Letters beyond ASCII the run still has must stand where they are.
    if (key !== run || lost !== 'any') {
      const chars = [...run];
      units = units.filter((s) => {
        const letters = [...s];
        return (
          letters.length === chars.length &&
          chars.every((ch, i) => (ch === REPLACEMENT ? lost === 'any' || !CP1252_KEPT.has(letters[i]) : ch === letters[i]))
        );
      });
    }
    // Most frequent first: the readings of a next run that give context (NEXT_READINGS).
    units = [...units].sort((a, b) => model.count(model.id(b)) - model.count(model.id(a)));
    // A copy of the key: a slice would keep the whole line alive in the cache.
    const stored = (' ' + cacheKey).slice(1);
    found = units.length === 0 ? NONE : { key: stored, units, ids: units.map((u) => model.id(u)) };
    if (cache.size >= CANDIDATES_LIMIT) cache.clear();
    cache.set(stored, found);
  }
  return found;
}

/** One letter run of the line, or a number or punctuation between them (see {@link contextRuns}). */
interface Run {
  word: number;
  start: number;
  text: string;
  /** A number's or punctuation's unit in the model (`<num>`, `<p>`), -1 for a letter run. */
  unit: number;
}

/** A reading of a word with replaced letters, taken or not. */
export interface ReplacedLetterReading {
  /** Index of the word in the list given. */
  word: number;
  /** The word with the run's replacement characters filled in. */
  text: string;
  /** The reading's share of the probability of all readings in its place. */
  share: number;
}

/** The letters a run kept (U+FFFD is none): they show its case (`?ã` is lower case). */
function keptLetters(run: string): string {
  return run.replace(/[^\p{L}]/gu, '');
}

/** Whether a run is written in capitals (two kept letters or more, all capitals). */
function inCapitals(run: string | undefined): boolean {
  if (run === undefined) return false;
  const kept = keptLetters(run);
  return kept.length >= 2 && kept === kept.toUpperCase();
}

/**
 * The spelling of syllable `lower` in the case of the damaged `run`: capitals where its kept
 * letters are all capitals, two or more of them or fewer among words in capitals (`capitals`);
 * a capital first letter where the run has one, or where the first letter was replaced and
 * `title` says the word is capitalised.
 */
function inCaseOf(lower: string, run: string, title: boolean, capitals: boolean): string {
  const kept = keptLetters(run);
  if (inCapitals(run) || (capitals && kept === kept.toUpperCase())) return lower.toUpperCase();
  const first = run[0];
  const capital = first === REPLACEMENT ? title : first !== first.toLowerCase();
  return capital ? lower[0].toUpperCase() + lower.slice(1) : lower;
}

/** End of a sentence: the next word starts a new one. */
const SENTENCE_END = /[.!?…:]["'”’)\]»]*$/;

/** Marks a run not read (yet) among the ids of the runs read: no id of the model is negative but -1 for none. */
const UNREAD = -2;

/** Whether a code unit may be part of a letter run ({@link RUN}), by code unit of the Basic Multilingual Plane: 0 not known yet, 1 yes, 2 no. */
const RUN_UNIT = new Uint8Array(0x10000);
const RUN_CHAR = /^[\p{L}\p{M}\ufffd]$/u;

/** The letter runs of `word` ({@link RUN}'s matches, scanned without a regex per word), added to `runs`. */
function letterRuns(word: string, k: number, runs: Run[]): void {
  let start = -1;
  for (let i = 0; i <= word.length; i++) {
    let size = 0;
    if (i < word.length) {
      const c = word.charCodeAt(i);
      if (c < 0x80) size = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? 1 : 0;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < word.length) size = RUN_CHAR.test(word.slice(i, i + 2)) ? 2 : 0;
      else {
        let known = RUN_UNIT[c];
        if (known === 0) RUN_UNIT[c] = known = RUN_CHAR.test(word[i]) ? 1 : 2;
        size = known === 1 ? 1 : 0;
      }
    }
    if (size > 0) {
      if (start < 0) start = i;
      i += size - 1;
    } else if (start >= 0) {
      runs.push({ word: k, start, text: word.slice(start, i), unit: -1 });
      start = -1;
    }
  }
}

const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;
/** Punctuation inside a sentence: what the model reads as `<p>`. */
const INNER_PUNCTUATION = /^[\p{P}\p{S}]+$/u;

/**
 * The letter runs of `words` and, between them, the numbers and the punctuation inside a
 * sentence, as the model's units see them (`đẹp,` is `đẹp <p>`, `số 5` is `số <num>`): the
 * context of the runs beside them. A word of digits without letters is a number; punctuation
 * before or after a word's letters, other than a sentence's end, is one `<p>` (a run of it too).
 */
function contextRuns(words: readonly string[]): Run[] {
  const runs: Run[] = [];
  const punctuation = (k: number, start: number, text: string): void => {
    if (runs.length > 0 && runs[runs.length - 1].unit !== PUNCT_ID) runs.push({ word: k, start, text, unit: PUNCT_ID });
  };
  words.forEach((word, k) => {
    if (!LETTER.test(word)) {
      if (DIGIT.test(word)) runs.push({ word: k, start: 0, text: word, unit: NUM_ID });
      else if (INNER_PUNCTUATION.test(word) && !SENTENCE_END.test(word)) punctuation(k, 0, word);
      return;
    }
    const first = runs.length;
    letterRuns(word, k, runs);
    if (runs.length === first) return;
    // Punctuation before the word's letters: not at the line's start, nor after punctuation.
    const head = word.slice(0, runs[first].start);
    if (head !== '' && INNER_PUNCTUATION.test(head) && first > 0 && runs[first - 1].unit !== PUNCT_ID) {
      runs.splice(first, 0, { word: k, start: 0, text: head, unit: PUNCT_ID });
    }
    const last = runs[runs.length - 1];
    const tail = word.slice(last.start + last.text.length);
    if (tail !== '' && INNER_PUNCTUATION.test(tail) && !SENTENCE_END.test(tail)) punctuation(k, last.start + last.text.length, tail);
  });
  return runs;
}

/** Whether a letter run as written is a syllable the model knows, by run (the same come back line after line). */
const KNOWN = new WeakMap<LanguageModel, Map<string, boolean>>();
const KNOWN_LIMIT = 50_000;

function knownSyllable(run: string, model: LanguageModel): boolean {
  let cache = KNOWN.get(model);
  if (cache === undefined) KNOWN.set(model, (cache = new Map()));
  let known = cache.get(run);
  if (known === undefined) {
    const lower = run.toLowerCase();
    known = isValidSyllable(lower) && model.has(lower);
    if (cache.size >= KNOWN_LIMIT) cache.clear();
    cache.set((' ' + run).slice(1), known);
  }
  return known;
}

/** The best reading of a run in one context, and its share of the probability of all. */
interface Choice {
  best: number;
  share: number;
}

/**
 * Choices by run and context: a run's readings are scored by the two syllables before it and
 * the one after (or the readings of the unread run after), and the same word comes back in the
 * same context line after line, and again in each pass over a line that is left partly unread.
 */
const CHOICES = new WeakMap<LanguageModel, Map<string, Choice>>();
const CHOICES_LIMIT = 50_000;

/** Scratch arrays of one batch of language-model look-ups (grown as needed, never shrunk). */
interface Lookups {
  words: Int32Array;
  prev1s: Int32Array;
  prev2s: Int32Array;
  prev3s: Int32Array;
  out: Float64Array;
}

let scratch: Lookups | undefined;

function lookups(n: number): Lookups {
  if (scratch === undefined || scratch.words.length < n) {
    const size = Math.max(n, 2 * (scratch?.words.length ?? 64));
    scratch = {
      words: new Int32Array(size),
      prev1s: new Int32Array(size),
      prev2s: new Int32Array(size),
      prev3s: new Int32Array(size),
      out: new Float64Array(size),
    };
  }
  return scratch;
}

/**
 * The best of `run`'s readings after `left` (up to two ids, nearest last) and before `after`
 * (an id, or -1: none known), or where there is none, before one of the most frequent readings of
 * the unread run `next` (NONE: no context after), with its share of the probability of all.
 */
function choiceOf(model: LanguageModel, run: Candidates, left: readonly number[], after: number, next: Candidates): Choice {
  const prev1 = left.length >= 1 ? left[left.length - 1] : -1;
  const prev2 = left.length >= 2 ? left[left.length - 2] : -1;
  let cache = CHOICES.get(model);
  if (cache === undefined) CHOICES.set(model, (cache = new Map()));
  const key = `${run.key}|${prev2},${prev1},${after}|${next.key}`;
  let found = cache.get(key);
  if (found !== undefined) return found;
  const ids = run.ids;
  const n = ids.length;
  // Where the next run is unread, the next syllable is one of its readings: the probability
  // of that (over its most frequent readings) is the context after.
  const nexts = after >= 0 ? 1 : Math.min(next.ids.length, NEXT_READINGS);
  const look = lookups(n * Math.max(1, nexts));
  // log10 P(reading | two before) + log10 P(next | reading, two before), as sequenceLogProb
  // sums them: each look-up is logProb's, in batches (the same values to the bit).
  for (let k = 0; k < n; k++) {
    look.words[k] = ids[k];
    look.prev1s[k] = prev1;
    look.prev2s[k] = prev2;
  }
  const scores = new Float64Array(n);
  model.logProbsOf(look.words, look.prev1s, look.prev2s, scores, n);
  if (nexts > 0) {
    const m = n * nexts;
    for (let k = 0, j = 0; k < n; k++) {
      for (let x = 0; x < nexts; x++, j++) {
        look.words[j] = after >= 0 ? after : next.ids[x];
        look.prev1s[j] = ids[k];
        look.prev2s[j] = prev1;
        look.prev3s[j] = prev2;
      }
    }
    model.logProbsOf(look.words, look.prev1s, look.prev2s, look.out, m, look.prev3s);
    for (let k = 0, j = 0; k < n; k++) {
      if (after >= 0) scores[k] += look.out[j++];
      else {
        let sum = 0;
        for (let x = 0; x < nexts; x++) sum += 10 ** look.out[j++];
        scores[k] += Math.log10(sum);
      }
    }
  }
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  let total = 0;
  for (const s of scores) total += 10 ** (s - scores[best]);
  found = { best, share: 1 / total };
  if (cache.size >= CHOICES_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

/**
 * Readings of the words (texts between spaces, as the line has them) whose letters hold U+FFFD,
 * left to right, each chosen in the context of the words before it (as read) and the word after
 * it (where it has no replacement). Only readings whose share reaches `minShare` are returned;
 * nothing where the line's other words do not read as Vietnamese.
 */
export function readReplacedLetters(
  words: readonly string[],
  model: LanguageModel,
  minShare = MIN_SHARE,
  lost: LostLetters = 'any',
): ReplacedLetterReading[] {
  const runs = contextRuns(words);
  // The line must read as Vietnamese: its runs are syllables the model knows (or, replaced
  // letters and all, may be), mostly.
  const candidates = runs.map((r) => (r.unit < 0 && r.text.includes(REPLACEMENT) ? candidatesOf(r.text.toLowerCase(), model, lost) : NONE));
  let vietnamese = 0;
  let other = 0;
  runs.forEach((r, i) => {
    if (r.unit >= 0) return;
    if (candidates[i].units.length > 0 || knownSyllable(r.text, model)) vietnamese++;
    else other++;
  });
  if (vietnamese < VIETNAMESE_RATIO * other) return [];
  const read = runs.map((r) => (r.unit < 0 && r.text.includes(REPLACEMENT) ? undefined : r.text.toLowerCase()));
  // The model's id of each run read (the context of the runs around it): a letter run that is
  // no syllable is a word of another language to the model.
  const readIds = read.map((r, i) => (r === undefined ? UNREAD : runs[i].unit >= 0 ? runs[i].unit : isValidSyllable(r) ? model.id(r) : FOREIGN_ID));
  // The context each run was last scored in (see `choiceOf`): a run is scored again only where it grew.
  const scoredIn = runs.map(() => '');
  const texts = [...words];
  const out: ReplacedLetterReading[] = [];
  /** Where each word's reading is in `out`. */
  const slot = new Map<number, number>();
  // Left to right, again while readings come: a run read gives its neighbours context.
  // Unread runs side by side (`Th??ng m?i D?ch v?`) are first read together.
  for (let pass = 0, more = true; pass < PASSES && more; pass++) {
    more = false;
    for (let i = 0; i < runs.length; ) {
      const end = segmentEnd(i);
      if (end - i >= 2) more = readTogether(i, end) || more;
      i = Math.max(end, i + 1);
    }
    for (let i = 0; i < runs.length; i++) {
      if (read[i] !== undefined || candidates[i].units.length === 0) continue;
      const taken = readRun(i);
      more ||= taken;
    }
  }
  return out;

  /** Whether run `i` ends its sentence (the next run starts another, or there is none). */
  function endsSentenceAt(i: number): boolean {
    const run = runs[i];
    return SENTENCE_END.test(words[run.word].slice(run.start + run.text.length)) || i + 1 === runs.length;
  }

  /**
   * The end of the segment of unread runs (with readings) that starts at `i`: at most
   * {@link MAX_TOGETHER} of them, in one sentence. `i` itself when run `i` is no such run.
   */
  function segmentEnd(i: number): number {
    let end = i;
    while (end < runs.length && end - i < MAX_TOGETHER && read[end] === undefined && candidates[end].units.length > 0) {
      end++;
      if (endsSentenceAt(end - 1)) break;
    }
    return end;
  }

  /**
   * Reads runs `from` to `to` (exclusive, all unread) together: a beam over their readings
   * scored by the language model from the read runs before them to the one after (or the end
   * of the sentence), each reading's share the probability of the paths through it over that
   * of all paths kept (remembered by the stretch and its context, so asking again in the next
   * pass costs nothing). Takes the readings that reach the bar; whether any did.
   */
  function readTogether(from: number, to: number): boolean {
    const left: number[] = [];
    for (let j = from - 1; j >= 0 && left.length < 3 && readIds[j] !== UNREAD; j--) left.unshift(readIds[j]);
    const last = to - 1;
    const after = endsSentenceAt(last) ? EOS_ID : to < runs.length && readIds[to] !== UNREAD ? readIds[to] : -1;
    let taken = false;
    const choices = choicesTogether(model, candidates.slice(from, to), left, after);
    choices.forEach(({ best, share }, j) => {
      if (share < minShare) return;
      take(from + j, best, share);
      taken = true;
    });
    return taken;
  }

  /** Reads run `i` in its context where one reading wins clearly; whether it did. */
  function readRun(i: number): boolean {
    const run = runs[i];
    // Two runs of context before (as read; an unread one cuts it), one after.
    const left: number[] = [];
    for (let j = i - 1; j >= 0 && left.length < 2 && readIds[j] !== UNREAD; j--) left.unshift(readIds[j]);
    const word = words[run.word];
    const endsSentence = SENTENCE_END.test(word.slice(run.start + run.text.length)) || i + 1 === runs.length;
    const after = endsSentence ? EOS_ID : i + 1 < runs.length && readIds[i + 1] !== UNREAD ? readIds[i + 1] : -1;
    const context = `${left.join(',')}|${after}`;
    if (scoredIn[i] === context) return false;
    scoredIn[i] = context;
    const unread = after < 0 && !endsSentence && i + 1 < runs.length ? candidates[i + 1] : NONE;
    const { best, share } = choiceOf(model, candidates[i], left, after, unread);
    if (share < minShare) return false;
    take(i, best, share);
    return true;
  }

  /** Fills run `i` with its reading `best`, whose share is `share`. */
  function take(i: number, best: number, share: number): void {
    const run = runs[i];
    const options = candidates[i].units;
    read[i] = options[best];
    readIds[i] = candidates[i].ids[best];
    // The letter run before it (numbers and punctuation between are no word).
    let before = i - 1;
    while (before >= 0 && runs[before].unit >= 0) before--;
    const prev = before >= 0 ? words[runs[before].word] : undefined;
    const sentenceStart = before < 0 || (prev !== undefined && runs[before].word !== run.word && SENTENCE_END.test(prev));
    // A replaced first letter: a capital where a sentence starts or the syllable is mostly
    // written with one (`Ủy ban`, not `được`).
    const id = model.id(options[best]);
    const title = sentenceStart || 2 * model.titleCount(id) > model.count(id);
    let after = i + 1;
    while (after < runs.length && runs[after].unit >= 0) after++;
    const capitals = inCapitals(runs[before]?.text) || inCapitals(runs[after]?.text);
    const filled = inCaseOf(options[best], run.text, title, capitals);
    const text = texts[run.word];
    // A filled run keeps its length (U+FFFD and a precomposed letter are one code unit each).
    texts[run.word] = text.slice(0, run.start) + filled + text.slice(run.start + run.text.length);
    const done = slot.get(run.word);
    const reading = { word: run.word, text: texts[run.word], share: done !== undefined ? Math.min(out[done].share, share) : share };
    if (done !== undefined) out[done] = reading;
    else {
      slot.set(run.word, out.length);
      out.push(reading);
    }
  }
}

/** Most runs read together: longer stretches of lost letters are read in pieces. */
const MAX_TOGETHER = 6;
/** Readings of each run read together, the most frequent: the rarer ones almost never win. */
const MAX_READINGS = 24;
/** Paths a beam over runs read together keeps after each run. */
const BEAM_PATHS = 64;
/**
 * Paths this far (log10) below the best are dropped: each would weigh under 10^-4 of it, too
 * little to move a share near the bar.
 */
const BEAM_WINDOW = 4;

/**
 * Choices of runs read together, by their readings and context: the same stretches come back
 * (a name, an address, a phrase of a form), and each pass over a line asks again.
 */
const TOGETHER = new WeakMap<LanguageModel, Map<string, Choice[]>>();
const TOGETHER_LIMIT = 20_000;

/** The best reading of each of `runs` read together (see {@link beamPaths}), and its share. */
function choicesTogether(model: LanguageModel, runs: readonly Candidates[], left: readonly number[], after: number): Choice[] {
  let cache = TOGETHER.get(model);
  if (cache === undefined) TOGETHER.set(model, (cache = new Map()));
  const key = `${left.join(',')}|${after}|${runs.map((r) => r.key).join('|')}`;
  let found = cache.get(key);
  if (found !== undefined) return found;
  const paths = beamPaths(model, runs, left, after);
  found = runs.map((run, j) => {
    const shares = new Float64Array(run.ids.length);
    for (const path of paths) shares[path.choices[j]] += path.weight;
    let best = 0;
    for (let k = 1; k < shares.length; k++) if (shares[k] > shares[best]) best = k;
    return { best, share: shares[best] };
  });
  if (cache.size >= TOGETHER_LIMIT) cache.clear();
  cache.set(key, found);
  return found;
}

/** A path of {@link beamPaths}: a reading of each run, and its share of the paths kept. */
interface Path {
  choices: Int32Array;
  weight: number;
}

/**
 * The likeliest paths through the readings of `runs` (each run's candidates), after the ids of
 * `left` (up to three, nearest last) and before `after` (an id, or -1: none known), by the
 * language model; each path's weight is its probability over that of all the paths kept.
 */
function beamPaths(model: LanguageModel, runs: readonly Candidates[], left: readonly number[], after: number): Path[] {
  const before = (back: number) => (left.length >= back ? left[left.length - back] : -1);
  // The paths after each run: their last three ids, score, and the path and reading they extend.
  let p1 = Int32Array.of(before(1));
  let p2 = Int32Array.of(before(2));
  let p3 = Int32Array.of(before(3));
  let scores = Float64Array.of(0);
  const backs: Int32Array[] = [];
  const readings: Int32Array[] = [];
  for (const run of runs) {
    const width = Math.min(run.ids.length, MAX_READINGS);
    const n = scores.length * width;
    const look = lookups(n);
    for (let h = 0, j = 0; h < scores.length; h++) {
      for (let k = 0; k < width; k++, j++) {
        look.words[j] = run.ids[k];
        look.prev1s[j] = p1[h];
        look.prev2s[j] = p2[h];
        look.prev3s[j] = p3[h];
      }
    }
    model.logProbsOf(look.words, look.prev1s, look.prev2s, look.out, n, look.prev3s);
    let top = -Infinity;
    for (let j = 0; j < n; j++) {
      look.out[j] += scores[(j / width) | 0];
      if (look.out[j] > top) top = look.out[j];
    }
    // Within the window, the best first (ties in the order of the paths and readings).
    let kept: number[] = [];
    for (let j = 0; j < n; j++) if (look.out[j] >= top - BEAM_WINDOW) kept.push(j);
    const out = look.out;
    kept.sort((a, b) => out[b] - out[a] || a - b);
    if (kept.length > BEAM_PATHS) kept = kept.slice(0, BEAM_PATHS);
    const m = kept.length;
    const back = new Int32Array(m);
    const reading = new Int32Array(m);
    const q1 = new Int32Array(m);
    const q2 = new Int32Array(m);
    const q3 = new Int32Array(m);
    const next = new Float64Array(m);
    for (let x = 0; x < m; x++) {
      const j = kept[x];
      const h = (j / width) | 0;
      back[x] = h;
      reading[x] = j - h * width;
      q1[x] = run.ids[reading[x]];
      q2[x] = p1[h];
      q3[x] = p2[h];
      next[x] = out[j];
    }
    backs.push(back);
    readings.push(reading);
    p1 = q1;
    p2 = q2;
    p3 = q3;
    scores = next;
  }
  if (after >= 0) for (let h = 0; h < scores.length; h++) scores[h] += model.logProb(after, p1[h], p2[h], p3[h]);
  let top = -Infinity;
  for (const score of scores) top = Math.max(top, score);
  let total = 0;
  for (const score of scores) total += 10 ** (score - top);
  const paths: Path[] = [];
  for (let h = 0; h < scores.length; h++) {
    const choices = new Int32Array(runs.length);
    for (let r = runs.length - 1, at = h; r >= 0; r--) {
      choices[r] = readings[r][at];
      at = backs[r][at];
    }
    paths.push({ choices, weight: 10 ** (scores[h] - top) / total });
  }
  return paths;
}

/** `?` standing between letters of a word (`Vi?t`, `Ng??i`): never punctuation there. */
const INNER_QUESTION = /(?<=[\p{L}\p{M}])\?+(?=\p{L})/gu;
/** `?` starting a word (after opening quotes or brackets) before its letters (`?ang`, `???c`). */
const FIRST_QUESTION = /^([(["'“‘«]*)(\?+)(?=\p{L})/u;
/** One `?` ending a word's letters, closing punctuation after it (`c?`, `nh?,`). */
const LAST_QUESTION = /(?<=[\p{L}\p{M}])\?(?=[.,;:!)\]"'”’»]*$)/u;

/** The letters of `word` just before `end` (a scan back, no regex: the run may be long). */
function lettersBefore(word: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{M}]/u.test(word[start - 1])) start--;
  return word.slice(start, end);
}

const OPENING = '([{"\'“‘«';
const CLOSING = '.,;:!?)]}"\'”’»…';
/** Letters and `?`, in parts joined by hyphens. */
const LETTERS_AND_QUESTIONS = /^[\p{L}\p{M}?]+(?:-[\p{L}\p{M}?]+)*$/u;

/**
 * Whether a word is letters (and `?`) between opening and closing punctuation: only in such a
 * word can `?` be a lost letter; in a URL or code (`tin?id=5`, `n?u:v`) it stays.
 */
function lettersWord(word: string): boolean {
  let start = 0;
  let end = word.length;
  while (start < end && OPENING.includes(word[start])) start++;
  while (end > start && CLOSING.includes(word[end - 1])) end--;
  // A `?` that closing punctuation took back from the letters (`c?`, `c?,`).
  while (end < word.length && word[end] === '?') end++;
  return LETTERS_AND_QUESTIONS.test(word.slice(start, end));
}

/** Whether a line may hold letters lost to `?` ({@link readQuestionLetters}): a `?` between two letters. */
export function mayHaveQuestionLetters(line: string): boolean {
  return line.includes('?') && /[\p{L}\p{M}]\?+\p{L}/u.test(line);
}

/** Whether every run of `word` that holds U+FFFD has readings with letters Windows-1252 lacks there. */
function readable(word: string, model: LanguageModel): boolean {
  const runs = [...word.matchAll(RUN)].filter((m) => m[0].includes(REPLACEMENT));
  return runs.length > 0 && runs.every((m) => candidatesOf(m[0].toLowerCase(), model, 'cp1252').units.length > 0);
}

/**
 * The words with the `?` read as lost letters marked as U+FFFD (see {@link readQuestionLetters}),
 * and how many words show them (marks with readings).
 */
function questionMarks(words: readonly string[], model: LanguageModel): { marks: string[]; shown: number } {
  const marks = words.map((w) => (lettersWord(w) ? w.replace(INNER_QUESTION, (q) => REPLACEMENT.repeat(q.length)) : w));
  // Words whose inner `?` have readings: the line's evidence that `?` stands for letters.
  const inner = marks.map((m, k) => m !== words[k] && readable(m, model));
  const evidence = inner.filter(Boolean).length;
  if (evidence === 0) return { marks, shown: 0 };
  marks.forEach((m, k) => {
    // Evidence from the other words of the line.
    if (evidence - (inner[k] ? 1 : 0) === 0 || !lettersWord(words[k])) return;
    let w = m;
    const first = FIRST_QUESTION.exec(w);
    if (first) w = marked(w, first[1].length, first[1].length + first[2].length);
    const last = LAST_QUESTION.exec(w);
    if (last && !isValidSyllable(lettersBefore(w, last.index).toLowerCase())) w = marked(w, last.index, last.index + 1);
    if (w !== m && readable(w, model)) marks[k] = w;
  });
  return { marks, shown: marks.filter((m, k) => m !== words[k] && readable(m, model)).length };
}

/**
 * Whether two words or more of the line show `?` for letters Windows-1252 lacks where known
 * syllables have them (`Vi?t`, `Ng??i`): the line's evidence of letters lost to `?`.
 */
export function showsQuestionLetters(words: readonly string[], model: LanguageModel): boolean {
  return !words.some((w) => w.includes(REPLACEMENT)) && questionMarks(words, model).shown >= 2;
}

/** `text` with the code units from `start` to `end` as U+FFFD. */
function marked(text: string, start: number, end: number): string {
  return text.slice(0, start) + REPLACEMENT.repeat(end - start) + text.slice(end);
}

/**
 * Letters lost to `?` (`Vi?t Nam`, `Ng??i d?n`): Vietnamese stored through a Latin-1 or
 * Windows-1252 column or converter, where every letter those code pages lack became one `?`.
 * As `?` is also a question mark, it is read as a letter only where punctuation cannot stand:
 * between two letters of a word; or, where other words of the line show `?` so, starting a word's
 * letters, or ending them where the letters before it are no syllable (`c?`, not `không?`).
 * The candidates are the known syllables with a letter Windows-1252 lacks there, chosen as
 * {@link readReplacedLetters} chooses; with one such word in the line, only a word with one
 * candidate reading is filled.
 */
export function readQuestionLetters(words: readonly string[], model: LanguageModel, minShare = MIN_SHARE): ReplacedLetterReading[] {
  if (words.some((w) => w.includes(REPLACEMENT))) return [];
  const { marks, shown } = questionMarks(words, model);
  if (shown === 0) return [];
  const readings = readReplacedLetters(marks, model, minShare, 'cp1252').filter((r) => {
    if (shown >= 2) return true;
    // One word showing it: taken only where it can be read one way.
    return [...marks[r.word].matchAll(RUN)].every(
      (m) => !m[0].includes(REPLACEMENT) || candidatesOf(m[0].toLowerCase(), model, 'cp1252').units.length === 1,
    );
  });
  // A run left unread keeps its `?`.
  return readings.map((r) => ({ ...r, text: r.text.replace(/\ufffd/g, '?') }));
}
