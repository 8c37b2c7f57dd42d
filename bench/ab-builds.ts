/**
 * What the same-process A/B benches share (`encoding-ab.ts`, `repair-ab.ts`): a build loaded by
 * the path of its bundle, the CPU time of a call, and the median of runs.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The module of a build (`dist/index.js` of a checkout), typed as the caller needs it. */
export async function loadBuild<Build>(path: string): Promise<Build> {
  return (await import(pathToFileURL(resolve(path)).href)) as Build;
}

/** The CPU time (user + system) of one call, in seconds: steadier than the wall clock on a shared machine. */
export function cpuSeconds(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
