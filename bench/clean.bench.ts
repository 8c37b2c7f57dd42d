/**
 * The clean path: `fix` on clean Vietnamese text against the yardstick of decoding the same
 * bytes and NFC-normalising them.
 *
 *   npx vitest bench --run bench/clean.bench.ts
 *
 * The text is 1 MB of clean lines from ../shared/corpus (see corpus-sample.ts). The `fix` case
 * decodes too, so the two cases do the same work apart from the repair itself.
 */
import { bench, describe } from 'vitest';
import { fix } from '../src/index.js';
import { unicodeStage } from '../src/unicode/index.js';
import { cleanSample } from './corpus-sample.js';

const text = cleanSample(1 << 20);
const bytes = new TextEncoder().encode(text);
const lines = text.split('\n');
const decoder = new TextDecoder();
const unicode = unicodeStage({});

if (fix(text).edits.length !== 0) throw new Error('the bench text is not clean: fix changed it');

describe('clean Vietnamese, 1 MB', () => {
  bench('baseline: TextDecoder.decode + normalize(NFC)', () => {
    if (decoder.decode(bytes).normalize('NFC').length === 0) throw new Error('empty');
  });

  bench('fix (decode + every default stage)', () => {
    if (fix(decoder.decode(bytes)).edits.length !== 0) throw new Error('changed clean text');
  });

  bench('unicode stage prefilter, every line', () => {
    let n = 0;
    for (const line of lines) if (unicode.mayApply!(line)) n++;
    if (n !== 0) throw new Error('clean line flagged');
  });
});
