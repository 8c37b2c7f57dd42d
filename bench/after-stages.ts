/**
 * What the stages after the repairing one cost on damaged text: for each damaged row of
 * bench/damaged.ts, the stage that repairs it alone, `fix` with all stages, their difference
 * ("after": the later stages and the OCR judge on the repaired lines), and `fix` on the same
 * corpus text undamaged, in CPU milliseconds of the process (user + system, median of the runs).
 *
 *   npx tsx bench/after-stages.ts [--mb 0.5] [--reps 5] [--only nfd,legacy] [--against OTHER/dist/index.js]
 *
 * With `--against`, another build's bundle is loaded into the same process and every timed run
 * alternates between the two (this checkout, then the other), so both see the same load on a
 * shared machine; the last columns give this checkout's `fix` time over the other's and
 * whether both gave the same result (text and edits).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as here from '../src/index.js';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows, type DamagedRow } from './damaged-rows.js';

type Library = Pick<typeof here, 'fix' | 'runStages' | 'buildStages'>;

const mb = numberOption('mb', 0.5);
const reps = numberOption('reps', 5);
const against = stringOption('against', '');
const builds: { name: string; lib: Library }[] = [{ name: 'this checkout', lib: here }];
if (against !== '') builds.push({ name: against, lib: (await import(pathToFileURL(resolve(against)).href)) as Library });

/** The stage that repairs a row's damage, alone, as `lib` builds it. */
function stageOf(lib: Library, group: DamagedRow['group']) {
  return lib.buildStages(group === 'unicode' ? { encoding: false, repair: false } : { unicode: false, repair: false });
}

function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const digest = (result: unknown) => createHash('sha256').update(JSON.stringify(result)).digest('hex');

const clean = cleanSample(mb * 1e6);
const header = ['damage', 'MB'];
for (const b of builds) header.push(`${builds.length > 1 ? `${b === builds[0] ? 'A' : 'B'} ` : ''}stage`, 'all', 'after', 'clean all');
if (builds.length > 1) header.push('all A/B', 'same');
console.log(header.join('\t'));
for (const row of chosenRows(stringOption('only', ''))) {
  const text = row.damage(clean);
  const timed = builds.map((b) => {
    const stages = stageOf(b.lib, row.group);
    const runs = { alone: [] as number[], all: [] as number[], clean: [] as number[] };
    const work = { alone: () => b.lib.runStages(text, stages), all: () => b.lib.fix(text), clean: () => b.lib.fix(clean) };
    return { runs, work, hash: digest(work.all()) }; // the first run of each warms up, untimed
  });
  for (const t of timed) t.work.alone(), t.work.clean();
  for (let r = 0; r < reps; r++) {
    for (const t of timed) for (const k of ['alone', 'all', 'clean'] as const) t.runs[k].push(cpuMs(t.work[k]));
  }
  const cells = [row.name, (Buffer.byteLength(text) / 1e6).toFixed(2)];
  for (const t of timed) {
    const alone = median(t.runs.alone);
    const all = median(t.runs.all);
    cells.push(alone.toFixed(1), all.toFixed(1), (all - alone).toFixed(1), median(t.runs.clean).toFixed(1));
  }
  if (timed.length > 1) {
    cells.push((median(timed[0].runs.all) / median(timed[1].runs.all)).toFixed(3), timed[0].hash === timed[1].hash ? 'yes' : 'NO');
  }
  console.log(cells.join('\t'));
}
console.log(`\nCPU ms of the process, median of ${reps} runs; "after" = all - stage`);
