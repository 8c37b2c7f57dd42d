/**
 * The encoding stage alone on damaged text it has not seen, two builds in one process. The
 * stage remembers what it found for word forms and contexts (the same come back line after
 * line), so a bench that warms up on the very text it then times (damaged.ts, encoding-ab.ts)
 * times those memos as well as the stage: here each build warms up on one part of the corpus
 * sample and is timed once on another, damaged the same way, as a document read for the first
 * time is:
 *
 *   npm run build && npx tsx bench/encoding-first-pass.ts --against OTHER/dist/index.js [--mb 0.3] [--only letters-replaced,utf8-as-macroman]
 *
 * For each row: CPU seconds of `runStages` with the encoding stage alone on the unseen part,
 * MB/s of each build and the ratio (this / other). The builds are timed in turn, which first
 * alternating from row to row.
 */
import { numberOption, stringOption } from './args.js';
import { cpuSeconds, loadBuild } from './ab-builds.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';

interface Build {
  encodingStage: () => unknown;
  runStages: (input: string, stages: readonly unknown[]) => unknown;
}

async function main(): Promise<void> {
  const against = stringOption('against', '');
  if (against === '') throw new Error('--against OTHER/dist/index.js: the build to compare with');
  const mb = numberOption('mb', 0.3);
  const a = await loadBuild<Build>(stringOption('build', 'dist/index.js'));
  const b = await loadBuild<Build>(against);
  // Two parts of distinct lines (the corpus sample repeats only past about 0.7 MB).
  const lines = cleanSample(2 * mb * 1e6).split('\n');
  const half = lines.length >> 1;
  const warmUp = lines.slice(0, half).join('\n');
  const unseen = lines.slice(half).join('\n');
  console.log('row                  MB | first pass MB/s: this / other = ratio');
  chosenRows(stringOption('only', 'mojibake')).forEach(({ name, damage }, k) => {
    const timed = damage(unseen);
    const stages = [a, b].map((build) => {
      const stage = build.encodingStage();
      build.runStages(damage(warmUp), [stage]);
      return stage;
    });
    const seconds = [0, 0];
    for (const i of k % 2 === 0 ? [0, 1] : [1, 0]) seconds[i] = cpuSeconds(() => [a, b][i].runStages(timed, [stages[i]]));
    const size = Buffer.byteLength(timed) / 1e6;
    console.log(
      `${name.padEnd(20)} ${size.toFixed(2)} | ${(size / seconds[0]).toFixed(1)} / ${(size / seconds[1]).toFixed(1)} = ${(seconds[1] / seconds[0]).toFixed(2)}`,
    );
  });
  console.log('\nCPU time, one run each after a warm-up on other text of the same damage');
}

await main();
