/**
 * Where the encoding stage's time goes on one damaged row of damaged.ts: the stage alone through
 * `runStages`, as damaged.ts times it, profiled by V8 after a warm-up run (so the word caches and
 * lazy tables are built, as in the bench's timed runs), the functions listed by their own time
 * and by the time spent inside them:
 *
 *   npm run build && npx tsx bench/encoding-profile.ts --only utf8-as-cp1252 [--mb 0.5] [--reps 5] [--top 25] [--build dist/index.js] [--out row.cpuprofile]
 *
 * The build's bundle is profiled (not the sources), so the names are those of dist/index.js;
 * `--out` keeps the profile for Chrome DevTools or `speedscope`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';

interface Build {
  encodingStage: () => unknown;
  runStages: (input: string, stages: readonly unknown[]) => unknown;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Each function's own time and the time inside it (a function counted once per stack), in shares of the whole. */
function tally(profile: Profile): { own: Map<string, number>; inside: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const own = new Map<string, number>();
  const inside = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const dt = profile.timeDeltas[k] ?? 0;
    total += dt;
    own.set(name(byId.get(id)!), (own.get(name(byId.get(id)!)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inside.set(key, (inside.get(key) ?? 0) + dt);
    }
  });
  return { own, inside, total };
}

async function main(): Promise<void> {
  const only = stringOption('only', 'utf8-as-cp1252');
  const [row] = chosenRows(only);
  if (row === undefined) throw new Error(`--only ${only}: no such row of damaged-rows.ts`);
  const build = (await import(pathToFileURL(resolve(stringOption('build', 'dist/index.js'))).href)) as Build;
  const text = row.damage(cleanSample(numberOption('mb', 0.5) * 1e6));
  const reps = numberOption('reps', 5);
  const top = numberOption('top', 25);
  const stage = build.encodingStage();
  build.runStages(text, [stage]);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  for (let r = 0; r < reps; r++) build.runStages(text, [stage]);
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const out = stringOption('out', '');
  if (out !== '') writeFileSync(out, JSON.stringify(profile));
  const mb = (new TextEncoder().encode(text).length * reps) / 1e6;
  console.log(`${row.name}: ${(mb / ((used.user + used.system) / 1e6)).toFixed(1)} MB/s CPU while profiled, ${reps} runs`);
  const { own, inside, total } = tally(profile);
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(6)}%  ${k}`)
      .join('\n');
  console.log(`\nown time\n${list(own)}\n\ntime inside\n${list(inside)}`);
}

await main();
