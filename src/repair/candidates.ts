/**
 * Candidate generation: which syllables a damaged token may stand for. A skeleton index in the
 * SymSpell spirit maps the mark-free skeleton of every syllable the language model knows, and
 * every skeleton with one letter deleted, to the syllables; a query deletes up to two letters of
 * the damaged skeleton, so candidates within a few letter edits are found with a handful of map
 * look-ups instead of a scan of the vocabulary.
 */
import type { LanguageModel } from '../model/index.js';
import { SPECIAL_UNITS } from '../model/index.js';
import { isValidSyllable, MAX_SYLLABLE_LENGTH, removeMarks, toneOf } from '../orthography/index.js';
import type { EditKind } from '../types.js';
import { type ChannelCosts, markBits, pairsReadAsOne, skeletonDistance, toneCost, vowelMarkCost } from './channel.js';

/** One reading of one or more input tokens. */
export interface Candidate {
  /** Lower-case replacement: one syllable, or two separated by a space (a split). */
  text: string;
  /** Model ids of the syllables of `text`. */
  ids: readonly number[];
  /** Channel cost (log10): how unlikely the damage that turns `text` into the input is. */
  cost: number;
  /** What the change repairs; `undefined` for the input itself. */
  kind: EditKind | undefined;
  /** How many input word tokens the candidate covers (2 for a joined split syllable). */
  span: number;
}

/**
 * The longest token that may be damaged Vietnamese: two syllables run together (the longest
 * reading {@link splitCandidates} makes) with two letters to spare. A longer letter run is no
 * damaged syllable (an unspaced run of words, a pile of marks, a code) and gets no readings:
 * left as it is, and never queried, since its deletes grow with the cube of its length.
 */
export const MAX_REPAIRABLE_LENGTH = 2 * MAX_SYLLABLE_LENGTH + 2;

/** Bounds of the candidate caches, so that a long run over an archive does not grow the heap. */
export const LASTING_LISTS = 60_000;
export const PASSING_LISTS = 20_000;
/** Bound of the memo of skeletons near a query (see {@link SkeletonIndex.nearSorted}). */
export const NEAR_LISTS = 40_000;

/** How the marks of a token are to be trusted while generating its candidates. */
export type MarkTrust =
  /** The passage was written without any marks: marks cost nothing. */
  | 'none'
  /** The passage was written without tones: vowel marks are kept, tones cost nothing. */
  | 'vowels'
  /** Marks are evidence: changing one has a cost. */
  | 'all';

/**
 * Candidate lists by query settings, then by word, holding at most `limit` lists (all are let
 * go when it is full). Two levels, so that a look-up hashes the word as it is instead of a key
 * made by joining the settings to it.
 */
export class CandidateCache {
  private readonly tables = new Map<number, Map<string, Candidate[]>>();
  private count = 0;

  constructor(private readonly limit: number) {}

  /** The lists made with these settings (see {@link settingsKey}), by word. */
  table(settings: number): Map<string, Candidate[]> {
    let table = this.tables.get(settings);
    if (table === undefined) {
      table = new Map();
      this.tables.set(settings, table);
    }
    return table;
  }

  /** Adds a list to `table` (one of this cache's), first letting every list go if the cache is full. */
  add(table: Map<string, Candidate[]>, word: string, list: Candidate[]): void {
    if (this.count >= this.limit) {
      for (const t of this.tables.values()) t.clear();
      this.count = 0;
    }
    table.set(word, list);
    this.count++;
  }
}

/** A number for a set of candidate query settings (`penalty` in tenths). */
export function settingsKey(trust: MarkTrust, maxDistance: number, limit: number, penalty: number): number {
  const t = trust === 'none' ? 0 : trust === 'vowels' ? 1 : 2;
  return ((Math.round(penalty * 10) * 8 + maxDistance) * 64 + limit) * 4 + t;
}

/** Candidate skeleton with its distance from the query. */
interface Near {
  skeleton: string;
  distance: number;
}

/** The skeleton index over the syllables of a language model. */
export class SkeletonIndex {
  /** skeleton → model ids of its syllables, most frequent first. */
  private readonly bySkeleton = new Map<string, number[]>();
  /**
   * skeleton → the same ids by falling prior (then by id): the order in which a reading's
   * least possible rank only grows, so a candidate search can stop at the first one too far.
   * (Model ids follow corpus counts, the prior is smoothed: the two orders differ.)
   */
  private readonly byPrior = new Map<string, Int32Array>();
  /** Known skeletons near a query, by the channel costs, the distance limit and the query. */
  private nearMemo = new WeakMap<ChannelCosts, Map<string, readonly Near[]>[]>();
  private nearMemoSize = 0;
  /** skeleton with one letter deleted → the skeletons it came from. */
  private readonly deletes = new Map<string, string[]>();
  /** Length of the longest skeleton in the index. */
  private longest = 0;
  /** log10 unigram probability of each id. */
  readonly prior: Float32Array;
  /** lower-case old-style text of each id. */
  readonly text: string[];
  /** The tone and the vowel-mark letters ({@link markBits}) of each id, for the channel costs. */
  readonly tone: Uint8Array;
  readonly marks: Uint8Array;
  /**
   * Candidate lists already made with the default channel, shared by every stage on this model:
   * for words that are syllables or known skeletons (a closed set, asked for again and again)
   * and, apart so that damage never seen again cannot push those out, for other words.
   */
  readonly lastingCache = new CandidateCache(LASTING_LISTS);
  readonly cache = new CandidateCache(PASSING_LISTS);

  constructor(readonly model: LanguageModel) {
    const n = model.vocabSize;
    this.prior = new Float32Array(n);
    this.text = new Array<string>(n);
    this.tone = new Uint8Array(n);
    this.marks = new Uint8Array(n);
    for (let id = 0; id < n; id++) {
      const unit = model.unit(id);
      this.text[id] = unit;
      this.prior[id] = model.logProb(id);
      this.tone[id] = toneOf(unit);
      this.marks[id] = markBits(unit);
      if (id < SPECIAL_UNITS.length || !isValidSyllable(unit)) continue;
      const skeleton = removeMarks(unit);
      let ids = this.bySkeleton.get(skeleton);
      if (ids === undefined) {
        ids = [];
        this.bySkeleton.set(skeleton, ids);
        if (skeleton.length > this.longest) this.longest = skeleton.length;
        for (let i = 0; i < skeleton.length; i++) {
          const del = skeleton.slice(0, i) + skeleton.slice(i + 1);
          const from = this.deletes.get(del);
          if (from === undefined) this.deletes.set(del, [skeleton]);
          else if (from[from.length - 1] !== skeleton) from.push(skeleton);
        }
      }
      ids.push(id); // ids come by falling frequency
    }
    const prior = this.prior;
    for (const [skeleton, ids] of this.bySkeleton) {
      this.byPrior.set(skeleton, Int32Array.from(ids).sort((a, b) => prior[b] - prior[a] || a - b));
    }
  }

  /** Model ids of the known syllables with this skeleton, by falling log10 prior. */
  syllablesByPrior(skeleton: string): Int32Array {
    return this.byPrior.get(skeleton) ?? NO_IDS;
  }

  /**
   * {@link near}, nearest first (stable), memoised: damaged words with other marks or case
   * share a skeleton (`cùa`, `cụa`, `cua`), and the deletes and distances of a skeleton are
   * the costly part of a candidate search. The list is frozen: every caller shares it.
   */
  nearSorted(query: string, limit: number, costs: ChannelCosts): readonly Near[] {
    let byLimit = this.nearMemo.get(costs);
    if (byLimit === undefined) {
      byLimit = [];
      this.nearMemo.set(costs, byLimit);
    }
    const table = (byLimit[limit] ??= new Map());
    let list = table.get(query);
    if (list === undefined) {
      list = Object.freeze(this.near(query, limit, costs).sort((a, b) => a.distance - b.distance).map((n) => Object.freeze(n)));
      // Bounded like the candidate caches: when full, every memoised list is let go.
      if (this.nearMemoSize >= NEAR_LISTS) {
        this.nearMemo = new WeakMap();
        byLimit = [];
        this.nearMemo.set(costs, byLimit);
        this.nearMemoSize = 0;
      }
      (byLimit[limit] ??= new Map()).set(query, list);
      this.nearMemoSize++;
    }
    return list;
  }

  /** Model ids of the known syllables with this skeleton, most frequent first. */
  syllables(skeleton: string): readonly number[] {
    return this.bySkeleton.get(skeleton) ?? NONE;
  }

  /** Whether some known syllable has this skeleton. */
  hasSkeleton(skeleton: string): boolean {
    return this.bySkeleton.has(skeleton);
  }

  /**
   * Known skeletons within weighted edit distance `limit` of `query` (itself included when
   * known). Finds every skeleton one edit away and those two edits away that need at most one
   * deletion on the index side.
   */
  near(query: string, limit: number, costs: ChannelCosts): Near[] {
    // Each letter of the query beyond the longest skeleton costs a whole edit to delete, so a
    // longer query has no neighbour; and its deletes, which grow with the cube of its length,
    // are never made.
    if (query.length > this.longest + limit) return [];
    const seen = new Set<string>();
    const out: Near[] = [];
    const consider = (skeleton: string) => {
      if (seen.has(skeleton)) return;
      seen.add(skeleton);
      const distance = skeleton === query ? 0 : skeletonDistance(query, skeleton, costs, limit);
      if (distance <= limit) out.push({ skeleton, distance });
    };
    const probe = (key: string) => {
      if (this.bySkeleton.has(key)) consider(key);
      const from = this.deletes.get(key);
      if (from !== undefined) for (const s of from) consider(s);
    };
    probe(query);
    if (limit >= 1) {
      const firstDeletes = new Set<string>();
      for (let i = 0; i < query.length; i++) firstDeletes.add(query.slice(0, i) + query.slice(i + 1));
      for (const d of firstDeletes) probe(d);
      // Two printed letters for one (`ern` for `em`): one change of the channel.
      for (const r of pairsReadAsOne(query, costs)) probe(r);
      if (limit >= 2 && query.length >= 4) {
        const second = new Set<string>();
        for (const d of firstDeletes) {
          for (let i = 0; i < d.length; i++) second.add(d.slice(0, i) + d.slice(i + 1));
        }
        for (const d of second) if (!firstDeletes.has(d)) probe(d);
      }
    }
    return out;
  }
}

const NONE: readonly number[] = Object.freeze([]);
const NO_IDS = new Int32Array(0);

/** Options of {@link tokenCandidates}. */
export interface TokenCandidateOptions {
  trust: MarkTrust;
  /** Largest skeleton edit distance to look at (0: marks only). */
  maxDistance: number;
  /** At most this many candidates besides the input itself. */
  limit: number;
  /** Only candidates whose channel cost minus log10 prior is within this of the best one's. */
  rankWindow: number;
  costs: ChannelCosts;
}

/**
 * Candidate syllables for one lower-case token (marks included), cheapest first by channel
 * cost plus unigram prior. The input itself is not included.
 */
export function tokenCandidates(
  index: SkeletonIndex,
  lower: string,
  options: TokenCandidateOptions,
): Candidate[] {
  const { trust, costs } = options;
  const query = removeMarks(lower);
  // Nearest skeletons first, so that the best rank is known early and far readings are skipped
  // before their marks are compared: a reading's rank is at least its letter cost minus its
  // prior, and readings ranked beyond the best one plus the window are dropped anyway.
  const near = index.nearSorted(query, options.maxDistance, costs);
  // The best `limit` readings by rank (then by text), kept sorted as they come: a short
  // insertion instead of sorting every reading looked at.
  const limit = options.limit;
  const top = topBuffers(limit);
  let kept = 0;
  let best = Infinity;
  const tone = toneOf(lower);
  const marks = markBits(lower);
  const text = index.text;
  for (const { skeleton, distance } of near) {
    const letterCost = distance * costs.letter;
    const ids = index.syllablesByPrior(skeleton);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      // A reading's rank is at least its letter cost minus its prior. It is skipped when that
      // is beyond the final floor, or, with `limit` readings kept, beyond the worst of them (it
      // could not displace one); by falling prior, so is every reading after it. (The order
      // readings are looked at in changes nothing: they are kept by rank, then text.)
      const least = letterCost - index.prior[id];
      if (least > best + options.rankWindow || (kept === limit && least > top.rank[limit - 1])) break;
      if (text[id] === lower) continue;
      let cost = letterCost;
      if (trust !== 'none') {
        if (trust === 'all') cost += toneCost(tone, index.tone[id], distance, costs);
        // Text typed without tones keeps its vowel marks as typed: the OCR rates do not apply.
        cost += vowelMarkCost(marks, index.marks[id], distance, costs, trust === 'vowels');
      }
      const rank = cost - index.prior[id];
      if (rank < best) best = rank;
      // Where it goes among the kept ones (after every one that ranks before it).
      let at = kept;
      while (at > 0 && (top.rank[at - 1] > rank || (top.rank[at - 1] === rank && text[top.id[at - 1]] > text[id]))) at--;
      if (at >= limit) continue;
      for (let j = Math.min(kept, limit - 1); j > at; j--) {
        top.id[j] = top.id[j - 1];
        top.cost[j] = top.cost[j - 1];
        top.distance[j] = top.distance[j - 1];
        top.rank[j] = top.rank[j - 1];
      }
      top.id[at] = id;
      top.cost[at] = cost;
      top.distance[at] = distance;
      top.rank[at] = rank;
      if (kept < limit) kept++;
    }
  }
  const out: Candidate[] = [];
  // Readings far less likely than the best one (by channel and prior) never win in context.
  const floor = best + options.rankWindow;
  for (let i = 0; i < kept && top.rank[i] <= floor; i++) {
    const id = top.id[i];
    out.push({ text: text[id], ids: [id], cost: top.cost[i], kind: top.distance[i] === 0 ? 'diacritics' : 'spelling', span: 1 });
  }
  return out;
}

/** Working arrays of {@link tokenCandidates}, grown as needed. */
interface TopBuffers {
  id: Int32Array;
  cost: Float64Array;
  distance: Float64Array;
  rank: Float64Array;
}

let topShared: TopBuffers = { id: new Int32Array(16), cost: new Float64Array(16), distance: new Float64Array(16), rank: new Float64Array(16) };

function topBuffers(size: number): TopBuffers {
  if (topShared.id.length < size) {
    topShared = { id: new Int32Array(size), cost: new Float64Array(size), distance: new Float64Array(size), rank: new Float64Array(size) };
  }
  return topShared;
}

/**
 * Readings of a token as two syllables run together (`củaông` → `của ông`): every cut where
 * both halves are syllables the model knows, as written.
 */
export function splitCandidates(index: SkeletonIndex, lower: string, costs: ChannelCosts): Candidate[] {
  const out: Candidate[] = [];
  if (lower.length < 3 || lower.length > 2 * MAX_SYLLABLE_LENGTH) return out;
  // Only the cuts that leave both halves short enough to be syllables.
  const last = Math.min(lower.length - 1, MAX_SYLLABLE_LENGTH);
  for (let k = Math.max(1, lower.length - MAX_SYLLABLE_LENGTH); k <= last; k++) {
    const left = lower.slice(0, k);
    const right = lower.slice(k);
    if (!isValidSyllable(left) || !isValidSyllable(right)) continue;
    const a = index.model.id(left);
    const b = index.model.id(right);
    if (a < SPECIAL_UNITS.length || b < SPECIAL_UNITS.length) continue;
    out.push({ text: `${index.text[a]} ${index.text[b]}`, ids: [a, b], cost: costs.merge, kind: 'merge', span: 1 });
  }
  return out;
}

