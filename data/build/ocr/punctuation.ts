/**
 * How often the OCR punctuation stage's changes are right, on the training pages (Tesseract's
 * readings of rendered corpus pages, never the held-out ones): the confidences of
 * `src/repair/punctuation.ts` are these shares.
 *
 *   npx tsx data/build/ocr/punctuation.ts [--pairs data/build/ocr/work/pairs.jsonl]
 */
import { fix } from '../../../src/index.js';
import { judgePage, readReadings } from './judge.js';
import { stringOption } from '../../../bench/args.js';

const path = stringOption('pairs', 'data/build/ocr/work/pairs.jsonl');
const made = new Map<string, { changes: number; right: number }>();
for (const reading of readReadings(path)) {
  const judged = judgePage(reading, (text) => fix(text, { ocr: true, minConfidence: 0 }));
  if (judged === undefined) continue;
  for (const { edit, want, right } of judged.edits) {
    if (edit.kind !== 'punctuation') continue;
    const key = `${JSON.stringify(edit.before)} -> ${JSON.stringify(edit.after)}`;
    const entry = made.get(key) ?? { changes: 0, right: 0 };
    entry.changes++;
    if (right) entry.right++;
    made.set(key, entry);
    if (process.argv.includes('--show')) console.log(`${right ? "right" : "wrong"} ${key} printed from ${JSON.stringify(want)}: ${JSON.stringify(reading.ocr.normalize("NFC").slice(Math.max(0, edit.start - 30), edit.end + 20))}`);
  }
}
for (const [key, { changes, right }] of made) console.log(`${key}: ${changes} changes, ${right} right (${((100 * right) / changes).toFixed(1)} %)`);
