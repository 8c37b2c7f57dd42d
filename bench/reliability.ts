/**
 * Whether the confidence of a change means what it says: on held-out OCR readings (corpus
 * paragraphs rendered and read by Tesseract, none of them among the pages the channel and the
 * confidence curve were learned from), the changes of each confidence band and how many are right.
 *
 *   npx tsx bench/reliability.ts [--pairs data/build/ocr/heldout.jsonl.gz] [--ocr auto|on|off] [--source ocr|scan] [--readme]
 *
 * `--source scan` judges the same paragraphs with simulated scan damage instead of Tesseract's
 * readings (the other source the channel models). A change is right when its replacement is
 * exactly the text its span was printed from (`data/build/ocr/judge.ts`). Changes below the
 * default threshold are made too for the table (`minConfidence: 0`), so that the whole curve
 * shows; the words wrong are counted on a default run.
 */
import { fix } from '../src/index.js';
import { DEFAULT_MIN_CONFIDENCE } from '../src/repair/confidence.js';
import { judgePage, readReadings, scanReadings } from '../data/build/ocr/judge.js';
import { stringOption } from './args.js';

const path = stringOption('pairs', 'data/build/ocr/heldout.jsonl.gz');
const ocrOption = stringOption('ocr', 'auto');
/** `fix`'s default judges each page from its own damage; `on` and `off` force the OCR reading. */
const ocr: boolean | 'auto' = ocrOption === 'auto' ? 'auto' : ocrOption === 'on';
const source = stringOption('source', 'ocr');
/** Print the wrong changes at or above this confidence (for reading). */
const showWrong = Number(stringOption('show-wrong', '2'));

const held = readReadings(path);
// Another seed than the calibration's scan damage (1).
const readings = source === 'scan' ? scanReadings(held, 2) : held;

/** Upper ends of the confidence bands. */
const BANDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];
const changes = BANDS.map(() => 0);
const right = BANDS.map(() => 0);
const confidenceSum = BANDS.map(() => 0);
let wrongBefore = 0;
let wrongAfter = 0;
let refWords = 0;
let pages = 0;
let left = 0;

for (const reading of readings) {
  const all = judgePage(reading, (text) => fix(text, { ocr, minConfidence: 0 }));
  const made = judgePage(reading, (text) => fix(text, { ocr }));
  if (all === undefined || made === undefined) {
    left++;
    continue;
  }
  pages++;
  for (const { edit, want, right: ok } of all.edits) {
    const band = BANDS.findIndex((b) => edit.confidence < b);
    changes[band]++;
    confidenceSum[band] += edit.confidence;
    if (ok) right[band]++;
    else if (edit.confidence >= showWrong) {
      console.log(`wrong ${edit.confidence} ${edit.kind}: ${JSON.stringify(edit.before)} -> ${JSON.stringify(edit.after)}, printed from ${JSON.stringify(want)}`);
    }
  }
  refWords += made.refWords;
  wrongBefore += made.wrongBefore;
  wrongAfter += made.wrongAfter;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const bandLabel = (b: number) => `${b === 0 ? '0' : String(BANDS[b - 1])}–${Math.min(1, BANDS[b])}`;
if (process.argv.includes('--readme')) {
  // The README's table: the bands across, so that it stays a few lines long.
  const row = (name: string, cell: (b: number) => string) => `| ${name} | ${BANDS.map((_, b) => cell(b)).join(' | ')} |`;
  console.log(row('confidence', bandLabel));
  console.log(`| --- |${' ---: |'.repeat(BANDS.length)}`);
  console.log(row('changes', (b) => String(changes[b])));
  console.log(row('right', (b) => (changes[b] === 0 ? '–' : `${Math.round((100 * right[b]) / changes[b])} %`)));
  process.exit(0);
}
console.log(`${path} (${source === 'scan' ? 'simulated scan damage' : 'Tesseract readings'}): ${pages} pages (${left} unreadable left out), ocr ${ocrOption}`);
console.log(`words wrong, default options: ${pct(wrongBefore / refWords)} -> ${pct(wrongAfter / refWords)} of ${refWords}`);
console.log('');
console.log('| confidence | changes | right | share right | mean confidence |');
console.log('|---|---:|---:|---:|---:|');
let lower = 0;
for (let b = 0; b < BANDS.length; b++) {
  const upper = Math.min(1, BANDS[b]);
  const label = `${lower.toFixed(2)}–${upper.toFixed(2)}${upper <= DEFAULT_MIN_CONFIDENCE ? ' (not made by default)' : ''}`;
  lower = upper;
  if (changes[b] === 0) console.log(`| ${label} | 0 | 0 | – | – |`);
  else console.log(`| ${label} | ${changes[b]} | ${right[b]} | ${pct(right[b] / changes[b])} | ${(confidenceSum[b] / changes[b]).toFixed(3)} |`);
}
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const made = total(changes);
const madeRight = total(right);
const promised = total(confidenceSum);
console.log('');
console.log(`all changes: ${made}, right ${madeRight} (${pct(madeRight / Math.max(1, made))}); their confidences promise ${promised.toFixed(0)} right`);
