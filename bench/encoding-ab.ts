/**
 * The encoding stage alone on damaged text, two builds alternated in one process (both see the
 * same load, so their ratio holds on a busy machine where MB/s do not):
 *
 *   npm run build && npx tsx bench/encoding-ab.ts --against OTHER/dist/index.js [--mb 0.5] [--reps 9] [--only tcvn3,viqr]
 *
 * For each legacy-font and mojibake row of damaged.ts (the same damage of the same corpus text),
 * CPU time, median of `--reps` alternated runs, of:
 * - `stage`: `runStages` with the encoding stage alone, as damaged.ts times it (the stage and the
 *   edit bookkeeping of `fixLine` / `EditTracker` around it);
 * - `calls`: the stage's own `mayApply` and `run` on every line, nothing around them;
 * - `floor` (this build only): `runStages` with a stage that hands back the edits the encoding
 *   stage made of each line, looked up by the line: what the bookkeeping costs whatever the stage.
 * Each against decode + NFC of the same bytes, timed in the same rounds.
 */
import { cpuSeconds, loadBuild, median } from './ab-builds.js';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';

interface Build {
  encodingStage: () => Stage;
  runStages: (input: string, stages: readonly Stage[]) => { text: string; edits: readonly unknown[] };
}
interface Stage {
  name: string;
  mayApply?(line: string): boolean;
  run(line: string): readonly unknown[];
}

/** The rows timed unless `--only` names others (any of damaged-rows.ts). */
const DEFAULT_ROWS = 'tcvn3,vni,viscii,vps,cp1258,viqr,utf8-as-cp1252,cp1252-c1-lost,partial-cp1252';

async function main(): Promise<void> {
  const against = stringOption('against', '');
  if (against === '') throw new Error('--against OTHER/dist/index.js: the build to compare with');
  const mb = numberOption('mb', 0.5);
  const reps = numberOption('reps', 9);
  const only = stringOption('only', '');
  const a = await loadBuild<Build>(stringOption('build', 'dist/index.js'));
  const b = await loadBuild<Build>(against);
  const clean = cleanSample(mb * 1e6);
  const decoder = new TextDecoder();
  const rows = chosenRows(only === '' ? DEFAULT_ROWS : only);
  console.log('row             MB  base MB/s | stage MB/s (x base): this / other = ratio | calls MB/s: this / other = ratio | floor MB/s (x base)');
  for (const { name, damage } of rows) {
    const text = damage(clean);
    const bytes = new TextEncoder().encode(text);
    const lines = text.split('\n');
    const stageA = a.encodingStage();
    const stageB = b.encodingStage();
    // The floor: this build's edits of each line, handed back by the line. Kept as copies: edits
    // the stage made and the bench keeps alive would teach V8 to allocate that stage's edits in
    // the old generation from then on, and slow down this build's `stage` and `calls` alone
    // (identical builds gave ratios of 0.6-0.9).
    const made = new Map<string, readonly unknown[]>();
    const replay: Stage = { name: 'encoding', mayApply: (line) => stageA.mayApply!(line), run: (line) => made.get(line) ?? [] };
    for (const line of lines) if (stageA.mayApply!(line)) made.set(line, stageA.run(line).map((e) => ({ ...(e as object) })));
    const calls = (stage: Stage) => () => {
      let edits = 0;
      for (const line of lines) if (stage.mayApply!(line)) edits += stage.run(line).length;
      return edits;
    };
    for (const [build, stage] of [[a, stageA], [b, stageB]] as const) {
      build.runStages(text, [stage]);
      calls(stage)();
    }
    const t = { base: [] as number[], stageA: [] as number[], stageB: [] as number[], callsA: [] as number[], callsB: [] as number[], floor: [] as number[] };
    const timeA = () => {
      t.stageA.push(cpuSeconds(() => a.runStages(decoder.decode(bytes), [stageA])));
      t.callsA.push(cpuSeconds(calls(stageA)));
    };
    const timeB = () => {
      t.stageB.push(cpuSeconds(() => b.runStages(decoder.decode(bytes), [stageB])));
      t.callsB.push(cpuSeconds(calls(stageB)));
    };
    for (let r = 0; r < reps; r++) {
      t.base.push(cpuSeconds(() => decoder.decode(bytes).normalize('NFC')));
      // Each build goes first in every other round: the garbage of the run before (the floor's
      // edits are many) is collected in the next one.
      if (r % 2 === 0) {
        timeA();
        timeB();
      } else {
        timeB();
        timeA();
      }
      t.floor.push(cpuSeconds(() => a.runStages(decoder.decode(bytes), [replay])));
    }
    const size = bytes.length / 1e6;
    const rate = (xs: number[]) => (size / median(xs)).toFixed(1);
    const times = (xs: number[]) => (median(t.base) / median(xs)).toFixed(3);
    const ratio = (x: number[], y: number[]) => (median(y) / median(x)).toFixed(2);
    console.log(
      `${name.padEnd(15)} ${size.toFixed(2)} ${rate(t.base).padStart(6)} | ${rate(t.stageA)} (${times(t.stageA)}) / ${rate(t.stageB)} (${times(t.stageB)}) = ${ratio(t.stageA, t.stageB)}` +
        ` | ${rate(t.callsA)} / ${rate(t.callsB)} = ${ratio(t.callsA, t.callsB)} | ${rate(t.floor)} (${times(t.floor)})`,
    );
  }
  console.log(`\nCPU time, median of ${reps} alternated runs; ratio = this build's speed / the other's`);
}

await main();
