/**
 * The decoder: the best reading of a line through a lattice of candidates, scored by the
 * n-gram language model (order 3 or 4) plus the channel cost of each candidate. A beam search
 * left to right over the slots; hypotheses whose futures score alike are merged (Viterbi
 * recombination): those that end in the same three syllables, and those that end in the same
 * shorter history where the model has no longer n-gram to tell them apart. Only the best
 * `beam` states survive at each slot.
 */
import type { LanguageModel } from '../model/index.js';
import { BOS_ID, EOS_ID } from '../model/index.js';
import type { Candidate } from './candidates.js';

/**
 * log10 P(w | p3 p2 p1) with a memo: a line's beam asks for the same n-grams many times, and
 * running text repeats its common ones. Shared by every stage on the same model.
 */
export class CachedScorer {
  /** A direct-mapped table: slot → (context, third context, word, value); a collision simply overwrites. */
  private readonly ctx = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly ctx3 = new Int32Array(CACHE_SIZE);
  private readonly word = new Int32Array(CACHE_SIZE);
  private readonly value = new Float32Array(CACHE_SIZE);
  private readonly base: number;

  constructor(readonly model: LanguageModel) {
    this.base = model.vocabSize + 1;
  }

  logProb(w: number, p1 = -1, p2 = -1, p3 = -1): number {
    const context = (p2 + 1) * this.base + (p1 + 1);
    const h = (Math.imul(context, 0x9e3779b1) ^ Math.imul(w + 1, 0x85ebca6b) ^ Math.imul(p3 + 1, 0xc2b2ae35)) >>> CACHE_SHIFT;
    if (this.ctx[h] === context && this.word[h] === w && this.ctx3[h] === p3) return this.value[h];
    // Rounded as stored, so that a hit and a miss give the same value: results must not
    // depend on what was scored before.
    const v = Math.fround(this.model.logProb(w, p1, p2, p3));
    this.ctx[h] = context;
    this.ctx3[h] = p3;
    this.word[h] = w;
    this.value[h] = v;
    return v;
  }

  // The split look-ups of the decoder (see `LanguageModel.bigramLogProbs`): a slot's bigrams
  // after each distinct previous syllable, all in one batch straight from the model. No memo:
  // a text asks for far more distinct reading pairs than a cache-sized memo holds (seven in
  // ten probes missed it), and a memo probe is a cache miss of its own whose branch on the
  // value found keeps the processor from overlapping it with the next one; the model's
  // batched look-up overlaps them all.
  private readonly rowP1 = new Int32Array(1);
  private readonly rowOut: Float64Array[] = [new Float64Array(0)];
  private readonly rowSeen: Uint8Array[] = [new Uint8Array(0)];
  private cellIds = new Int32Array(64);
  private cellP1 = new Int32Array(64);
  private cellOut = new Float64Array(64);
  private cellSeen = new Uint8Array(64);
  private cellWeight = new Float64Array(64);
  private readonly historyKey = new Int32Array(HISTORY_CACHE_SIZE).fill(-1);
  private readonly historyValue = new Float32Array(HISTORY_CACHE_SIZE);
  private readonly history3Key = new Int32Array(HISTORY_CACHE_SIZE).fill(-1);
  private readonly history3Third = new Int32Array(HISTORY_CACHE_SIZE);
  private readonly history3Value = new Float32Array(HISTORY_CACHE_SIZE);

  /** `LanguageModel.bigramLogProbs` of the first `count` candidates (values rounded to float32). */
  bigramLogProbs(candidates: ArrayLike<number>, count: number, p1: number, out: Float64Array, seen: Uint8Array): void {
    this.rowP1[0] = p1;
    this.rowOut[0] = out;
    this.rowSeen[0] = seen;
    this.bigramRows(candidates, count, this.rowP1, 1, this.rowOut, this.rowSeen);
  }

  /**
   * {@link bigramLogProbs} of the same candidates after each of `rows` previous syllables
   * (`p1s[r]` into `outs[r]`/`seens[r]`), all in one batch. With `weights`, also each
   * bigram's {@link historyWeight} as the next step's history.
   */
  bigramRows(candidates: ArrayLike<number>, count: number, p1s: Int32Array, rows: number, outs: Float64Array[], seens: Uint8Array[], weights?: Float64Array[]): void {
    const cells = count * rows;
    if (this.cellIds.length < cells) this.grow(cells);
    const ids = this.cellIds;
    const prev = this.cellP1;
    for (let r = 0, k = 0; r < rows; r++) {
      const p1 = p1s[r];
      for (let i = 0; i < count; i++, k++) {
        ids[k] = candidates[i];
        prev[k] = p1;
      }
    }
    this.model.bigramsOf(prev, ids, this.cellOut, this.cellSeen, cells, this.cellWeight);
    for (let r = 0, k = 0; r < rows; r++) {
      const out = outs[r];
      const seen = seens[r];
      const weight = weights?.[r];
      for (let i = 0; i < count; i++, k++) {
        // Rounded to float32 as the other look-ups' memos round theirs (and as this one's
        // memo did: the scores, and so the output, are the same to the last bit).
        out[i] = Math.fround(this.cellOut[k]);
        seen[i] = this.cellSeen[k];
        if (weight !== undefined) weight[i] = Math.fround(this.cellWeight[k]);
      }
    }
  }

  private grow(size: number): void {
    this.cellIds = new Int32Array(size);
    this.cellP1 = new Int32Array(size);
    this.cellOut = new Float64Array(size);
    this.cellSeen = new Uint8Array(size);
    this.cellWeight = new Float64Array(size);
  }

  /** `LanguageModel.historyWeight`, memoised. */
  historyWeight(p2: number, p1: number): number {
    const key = (p2 + 1) * this.base + (p1 + 1);
    const h = Math.imul(key, 0x9e3779b1) >>> HISTORY_CACHE_SHIFT;
    if (this.historyKey[h] !== key) {
      this.historyKey[h] = key;
      this.historyValue[h] = this.model.historyWeight(p2, p1);
    }
    return this.historyValue[h];
  }

  /** `LanguageModel.fourgramHistoryWeight`, memoised. */
  fourgramHistoryWeight(p3: number, p2: number, p1: number): number {
    if (p3 < 0) return Number.NaN;
    const key = (p2 + 1) * this.base + (p1 + 1);
    const h = (Math.imul(key, 0x9e3779b1) ^ Math.imul(p3 + 1, 0x85ebca6b)) >>> HISTORY_CACHE_SHIFT;
    if (this.history3Key[h] !== key || this.history3Third[h] !== p3) {
      this.history3Key[h] = key;
      this.history3Third[h] = p3;
      this.history3Value[h] = this.model.fourgramHistoryWeight(p3, p2, p1);
    }
    return this.history3Value[h];
  }

  /** `LanguageModel.fourgramsOf`, not memoised (as {@link trigramsOf}). */
  fourgramsOf(words: Int32Array, prev1s: Int32Array, prev2s: Int32Array, prev3s: Int32Array, out: Float64Array, count: number): void {
    this.model.fourgramsOf(words, prev1s, prev2s, prev3s, out, count);
  }

  /**
   * `LanguageModel.trigramsOf`, not memoised: in running text most trigrams a beam asks for
   * are new, and a memo big enough to help costs a cache miss of its own on every probe.
   */
  trigramsOf(words: Int32Array, prev1s: Int32Array, prev2s: Int32Array, out: Float64Array, count: number, weights?: Float64Array): void {
    this.model.trigramsOf(words, prev1s, prev2s, out, count, weights);
  }
}

const HISTORY_CACHE_BITS = 14;
const HISTORY_CACHE_SIZE = 1 << HISTORY_CACHE_BITS;
const HISTORY_CACHE_SHIFT = 32 - HISTORY_CACHE_BITS;
const CACHE_BITS = 18;
const CACHE_SIZE = 1 << CACHE_BITS;
const CACHE_SHIFT = 32 - CACHE_BITS;

/** One position of the lattice: an input unit and its readings. */
export interface Slot {
  /** Readings; the first is the input itself (span 1, no kind). */
  candidates: Candidate[];
  /** A sentence starts here: the context before this slot is `<s>`. */
  sentenceStart: boolean;
}

/** The chosen candidate for each slot that starts one (slots covered by a span are skipped). */
export interface Choice {
  slot: number;
  candidate: Candidate;
}

/**
 * Best path through `slots`: maximises Σ log10 P_LM − Σ channel cost. Returns the choices in
 * slot order; a slot covered by the previous choice's span has no entry. At each slot the best
 * `beam` hypotheses are extended, and of those only the ones less than `window` (log10) behind
 * the best: the others would not catch up, and they cost most of the look-ups.
 *
 * Hypotheses live in flat typed arrays, one block of `2 × beam × widest slot` entries per slot,
 * so that the inner loop allocates nothing. The look-ups are shared where the model allows:
 * the bigram scores of a slot's candidates once per distinct previous syllable, the trigram
 * only where its bigram exists and its history has trigrams at all, the 4-gram only where its
 * trigram exists and its history has 4-grams (most readings of a line are improbable, and
 * their longer n-grams are not in the model).
 */
export function decode(scorer: CachedScorer, slots: readonly Slot[], beam: number, window: number): Choice[] {
  const n = slots.length;
  let widest = 1;
  for (const slot of slots) if (slot.candidates.length > widest) widest = slot.candidates.length;
  // Entries per bin: from the slot before and, via spans, from two before; never more.
  const cap = beam * widest * 2;
  const size = (n + 1) * cap;
  // Buffers are reused from call to call (a long line needs hundreds of kilobytes): every entry
  // is written before it is read, and only the bin counts need resetting.
  const buffers = hypothesisBuffers(size, n + 1, cap, beam, widest);
  const { score, p1s, p2s, p3s, weights2, weights3, back, chosen, count, order, firstIds, memoP1, bigrams, seen, bigramWeights, trigramScores, trigramWeights } = buffers;
  const { hypP1, hypP2, hypP3, hypStart, hypRow, hypWeight, hypWeight3, hypQuery, queryWord, queryP1, queryP2, queryP3 } = buffers;
  const { fourWord, fourP1, fourP2, fourP3, fourAt, fourScores } = buffers;
  count.fill(0, 0, n + 1);
  score[0] = 0;
  p1s[0] = BOS_ID;
  p2s[0] = -1;
  p3s[0] = -1;
  weights2[0] = Number.NaN;
  weights3[0] = Number.NaN;
  back[0] = -1;
  chosen[0] = -1;
  count[0] = 1;
  const states = buffers.states;
  states.reset(n + 1);
  for (let i = 0; i < n; i++) {
    const m = count[i];
    if (m === 0) continue;
    const base = i * cap;
    const only = slots[i].candidates;
    if (m === 1 && only.length === 1 && only[0].span === 1 && count[i + 1] === 0) {
      // A forced step: one hypothesis, one reading, nothing else reaching the next bin. Every
      // path goes through it, so its score changes no decision and is not looked up.
      const ids = only[0].ids;
      const e = (i + 1) * cap;
      const restarts = slots[i].sentenceStart && i > 0;
      const len = ids.length;
      score[e] = score[base];
      p1s[e] = ids[len - 1];
      p2s[e] = len > 1 ? ids[len - 2] : restarts ? BOS_ID : p1s[base];
      p3s[e] = len > 2 ? ids[len - 3] : len === 2 ? (restarts ? BOS_ID : p1s[base]) : restarts ? -1 : p2s[base];
      weights2[e] = WEIGHT_UNKNOWN;
      weights3[e] = WEIGHT_UNKNOWN;
      back[e] = base;
      chosen[e] = 0;
      count[i + 1] = 1;
      continue;
    }
    const restart = slots[i].sentenceStart && i > 0;
    // The best `beam` hypotheses of this bin. At a sentence start the context resets, so the
    // hypotheses differ only by their score with the sentence's end: the best goes on alone.
    let keep = Math.min(beam, m);
    // At a restart: the kept hypothesis's score with the sentence's end.
    let bestEnd = -Infinity;
    if (restart) {
      for (let j = 0; j < m; j++) {
        const e = base + j;
        const withEnd = score[e] + scorer.logProb(EOS_ID, p1s[e], p2s[e], p3s[e]);
        if (withEnd > bestEnd) {
          bestEnd = withEnd;
          order[0] = e;
        }
      }
      keep = 1;
    } else {
      for (let j = 0; j < m; j++) order[j] = base + j;
      for (let a = 0; a < keep; a++) {
        let best = a;
        for (let b = a + 1; b < m; b++) if (score[order[b]] > score[order[best]]) best = b;
        const t = order[a];
        order[a] = order[best];
        order[best] = t;
        // Hypotheses far behind the best one are dropped: they would not catch up.
        if (score[order[a]] < score[order[0]] - window) {
          keep = a;
          break;
        }
      }
    }
    const candidates = slots[i].candidates;
    for (let c = 0; c < candidates.length; c++) firstIds[c] = candidates[c].ids[0];
    const width = candidates.length;
    let memoSize = 0;
    // First each kept hypothesis's history and its row of bigrams (one per distinct previous
    // syllable), then all the rows' bigrams in one batch, then the trigrams to look up and
    // those in one batch: the cache misses of a batch overlap.
    for (let a = 0; a < keep; a++) {
      const h = order[a];
      const p1 = restart ? BOS_ID : p1s[h];
      let row = 0;
      while (row < memoSize && memoP1[row] !== p1) row++;
      if (row === memoSize) memoP1[memoSize++] = p1;
      hypP1[a] = p1;
      hypP2[a] = restart ? -1 : p2s[h];
      hypP3[a] = restart ? -1 : p3s[h];
      hypStart[a] = restart ? bestEnd : score[h];
      hypRow[a] = row;
    }
    scorer.bigramRows(firstIds, width, memoP1, memoSize, bigrams, seen, bigramWeights);
    let queries = 0;
    for (let a = 0; a < keep; a++) {
      const p1 = hypP1[a];
      const p2 = hypP2[a];
      const row = hypRow[a];
      // NaN: no trigram follows this history. Known from the bigram that made the state,
      // unless the state was made otherwise (see `weights2`).
      const known = restart ? Number.NaN : weights2[order[a]];
      const weight = known === WEIGHT_UNKNOWN ? scorer.historyWeight(p2, p1) : known;
      hypWeight[a] = weight;
      hypQuery[a] = queries;
      // Only where the bigram exists can the trigram (the builder keeps every suffix).
      if (weight !== weight) continue;
      const bigramSeen = seen[row];
      for (let c = 0; c < width; c++) {
        if (bigramSeen[c] !== 1) continue;
        queryWord[queries] = firstIds[c];
        queryP1[queries] = p1;
        queryP2[queries] = p2;
        queries++;
      }
    }
    scorer.trigramsOf(queryWord, queryP1, queryP2, trigramScores, queries, trigramWeights);
    // The 4-grams, where the trigram exists and the history has 4-grams after it.
    let fours = 0;
    for (let a = 0; a < keep; a++) {
      // The history's weight came with the trigram that made it a state of three syllables
      // (see `weights3`); only a state made otherwise asks the model.
      const known = restart ? Number.NaN : weights3[order[a]];
      const weight3 =
        hypWeight[a] !== hypWeight[a] ? Number.NaN : known === WEIGHT_UNKNOWN ? scorer.fourgramHistoryWeight(hypP3[a], hypP2[a], hypP1[a]) : known;
      hypWeight3[a] = weight3;
      if (weight3 !== weight3) continue;
      const end = a + 1 < keep ? hypQuery[a + 1] : queries;
      for (let q = hypQuery[a]; q < end; q++) {
        if (trigramScores[q] !== trigramScores[q]) continue;
        fourWord[fours] = queryWord[q];
        fourP1[fours] = queryP1[q];
        fourP2[fours] = queryP2[q];
        fourP3[fours] = hypP3[a];
        fourAt[fours++] = q;
      }
    }
    // By trigram query: the 4-gram score, NaN where none was found or asked for.
    fourScores.fill(Number.NaN, 0, queries);
    if (fours > 0) {
      const found = buffers.fourFound;
      scorer.fourgramsOf(fourWord, fourP1, fourP2, fourP3, found, fours);
      for (let f = 0; f < fours; f++) fourScores[fourAt[f]] = found[f];
    }
    for (let a = 0; a < keep; a++) {
      const h = order[a];
      const p1 = hypP1[a];
      const start = hypStart[a];
      const bigram = bigrams[hypRow[a]];
      const bigramSeen = seen[hypRow[a]];
      const bigramWeight = bigramWeights[hypRow[a]];
      const weight = hypWeight[a];
      const trigrams = weight === weight;
      const weight3 = hypWeight3[a];
      const fourgrams = weight3 === weight3;
      const p2 = hypP2[a];
      let query = hypQuery[a];
      for (let c = 0; c < candidates.length; c++) {
        const cand = candidates[c];
        const target = i + cand.span;
        // (A seen bigram's trigram was asked for even when the reading goes past the end.)
        const asked = trigrams && bigramSeen[c] === 1 ? query++ : -1;
        const tri = asked >= 0 ? trigramScores[asked] : Number.NaN;
        if (target > n) continue;
        const ids = cand.ids;
        let first = bigram[c];
        if (trigrams) first = tri === tri ? tri : weight + first;
        if (fourgrams) {
          const four = asked >= 0 ? fourScores[asked] : Number.NaN;
          first = four === four ? four : weight3 + first;
        }
        let sc = start - cand.cost + first;
        let q1 = ids[0];
        // A history the model has never seen as a bigram has no trigram after it: the next
        // syllable is scored by `q1` alone, so all such states with the same `q1` have the same
        // future and recombine (marked by q2 = -1). Likewise a history that is no trigram of
        // the model has no 4-gram after it (q3 = -1).
        let q2 = bigramSeen[c] === 1 ? p1 : -1;
        let q3 = tri === tri ? p2 : -1;
        // The state's 4-gram history weight: that of the trigram just found (NaN without one),
        // unknown when more syllables follow.
        const w3 = ids.length > 1 ? WEIGHT_UNKNOWN : asked >= 0 ? trigramWeights[asked] : Number.NaN;
        const w2 = ids.length > 1 ? WEIGHT_UNKNOWN : bigramSeen[c] === 1 ? bigramWeight[c] : Number.NaN;
        for (let k = 1; k < ids.length; k++) {
          sc += scorer.logProb(ids[k], q1, q2, q3);
          q3 = q2;
          q2 = q1;
          q1 = ids[k];
        }
        // Recombine with the hypothesis of the same state in the target bin, else add it.
        const tb = target * cap;
        const found = states.find(target, q1, q2, q3);
        if (found >= 0) {
          if (score[tb + found] >= sc) continue;
          const e = tb + found;
          score[e] = sc;
          weights2[e] = w2;
          weights3[e] = w3;
          back[e] = h;
          chosen[e] = c;
          continue;
        }
        const e = tb + count[target];
        states.add(target, q1, q2, q3, count[target]);
        count[target]++;
        score[e] = sc;
        p1s[e] = q1;
        p2s[e] = q2;
        p3s[e] = q3;
        weights2[e] = w2;
        weights3[e] = w3;
        back[e] = h;
        chosen[e] = c;
      }
    }
  }
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < count[n]; j++) {
    const e = n * cap + j;
    const sc = score[e] + scorer.logProb(EOS_ID, p1s[e], p2s[e], p3s[e]);
    if (sc > bestScore) {
      bestScore = sc;
      best = e;
    }
  }
  const choices: Choice[] = [];
  for (let e = best; e > 0; e = back[e]) {
    const slot = Math.floor(back[e] / cap);
    // The hypothesis before `e` sits in the bin of the slot where `e`'s candidate starts.
    choices.push({ slot, candidate: slots[slot].candidates[chosen[e]] });
  }
  return choices.reverse();
}

/** The decoder's working arrays, grown as needed and shared by every call (decoding is synchronous). */
interface HypothesisBuffers {
  score: Float64Array;
  p1s: Int32Array;
  p2s: Int32Array;
  p3s: Int32Array;
  /**
   * The 4-gram history weight of each hypothesis's state (`fourgramHistoryWeight` of p3 p2 p1,
   * NaN: no 4-gram follows), or {@link WEIGHT_UNKNOWN} where the model is still to be asked.
   */
  weights3: Float64Array;
  /** The same for the 3-gram history weight (`historyWeight` of p2 p1). */
  weights2: Float64Array;
  /** Index of the previous hypothesis. */
  back: Int32Array;
  /** Candidate index in its slot. */
  chosen: Int32Array;
  /** Hypotheses in each bin. */
  count: Int32Array;
  order: Int32Array;
  firstIds: Int32Array;
  /** Bigram scores of the slot's candidates after each distinct previous syllable (≤ beam). */
  memoP1: Int32Array;
  bigrams: Float64Array[];
  seen: Uint8Array[];
  /** The same bigrams' history weights as the next step's history (NaN: no trigram follows). */
  bigramWeights: Float64Array[];
  /** Each kept hypothesis's last syllables, score, bigram row, history weights and first trigram query. */
  hypP1: Int32Array;
  hypP2: Int32Array;
  hypP3: Int32Array;
  hypStart: Float64Array;
  hypRow: Int32Array;
  hypWeight: Float64Array;
  hypWeight3: Float64Array;
  hypQuery: Int32Array;
  /** The slot's trigram look-ups (word, previous, the one before) and their scores (NaN: none). */
  queryWord: Int32Array;
  queryP1: Int32Array;
  queryP2: Int32Array;
  queryP3: Int32Array;
  trigramScores: Float64Array;
  /** The 4-gram history weight of each trigram query's three syllables (NaN: none). */
  trigramWeights: Float64Array;
  /** The slot's 4-gram look-ups, the trigram query each belongs to, and the scores by trigram query. */
  fourWord: Int32Array;
  fourP1: Int32Array;
  fourP2: Int32Array;
  fourP3: Int32Array;
  fourAt: Int32Array;
  fourFound: Float64Array;
  fourScores: Float64Array;
  states: StateTable;
}

/** A history weight not yet known (weights are finite or NaN). */
const WEIGHT_UNKNOWN = Infinity;

let shared: HypothesisBuffers | undefined;
/** Buffers for more hypotheses than this (an enormous line) are made for the call and let go. */
const SHARED_ENTRIES_LIMIT = 1 << 20;

function hypothesisBuffers(size: number, bins: number, cap: number, beam: number, widest: number): HypothesisBuffers {
  let b = shared;
  if (b === undefined || b.score.length < size || b.count.length < bins || b.order.length < cap || b.memoP1.length < beam || b.firstIds.length < widest) {
    if (size > SHARED_ENTRIES_LIMIT) b = undefined;
    const grow = (have: number | undefined, need: number) => Math.max(need, have ?? 0);
    const entries = grow(b?.score.length, size);
    const width = grow(b?.firstIds.length, widest);
    const rows = grow(b?.memoP1.length, beam);
    const capacity = grow(b?.order.length, cap);
    b = {
      score: new Float64Array(entries),
      p1s: new Int32Array(entries),
      p2s: new Int32Array(entries),
      p3s: new Int32Array(entries),
      weights3: new Float64Array(entries),
      weights2: new Float64Array(entries),
      back: new Int32Array(entries),
      chosen: new Int32Array(entries),
      count: new Int32Array(grow(b?.count.length, bins)),
      order: new Int32Array(capacity),
      firstIds: new Int32Array(width),
      memoP1: new Int32Array(rows),
      bigrams: Array.from({ length: rows }, () => new Float64Array(width)),
      seen: Array.from({ length: rows }, () => new Uint8Array(width)),
      bigramWeights: Array.from({ length: rows }, () => new Float64Array(width)),
      hypP1: new Int32Array(rows),
      hypP2: new Int32Array(rows),
      hypP3: new Int32Array(rows),
      hypStart: new Float64Array(rows),
      hypRow: new Int32Array(rows),
      hypWeight: new Float64Array(rows),
      hypWeight3: new Float64Array(rows),
      hypQuery: new Int32Array(rows),
      queryWord: new Int32Array(rows * width),
      queryP1: new Int32Array(rows * width),
      queryP2: new Int32Array(rows * width),
      queryP3: new Int32Array(rows * width),
      trigramScores: new Float64Array(rows * width),
      trigramWeights: new Float64Array(rows * width),
      fourWord: new Int32Array(rows * width),
      fourP1: new Int32Array(rows * width),
      fourP2: new Int32Array(rows * width),
      fourP3: new Int32Array(rows * width),
      fourAt: new Int32Array(rows * width),
      fourFound: new Float64Array(rows * width),
      fourScores: new Float64Array(rows * width),
      states: new StateTable(capacity),
    };
    if (size <= SHARED_ENTRIES_LIMIT) shared = b;
  }
  return b;
}

/**
 * Where each state (last two units) sits in the bins being filled: an open-addressing table
 * for the three bins a slot can reach (the slot's own and the next two), stamped with the
 * bin's number (plus an offset per decoding) so that nothing needs clearing between slots or
 * between lines.
 */
class StateTable {
  private readonly mask: number;
  private readonly stamps: Int32Array;
  private readonly q1s: Int32Array;
  private readonly q2s: Int32Array;
  private readonly q3s: Int32Array;
  private readonly entry: Int32Array;
  /** Stamps of this decoding start here, so that entries of earlier calls never match. */
  private epoch = 0;
  private bins = 0;

  /** Starts a decoding of `bins` bins. */
  reset(bins: number): void {
    this.epoch += this.bins;
    this.bins = bins;
    if (this.epoch + bins >= 0x7fffffff) {
      this.stamps.fill(-1);
      this.epoch = 0;
    }
  }

  constructor(capacity: number) {
    let size = 16;
    while (size < 4 * capacity) size <<= 1;
    this.mask = size - 1;
    this.stamps = new Int32Array(3 * size).fill(-1);
    this.q1s = new Int32Array(3 * size);
    this.q2s = new Int32Array(3 * size);
    this.q3s = new Int32Array(3 * size);
    this.entry = new Int32Array(3 * size);
  }

  private first(bin: number, q1: number, q2: number, q3: number): number {
    const h = Math.imul(q1, 0x9e3779b1) ^ Math.imul(q2 + 1, 0x85ebca6b) ^ Math.imul(q3 + 1, 0xc2b2ae35);
    return (bin % 3) * (this.mask + 1) + (((h ^ (h >>> 15)) >>> 16) & this.mask);
  }

  /** The entry of state `q1 q2 q3` in `bin`, or -1. */
  find(bin: number, q1: number, q2: number, q3: number): number {
    const offset = (bin % 3) * (this.mask + 1);
    for (let k = this.first(bin, q1, q2, q3); ; k = offset + ((k - offset + 1) & this.mask)) {
      if (this.stamps[k] !== this.epoch + bin) return -1;
      if (this.q1s[k] === q1 && this.q2s[k] === q2 && this.q3s[k] === q3) return this.entry[k];
    }
  }

  /** Records that state `q1 q2 q3` of `bin` is at `entry` (the state is not there yet). */
  add(bin: number, q1: number, q2: number, q3: number, entry: number): void {
    const offset = (bin % 3) * (this.mask + 1);
    let k = this.first(bin, q1, q2, q3);
    const stamp = this.epoch + bin;
    while (this.stamps[k] === stamp) k = offset + ((k - offset + 1) & this.mask);
    this.stamps[k] = stamp;
    this.q1s[k] = q1;
    this.q2s[k] = q2;
    this.q3s[k] = q3;
    this.entry[k] = entry;
  }
}

/**
 * The margins of all choices: for each, how much better (log10) it is than keeping the input
 * over the same slots, all other choices fixed — the language-model terms it can affect (its
 * own units and the `order − 1` after them) plus the channel costs. Linear in the line's
 * length; the line's look-ups are made in one batch.
 */
export function choiceMargins(model: CachedScorer, slots: readonly Slot[], choices: readonly Choice[]): number[] {
  const reach = model.model.order - 1;
  // Unit ids of the chosen path with explicit sentence markers (</s> <s>), and where each
  // choice's units start and end.
  const ids: number[] = [BOS_ID];
  const from: number[] = [];
  const to: number[] = [];
  for (const { slot, candidate } of choices) {
    if (slots[slot].sentenceStart && ids.length > 1) ids.push(EOS_ID, BOS_ID);
    from.push(ids.length);
    for (const id of candidate.ids) ids.push(id);
    to.push(ids.length);
  }
  ids.push(EOS_ID);
  const queries = marginQueries;
  queries.reset();
  // Each unit of the chosen path that a window covers, asked for once (-1: not needed).
  const pathQuery = queries.pathIndex(ids.length);
  // The windows of the kept inputs, one after the other.
  const kept: number[] = [];
  // The index of the first look-up of each choice's kept window; its look-ups follow in order.
  const keptQuery: number[] = [];
  const keptCount: number[] = [];
  for (let k = 0; k < choices.length; k++) {
    const { slot, candidate } = choices[k];
    if (candidate.kind === undefined) {
      keptQuery.push(-1);
      keptCount.push(0);
      continue;
    }
    // The window: `reach` units of context before, the choice's units, `reach` units after.
    const end = Math.min(ids.length, to[k] + reach);
    for (let i = from[k]; i < end; i++) if (pathQuery[i] < 0) pathQuery[i] = queries.addUnit(ids, i);
    const windowStart = kept.length;
    for (let i = Math.max(0, from[k] - reach); i < from[k]; i++) kept.push(ids[i]);
    const scored = kept.length;
    for (let s = 0; s < candidate.span; s++) {
      if (s > 0 && slots[slot + s].sentenceStart) kept.push(EOS_ID, BOS_ID);
      for (const id of slots[slot + s].candidates[0].ids) kept.push(id);
    }
    for (let i = to[k]; i < end; i++) kept.push(ids[i]);
    keptQuery.push(queries.size);
    keptCount.push(kept.length - scored);
    for (let i = scored; i < kept.length; i++) queries.addUnit(kept, i, windowStart);
  }
  const scores = queries.run(model.model);
  const margins: number[] = [];
  for (let k = 0; k < choices.length; k++) {
    const { slot, candidate } = choices[k];
    if (candidate.kind === undefined) {
      margins.push(0);
      continue;
    }
    const end = Math.min(ids.length, to[k] + reach);
    let chosenScore = 0;
    for (let i = from[k]; i < end; i++) chosenScore += scores[pathQuery[i]];
    let keepCost = 0;
    for (let s = 0; s < candidate.span; s++) keepCost += slots[slot + s].candidates[0].cost;
    let keptScore = 0;
    for (let j = keptQuery[k]; j < keptQuery[k] + keptCount[k]; j++) keptScore += scores[j];
    margins.push(chosenScore - candidate.cost - (keptScore - keepCost));
  }
  return margins;
}

/**
 * The look-ups of {@link choiceMargins}: log10 P of a unit given the three before it in its
 * sequence (none before `<s>`; `<s>` itself scores 0), rounded to float32 as the decoder's
 * scores are.
 */
class UnitQueries {
  private words = new Int32Array(256);
  private prev1 = new Int32Array(256);
  private prev2 = new Int32Array(256);
  private prev3 = new Int32Array(256);
  private out = new Float64Array(256);
  private path = new Int32Array(256);
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  /** A reused array of `n` entries set to -1: where the chosen path's units were asked for. */
  pathIndex(n: number): Int32Array {
    if (this.path.length < n) this.path = new Int32Array(2 * n);
    this.path.fill(-1, 0, n);
    return this.path;
  }

  /** Look-ups added since the reset. */
  get size(): number {
    return this.count;
  }

  /** Adds the look-up of `ids[i]` (context from `ids[lowest..i)` only); returns its index. */
  addUnit(ids: readonly number[], i: number, lowest = 0): number {
    if (this.count === this.words.length) this.grow();
    const k = this.count++;
    const p1 = i - 1 >= lowest ? ids[i - 1] : -1;
    const p2 = p1 === BOS_ID || i - 2 < lowest ? -1 : ids[i - 2];
    this.words[k] = ids[i];
    this.prev1[k] = p1;
    this.prev2[k] = p2;
    this.prev3[k] = p2 === -1 || p2 === BOS_ID || i - 3 < lowest ? -1 : ids[i - 3];
    return k;
  }

  /** The scores of every look-up added, by index. */
  run(model: LanguageModel): Float64Array {
    const out = this.out;
    model.logProbsOf(this.words, this.prev1, this.prev2, out, this.count, this.prev3);
    for (let k = 0; k < this.count; k++) out[k] = this.words[k] === BOS_ID ? 0 : Math.fround(out[k]);
    return out;
  }

  private grow(): void {
    const size = 2 * this.words.length;
    const words = new Int32Array(size);
    const prev1 = new Int32Array(size);
    const prev2 = new Int32Array(size);
    const prev3 = new Int32Array(size);
    words.set(this.words);
    prev1.set(this.prev1);
    prev2.set(this.prev2);
    prev3.set(this.prev3);
    this.words = words;
    this.prev1 = prev1;
    this.prev2 = prev2;
    this.prev3 = prev3;
    this.out = new Float64Array(size);
  }
}

const marginQueries = new UnitQueries();
