/**
 * The repair stage alone, two builds alternated in one process (both see the same load, so their
 * ratio holds on a busy machine where MB/s do not):
 *
 *   npm run build && npx tsx bench/repair-ab.ts --against OTHER/dist/index.js [--mb 0.3] [--reps 7] [--only nomarks,tones]
 *
 * Rows, all from the same corpus sample as `repair.ts`: text without any marks (`nomarks`),
 * without tones (`tones`), OCR-like text damaged afresh for every run (`ocr-fresh`: the same
 * seed for both builds in a run), the same damaged text every run (`ocr-repeated`), and clean
 * text (`clean`). Each build keeps one repair stage for all its runs, as `repair.ts` does. CPU
 * time, median of `--reps` alternated runs after one warm-up run of each; the ratio is this
 * build's speed over the other's. Every run also compares the two builds' results (text and
 * edits): a row whose outputs differ is flagged.
 */
import { cpuSeconds, loadBuild, median } from './ab-builds.js';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';

interface Build {
  repairStage: () => unknown;
  runStages: (input: string, stages: readonly unknown[]) => { text: string; edits: readonly unknown[] };
  stripDiacritics: (text: string, what?: 'tones') => string;
  simulateDamage: (text: string, options: { rate: number; seed: number }) => string;
}

const ROWS = ['nomarks', 'tones', 'ocr-fresh', 'ocr-repeated', 'clean'] as const;
type Row = (typeof ROWS)[number];

async function main(): Promise<void> {
  const against = stringOption('against', '');
  if (against === '') throw new Error('--against OTHER/dist/index.js: the build to compare with');
  const mb = numberOption('mb', 0.3);
  const reps = numberOption('reps', 7);
  const only = stringOption('only', ROWS.join(',')).split(',') as Row[];
  const a = await loadBuild<Build>(stringOption('build', 'dist/index.js'));
  const b = await loadBuild<Build>(against);
  const clean = cleanSample(mb * 1e6);
  /** The row's text for run `r` (run 0 is the warm-up). */
  const textOf = (row: Row, r: number): string => {
    switch (row) {
      case 'nomarks':
        return a.stripDiacritics(clean);
      case 'tones':
        return a.stripDiacritics(clean, 'tones');
      case 'ocr-fresh':
        return a.simulateDamage(clean, { rate: 0.1, seed: 1 + r });
      case 'ocr-repeated':
        return a.simulateDamage(clean, { rate: 0.1, seed: 1 });
      case 'clean':
        return clean;
    }
  };
  console.log('row            MB | this MB/s / other MB/s = ratio | outputs');
  for (const row of only) {
    if (!ROWS.includes(row)) throw new Error(`--only: no row ${row} (rows: ${ROWS.join(', ')})`);
    const stageA = [a.repairStage()];
    const stageB = [b.repairStage()];
    const ta: number[] = [];
    const tb: number[] = [];
    let same = true;
    let size = 0;
    for (let r = 0; r <= reps; r++) {
      const text = textOf(row, r);
      size = Buffer.byteLength(text) / 1e6;
      let outA: { text: string; edits: readonly unknown[] } | undefined;
      let outB: typeof outA;
      // Alternate which build goes first, so that neither always runs on a warmer machine.
      const runA = () => cpuSeconds(() => (outA = a.runStages(text, stageA)));
      const runB = () => cpuSeconds(() => (outB = b.runStages(text, stageB)));
      let sa: number;
      let sb: number;
      if (r % 2 === 0) {
        sa = runA();
        sb = runB();
      } else {
        sb = runB();
        sa = runA();
      }
      if (r > 0) {
        ta.push(sa);
        tb.push(sb);
      }
      if (outA!.text !== outB!.text || JSON.stringify(outA!.edits) !== JSON.stringify(outB!.edits)) same = false;
    }
    const rate = (xs: number[]) => (size / median(xs)).toFixed(3);
    console.log(
      `${row.padEnd(13)} ${size.toFixed(2)} | ${rate(ta)} / ${rate(tb)} = ${(median(tb) / median(ta)).toFixed(3)} | ${same ? 'identical' : 'DIFFER'}`,
    );
  }
  console.log(`\nCPU time, median of ${reps} alternated runs after a warm-up; ratio = this build's speed / the other's`);
}

await main();
