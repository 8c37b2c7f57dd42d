/**
 * Throughput of the orthography core and the tokenizer on clean Vietnamese text:
 *
 *   npx vitest bench --run bench/orthography.bench.ts
 *
 * The text is the first 2,000 lines of the UD Vietnamese VTB sentences (CC BY-SA 4.0) from
 * ../shared/corpus when that folder exists, else a few sentences of our own repeated.
 * `normalize('NFC')` of the same lines is measured alongside as a yardstick.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bench, describe } from 'vitest';
import { isValidSyllable, removeMarks, setToneStyle } from '../src/orthography/index.js';
import { scanTokens, tokenize } from '../src/tokenize/index.js';

const corpusFile = fileURLToPath(new URL('../../shared/corpus/text/ud-vietnamese-vtb.txt.gz', import.meta.url));

const FALLBACK = [
  'Hà Nội là thủ đô của nước Cộng hòa Xã hội Chủ nghĩa Việt Nam, với diện tích 3.359,8 km².',
  'Ngày 28/8/2014, UBND tỉnh đã ban hành văn bản số 485-CV/VPĐUK về việc tổ chức hội nghị.',
  'Theo https://vi.wikipedia.org, thành phố có khoảng 8 triệu dân; liên hệ: hop.thu@example.vn.',
  'Những người trẻ tuổi thường đọc tin tức trên điện thoại di động vào buổi sáng.',
];

const lines = existsSync(corpusFile)
  ? gunzipSync(readFileSync(corpusFile)).toString('utf8').split('\n').filter(Boolean).slice(0, 2000)
  : Array.from({ length: 500 }, (_, i) => FALLBACK[i % FALLBACK.length]);
const words = lines.flatMap((l) => l.split(/[\s.,;:!?()"“”]+/).filter(Boolean));
const chars = lines.reduce((n, l) => n + l.length, 0);
console.log(`bench text: ${lines.length} lines, ${chars} chars, ${words.length} words`);

isValidSyllable('a'); // build the syllable inventory outside the timed loops

describe('orthography', () => {
  bench('isValidSyllable, every word', () => {
    let n = 0;
    for (const w of words) if (isValidSyllable(w)) n++;
    if (n === 0) throw new Error('no syllable found');
  });

  bench('removeMarks, every line', () => {
    for (const l of lines) removeMarks(l);
  });

  bench("setToneStyle 'new', every line", () => {
    for (const l of lines) setToneStyle(l, 'new');
  });
});

describe('tokenize, with NFC as a yardstick', () => {
  bench('tokenize, every line', () => {
    for (const l of lines) tokenize(l);
  });

  bench('scanTokens (no allocation), every line', () => {
    let syllables = 0;
    for (const l of lines) {
      scanTokens(l, (kind) => {
        if (kind === 'syllable') syllables++;
      });
    }
    if (syllables === 0) throw new Error('no syllable found');
  });

  bench("normalize('NFC'), every line (yardstick)", () => {
    for (const l of lines) l.normalize('NFC');
  });
});
