// Fuzzing of `fix` with hostile and damaged input: it never throws, its edits replay to its
// output, and a second pass changes nothing. CI runs a hundred cases of each shape with the fixed seed;
// a long local run: `FUZZ_RUNS=1000000 npx vitest run test/fuzz.test.ts` (a new seed each run
// unless FC_SEED is set; a failure prints the seed and the shrunk counterexample).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, type FixOptions } from '../src/index.js';
import { checkResult } from './support/check-result.js';
import { combiningRuns, htmlEntities, lines, mojibakePieces, options, unspaced, vietnamesePieces } from './support/fuzz-inputs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Time for one shape's runs: a long local run takes far more than the default minute. */
const TIMEOUT = Math.max(60_000, RUNS * 100);

// ---- properties -----------------------------------------------------------------------------

/** `fix` does not throw, its edits replay to its output, and a second pass changes nothing. */
function holds(input: string, opts: FixOptions): void {
  const once = fix(input, opts);
  checkResult(input, once);
  const twice = fix(once.text, opts);
  expect(twice.text).toBe(once.text);
}

describe('fix under fuzzing', () => {
  const shapes: [string, fc.Arbitrary<string>, fc.Arbitrary<FixOptions>][] = [
    ['Vietnamese pieces, clean and damaged', lines(vietnamesePieces), options],
    ['mojibake and legacy-encoding pieces', lines(mojibakePieces), options],
    ['combining-mark runs', lines(combiningRuns), options],
    ['unspaced Vietnamese', lines(unspaced), options],
    ['HTML character references', lines(htmlEntities), options.map((o) => ({ ...o, htmlEntities: true }))],
  ];
  for (const [name, input, opts] of shapes) {
    it(`holds on ${name}`, () => {
      fc.assert(
        fc.property(input, opts, (text, o) => holds(text, o)),
        { numRuns: RUNS },
      );
    }, TIMEOUT);
  }
  it('settles a line whose repairs feed each other (a word repaired, joined to a fragment, repaired again)', () => {
    // Found by this fuzzing (the no-break space and U+0080 are part of the mojibake).
    holds('Si`m Tua^`n ruy`nh Tuy A A \u00C6\u00A0I \u00C3\u0080i D\u00C3\u00B9i \u00C3\u0080ng \u00C0 \u00C0u\n', {});
    holds('Si`m Tua^`n ruy nh Tuy A A \u00C6\u00A0I \u00C3\u0080i D\u00C3\u00B9i \u00C3\u0080ng \u00C0 \u00C0u\n', {});
  });
  it('settles a word whose readings each prefer the other (a cycle), where a second pass would go round it', () => {
    // Found by this fuzzing: with `ocr: true` every word is doubted, and `Như` and `Nhữ` each preferred the other.
    holds('a6a\u{1F600}Nhu', { diacritics: true, ocr: true });
  });
  it('judges a text OCR output as it judges the text repaired without the OCR reading', () => {
    // Found by this fuzzing: marks given to `Ghe` and `Pho` beside debris made the output look like OCR damage.
    holds('\u00C4\u00C6\u00B0\nPu+i Ghe`m \u1EE8T AI \u00C3U Pho\u00B8m b\u00F4c', {});
  });
  it('settles a line without the memory of its own repairs, which a second pass does not have', () => {
    // Found by this fuzzing: `ng` → `nó` made elsewhere in the line kept `Mo¸ng`, which a second pass made `Mo¸nga`.
    for (const ocr of ['auto', true] as const) {
      holds('Mo\u00B8ng Xo\u00B8ng B\u00EDt A A A A A G\u00C3\u00B2ng A \u00C3i \u00C3n \u00C3i G\u00C3\u00B9m aa\u00E0\n', { ocr });
    }
  });
  it('repairs a document judged OCR output so that the plain repair of the output keeps it', () => {
    // Found by this fuzzing: a line made heavy by one damaged word in an OCR document kept `Oay`,
    // which the plain repair of the output (no longer judged OCR output) made `Hay`.
    holds('\u0100 Ho\u00E2m nha\u00FCn \u00C3 v\u00F3y\nq\u00E0nh \u201DOay \u0110T', {});
  });
  it('settles a no-break space whose run reads as Vietnamese only once a look-alike is repaired', () => {
    // Found by this fuzzing: `Ð` → `Đ` makes the run Vietnamese, and then its no-break space a word space.
    holds('\u0100 \u00D0o\u00A2m QU\u00A0 A', {});
  });
});
