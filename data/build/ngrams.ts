/**
 * N-gram counting, interpolated modified Kneser-Ney smoothing (Chen & Goodman 1998), pruning by
 * count, and conversion to a normalised back-off model.
 *
 * An n-gram is packed into one double: `((w1 * B + w2) * B + w3)…` with B the smallest power of
 * two ≥ the vocabulary size, exact while B^n ≤ 2^53. Sorting the packed keys sorts n-grams by
 * their ids left to right, which is the order of the trie in the file.
 */
import { BOS_ID } from '../../src/model/units.js';

/** Sorted distinct n-grams of one order with their counts. */
export interface NgramTable {
  keys: Float64Array;
  counts: Float64Array;
}

/** The smallest power of two ≥ `vocabSize`. */
export function keyBase(vocabSize: number): number {
  let base = 2;
  while (base < vocabSize) base *= 2;
  return base;
}

/** Sorts `keys` and merges equal ones, summing `weights` (1 each when omitted). */
function countSorted(keys: Float64Array): NgramTable {
  keys.sort();
  let distinct = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) distinct++;
  const outKeys = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let j = -1;
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) outKeys[++j] = keys[i];
    counts[j]++;
  }
  return { keys: outKeys, counts };
}

/**
 * Counts the n-grams of order `n` (≥ 2) inside sentences of `stream` (each `<s> … </s>`): no
 * n-gram crosses a sentence boundary.
 */
export function countNgrams(stream: Uint16Array, n: number, base: number, eosId: number): NgramTable {
  let total = 0;
  let sentenceStart = 0;
  for (let i = 0; i < stream.length; i++) {
    if (stream[i] === eosId) {
      total += Math.max(0, i - sentenceStart + 1 - n + 1);
      sentenceStart = i + 1;
    }
  }
  const keys = new Float64Array(total);
  let k = 0;
  sentenceStart = 0;
  for (let i = 0; i < stream.length; i++) {
    if (stream[i] !== eosId) continue;
    for (let s = sentenceStart; s + n - 1 <= i; s++) {
      let key = 0;
      for (let t = 0; t < n; t++) key = key * base + stream[s + t];
      keys[k++] = key;
    }
    sentenceStart = i + 1;
  }
  return countSorted(keys);
}

/** Index of `key` in sorted `keys`, or -1. */
export function findKey(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid;
    else return mid;
  }
  return -1;
}

/** Modified Kneser-Ney discounts D1, D2, D3+ from counts of counts, with safe fallbacks. */
export function discounts(adjusted: Float64Array): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const c of adjusted) if (c >= 1 && c <= 4) n[c]++;
  const fallback: [number, number, number] = [0.5, 1, 1.5];
  if (n[1] === 0 || n[2] === 0 || n[3] === 0 || n[4] === 0) return fallback;
  const y = n[1] / (n[1] + 2 * n[2]);
  const d: [number, number, number] = [
    1 - (2 * y * n[2]) / n[1],
    2 - (3 * y * n[3]) / n[2],
    3 - (4 * y * n[4]) / n[3],
  ];
  // Each discount must lie in (0, its count]; tiny samples can break that.
  if (!(d[0] > 0 && d[0] <= 1 && d[1] > 0 && d[1] <= 2 && d[2] > 0 && d[2] <= 3)) return fallback;
  return d;
}

function discountOf(d: [number, number, number], count: number): number {
  return count <= 0 ? 0 : count === 1 ? d[0] : count === 2 ? d[1] : d[2];
}

/** One order of the smoothed, pruned back-off model, ready for the file. */
export interface BackoffLevel {
  /** Packed keys of the kept n-grams, sorted. */
  keys: Float64Array;
  /** log10 P(w | h) of each kept n-gram. */
  logProb: Float64Array;
  /** log10 back-off weight of each kept n-gram used as a context (0 at the highest order). */
  logBow: Float64Array;
}

export interface BackoffModel {
  order: number;
  base: number;
  vocabSize: number;
  /** levels[k] for k = 1..order; level 1 keys are the ids 0..V-1. */
  levels: BackoffLevel[];
  discounts: number[][];
  /** Raw n-gram tables (all orders ≥ 2, unpruned), for word counts. */
  raw: NgramTable[];
}

export interface SmoothingOptions {
  order: number;
  /** Minimum raw count to keep an n-gram, per order (index k for order k; orders < 2 ignored). */
  minCounts: number[];
}

/**
 * Builds the back-off model: raw counts, Kneser-Ney continuation counts for the lower orders,
 * interpolated modified-KN probabilities from the full counts, then pruning by raw count and
 * back-off weights recomputed so that every context's distribution sums to one.
 */
export function buildBackoffModel(
  stream: Uint16Array,
  vocabSize: number,
  eosId: number,
  options: SmoothingOptions,
): BackoffModel {
  const { order } = options;
  const base = keyBase(vocabSize);
  if (base ** order > 2 ** 53) throw new Error(`order ${order} does not fit packed keys with ${vocabSize} ids`);

  // Raw counts for orders 2..N.
  const raw: NgramTable[] = [];
  for (let k = 2; k <= order; k++) raw[k] = countNgrams(stream, k, base, eosId);

  // Adjusted counts: raw at the top order and for n-grams starting with <s>; else the number of
  // distinct words seen before the n-gram (continuation count).
  const adjusted: Float64Array[] = [];
  adjusted[order] = raw[order].counts;
  for (let k = order - 1; k >= 1; k--) {
    const upperKeys = k + 1 <= order ? raw[k + 1].keys : undefined;
    const mod = base ** k;
    const suffixes = new Float64Array(upperKeys!.length);
    for (let i = 0; i < upperKeys!.length; i++) suffixes[i] = upperKeys![i] % mod;
    suffixes.sort();
    if (k === 1) {
      const adj = new Float64Array(vocabSize);
      for (const s of suffixes) adj[s]++;
      adj[BOS_ID] = 0; // <s> is never predicted
      adjusted[1] = adj;
    } else {
      const keys = raw[k].keys;
      const adj = new Float64Array(keys.length);
      const firstDiv = base ** (k - 1);
      let j = 0;
      for (let i = 0; i < keys.length; i++) {
        if (Math.floor(keys[i] / firstDiv) === BOS_ID) {
          adj[i] = raw[k].counts[i];
          continue;
        }
        while (j < suffixes.length && suffixes[j] < keys[i]) j++;
        let c = 0;
        while (j < suffixes.length && suffixes[j] === keys[i]) {
          c++;
          j++;
        }
        adj[i] = c;
      }
      adjusted[k] = adj;
    }
  }

  const allDiscounts: number[][] = [];
  for (let k = 1; k <= order; k++) allDiscounts[k] = discounts(adjusted[k]);

  // Interpolated probabilities of every seen n-gram.
  const interp: Float64Array[] = [];
  {
    const adj = adjusted[1];
    const d = allDiscounts[1] as [number, number, number];
    let total = 0;
    let left = 0;
    for (let w = 0; w < vocabSize; w++) {
      total += adj[w];
      left += discountOf(d, adj[w]);
    }
    const p = new Float64Array(vocabSize);
    const predicted = vocabSize - 1; // every id but <s>
    for (let w = 0; w < vocabSize; w++) {
      if (w === BOS_ID) continue;
      p[w] = total > 0 ? (adj[w] - discountOf(d, adj[w])) / total + left / total / predicted : 1 / predicted;
    }
    interp[1] = p;
  }
  for (let k = 2; k <= order; k++) {
    const keys = raw[k].keys;
    const adj = adjusted[k];
    const d = allDiscounts[k] as [number, number, number];
    const p = new Float64Array(keys.length);
    const lowerMod = base ** (k - 1);
    let i = 0;
    while (i < keys.length) {
      const context = Math.floor(keys[i] / base);
      let end = i;
      let total = 0;
      let left = 0;
      while (end < keys.length && Math.floor(keys[end] / base) === context) {
        total += adj[end];
        left += discountOf(d, adj[end]);
        end++;
      }
      const gamma = left / total;
      for (let j = i; j < end; j++) {
        const suffix = keys[j] % lowerMod;
        const lower = k === 2 ? interp[1][suffix] : interp[k - 1][findKey(raw[k - 1].keys, suffix)];
        p[j] = (adj[j] - discountOf(d, adj[j])) / total + gamma * lower;
      }
      i = end;
    }
    interp[k] = p;
  }

  // Pruning: keep n-grams with enough raw count, and every prefix and suffix of a kept longer
  // n-gram. Prefixes carry the back-off weights; with suffixes kept, a decoder may skip the
  // longer table wherever the shorter n-gram is missing.
  const keep: Uint8Array[] = [];
  for (let k = order; k >= 2; k--) {
    const min = options.minCounts[k] ?? 1;
    const table = raw[k];
    const mask = new Uint8Array(table.keys.length);
    for (let i = 0; i < mask.length; i++) if (table.counts[i] >= min) mask[i] = 1;
    if (k < order) {
      const upper = raw[k + 1].keys;
      const upperKeep = keep[k + 1];
      let j = 0;
      for (let i = 0; i < upper.length; i++) {
        if (!upperKeep[i]) continue;
        const prefix = Math.floor(upper[i] / base);
        while (table.keys[j] < prefix) j++;
        mask[j] = 1;
        mask[findKey(table.keys, upper[i] % base ** k)] = 1;
      }
    }
    keep[k] = mask;
  }

  // Levels of the back-off model, bottom up; back-off weights normalise each context.
  const levels: BackoffLevel[] = [];
  levels[1] = {
    keys: Float64Array.from({ length: vocabSize }, (_, i) => i),
    logProb: interp[1].map((p, w) => (w === BOS_ID ? -99 : Math.log10(p))),
    logBow: new Float64Array(vocabSize),
  };
  for (let k = 2; k <= order; k++) {
    const table = raw[k];
    let n = 0;
    for (const m of keep[k]) n += m;
    const keys = new Float64Array(n);
    const logProb = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < table.keys.length; i++) {
      if (!keep[k][i]) continue;
      keys[j] = table.keys[i];
      logProb[j] = Math.log10(interp[k][i]);
      j++;
    }
    levels[k] = { keys, logProb, logBow: new Float64Array(n) };
  }
  const model: BackoffModel = { order, base, vocabSize, levels, discounts: allDiscounts, raw };
  for (let k = 1; k < order; k++) setBackoffWeights(model, k);
  return model;
}

/** log10 P(w | context) in the (unquantized) back-off model using orders ≤ `maxOrder`; `context` = ids, oldest first. */
export function backoffLogProb(model: BackoffModel, context: number[], w: number, maxOrder: number): number {
  const { levels, base } = model;
  let backoff = 0;
  for (let len = Math.min(context.length, maxOrder - 1); len >= 1; len--) {
    let ctxKey = 0;
    for (let t = context.length - len; t < context.length; t++) ctxKey = ctxKey * base + context[t];
    const hit = findKey(levels[len + 1].keys, ctxKey * base + w);
    if (hit >= 0) return backoff + levels[len + 1].logProb[hit];
    const ctx = len === 1 ? ctxKey : findKey(levels[len].keys, ctxKey);
    if (ctx >= 0) backoff += levels[len].logBow[ctx];
  }
  return backoff + levels[1].logProb[w];
}

/** Back-off weights of the contexts of order `k`: the mass the kept (k+1)-grams leave free. */
function setBackoffWeights(model: BackoffModel, k: number): void {
  const { levels, base } = model;
  const upper = levels[k + 1];
  const level = levels[k];
  const context: number[] = new Array(k).fill(0);
  let i = 0;
  while (i < upper.keys.length) {
    const ctxKey = Math.floor(upper.keys[i] / base);
    let rest = ctxKey;
    for (let t = k - 1; t >= 0; t--) {
      context[t] = rest % base;
      rest = Math.floor(rest / base);
    }
    const shorter = context.slice(1);
    let kept = 0;
    let lower = 0;
    let end = i;
    while (end < upper.keys.length && Math.floor(upper.keys[end] / base) === ctxKey) {
      const w = upper.keys[end] % base;
      kept += 10 ** upper.logProb[end];
      lower += 10 ** backoffLogProb(model, shorter, w, k);
      end++;
    }
    const numerator = Math.max(1 - kept, 1e-12);
    const denominator = Math.max(1 - lower, 1e-12);
    const at = k === 1 ? ctxKey : findKey(level.keys, ctxKey);
    level.logBow[at] = Math.log10(numerator / denominator);
    i = end;
  }
}
