/**
 * The `vietfix` command. Reads files or standard input, repairs the text and prints it,
 * checks it, diffs it or rewrites the files in place. See `vietfix --help`.
 *
 * The same bundle is the body of the worker threads (`--jobs`): see `pool.ts`.
 */
import { once } from 'node:events';
import { statSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import pkg from '../../package.json';
import { HELP, parseArgs, UsageError, type CliArgs } from './args.js';
import { newSharedGuard, removePendingTemps, useSharedGuard } from './atomic.js';
import { discover } from './discover.js';
import { formatForPath } from './formats.js';
import { runJsonl, type ByteSink } from './jsonl.js';
import { repairSettings } from './options.js';
import { defaultModelBytes } from '../model/default.js';
import { isPoolWorker, PER_WORKER, runWorker, WorkerPool, withSharedModel, type JobResult } from './pool.js';
import { processFile, processStream, type FileJob, type ProcessOptions, type Sink } from './process.js';
import { Progress } from './progress.js';
import { Repairer, type RepairSettings } from './repairer.js';
import { reportJson, summaryText, type FileOutcome } from './report.js';

/** Exit status: nothing to repair / done. */
const EXIT_OK = 0;
/** Exit status: `--check` found repairs. */
const EXIT_CHANGES = 1;
/** Exit status: usage error, or some input could not be processed. */
const EXIT_TROUBLE = 2;
/** Exit status after a signal: 128 + its number. */
const EXIT_SIGNAL: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/** Below this many bytes in all, files are repaired in the main thread unless `--jobs` says otherwise. */
const SMALL_RUN_BYTES = 1 << 20;

let progress: Progress | undefined;
let pool: WorkerPool | undefined;
/** Guards in-place copies in every thread against being cut short by a signal. */
const sharedGuard = newSharedGuard();

/** Writes to standard output, waiting when the pipe is full (bounded memory). */
function stdoutSink(): Sink & ByteSink {
  return {
    write(data: string | Uint8Array) {
      if (data.length === 0) return;
      if (!process.stdout.write(data)) return once(process.stdout, 'drain').then(() => undefined);
    },
  };
}

function say(line: string): void {
  progress?.clear();
  process.stderr.write(`vietfix: ${line}\n`);
}

/** A positive integer from the environment (tuning knobs, used by the tests of the streaming path). */
function envSize(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function processOptions(args: CliArgs): ProcessOptions {
  return {
    mode: args.mode,
    encoding: args.encoding,
    backup: args.backup,
    formatOutput: args.formatOutput,
    streamAbove: envSize('VIETFIX_STREAM_ABOVE', 16 << 20),
    // Small pieces keep little alive at a time: with 1 MB pieces V8 grows its heap to about
    // 300 MB on a long file, with 64 KB pieces to about 200 MB, at the same speed.
    chunkSize: envSize('VIETFIX_CHUNK_SIZE', 64 << 10),
    keepEdits: args.report !== undefined,
  };
}

/** Reports a skipped or failed input as soon as it is known. */
function announce(o: FileOutcome): void {
  for (const w of o.warnings ?? []) say(`${o.path}: warning: ${w}`);
  if (o.status === 'skipped') say(`skipping ${o.path}: ${o.reason}`);
  else if (o.status === 'error') say(`${o.path}: ${o.reason}`);
}

function failed(path: string, reason: string): FileOutcome {
  return { path, status: 'error', reason, converted: false, changed: false, written: false, bytes: 0, edits: 0, byKind: {}, sample: [] };
}

function exitCode(args: CliArgs, outcomes: readonly FileOutcome[]): number {
  if (outcomes.some((o) => o.status === 'error' || (o.status === 'skipped' && o.named))) return EXIT_TROUBLE;
  if (args.mode === 'check' && outcomes.some((o) => o.changed)) return EXIT_CHANGES;
  return EXIT_OK;
}

/** Standard input, streamed. */
async function runStdin(args: CliArgs, opts: ProcessOptions, settings: RepairSettings, sink: Sink): Promise<FileOutcome[]> {
  if (args.format === 'markdown' || args.format === 'html') {
    throw new UsageError(`standard input is read as text (--format ${args.format} needs files)`);
  }
  progress = Progress.start(!args.quiet);
  const repairer = args.format === 'code' ? new Repairer(settings).forCode() : new Repairer(settings);
  const outcome = await processStream('<stdin>', process.stdin, opts, repairer, sink, (n) => progress?.addBytes(n));
  outcome.named = true;
  progress?.fileDone();
  announce(outcome);
  return [outcome];
}

/** The size of a file, 0 when it cannot be stat'ed (processing it reports why). Synchronous: see `processFile`. */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Files, in the order given, repaired by the main thread and, with `--jobs N`, N − 1 worker
 * threads: whoever is free takes the next file. Results are printed in input order (a file
 * finished early waits in memory, as its report or its repaired text). Large files whose
 * output goes to stdout are streamed by the main thread when their turn comes, so that memory
 * stays bounded.
 */
async function runFiles(args: CliArgs, opts: ProcessOptions, settings: RepairSettings, sink: Sink): Promise<FileOutcome[]> {
  const found = await discover(args.inputs, args.ignore);
  const outcomes: FileOutcome[] = [];
  const jobs: (FileJob | FileOutcome)[] = [];
  let totalBytes = 0;
  for (const f of found) {
    if (f.kind === 'missing') {
      jobs.push(failed(f.path, f.reason));
      continue;
    }
    const size = fileSize(f.real);
    totalBytes += size;
    jobs.push({ path: f.path, real: f.real, format: formatForPath(f.path, args.format), size, named: f.named });
  }
  const fileCount = jobs.filter((j) => !('status' in j)).length;
  // Starting a worker (and loading the model in it) costs more than a small run saves.
  const threads = args.jobs === undefined && totalBytes < SMALL_RUN_BYTES ? 1 : Math.min(args.jobs ?? availableParallelism(), fileCount);
  progress = Progress.start(!args.quiet, fileCount, totalBytes);
  const onBytes = (n: number): void => progress?.addBytes(n);
  // The main thread repairs files too, so N jobs need N − 1 workers. All threads read one copy
  // of the model, in shared memory.
  const workers = threads - 1;
  let here = settings;
  if (workers > 0) {
    const bytes = defaultModelBytes();
    const model = new SharedArrayBuffer(bytes.length);
    new Uint8Array(model).set(bytes);
    pool = new WorkerPool(workers, { vietfixWorker: true, settings, opts, model, guard: sharedGuard });
    here = withSharedModel(settings, model);
  }
  let mainRepairer: Repairer | undefined;
  const inMain = (job: FileJob, to: Sink): Promise<FileOutcome> => {
    mainRepairer ??= new Repairer(here);
    return processFile(job, opts, mainRepairer, to, onBytes);
  };
  // Output to stdout from a large file would have to be held in memory if it were made early.
  const streamsToStdout = (job: FileJob): boolean => opts.mode !== 'write' && job.format === 'text' && job.size > opts.streamAbove;

  /** Results of files taken out of turn, by index: a worker's promise, or what the main thread made. */
  const taken: (Promise<JobResult> | JobResult | undefined)[] = new Array(jobs.length);
  const window = Math.max(16, 4 * threads);
  let next = 0; // every file before this one has been taken
  let out = 0; // every file before this one has been printed
  const takeable = (): FileJob | undefined => {
    while (next < jobs.length && 'status' in jobs[next]) next++;
    if (next >= jobs.length || next >= out + window) return undefined;
    const job = jobs[next] as FileJob;
    return streamsToStdout(job) && next !== out ? undefined : job;
  };
  // The workers get files ahead (see `PER_WORKER` in pool.ts), so that they need not wait while
  // the main thread repairs a file of its own.
  const feedWorkers = (): void => {
    for (let job = takeable(); pool && job && !streamsToStdout(job) && pool.backlog() < PER_WORKER * workers; job = takeable()) {
      const index = next++;
      taken[index] = pool.run(job, onBytes).then((r) => (taken[index] = r));
    }
  };
  try {
    while (out < jobs.length) {
      // Let the workers' messages and signals in: the main thread's own files are read and
      // repaired without waiting on anything, so finished files would otherwise go unnoticed,
      // the workers unfed, and Ctrl-C unanswered until the end.
      await new Promise((resolve) => setImmediate(resolve));
      feedWorkers();
      const job = jobs[out];
      let outcome: FileOutcome;
      const held = taken[out];
      if ('status' in job) {
        outcome = job;
        if (next <= out) next = out + 1;
      } else if (held !== undefined && !(held instanceof Promise)) {
        taken[out] = undefined;
        await sink.write(held.output);
        outcome = held.outcome;
      } else if (held === undefined && next === out) {
        next++;
        outcome = await inMain(job, sink);
      } else {
        // The file is in a worker's hands: repair a later one meanwhile, held until its turn.
        // (`takeable` gives no large file out of its turn.)
        const ahead = takeable();
        if (ahead !== undefined) {
          const index = next++;
          const chunks: string[] = [];
          const done = await inMain(ahead, { write: (t: string) => void chunks.push(t) });
          taken[index] = { outcome: done, output: chunks.join('') };
        } else {
          await held;
        }
        continue;
      }
      if (!('status' in job)) {
        progress?.fileDone();
        outcome.named = job.named;
      }
      announce(outcome);
      outcomes.push(outcome);
      out++;
    }
  } finally {
    await pool?.close();
    pool = undefined;
  }
  return outcomes;
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (args.version) {
    process.stdout.write(`${pkg.version}\n`);
    return EXIT_OK;
  }
  const opts = processOptions(args);
  const settings = repairSettings(args);
  const sink = stdoutSink();
  const inputs = args.inputs;
  if (inputs.includes('-') && inputs.length > 1) throw new UsageError('"-" (standard input) cannot be mixed with files');

  if (args.jsonl !== undefined) {
    const repairer = new Repairer(settings);
    const stats = await runJsonl(process.stdin, args.jsonl, repairer, sink, (bad) => say(`<stdin>:${bad.line}: ${bad.reason}, passed through unchanged`));
    if (!args.quiet && stats.invalid.length > 0) say(`${stats.invalid.length} of ${stats.records + stats.invalid.length} lines were not valid JSON Lines records`);
    return stats.invalid.length > 0 ? EXIT_TROUBLE : EXIT_OK;
  }

  const outcomes =
    inputs.length === 0 || inputs[0] === '-'
      ? await runStdin(args, opts, settings, sink)
      : await runFiles(args, opts, settings, sink);
  progress?.stop();

  const code = exitCode(args, outcomes);
  if (!args.quiet && (args.mode === 'check' || args.mode === 'write')) {
    process.stderr.write(summaryText(args.mode, outcomes));
  }
  if (args.report) {
    try {
      writeFileSync(args.report, reportJson(args.mode, outcomes, code));
    } catch (err) {
      say(`cannot write report ${args.report}: ${(err as Error).message.split('\n')[0]}`);
      return EXIT_TROUBLE;
    }
  }
  return code;
}

let stopping = false;

/** Ctrl-C or SIGTERM: stop the workers, remove every temporary file, leave each file old or new. */
async function interrupted(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  if (stopping) return;
  stopping = true;
  progress?.stop();
  const temps = (await pool?.abort()) ?? [];
  for (const t of temps) {
    try {
      unlinkSync(t);
    } catch {
      // renamed already, or never created
    }
  }
  removePendingTemps();
  process.stderr.write(`vietfix: interrupted (${signal})\n`);
  process.exit(EXIT_SIGNAL[signal]);
}

function main(): void {
  useSharedGuard(sharedGuard);
  process.on('exit', removePendingTemps);
  process.on('SIGINT', () => void interrupted('SIGINT'));
  process.on('SIGTERM', () => void interrupted('SIGTERM'));
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // The reader went away (`vietfix big.txt | head`): stop quietly.
    if (err.code === 'EPIPE') process.exit(EXIT_OK);
    throw err;
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      progress?.stop();
      if (err instanceof UsageError) say(err.message);
      else say(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      process.exitCode = EXIT_TROUBLE;
    },
  );
}

if (isPoolWorker()) runWorker();
else main();
