/**
 * CPU time of context repair on text typed without diacritics (and on OCR-like text), for
 * paired comparisons between two checkouts on a busy machine, where wall-clock MB/s says little:
 *
 *   npx tsx bench/decoder-cpu.ts [--mb 0.3] [--reps 3] [--against OTHER/dist/index.js]
 *
 * Prints user+system CPU seconds per run (process.cpuUsage) and a hash of the output, so that
 * two checkouts can be compared both for speed (ratio of CPU times) and for identical output.
 * The first run of each text fills the candidate caches and is not timed. The OCR-like text
 * is timed twice: repeated (every word's candidates cached) and damaged afresh for each run.
 *
 * With `--against`, the other checkout's built bundle is loaded into the same process and the
 * runs alternate between the two (this checkout, the other, …): both see the same load, which
 * on a shared machine drifts more between processes than the difference being measured. Each
 * keeps its own model and caches, so neither warms the other's.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as here from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { numberOption, stringOption } from './args.js';

type Library = Pick<typeof here, 'repairStage' | 'runStages'>;

const mb = numberOption('mb', 0.3);
const reps = numberOption('reps', 3);
const against = stringOption('against', '');
const builds: { name: string; lib: Library }[] = [{ name: 'this checkout', lib: here }];
if (against !== '') builds.push({ name: against, lib: (await import(pathToFileURL(resolve(against)).href)) as Library });

const clean = cleanSample(mb * 1e6);
/** Each path's texts: the warm-up run's, then one per timed run. */
const repeated = (text: string) => Array.from({ length: reps + 1 }, () => text);
const inputs: Record<string, string[]> = {
  'without diacritics': repeated(here.stripDiacritics(clean)),
  'OCR-like': repeated(here.simulateDamage(clean, { rate: 0.1, seed: 1 })),
  // Damaged afresh for every run (as bench/repair.ts does): its damaged words are new to the
  // candidate caches, as in real text.
  'OCR-like, fresh damage': Array.from({ length: reps + 1 }, (_, k) => here.simulateDamage(clean, { rate: 0.1, seed: 100 + k })),
};
const stages = builds.map(({ lib }) => [lib.repairStage()]);
for (const [name, texts] of Object.entries(inputs)) {
  // Warm-up: loads the model, fills the candidate caches, compiles.
  builds.forEach(({ lib }, b) => lib.runStages(texts[0], stages[b]));
  const times = builds.map((): number[] => []);
  const digests = builds.map(() => '');
  const text = texts[0];
  for (let r = 0; r < reps; r++) {
    builds.forEach(({ lib }, b) => {
      const before = process.cpuUsage();
      const out = lib.runStages(texts[r + 1], stages[b]);
      const used = process.cpuUsage(before);
      times[b].push((used.user + used.system) / 1e6);
      // The text and every edit (span, kind, confidence): two checkouts agree only if all agree.
      digests[b] = createHash('sha1').update(JSON.stringify(out)).digest('hex').slice(0, 12);
    });
  }
  const bests = times.map((t) => Math.min(...t));
  builds.forEach(({ name: build }, b) => {
    const ratio = b > 0 ? `, ${(bests[b] / bests[0]).toFixed(2)}× this checkout` : '';
    console.log(
      `${name} [${build}]: cpu ${times[b].map((t) => t.toFixed(2)).join(' ')} s, best ${bests[b].toFixed(2)} s, ` +
        `${(Buffer.byteLength(text) / 1e6 / bests[b]).toFixed(2)} MB/cpu-s${ratio}, output ${digests[b]}`,
    );
  });
}
