// `fix` must not depend on what the process ran before: the memos and caches shared by every
// call (candidate lists, the scorer, language-run scores, legacy readings) may save time only.
// Each case fixes a sequence of inputs in one order, then in the reverse order after the other
// inputs, and compares every result: a cache that changed a result would show as a difference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, type FixOptions } from '../src/index.js';
import { combiningRuns, htmlEntities, lines, mojibakePieces, options, unspaced, vietnamesePieces } from './support/fuzz-inputs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const TIMEOUT = Math.max(120_000, RUNS * 2_000);

const input = fc.oneof(lines(vietnamesePieces), lines(mojibakePieces), lines(combiningRuns), lines(unspaced), lines(htmlEntities));
const call = fc.tuple(input, options);
const calls = fc.array(call, { minLength: 2, maxLength: 8 });

function results(sequence: readonly (readonly [string, FixOptions])[]): string[] {
  return sequence.map(([text, opts]) => JSON.stringify(fix(text, opts)));
}

describe('fix and what ran before it', () => {
  it('gives each input the same result whatever was fixed before', () => {
    fc.assert(
      fc.property(calls, (sequence) => {
        const forward = results(sequence);
        const backward = results([...sequence].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
