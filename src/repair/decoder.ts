/**
 * The decoder: the best reading of a line through a lattice of candidates, scored by the
 * trigram language model plus the channel cost of each candidate. A beam search left to right
 * over the slots; hypotheses that end in the same two syllables are merged (Viterbi
 * recombination), and only the best `beam` states survive at each slot.
 */
import type { LanguageModel } from '../model/index.js';
import { BOS_ID, EOS_ID } from '../model/index.js';
import type { Candidate } from './candidates.js';

/** One position of the lattice: an input unit and its readings. */
export interface Slot {
  /** Readings; the first is the input itself (span 1, no kind). */
  candidates: Candidate[];
  /** A sentence starts here: the context before this slot is `<s>`. */
  sentenceStart: boolean;
}

interface Hyp {
  score: number;
  p1: number;
  p2: number;
  prev: Hyp | undefined;
  /** Slot where the candidate starts, and the candidate. */
  slot: number;
  candidate: Candidate | undefined;
}

/** The chosen candidate for each slot that starts one (slots covered by a span are skipped). */
export interface Choice {
  slot: number;
  candidate: Candidate;
}

/**
 * Best path through `slots`: maximises Σ log10 P_LM − Σ channel cost. Returns the choices in
 * slot order; a slot covered by the previous choice's span has no entry.
 */
export function decode(model: LanguageModel, slots: readonly Slot[], beam: number): Choice[] {
  const n = slots.length;
  const bins: (Map<number, Hyp> | undefined)[] = new Array(n + 1);
  const V = model.vocabSize + 1;
  bins[0] = new Map([[0, { score: 0, p1: BOS_ID, p2: -1, prev: undefined, slot: -1, candidate: undefined }]]);
  let ordered: Hyp[] = [];
  for (let i = 0; i < n; i++) {
    const bin = bins[i];
    if (bin === undefined) continue;
    ordered = [...bin.values()];
    ordered.sort((a, b) => b.score - a.score);
    if (slots[i].sentenceStart) ordered.length = 1;
    else if (ordered.length > beam) ordered.length = beam;
    const candidates = slots[i].candidates;
    for (const h of ordered) {
      let p1 = h.p1;
      let p2 = h.p2;
      let base = h.score;
      if (slots[i].sentenceStart && i > 0) {
        base += model.logProb(EOS_ID, p1, p2);
        p1 = BOS_ID;
        p2 = -1;
      }
      for (const c of candidates) {
        if (i + c.span > n) continue;
        let score = base - c.cost;
        let q1 = p1;
        let q2 = p2;
        for (const id of c.ids) {
          score += model.logProb(id, q1, q2);
          q2 = q1;
          q1 = id;
        }
        const target = i + c.span;
        let next = bins[target];
        if (next === undefined) {
          next = new Map();
          bins[target] = next;
        }
        const key = (q2 + 1) * V + q1;
        const old = next.get(key);
        if (old === undefined || old.score < score) {
          next.set(key, { score, p1: q1, p2: q2, prev: h, slot: i, candidate: c });
        }
      }
    }
  }
  let best: Hyp | undefined;
  let bestScore = -Infinity;
  for (const h of bins[n]?.values() ?? []) {
    const s = h.score + model.logProb(EOS_ID, h.p1, h.p2);
    if (s > bestScore) {
      bestScore = s;
      best = h;
    }
  }
  const choices: Choice[] = [];
  for (let h = best; h !== undefined && h.candidate !== undefined; h = h.prev) {
    choices.push({ slot: h.slot, candidate: h.candidate });
  }
  return choices.reverse();
}

/**
 * How much better (log10) the chosen candidate at `choices[k]` is than keeping the input over
 * the same slots, all other choices fixed: the language-model terms it can affect (its own
 * syllables and the two units after them) plus the channel costs.
 */
export function choiceMargin(
  model: LanguageModel,
  slots: readonly Slot[],
  choices: readonly Choice[],
  k: number,
): number {
  return pathScore(model, slots, choices, k, false) - pathScore(model, slots, choices, k, true);
}

/** Score of the window around choice `k`, with that choice or with the input in its place. */
function pathScore(
  model: LanguageModel,
  slots: readonly Slot[],
  choices: readonly Choice[],
  k: number,
  keepInput: boolean,
): number {
  // Unit ids of the path with explicit sentence markers: </s> <s> at each sentence start.
  const ids: number[] = [BOS_ID];
  let from = 0;
  let to = 0;
  let cost = 0;
  for (let j = 0; j < choices.length; j++) {
    const { slot, candidate } = choices[j];
    const parts: Candidate[] = [];
    if (j === k && keepInput) {
      for (let s = 0; s < candidate.span; s++) parts.push(slots[slot + s].candidates[0]);
    } else {
      parts.push(candidate);
    }
    for (let p = 0; p < parts.length; p++) {
      if (slots[slot + p].sentenceStart && ids.length > 1) ids.push(EOS_ID, BOS_ID);
      if (j === k && p === 0) from = ids.length;
      for (const id of parts[p].ids) ids.push(id);
      if (j === k) cost += parts[p].cost;
    }
    if (j === k) to = ids.length;
  }
  ids.push(EOS_ID);
  let sum = -cost;
  const end = Math.min(ids.length, to + 2);
  for (let i = from; i < end; i++) {
    if (ids[i] === BOS_ID) continue;
    const p1 = ids[i - 1];
    const p2 = p1 === BOS_ID || i < 2 ? -1 : ids[i - 2];
    sum += model.logProb(ids[i], p1, p2);
  }
  return sum;
}
