import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../src/index.js';
import { BOS_ID, EOS_ID } from '../src/model/index.js';
import type { Candidate } from '../src/repair/candidates.js';
import { CachedScorer, decode, type Slot } from '../src/repair/decoder.js';

const model = defaultModel();
const scorer = new CachedScorer(model);
const SYLLABLES = ['của', 'các', 'cua', 'cá', 'người', 'ngươi', 'việt', 'viết', 'nam', 'năm', 'đồng', 'chí', 'và', 'va', 'là', 'la'];

function reading(text: string, cost: number, span = 1): Candidate {
  return { text, ids: [model.id(text)], cost, kind: cost === 0 && span === 1 ? undefined : 'diacritics', span };
}

/** A random lattice: slots of one to three readings, a few of them spanning two slots. */
const lattice = fc
  .array(
    fc.record({
      texts: fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 3 }),
      costs: fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: 3, maxLength: 3 }),
      join: fc.boolean(),
      sentenceStart: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs) =>
    specs.map(({ texts, costs, join, sentenceStart }, i): Slot => {
      const candidates = texts.map((t, k) => reading(t, k === 0 ? 0 : costs[k]));
      if (join && i + 1 < specs.length) candidates.push(reading(texts[0], costs[0] + 1, 2));
      return { candidates, sentenceStart: i === 0 || sentenceStart };
    }),
  );

/** The chosen readings, as text, one per slot where a reading starts. */
function path(slots: readonly Slot[]): string[] {
  return decode(scorer, slots, 8, 4).map(({ slot, candidate }) => `${slot}:${candidate.text}/${candidate.span}`);
}

describe('decoder', () => {
  it('takes a forced step (one hypothesis, one reading) as the full search would', () => {
    fc.assert(
      fc.property(lattice, (slots) => {
        // The same lattice with every single reading doubled: no step is forced any more, and
        // the copy (second, as costly) never wins a tie.
        const doubled = slots.map((s) => (s.candidates.length === 1 ? { ...s, candidates: [s.candidates[0], { ...s.candidates[0] }] } : s));
        expect(path(slots)).toEqual(path(doubled));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the best path of the whole lattice when nothing is pruned', () => {
    // Exhaustive search over every path of a small lattice, scored with the model directly:
    // what the beam (with its merged states and batched look-ups) must find when its beam
    // and window keep every hypothesis.
    const score = (slots: readonly Slot[], picks: readonly number[]): number => {
      let total = 0;
      let p1 = BOS_ID;
      let p2 = -1;
      let p3 = -1;
      for (let i = 0, k = 0; i < slots.length; k++) {
        const c = slots[i].candidates[picks[k]];
        if (slots[i].sentenceStart && i > 0) {
          total += model.logProb(EOS_ID, p1, p2, p3);
          p1 = BOS_ID;
          p2 = -1;
          p3 = -1;
        }
        total -= c.cost;
        for (const id of c.ids) {
          total += model.logProb(id, p1, p2, p3);
          p3 = p2;
          p2 = p1;
          p1 = id;
        }
        i += c.span;
      }
      return total + model.logProb(EOS_ID, p1, p2, p3);
    };
    const best = (slots: readonly Slot[], i = 0, picks: number[] = []): number => {
      if (i === slots.length) return score(slots, picks);
      let top = -Infinity;
      slots[i].candidates.forEach((c, k) => {
        if (i + c.span <= slots.length) top = Math.max(top, best(slots, i + c.span, [...picks, k]));
      });
      return top;
    };
    fc.assert(
      fc.property(
        lattice.filter((slots) => slots.length <= 6),
        (slots) => {
          const choices = decode(scorer, slots, 1000, Infinity);
          const picks = choices.map(({ slot, candidate }) => slots[slot].candidates.indexOf(candidate));
          expect(score(slots, picks)).toBeCloseTo(best(slots), 4);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prefers the reading the context supports', () => {
    const slots: Slot[] = [
      { candidates: [reading('tiếng', 0)], sentenceStart: true },
      { candidates: [reading('viet', 3.5), reading('việt', 0.5), reading('viết', 0.5)], sentenceStart: false },
      { candidates: [reading('nam', 0)], sentenceStart: false },
    ];
    expect(path(slots)).toEqual(['0:tiếng/1', '1:việt/1', '2:nam/1']);
  });
});
