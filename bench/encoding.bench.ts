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
import { encode, encodingStage, runStages } from '../src/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';
import { cleanSample } from './corpus-sample.js';

/** Bytes shown as Windows-1252, the way a browser shows them. */
export function asCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    let s = '';
    for (const b of bytes.subarray(i, i + 8192)) s += CP1252[b];
    parts.push(s);
  }
  return parts.join('');
}

const clean = cleanSample(1 << 20);
const mojibake = asCp1252(new TextEncoder().encode(clean));
const tcvn3 = clean
  .split('\n')
  .map((line) => {
    const bytes = encode(line, 'tcvn3');
    return bytes ? asCp1252(bytes) : line;
  })
  .join('\n');
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

  bench('TCVN3 shown as Windows-1252', () => {
    if (runStages(tcvn3, stages).edits.length === 0) throw new Error('nothing fixed');
  });

  bench('clean text (prefilter only)', () => {
    if (runStages(clean, stages).edits.length !== 0) throw new Error('changed clean text');
  });
});
