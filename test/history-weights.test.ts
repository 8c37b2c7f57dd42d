import { describe, expect, it } from 'vitest';
import { BOS_ID, defaultModel } from '../src/model/index.js';

/**
 * The decoder takes a state's history weights from the look-up that made the state (the
 * bigram or trigram entry just found) instead of asking the model again: the batched look-ups
 * must give exactly what `historyWeight` and `fourgramHistoryWeight` give.
 */
describe('history weights read with the n-gram look-ups', () => {
  const model = defaultModel();
  const byCount = Array.from({ length: model.vocabSize }, (_, i) => i).sort((a, b) => model.count(b) - model.count(a));
  // The most frequent syllables (the histories with most n-grams after them), rarer ones, and
  // ids that are no syllable of the vocabulary.
  const histories = [...byCount.slice(0, 30), ...byCount.slice(2000, 2010), BOS_ID, -1, model.vocabSize + 3];

  it('bigramsOf gives historyWeight of each bigram', () => {
    const words = Int32Array.from({ length: model.vocabSize + 2 }, (_, i) => (i < model.vocabSize ? i : i === model.vocabSize ? -1 : model.vocabSize + 5));
    const prev1s = new Int32Array(words.length);
    const out = new Float64Array(words.length);
    const seen = new Uint8Array(words.length);
    const weights = new Float64Array(words.length);
    let found = 0;
    const wrong: number[][] = [];
    for (const p1 of histories) {
      prev1s.fill(p1);
      model.bigramsOf(prev1s, words, out, seen, words.length, weights);
      for (let i = 0; i < words.length; i++) {
        const expected = seen[i] === 1 ? model.historyWeight(p1, words[i]) : Number.NaN;
        if (!Object.is(weights[i], expected)) wrong.push([p1, words[i], weights[i], expected]);
        if (!Number.isNaN(expected)) found++;
      }
    }
    expect(wrong).toEqual([]);
    expect(found).toBeGreaterThan(1000);
  });

  it('trigramsOf gives fourgramHistoryWeight of each trigram', () => {
    const words = Int32Array.from(byCount.slice(0, 300));
    const prev1s = new Int32Array(words.length);
    const prev2s = new Int32Array(words.length);
    const out = new Float64Array(words.length);
    const weights = new Float64Array(words.length);
    let found = 0;
    const wrong: number[][] = [];
    for (const p2 of histories) {
      for (const p1 of histories) {
        prev1s.fill(p1);
        prev2s.fill(p2);
        model.trigramsOf(words, prev1s, prev2s, out, words.length, weights);
        for (let i = 0; i < words.length; i++) {
          const expected = Number.isNaN(out[i]) ? Number.NaN : model.fourgramHistoryWeight(p2, p1, words[i]);
          if (!Object.is(weights[i], expected)) wrong.push([p2, p1, words[i], weights[i], expected]);
          if (!Number.isNaN(expected)) found++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(found).toBeGreaterThan(1000);
  });
});
