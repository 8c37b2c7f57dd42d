import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel, SPECIAL_UNITS } from '../src/model/index.js';
import { isValidSyllable, removeMarks } from '../src/orthography/index.js';
import { COMPOUND_COST, compoundIndex } from '../src/repair/compounds.js';

const model = defaultModel();
const index = compoundIndex(model);
/** Every syllable of the model's vocabulary. */
const syllables: string[] = [];
for (let id = SPECIAL_UNITS.length; id < model.vocabSize; id++) {
  const unit = model.unit(id);
  if (isValidSyllable(unit)) syllables.push(unit);
}

describe('one syllable read for two (compounds)', () => {
  it('reads `phấn` as the word `phụ nữ` of the word list, among others', () => {
    const list = index.candidates('phấn');
    const phuNu = list.find((c) => c.text === 'phụ nữ');
    expect(phuNu).toBeDefined();
    expect(phuNu!.ids).toEqual([model.id('phụ'), model.id('nữ')]);
    expect(phuNu!.kind).toBe('merge');
    expect(phuNu!.span).toBe(1);
  });

  it('proposes only listed two-syllable words that keep the onset and read the second onset as the final', () => {
    fc.assert(
      fc.property(fc.constantFrom(...syllables), (syllable) => {
        const skeleton = removeMarks(syllable);
        for (const c of index.candidates(syllable)) {
          expect(model.isWord(c.ids)).toBe(true);
          expect(c.cost).toBeGreaterThanOrEqual(COMPOUND_COST);
          const [first, second] = c.text.split(' ');
          expect(c.ids).toEqual([model.id(first), model.id(second)]);
          // The onset survives (its first letter, at least), and the reading ends with the
          // second syllable's onset.
          if (!/^[aeiouy]/.test(skeleton)) expect(removeMarks(first)[0]).toBe(skeleton[0]);
          const final = /(ng|nh|ch|[cmnpt])$/.exec(skeleton)![1];
          expect(removeMarks(second).startsWith(final === 'c' && second.startsWith('k') ? 'k' : final)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('has nothing for an open syllable: no final consonant is left of a second one', () => {
    for (const s of syllables.filter((x) => /[aeiouy]$/.test(removeMarks(x))).slice(0, 500)) {
      expect(index.candidates(s)).toEqual([]);
    }
  });
});
