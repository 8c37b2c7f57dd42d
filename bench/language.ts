/**
 * What the language test costs the repair path, single thread:
 *
 *   npx tsx bench/language.ts [--mb 1] [--reps 5]
 *
 * For OCR-like text (clean corpus text with simulated scan damage on 10% of the syllables,
 * damaged afresh for every run) and text typed without diacritics, it times `languageRuns` on
 * every line (tokens made beforehand and `verdictsOnly`, as the stage calls it) and then the repair stage on the
 * same text, in CPU time of this process. The stage runs the language test only on lines that
 * show damage, so the ratio of the two is an upper bound on its share of the repair time.
 */
import { languageRuns, repairStage, runStages, simulateDamage, stripDiacritics, tokenize } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { numberOption } from './args.js';


const mb = numberOption('mb', 1);
const reps = numberOption('reps', 5);
const clean = cleanSample(mb * 1e6);
/** Fresh text for every run: damaged words new to the caches, as in real text. */
const inputs: Record<string, (run: number) => string> = {
  'OCR-like': (run) => simulateDamage(clean, { rate: 0.1, seed: 1 + run }),
  'without diacritics': () => stripDiacritics(clean),
};

/** CPU milliseconds of the main thread spent in `fn` (less disturbed by other processes than wall time). */
function cpuMs(fn: () => unknown): number {
  const t0 = process.cpuUsage().user;
  fn();
  return (process.cpuUsage().user - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stage = [repairStage()];
runStages('Tieng Viet', stage); // load the model and the language profiles before timing
languageRuns('Tieng Viet');
console.log('path                          repair ms  language ms  language / repair');
const summary: string[] = [];
for (const [name, make] of Object.entries(inputs)) {
  const shares: number[] = [];
  const repairMs: number[] = [];
  const languageMs: number[] = [];
  for (let run = 0; run <= reps; run++) {
    const text = make(run);
    const lines = text.split('\n').map((line) => ({ line, tokens: tokenize(line) }));
    // The language test first, on words it has not seen: the stage after it finds them known,
    // so the share is an upper bound twice over.
    const language = cpuMs(() => {
      let n = 0;
      for (const { line, tokens } of lines) n += languageRuns(line, { tokens, verdictsOnly: true }).length;
      return n;
    });
    const repair = cpuMs(() => runStages(text, stage));
    if (run === 0) continue; // warm-up
    repairMs.push(repair);
    languageMs.push(language);
    shares.push(language / repair);
  }
  const share = 100 * median(shares);
  console.log(`${name.padEnd(28)} ${median(repairMs).toFixed(0).padStart(9)}  ${median(languageMs).toFixed(0).padStart(11)}  ${share.toFixed(1).padStart(16)} %`);
  summary.push(`${name} ${share.toFixed(1)} %`);
}
console.log(`\nlanguage test / repair stage (CPU time, median of ${reps} paired runs; target <= 10 %): ${summary.join(', ')}`);
