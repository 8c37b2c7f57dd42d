/**
 * The bar for filling letters lost to U+FFFD (`Vi�t Nam`, see src/encoding/replaced-letters.ts):
 * corpus lines with every letter beyond ASCII replaced, read with each bar (the least share of
 * the probability of all readings the one taken must have). Prints, for each bar, the share of
 * replaced words filled and how many of those are right:
 *
 *   npx tsx bench/replaced-letters.ts [--lines 3000] [--file alt-vi-wikinews.txt.gz] [--damage question]
 *
 * `--damage question`: every character Windows-1252 cannot store as `?` (`Vi?t Nam`), read by
 * readQuestionLetters (which also decides which `?` are letters).
 *
 * The bar is chosen on a file the accuracy bench (replaced-bytes.ts) does not read.
 */
import { defaultModel } from '../src/model/index.js';
import { readQuestionLetters, readReplacedLetters } from '../src/encoding/replaced-letters.js';
import { numberOption, stringOption } from './args.js';
import { corpusLines } from './corpus-sample.js';
import { lettersLostToQuestion, lettersReplaced } from './damage.js';

function main(): void {
  const count = numberOption('lines', 3000);
  const file = stringOption('file', 'alt-vi-wikinews.txt.gz');
  const question = stringOption('damage', 'replaced') === 'question';
  const damage = question ? lettersLostToQuestion : lettersReplaced;
  const read = question ? readQuestionLetters : readReplacedLetters;
  const lost = question ? '?' : '\ufffd';
  const model = defaultModel();
  const all = corpusLines(file);
  const step = Math.max(1, Math.floor(all.length / count));
  const lines: Array<{ words: string[]; want: string[] }> = [];
  let replacedWords = 0;
  for (let i = 0; i < all.length && lines.length < count; i += step) {
    const damaged = damage(all[i]);
    const want = all[i].split(' ');
    const words = damaged.split(' ');
    if (damaged === all[i] || want.length !== words.length) continue;
    lines.push({ words, want });
    replacedWords += words.filter((w, k) => w.includes(lost) && w !== want[k]).length;
  }
  console.log(`${file}: ${lines.length} lines, ${replacedWords} words with a replaced letter`);
  console.log('bar     filled   right');
  for (const bar of [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999]) {
    let taken = 0;
    let right = 0;
    for (const { words, want } of lines) {
      for (const r of read(words, model, bar)) {
        taken++;
        if (r.text === want[r.word]) right++;
      }
    }
    console.log(`${bar.toFixed(3)}  ${((100 * taken) / replacedWords).toFixed(1).padStart(6)}%  ${taken === 0 ? '-' : ((100 * right) / taken).toFixed(2)}%`);
  }
}

main();
