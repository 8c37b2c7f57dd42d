/**
 * What each stage of `fix`'s plan does with the lines of each Unicode damage of bench/damaged.ts
 * (and of the same text undamaged): how many lines its `mayApply` lets through, how many edits
 * its runs make and their CPU time, on the damaged lines (the stages up to the Unicode stage:
 * those after it never see them in `fix`) and again on the lines as the Unicode stage leaves them. A stage that runs on many lines and makes no edit spends the time the
 * "all stages" column of damaged.ts loses to the stage alone.
 *
 *   npx tsx bench/stage-lines.ts [--mb 0.5] [--reps 3] [--only nfd,mixed]
 *
 * Columns per stage and text: lines let through / lines, edits, ms of its runs (median CPU time
 * of `reps` passes over the lines, each line asked by `mayApply` first as `fixLine` asks it).
 *
 * A second table splits the Unicode stage alone as damaged.ts times it (`runStages` with that
 * stage): the stage's own `run` over the lines, and the floor, `runStages` with a stage that
 * hands back the same edits precomputed (the edit bookkeeping and the report, whatever the
 * stage costs), each in MB/s and × decode + NFC of the same bytes.
 */
import { buildStages, runStages } from '../src/index.js';
import type { Stage } from '../src/stage.js';
import type { StageEdit } from '../src/types.js';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';

interface StageLines {
  through: number;
  edits: number;
  ms: number;
}

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** One stage over every line: lines let through, edits, median CPU ms of its runs. */
function stageLines(stage: Stage, lines: readonly string[], reps: number): StageLines {
  let through = 0;
  let edits = 0;
  const pass = (): void => {
    through = 0;
    edits = 0;
    for (const line of lines) {
      if (stage.mayApply && !stage.mayApply(line)) continue;
      through++;
      edits += stage.run(line).length;
    }
  };
  pass(); // warm-up: JIT, lazy tables
  const times: number[] = [];
  for (let r = 0; r < reps; r++) times.push(cpuMs(pass));
  return { through, edits, ms: [...times].sort((x, y) => x - y)[times.length >> 1] };
}

function main(): void {
  const reps = numberOption('reps', 3);
  const only = stringOption('only', '');
  const clean = cleanSample(numberOption('mb', 0.5) * 1e6);
  const rows = [{ name: 'clean', damage: (t: string) => t }, ...chosenRows(only === '' ? 'unicode' : only).filter((row) => row.group === 'unicode')];
  const stages = buildStages({});
  const unicode = stages.filter((stage) => stage.name === 'unicode');
  const cell = (s: StageLines, lines: number) => `${s.through}/${lines} ${s.edits} ${s.ms.toFixed(1)}`.padStart(22);
  console.log(`${'damage'.padEnd(10)} ${'text'.padEnd(8)} ${stages.map((stage) => `${stage.name}: through, edits, ms`.padStart(22)).join(' ')}`);
  for (const { name, damage } of rows) {
    const damaged = damage(clean);
    const settled = runStages(damaged, unicode).text;
    // In `fix` the stages after the Unicode stage see a damaged line only as it leaves it.
    const after = stages.findIndex((stage) => stage.name === 'unicode') + 1;
    for (const [label, text] of [['damaged', damaged], ['settled', settled]] as const) {
      const lines = text.split('\n');
      const cells = stages.map((stage, k) => (label === 'damaged' && k >= after ? '-'.padStart(22) : cell(stageLines(stage, lines, reps), lines.length)));
      console.log(`${name.padEnd(10)} ${label.padEnd(8)} ${cells.join(' ')}`);
    }
  }
  console.log(`\nclock: CPU time of the process; ${reps} passes, median. settled: the text as the Unicode stage alone leaves it`);
  console.log(`\n${'damage'.padEnd(10)} ${'decode+NFC'.padStart(10)} ${'stage run'.padStart(15)} ${'floor'.padStart(15)} ${'runStages'.padStart(15)}  MB/s (x decode+NFC)`);
  const decoder = new TextDecoder();
  for (const { name, damage } of rows.slice(1)) {
    const bytes = new TextEncoder().encode(damage(clean));
    const text = decoder.decode(bytes);
    const lines = text.split('\n');
    const made = new Map<string, StageEdit[]>();
    for (const line of lines) if (unicode[0].mayApply!(line)) made.set(line, unicode[0].run(line));
    // The edits copied at every run, as a stage makes new ones.
    const canned: Stage = { name: 'unicode', mayApply: (line) => made.has(line), run: (line) => made.get(line)!.map((e) => ({ ...e })) };
    const median = (fn: () => unknown) => {
      fn();
      const times: number[] = [];
      for (let r = 0; r < reps; r++) times.push(cpuMs(() => void fn()));
      return [...times].sort((x, y) => x - y)[times.length >> 1];
    };
    const base = median(() => decoder.decode(bytes).normalize('NFC'));
    const own = stageLines(unicode[0], lines, reps).ms;
    const floor = median(() => runStages(decoder.decode(bytes), [canned]));
    const whole = median(() => runStages(decoder.decode(bytes), unicode));
    const cellOf = (ms: number) => `${(bytes.length / 1e3 / ms).toFixed(1)} (${(base / ms).toFixed(3)})`.padStart(15);
    console.log(`${name.padEnd(10)} ${(bytes.length / 1e3 / base).toFixed(1).padStart(10)} ${cellOf(own)} ${cellOf(floor)} ${cellOf(whole)}`);
  }
  console.log('stage run: the stage\x27s own mayApply/run over the lines (no bookkeeping, edits dropped); floor: runStages with a stage handing back copies of precomputed edits');
}

main();
