import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../src/index.js';
import { SPECIAL_UNITS } from '../src/model/index.js';
import { removeMarks, toneOf } from '../src/orthography/index.js';
import { type Candidate, type MarkTrust, SkeletonIndex, tokenCandidates } from '../src/repair/candidates.js';
import { DEFAULT_COSTS, markBits, toneCost, vowelMarkCost } from '../src/repair/channel.js';

const model = defaultModel();
const index = new SkeletonIndex(model);

/**
 * The candidate search written plainly: every syllable of every near skeleton, in the index's
 * frequency order, each kept or not by rank then text, the far ones dropped at the end.
 */
function plainCandidates(lower: string, trust: MarkTrust, maxDistance: number, limit: number, window: number): Candidate[] {
  const all: { id: number; cost: number; distance: number; rank: number }[] = [];
  const tone = toneOf(lower);
  const marks = markBits(lower);
  for (const { skeleton, distance } of index.near(removeMarks(lower), maxDistance, DEFAULT_COSTS)) {
    for (const id of index.syllables(skeleton)) {
      if (index.text[id] === lower) continue;
      let cost = distance * DEFAULT_COSTS.letter;
      if (trust === 'all') cost += toneCost(tone, index.tone[id], distance, DEFAULT_COSTS);
      if (trust !== 'none') cost += vowelMarkCost(marks, index.marks[id], distance, DEFAULT_COSTS, trust === 'vowels');
      all.push({ id, cost, distance, rank: cost - index.prior[id] });
    }
  }
  all.sort((a, b) => a.rank - b.rank || (index.text[a.id] < index.text[b.id] ? -1 : index.text[a.id] > index.text[b.id] ? 1 : 0));
  const floor = all.length === 0 ? 0 : all[0].rank + window;
  return all
    .slice(0, limit)
    .filter((r) => r.rank <= floor)
    .map((r) => ({ text: index.text[r.id], ids: [r.id], cost: r.cost, kind: r.distance === 0 ? 'diacritics' : 'spelling', span: 1 }));
}

const LETTERS = [...'abcdeghiklmnopqrstuvxyđăâêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụ'];

/** A syllable the model knows, with up to two letters replaced, dropped or doubled. */
const damagedSyllable = fc
  .tuple(
    fc.integer({ min: SPECIAL_UNITS.length, max: model.vocabSize - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...LETTERS), fc.constantFrom('replace', 'drop', 'insert')), { maxLength: 2 }),
  )
  .map(([id, edits]) => {
    const w = [...model.unit(id).normalize('NFC')];
    for (const [at, letter, how] of edits) {
      const i = w.length === 0 ? 0 : at % w.length;
      if (how === 'replace') w[i] = letter;
      else if (how === 'drop' && w.length > 1) w.splice(i, 1);
      else w.splice(i, 0, letter);
    }
    return w.join('');
  })
  .filter((w) => w.length > 0);

const settings = fc.record({
  trust: fc.constantFrom<MarkTrust>('none', 'vowels', 'all'),
  maxDistance: fc.integer({ min: 0, max: 2 }),
  limit: fc.integer({ min: 1, max: 12 }),
});

describe('tokenCandidates', () => {
  it('finds what the plain search over every near syllable finds', () => {
    fc.assert(
      fc.property(damagedSyllable, settings, (word, { trust, maxDistance, limit }) => {
        const found = tokenCandidates(index, word, { trust, maxDistance, limit, costs: DEFAULT_COSTS, rankWindow: 4 });
        expect(found).toEqual(plainCandidates(word, trust, maxDistance, limit, 4));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same lists whatever was asked before (the memo of near skeletons is shared)', () => {
    fc.assert(
      fc.property(fc.array(damagedSyllable, { minLength: 1, maxLength: 8 }), settings, (words, { trust, maxDistance, limit }) => {
        const options = { trust, maxDistance, limit, costs: DEFAULT_COSTS, rankWindow: 4 };
        const forward = words.map((w) => tokenCandidates(index, w, options));
        const kept = structuredClone(forward);
        // Lists handed out are the callers' own: changing one changes no later answer.
        for (const list of forward) for (const c of list) c.cost += 100;
        const fresh = new SkeletonIndex(model);
        const backward = words
          .slice()
          .reverse()
          .map((w) => tokenCandidates(fresh, w, options))
          .reverse();
        expect(backward).toEqual(kept);
        expect(words.map((w) => tokenCandidates(index, w, options))).toEqual(kept);
      }),
      { numRuns: 60 },
    );
  });
});
