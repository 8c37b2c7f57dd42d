/**
 * What the language test costs the repair path, single thread:
 *
 *   npx tsx bench/language.ts [--mb 1] [--reps 5]
 *
 * For OCR-like text (clean corpus text with simulated scan damage on 10% of the syllables) and
 * text typed without diacritics, it times the repair stage, and `languageRuns` on every line of
 * the same text (tokens made beforehand, as the stage has them). The stage runs the language
 * test only on lines that show damage, so the ratio of the two is an upper bound on its share
 * of the repair time. Both are measured in this process, one after the other.
 */
import { languageRuns, repairStage, runStages, simulateDamage, stripDiacritics, tokenize } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { measure, printTable } from './throughput.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const mb = option('mb', 1);
const reps = option('reps', 5);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const clean = cleanSample(mb * 1e6);
const inputs = {
  'OCR-like': simulateDamage(clean, { rate: 0.1, seed: 1 }),
  'without diacritics': stripDiacritics(clean),
};

const stage = [repairStage()];
runStages('Tieng Viet', stage); // load the model and the language profiles before timing
languageRuns('Tieng Viet');
const rows = [];
const ratios: string[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, text] of Object.entries(inputs)) {
  const bytes = encoder.encode(text);
  const lines = text.split('\n').map((line) => ({ line, tokens: tokenize(line) }));
  const repairOnce = (b: Uint8Array) => runStages(decoder.decode(b), stage);
  const runsOnce = () => {
    let n = 0;
    for (const { line, tokens } of lines) n += languageRuns(line, { tokens }).length;
    return n;
  };
  const repair = measure(`repair stage, ${name}`, bytes, repairOnce, 1);
  const runs = measure(`  languageRuns of every line, ${name}`, bytes, runsOnce, 1);
  // The two alternate, so that both see the same load on a shared machine; the ratio of each
  // pair is kept.
  const shares: number[] = [];
  for (let r = 0; r < reps; r++) {
    const a = measure('', bytes, repairOnce, 1);
    const b = measure('', bytes, runsOnce, 1);
    repair.runs.push(...a.runs);
    runs.runs.push(...b.runs);
    shares.push(b.seconds / a.seconds);
  }
  repair.seconds = median(repair.runs);
  runs.seconds = median(runs.runs);
  rows.push(repair, runs);
  ratios.push(`${name}: ${(100 * median(shares)).toFixed(1)} %`);
}
printTable(rows, rows[0]);
console.log(`\nlanguage test / repair stage (median of paired runs; an upper bound, target <= 10 %): ${ratios.join(', ')}`);
