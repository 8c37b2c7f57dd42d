/**
 * The decoder: the best reading of a line through a lattice of candidates, scored by the
 * trigram language model plus the channel cost of each candidate. A beam search left to right
 * over the slots; hypotheses that end in the same two syllables are merged (Viterbi
 * recombination), and only the best `beam` states survive at each slot.
 */
import type { LanguageModel } from '../model/index.js';
import { BOS_ID, EOS_ID } from '../model/index.js';
import type { Candidate } from './candidates.js';

/**
 * log10 P(w | p2 p1) with a memo: a line's beam asks for the same trigrams many times, and
 * running text repeats its common ones. Shared by every stage on the same model.
 */
export class CachedScorer {
  /** A direct-mapped table: slot → (context, word, value); a collision simply overwrites. */
  private readonly ctx = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly word = new Int32Array(CACHE_SIZE);
  private readonly value = new Float32Array(CACHE_SIZE);
  private readonly base: number;

  constructor(readonly model: LanguageModel) {
    this.base = model.vocabSize + 1;
  }

  logProb(w: number, p1 = -1, p2 = -1): number {
    const context = (p2 + 1) * this.base + (p1 + 1);
    const h = (Math.imul(context, 0x9e3779b1) ^ Math.imul(w + 1, 0x85ebca6b)) >>> CACHE_SHIFT;
    if (this.ctx[h] === context && this.word[h] === w) return this.value[h];
    // Rounded as stored, so that a hit and a miss give the same value: results must not
    // depend on what was scored before.
    const v = Math.fround(this.model.logProb(w, p1, p2));
    this.ctx[h] = context;
    this.word[h] = w;
    this.value[h] = v;
    return v;
  }
}

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
 * slot order; a slot covered by the previous choice's span has no entry.
 *
 * Hypotheses live in flat typed arrays, one block of `beam × widest slot` entries per slot,
 * so that the inner loop allocates nothing.
 */
export function decode(scorer: CachedScorer, slots: readonly Slot[], beam: number): Choice[] {
  const n = slots.length;
  let widest = 1;
  for (const slot of slots) if (slot.candidates.length > widest) widest = slot.candidates.length;
  const cap = beam * widest * 2; // entries per bin: from the slot before and, via spans, two before
  const size = (n + 1) * cap;
  const score = new Float64Array(size);
  const p1s = new Int32Array(size);
  const p2s = new Int32Array(size);
  const back = new Int32Array(size); // index of the previous hypothesis
  const chosen = new Int32Array(size); // candidate index in its slot
  const count = new Int32Array(n + 1);
  score[0] = 0;
  p1s[0] = BOS_ID;
  p2s[0] = -1;
  back[0] = -1;
  chosen[0] = -1;
  count[0] = 1;
  const order = new Int32Array(cap);
  for (let i = 0; i < n; i++) {
    const m = count[i];
    if (m === 0) continue;
    const base = i * cap;
    // The best `beam` hypotheses of this bin (one at a sentence start: the context resets).
    for (let j = 0; j < m; j++) order[j] = base + j;
    const keep = slots[i].sentenceStart ? 1 : Math.min(beam, m);
    for (let a = 0; a < keep; a++) {
      let best = a;
      for (let b = a + 1; b < m; b++) if (score[order[b]] > score[order[best]]) best = b;
      const t = order[a];
      order[a] = order[best];
      order[best] = t;
    }
    const candidates = slots[i].candidates;
    const restart = slots[i].sentenceStart && i > 0;
    for (let a = 0; a < keep; a++) {
      const h = order[a];
      let p1 = p1s[h];
      let p2 = p2s[h];
      let start = score[h];
      if (restart) {
        start += scorer.logProb(EOS_ID, p1, p2);
        p1 = BOS_ID;
        p2 = -1;
      }
      for (let c = 0; c < candidates.length; c++) {
        const cand = candidates[c];
        const target = i + cand.span;
        if (target > n) continue;
        let sc = start - cand.cost;
        let q1 = p1;
        let q2 = p2;
        const ids = cand.ids;
        for (let k = 0; k < ids.length; k++) {
          sc += scorer.logProb(ids[k], q1, q2);
          q2 = q1;
          q1 = ids[k];
        }
        // Recombine with a hypothesis of the same state, else add (or replace the worst).
        const tb = target * cap;
        const tm = count[target];
        let slot = -1;
        for (let j = 0; j < tm; j++) {
          if (p1s[tb + j] === q1 && p2s[tb + j] === q2) {
            slot = j;
            break;
          }
        }
        if (slot < 0) {
          if (tm < cap) {
            slot = tm;
            count[target] = tm + 1;
          } else {
            let worst = 0;
            for (let j = 1; j < tm; j++) if (score[tb + j] < score[tb + worst]) worst = j;
            if (score[tb + worst] >= sc) continue;
            slot = worst;
          }
        } else if (score[tb + slot] >= sc) continue;
        const e = tb + slot;
        score[e] = sc;
        p1s[e] = q1;
        p2s[e] = q2;
        back[e] = h;
        chosen[e] = c;
      }
    }
  }
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < count[n]; j++) {
    const e = n * cap + j;
    const sc = score[e] + scorer.logProb(EOS_ID, p1s[e], p2s[e]);
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

/**
 * The margins of all choices: for each, how much better (log10) it is than keeping the input
 * over the same slots, all other choices fixed — the language-model terms it can affect (its
 * own units and the two after them) plus the channel costs. Linear in the line's length.
 */
export function choiceMargins(model: CachedScorer, slots: readonly Slot[], choices: readonly Choice[]): number[] {
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
  const margins: number[] = [];
  for (let k = 0; k < choices.length; k++) {
    const { slot, candidate } = choices[k];
    if (candidate.kind === undefined) {
      margins.push(0);
      continue;
    }
    // The window: two units of context before, the choice's units, two units after.
    const before = ids.slice(Math.max(0, from[k] - 2), from[k]);
    const after = ids.slice(to[k], Math.min(ids.length, to[k] + 2));
    const chosen = before.concat(candidate.ids, after);
    const kept = before.slice();
    let keepCost = 0;
    for (let s = 0; s < candidate.span; s++) {
      const input = slots[slot + s].candidates[0];
      if (s > 0 && slots[slot + s].sentenceStart) kept.push(EOS_ID, BOS_ID);
      for (const id of input.ids) kept.push(id);
      keepCost += input.cost;
    }
    for (const id of after) kept.push(id);
    margins.push(windowScore(model, chosen, before.length) - candidate.cost - (windowScore(model, kept, before.length) - keepCost));
  }
  return margins;
}

/** Σ log10 P of `ids[from..]` given the ids before (context reset after `<s>`). */
function windowScore(model: CachedScorer, ids: readonly number[], from: number): number {
  let sum = 0;
  for (let i = from; i < ids.length; i++) {
    if (ids[i] === BOS_ID) continue;
    const p1 = i >= 1 ? ids[i - 1] : -1;
    const p2 = p1 === BOS_ID || i < 2 ? -1 : ids[i - 2];
    sum += model.logProb(ids[i], p1, p2);
  }
  return sum;
}
