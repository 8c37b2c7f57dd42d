import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../src/index.js';
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

  it('prefers the reading the context supports', () => {
    const slots: Slot[] = [
      { candidates: [reading('tiếng', 0)], sentenceStart: true },
      { candidates: [reading('viet', 3.5), reading('việt', 0.5), reading('viết', 0.5)], sentenceStart: false },
      { candidates: [reading('nam', 0)], sentenceStart: false },
    ];
    expect(path(slots)).toEqual(['0:tiếng/1', '1:việt/1', '2:nam/1']);
  });
});
