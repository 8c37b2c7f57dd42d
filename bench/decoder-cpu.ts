/**
 * CPU time of context repair on text typed without diacritics (and on OCR-like text), for
 * paired comparisons between two checkouts on a busy machine, where wall-clock MB/s says little:
 *
 *   npx tsx bench/decoder-cpu.ts [--mb 0.3] [--reps 3]
 *
 * Prints user+system CPU seconds per run (process.cpuUsage) and a hash of the output, so that
 * two checkouts can be compared both for speed (ratio of CPU times, runs alternated between the
 * two so that both see the same load) and for identical output. The first run of each text
 * fills the candidate caches; compare the best of the later runs.
 */
import { createHash } from 'node:crypto';
import { repairStage, runStages, simulateDamage, stripDiacritics } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { numberOption } from './args.js';

const mb = numberOption('mb', 0.3);
const reps = numberOption('reps', 3);
const clean = cleanSample(mb * 1e6);
const stage = [repairStage()];
runStages('Tieng Viet', stage); // load the model before timing
const inputs: Record<string, string> = {
  'without diacritics': stripDiacritics(clean),
  'OCR-like': simulateDamage(clean, { rate: 0.1, seed: 1 }),
};
for (const [name, text] of Object.entries(inputs)) {
  const times: number[] = [];
  let digest = '';
  for (let r = 0; r < reps; r++) {
    const before = process.cpuUsage();
    const out = runStages(text, stage);
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1e6);
    // The text and every edit (span, kind, confidence): two checkouts agree only if all agree.
    digest = createHash('sha1').update(JSON.stringify(out)).digest('hex').slice(0, 12);
  }
  const best = Math.min(...times);
  console.log(`${name}: cpu ${times.map((t) => t.toFixed(2)).join(' ')} s, best ${best.toFixed(2)} s, ${(Buffer.byteLength(text) / 1e6 / best).toFixed(2)} MB/cpu-s, output ${digest}`);
}
