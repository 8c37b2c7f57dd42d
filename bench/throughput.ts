/**
 * Throughput of each path of `fix`, in MB/s of UTF-8 input, and its ratio to the baseline
 * `TextDecoder.decode` + `normalize('NFC')` of the same bytes, measured in the same process
 * (absolute speeds drift on shared machines; ratios hold):
 *
 *   npx tsx bench/throughput.ts [--mb 4] [--reps 7] [--clock wall|cpu]
 *
 * `--clock cpu` times the process's own CPU time (user + system) instead of the wall clock: on a
 * machine shared with other work the wall clock counts the time spent waiting for a core.
 *
 * Each measurement runs `reps` times after a warm-up and reports the median. To add a path
 * (encoding repair, context repair), give {@link measure} its bytes and function and push the
 * result into the table in `main`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStages, encodingStage, fix, runStages } from '../src/index.js';
import { cleanSample } from './corpus-sample.js';
import { mojibake } from './damage.js';
import { numberOption, stringOption } from './args.js';

/** One row of the table. */
export interface Measurement {
  name: string;
  /** Input size in bytes. */
  bytes: number;
  /** Median seconds of one run. */
  seconds: number;
  /** Every run, in seconds. */
  runs: number[];
}

/**
 * Times `fn(bytes)` `reps` times after one warm-up run and returns the median. `fn` gets the
 * raw UTF-8 bytes, so that decoding is part of what is timed where a path includes it.
 */
export function measure(name: string, bytes: Uint8Array, fn: (bytes: Uint8Array) => unknown, reps = 7, cpu = false): Measurement {
  let sink: unknown = fn(bytes); // warm-up: JIT, lazy tables
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    sink = fn(bytes);
    const c = process.cpuUsage(c0);
    runs.push(cpu ? (c.user + c.system) / 1e6 : (performance.now() - t0) / 1000);
  }
  if (sink === undefined) throw new Error(`${name}: the measured function returned nothing`);
  const sorted = [...runs].sort((a, b) => a - b);
  return { name, bytes: bytes.length, seconds: sorted[Math.floor(sorted.length / 2)], runs };
}

/**
 * Times `fn` once on each of `inputs` after a warm-up run on `warmUp`, and returns the median
 * seconds per byte scaled to the inputs' mean size. For damage that should be new to the
 * caches at every run (each input damaged with its own seed), as it is in real text.
 */
export function measureEach(
  name: string,
  warmUp: Uint8Array,
  inputs: readonly Uint8Array[],
  fn: (bytes: Uint8Array) => unknown,
): Measurement {
  let sink: unknown = fn(warmUp);
  const perByte: number[] = [];
  for (const bytes of inputs) {
    const t0 = performance.now();
    sink = fn(bytes);
    perByte.push((performance.now() - t0) / 1000 / bytes.length);
  }
  if (sink === undefined) throw new Error(`${name}: the measured function returned nothing`);
  const mean = inputs.reduce((sum, b) => sum + b.length, 0) / inputs.length;
  const sorted = [...perByte].sort((a, b) => a - b);
  return { name, bytes: Math.round(mean), seconds: sorted[Math.floor(sorted.length / 2)] * mean, runs: perByte.map((x) => x * mean) };
}

/** MB/s (10^6 bytes) of a measurement. */
export function megabytesPerSecond(m: Measurement): number {
  return m.bytes / 1e6 / m.seconds;
}

/** Prints a table of measurements with their ratio to `baseline` (1 = as fast as the baseline). */
export function printTable(rows: readonly Measurement[], baseline: Measurement): void {
  const header = ['path', 'MB', 'median ms', 'MB/s', 'x baseline'];
  const body = rows.map((m) => [
    m.name,
    (m.bytes / 1e6).toFixed(2),
    (m.seconds * 1000).toFixed(1),
    megabytesPerSecond(m).toFixed(1),
    (baseline.seconds / m.seconds).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}


function main(): void {
  const mb = numberOption('mb', 4);
  const cpu = stringOption('clock', 'wall') === 'cpu';
  const reps = numberOption('reps', 7);
  const time = (name: string, bytes: Uint8Array, fn: (bytes: Uint8Array) => unknown) => measure(name, bytes, fn, reps, cpu);
  const clean = new TextEncoder().encode(cleanSample(mb * 1e6));
  const decoder = new TextDecoder();

  const baseline = time('decode + NFC (baseline)', clean, (b) => decoder.decode(b).normalize('NFC'));
  const cleanRow = time('fix, clean text (decode + fix)', clean, (b) => fix(decoder.decode(b)));
  const rows = [baseline, time('decode only', clean, (b) => decoder.decode(b)), cleanRow];
  // Where the clean path's time goes: decoding plus each default stage on its own.
  for (const stage of buildStages()) {
    rows.push(time(`  decode + ${stage.name} stage alone`, clean, (b) => runStages(decoder.decode(b), [stage])));
  }
  // Encoding repair, on damage made from the same text (UTF-8 read as Windows-1252) and against
  // the baseline on those bytes.
  const damaged = new TextEncoder().encode(mojibake(decoder.decode(clean)));
  const encoding = [encodingStage({})];
  rows.push(time('decode + NFC, mojibake bytes (baseline 2)', damaged, (b) => decoder.decode(b).normalize('NFC')));
  rows.push(time('fix, mojibake text (decode + fix)', damaged, (b) => fix(decoder.decode(b))));
  rows.push(time('  decode + encoding stage alone, mojibake', damaged, (b) => runStages(decoder.decode(b), encoding)));
  printTable(rows, baseline);
  const changed = fix(decoder.decode(clean)).edits.length;
  console.log(`\nclean path: ${(baseline.seconds / cleanRow.seconds).toFixed(2)} x baseline (target >= 0.33, aim 0.5); edits on clean text: ${changed}`);
  console.log(`clock: ${cpu ? 'CPU time of the process' : 'wall'}; ${reps} runs, median`);
}

// Run as a script; importing the module for `measure` / `printTable` runs nothing.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
