/**
 * Two builds of the Unicode stage compared in one process: for each damage of bench/damaged.ts's
 * Unicode rows, `runStages` with the stage alone (`buildStages({ encoding: false, repair: false })`)
 * of build A and of build B, run alternately on the same text (the order swapped every round),
 * with decode + NFC of the same bytes measured between them. On a shared machine two separate
 * runs of a bench differ by more than most changes do; alternating in one process shares the
 * load between A and B, so their ratio is the figure to compare.
 *
 *   npx tsx bench/unicode-ab.ts --a /path/to/main/dist --b dist [--mb 0.5] [--runs 9] [--only nfd,mixed]
 *
 * A build is a `dist/` folder of `npm run build` (its `../data` is where it reads the bundled
 * language profiles: keep a copy of main's dist in a checkout of main, or next to a link to data/).
 * Columns: MB/s of each (median CPU time), B's × decode + NFC, B/A of the medians and of the
 * fastest runs.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';


interface Build {
  runStages(input: string, stages: readonly unknown[]): unknown;
  buildStages(options: object): unknown[];
}

async function stageOf(dist: string): Promise<(text: string) => unknown> {
  const build = (await import(pathToFileURL(resolve(dist, 'index.js')).href)) as Build;
  const stages = build.buildStages({ encoding: false, repair: false });
  return (text) => build.runStages(text, stages);
}

function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

async function main(): Promise<void> {
  const a = stringOption('a', '');
  const b = stringOption('b', '');
  if (a === '' || b === '') throw new Error('--a and --b name the dist/ folders of the two builds');
  const runs = numberOption('runs', 9);
  const only = stringOption('only', '');
  const rows = chosenRows(only === '' ? 'unicode' : only).filter((row) => row.group === 'unicode');
  const stageA = await stageOf(a);
  const stageB = await stageOf(b);
  const clean = cleanSample(numberOption('mb', 0.5) * 1e6);
  const decoder = new TextDecoder();
  console.log('damage      MB  decode+NFC MB/s  A MB/s  B MB/s  B x base   B/A  B/A fastest');
  for (const { name, damage } of rows) {
    const bytes = new TextEncoder().encode(damage(clean));
    const mb = bytes.length / 1e6;
    stageA(decoder.decode(bytes)); // warm-up: JIT, lazy tables
    stageB(decoder.decode(bytes));
    const base: number[] = [];
    const ta: number[] = [];
    const tb: number[] = [];
    for (let r = 0; r < runs; r++) {
      base.push(cpuMs(() => decoder.decode(bytes).normalize('NFC')));
      const first = r % 2 === 0 ? [stageA, ta] : [stageB, tb];
      const second = r % 2 === 0 ? [stageB, tb] : [stageA, ta];
      for (const [stage, times] of [first, second] as [(text: string) => unknown, number[]][]) {
        times.push(cpuMs(() => stage(decoder.decode(bytes))));
      }
    }
    const rate = (ms: number) => mb / (ms / 1000);
    const [n, ra, rb] = [rate(median(base)), rate(median(ta)), rate(median(tb))];
    console.log(
      `${name.padEnd(10)} ${mb.toFixed(2)}  ${n.toFixed(1).padStart(15)}  ${ra.toFixed(1).padStart(6)}  ${rb.toFixed(1).padStart(6)}  ${(rb / n).toFixed(3).padStart(8)}  ${(rb / ra).toFixed(2).padStart(4)}  ${(Math.min(...ta) / Math.min(...tb)).toFixed(2).padStart(11)}`,
    );
  }
  console.log(`\nclock: CPU time of the process; ${runs} alternating runs each, median`);
}

await main();
