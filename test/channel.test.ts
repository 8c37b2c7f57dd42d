import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allSyllables, removeMarks, toneOf } from '../src/orthography/index.js';
import { DEFAULT_COSTS, markBits, mixCosts, skeletonDistance, toneCost, vowelMarkCost, wrongModelCosts } from '../src/repair/channel.js';
import { LETTER_PAIRS, MARK_GAIN, MARK_LETTERS, MARK_LOSS, TONE_COST, WRONG_MODEL_LETTER_PAIRS } from '../src/repair/channel-table.js';

const syllables = allSyllables().filter((s) => s.length <= 7);
const skeletons = [...new Set(syllables.map((s) => removeMarks(s)))];

/** Plain Levenshtein distance, every edit 1. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[b.length];
}

describe('the shipped channel table', () => {
  it('is what the builder makes of data/ocr-channel.tsv', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vietfix-channel-')), 'channel-table.ts');
    execFileSync(process.execPath, ['--import', 'tsx', 'data/build/ocr/table.ts', '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/repair/channel-table.ts', 'utf8'));
  });

  it('finds losing a mark likelier than gaining it for most mark letters, and d read as đ the exception', () => {
    const dBar = MARK_LETTERS.indexOf('đ');
    expect(MARK_GAIN[dBar]).toBeLessThan(MARK_LOSS[dBar]);
    const likelierLost = [...MARK_LETTERS].filter((_, k) => MARK_LOSS[k] < MARK_GAIN[k]).length;
    expect(likelierLost).toBeGreaterThanOrEqual(4);
  });
});

describe('skeletonDistance', () => {
  it('is zero on equal skeletons and never more than the plain edit distance', () => {
    fc.assert(
      fc.property(fc.constantFrom(...skeletons), fc.constantFrom(...skeletons), (a, b) => {
        const d = skeletonDistance(a, b, DEFAULT_COSTS, 8);
        const plain = levenshtein(a, b);
        expect(d).toBeLessThanOrEqual(plain + 1e-9);
        expect(d === 0).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it('prices learned look-alikes below an arbitrary letter, and two letters printed for one below two changes', () => {
    expect(skeletonDistance('eo', 'oo', DEFAULT_COSTS)).toBeLessThan(1); // e printed for o
    expect(skeletonDistance('rnot', 'mot', DEFAULT_COSTS)).toBeLessThan(1.5); // rn printed for m
    expect(skeletonDistance('xot', 'mot', DEFAULT_COSTS)).toBe(1);
  });
});

describe('the channel of lines read by a model without Vietnamese letters', () => {
  const wrongModel = wrongModelCosts(DEFAULT_COSTS);
  const single = (pairs: typeof LETTER_PAIRS) => pairs.filter(([printed, truth]) => printed.length === 1 && truth.length === 1);

  it('is one object per costs, priced from that model\'s readings', () => {
    expect(wrongModelCosts(DEFAULT_COSTS)).toBe(wrongModel);
    expect(wrongModel).toEqual(DEFAULT_COSTS);
    // Every one-letter misreading of its table at its own price (within the floor and the
    // flat rate), whatever the pooled table says of it.
    for (const [printed, truth, cost] of single(WRONG_MODEL_LETTER_PAIRS)) {
      const unit = Math.min(1, Math.max(0.3, Math.min(cost, DEFAULT_COSTS.letter) / DEFAULT_COSTS.letter));
      const flat = skeletonDistance(printed, truth, wrongModel);
      expect(flat, `${printed} for ${truth}`).toBeLessThanOrEqual(unit + 1e-6);
    }
  });

  it('prices that model\'s commonest misreadings below the pooled channel, and leaves the pooled one as it was', () => {
    const pooled = new Map(single(LETTER_PAIRS).map(([p, t, c]) => [`${p}>${t}`, c]));
    const cheaper = single(WRONG_MODEL_LETTER_PAIRS)
      .filter(([p, t, c]) => c < (pooled.get(`${p}>${t}`) ?? Infinity))
      .slice(0, 10);
    expect(cheaper.length).toBe(10);
    // Where the flat channel's look-alikes (`d` for `a`) are cheaper still, both pay the flat rate.
    let lower = 0;
    for (const [printed, truth] of cheaper) {
      const own = skeletonDistance(`m${printed}i`, `m${truth}i`, wrongModel);
      const all = skeletonDistance(`m${printed}i`, `m${truth}i`, DEFAULT_COSTS);
      expect(own, `${printed} for ${truth}`).toBeLessThanOrEqual(all);
      if (own < all) lower++;
    }
    expect(lower).toBeGreaterThanOrEqual(5);
    // And the pooled channel's distances do not depend on the other having been used.
    expect(skeletonDistance('mdi', 'moi', DEFAULT_COSTS)).toBe(skeletonDistance('mdi', 'moi', { ...DEFAULT_COSTS }));
  });
});

describe('mark and tone costs', () => {
  it('costs nothing for the same marks and more than nothing for others', () => {
    fc.assert(
      fc.property(fc.constantFrom(...syllables), fc.constantFrom(...syllables), (printed, truth) => {
        const tone = toneCost(toneOf(printed), toneOf(truth), 0, DEFAULT_COSTS);
        const marks = vowelMarkCost(markBits(printed), markBits(truth), 0, DEFAULT_COSTS);
        expect(tone === 0).toBe(toneOf(printed) === toneOf(truth));
        expect(marks === 0).toBe(markBits(printed) === markBits(truth));
        // Mixed with the flat channel: never dearer than the flat rate plus log10 2.
        expect(tone).toBeLessThanOrEqual(DEFAULT_COSTS.tone + Math.log10(2) + 1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it('prices each tone pair by what was learned for it', () => {
    // The cheapest learned misreading costs less than the dearest, after mixing too.
    let cheapest = 0;
    let dearest = 0;
    for (let k = 0; k < 36; k++) {
      if (TONE_COST[k] === 0) continue;
      if (TONE_COST[cheapest] === 0 || TONE_COST[k] < TONE_COST[cheapest]) cheapest = k;
      if (TONE_COST[k] > TONE_COST[dearest]) dearest = k;
    }
    const cost = (k: number) => toneCost(k % 6, Math.floor(k / 6), 0, DEFAULT_COSTS);
    expect(cost(cheapest)).toBeLessThan(cost(dearest));
    expect(cost(cheapest)).toBeCloseTo(mixCosts(TONE_COST[cheapest], DEFAULT_COSTS.tone), 9);
  });
});
