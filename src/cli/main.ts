/**
 * The `vietfix` command. Reads files or standard input, repairs the text and prints it,
 * checks it, diffs it or rewrites the files in place. See `vietfix --help`.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import pkg from '../../package.json';
import { HELP, parseArgs, UsageError, type CliArgs } from './args.js';
import { removePendingTemps } from './atomic.js';
import { discover } from './discover.js';
import { formatForPath } from './formats.js';
import { repairSettings } from './options.js';
import { processFile, processStream, type FileJob, type ProcessOptions, type Sink } from './process.js';
import { Repairer } from './repairer.js';
import { reportJson, summaryText, type FileOutcome } from './report.js';

/** Exit status: nothing to repair / done. */
const EXIT_OK = 0;
/** Exit status: `--check` found repairs. */
const EXIT_CHANGES = 1;
/** Exit status: usage error, or some input could not be processed. */
const EXIT_TROUBLE = 2;

/** Writes to standard output, waiting when the pipe is full (bounded memory). */
function stdoutSink(): Sink {
  return {
    write(text: string) {
      if (!process.stdout.write(text)) return once(process.stdout, 'drain').then(() => undefined);
    },
  };
}

function say(line: string): void {
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
    chunkSize: envSize('VIETFIX_CHUNK_SIZE', 1 << 20),
  };
}

/** Reports a skipped or failed input as soon as it is known. */
function announce(o: FileOutcome): void {
  if (o.status === 'skipped') say(`skipping ${o.path}: ${o.reason}`);
  else if (o.status === 'error') say(`${o.path}: ${o.reason}`);
}

function exitCode(args: CliArgs, outcomes: readonly FileOutcome[]): number {
  if (outcomes.some((o) => o.status === 'error')) return EXIT_TROUBLE;
  if (args.mode === 'check' && outcomes.some((o) => o.changed)) return EXIT_CHANGES;
  return EXIT_OK;
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
  const settings = repairSettings(args);
  const opts = processOptions(args);
  const sink = stdoutSink();
  const outcomes: FileOutcome[] = [];

  const inputs = args.inputs;
  if (inputs.includes('-') && inputs.length > 1) throw new UsageError('"-" (standard input) cannot be mixed with files');
  if (inputs.length === 0 || inputs[0] === '-') {
    if (args.format !== 'auto' && args.format !== 'text') {
      throw new UsageError(`standard input is read as text (--format ${args.format} needs files)`);
    }
    const repairer = new Repairer(settings);
    const outcome = await processStream('<stdin>', process.stdin, opts, repairer, sink);
    announce(outcome);
    outcomes.push(outcome);
  } else {
    const found = await discover(inputs, args.ignore);
    const repairer = new Repairer(settings);
    for (const f of found) {
      if (f.kind === 'missing') {
        const o: FileOutcome = {
          path: f.path,
          status: 'error',
          reason: f.reason,
          converted: false,
          changed: false,
          written: false,
          bytes: 0,
          edits: 0,
          byKind: {},
          sample: [],
        };
        announce(o);
        outcomes.push(o);
        continue;
      }
      const job: FileJob = { path: f.path, real: f.real, format: formatForPath(f.path, args.format), size: 0 };
      const outcome = await processFile(job, opts, repairer, sink);
      announce(outcome);
      outcomes.push(outcome);
    }
  }

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

process.on('exit', removePendingTemps);
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
    if (err instanceof UsageError) say(err.message);
    else say(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exitCode = EXIT_TROUBLE;
  },
);
