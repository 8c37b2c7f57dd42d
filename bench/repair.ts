/**
 * Throughput of context repair, in MB/s of UTF-8 input, single thread:
 *
 *   npx tsx bench/repair.ts [--mb 1] [--reps 5]
 *
 * Paths: OCR-like text (clean corpus text with simulated scan damage on 10% of the syllables,
 * made at run time; also with the `ocr` option, which reads every line as OCR text), text typed
 * without diacritics (the same text stripped at run time), and
 * the clean text itself (the fast path that skips undamaged lines). Each is timed through the
 * repair stage alone and through the whole `fix`; the baseline row is `TextDecoder.decode` +
 * `normalize('NFC')` of the clean bytes.
 *
 * The OCR-like text is damaged afresh (another seed) for every run, so that its damaged words
 * are new to the candidate cache each time, as they are in real text; the correct words repeat,
 * as common words do. A row with "(repeated)" times the same damaged text again and again: the
 * speed once every word's candidates are cached.
 */
import { fix, repairStage, runStages, simulateDamage, stripDiacritics } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { measure, measureEach, megabytesPerSecond, printTable } from './throughput.js';
import { numberOption } from './args.js';


const mb = numberOption('mb', 1);
const reps = numberOption('reps', 5);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const clean = cleanSample(mb * 1e6);
/** `reps + 1` damaged copies of the clean text, with the seeds `from`, `from + 1`, … */
const damagedRuns = (from: number) =>
  Array.from({ length: reps + 1 }, (_, k) => encoder.encode(simulateDamage(clean, { rate: 0.1, seed: from + k })));
const stageRuns = damagedRuns(1);
const fixRuns = damagedRuns(1001);
const ocrRuns = damagedRuns(2001);
const inputs = {
  'OCR-like (repeated)': simulateDamage(clean, { rate: 0.1, seed: 1 }),
  'without diacritics': stripDiacritics(clean),
  'without tones': stripDiacritics(clean, 'tones'),
  clean: clean,
};

const stage = [repairStage()];
const ocrStage = [repairStage({ ocr: true })];
runStages('Tieng Viet', stage); // load the model before timing
const cleanBytes = encoder.encode(clean);
const baseline = measure('decode + NFC (baseline)', cleanBytes, (b) => decoder.decode(b).normalize('NFC'), reps);
const rows = [baseline];
rows.push(measureEach('repair stage, OCR-like (simulated damage)', stageRuns[0], stageRuns.slice(1), (b) => runStages(decoder.decode(b), stage)));
rows.push(measureEach('  fix, OCR-like (simulated damage)', fixRuns[0], fixRuns.slice(1), (b) => fix(decoder.decode(b))));
rows.push(measureEach('repair stage with ocr: true, OCR-like', ocrRuns[0], ocrRuns.slice(1), (b) => runStages(decoder.decode(b), ocrStage)));
for (const [name, text] of Object.entries(inputs)) {
  const bytes = encoder.encode(text);
  rows.push(measure(`repair stage, ${name}`, bytes, (b) => runStages(decoder.decode(b), stage), reps));
  rows.push(measure(`  fix, ${name}`, bytes, (b) => fix(decoder.decode(b)), reps));
}
printTable(rows, baseline);
const ocr = rows.find((r) => r.name.startsWith('repair stage, OCR'))!;
const plain = rows.find((r) => r.name === 'repair stage, without diacritics')!;
console.log(
  `\nrepair path: OCR-like ${megabytesPerSecond(ocr).toFixed(2)} MB/s (target >= 2), ` +
    `without diacritics ${megabytesPerSecond(plain).toFixed(2)} MB/s (target >= 1.5)`,
);
