/**
 * The encoding-repair path: the encoding stage alone on mojibake (UTF-8 read as Windows-1252),
 * on TCVN3 text shown as Windows-1252, and on clean text, next to decoding the same bytes.
 *
 *   npx vitest bench --run bench/encoding.bench.ts
 *
 * The damaged text is made at run time from 1 MB of clean corpus lines (see corpus-sample.ts)
 * by encoding them; nothing damaged is stored.
 */
import { bench, describe } from 'vitest';
import { encodingStage, runStages } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { legacyFont, mojibake as toMojibake } from './damage.js';

const clean = cleanSample(1 << 20);
const mojibake = toMojibake(clean);
// Legacy-font repair reads each word in five encodings: a quarter of the text keeps the run short.
const tcvn3 = legacyFont(clean.slice(0, clean.indexOf('\n', 1 << 18)), 'tcvn3');
const stages = [encodingStage({})];
const decoder = new TextDecoder();
const mojibakeBytes = new TextEncoder().encode(mojibake);

describe('encoding stage, 1 MB of clean text made into damage', () => {
  bench('baseline: TextDecoder.decode + normalize(NFC) of the mojibake', () => {
    if (decoder.decode(mojibakeBytes).normalize('NFC').length === 0) throw new Error('empty');
  });

  bench('mojibake (UTF-8 read as Windows-1252)', () => {
    if (runStages(mojibake, stages).edits.length === 0) throw new Error('nothing fixed');
  });

  bench('TCVN3 shown as Windows-1252 (256 KB)', () => {
    if (runStages(tcvn3, stages).edits.length === 0) throw new Error('nothing fixed');
  });

  bench('clean text (prefilter only)', () => {
    if (runStages(clean, stages).edits.length !== 0) throw new Error('changed clean text');
  });
});
