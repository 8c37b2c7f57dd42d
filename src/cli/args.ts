/** Command-line argument parsing for the `vietfix` binary. */

/** Raised for a bad command line; the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {}

/** What the CLI does with each input. */
export type Mode = 'print' | 'write' | 'check' | 'diff' | 'json';

/** How an input file is parsed before repair. */
export type Format = 'auto' | 'text' | 'markdown' | 'html' | 'code';

/** Everything the command line asked for. */
export interface CliArgs {
  mode: Mode;
  inputs: string[];
  help: boolean;
  version: boolean;
  format: Format;
  formatOutput: 'text' | 'github';
  ignore: string[];
  /** Worker threads; `undefined` = one per core. */
  jobs?: number;
  report?: string;
  backup: boolean;
  quiet: boolean;
  jsonl?: string;
  encoding?: string;
  toneStyle?: 'preserve' | 'old' | 'new';
  noEncoding: boolean;
  noUnicode: boolean;
  noRepair: boolean;
  /** `--ocr` / `--no-ocr`; `auto` (default): decided per input from its OCR damage. */
  ocr: boolean | 'auto';
  htmlEntities: boolean;
  lexicon?: string;
  minConfidence?: number;
}

export const HELP = `Usage: vietfix [options] [FILE|DIR|GLOB ...]

Repairs damaged Vietnamese text: mojibake, legacy encodings, Unicode damage,
OCR errors and missing diacritics. With no FILE (or FILE "-"), reads standard
input and writes the repaired text to standard output, line by line.

Modes (default: print the repaired text):
  -w, --write               rewrite changed files in place (atomically)
  -c, --check               list what would change; exit 1 if anything would
  -d, --diff                print a unified diff of the changes
  -j, --json                print the edits of each input as one JSON line
      --jsonl FIELD         read JSON Lines on stdin, repair string field FIELD
                            (a dotted path: a.b.c) of each record, pass the rest
                            through byte for byte

Files:
      --format F            auto | text | markdown | html | code (default
                            auto: by file extension; standard input is text).
                            code (.py, .js, .json, ...): only mojibake, legacy
                            encodings and Unicode damage are repaired
      --ignore GLOB         skip paths matching GLOB (repeatable)
      --jobs N              files repaired at once: the main thread and N-1
                            worker threads (default: number of cores)
      --encoding NAME       decode inputs as NAME instead of detecting it
      --backup              with --write, keep the original as FILE.orig

Repair:
      --tone-style S        preserve | old (hòa, thủy) | new (hoà, thuỷ)
      --no-encoding         do not repair mojibake or legacy encodings
      --no-unicode          do not normalise Unicode
      --no-repair           do not repair OCR errors or missing diacritics
      --ocr                 the input is OCR output: look for wrong but valid
                            words in every line, not only in damaged ones
                            (default: decided per input from its OCR damage)
      --no-ocr              the input is not OCR output: repair damaged lines only
      --html-entities       also decode HTML character references in text
      --lexicon FILE        words to protect, one per line
      --min-confidence N    only apply edits at least this confident (0..1)

Reports:
      --report FILE         also write a JSON report of the run to FILE
      --format-output F     text | github (GitHub Actions annotations) for --check
  -q, --quiet               no progress line and no summary
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 nothing to repair (or done), 1 repairs found (--check),
2 usage error, or some input could not be processed (invalid bytes, a named
file or standard input skipped as binary, a file changed by another program
during --write, a --jsonl line passed through), 130 Ctrl-C, 143 SIGTERM.
`;

const VALUE_OPTIONS = new Set([
  'format',
  'format-output',
  'ignore',
  'jobs',
  'report',
  'jsonl',
  'encoding',
  'tone-style',
  'lexicon',
  'min-confidence',
]);

const FLAG_OPTIONS = new Set([
  'write',
  'check',
  'diff',
  'json',
  'help',
  'version',
  'backup',
  'quiet',
  'no-encoding',
  'no-unicode',
  'no-repair',
  'ocr',
  'no-ocr',
  'html-entities',
]);

const SHORT: Record<string, string> = {
  w: 'write',
  c: 'check',
  d: 'diff',
  j: 'json',
  q: 'quiet',
  h: 'help',
  v: 'version',
};

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** Parses `process.argv.slice(2)`; throws {@link UsageError} on a bad command line. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    mode: 'print',
    inputs: [],
    help: false,
    version: false,
    format: 'auto',
    formatOutput: 'text',
    ignore: [],
    backup: false,
    quiet: false,
    noEncoding: false,
    noUnicode: false,
    noRepair: false,
    ocr: 'auto',
    htmlEntities: false,
  };
  const modes = new Set<Mode>();
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      args.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      if (arg.length !== 2 || !(arg[1] in SHORT)) throw new UsageError(`unknown option ${arg} (see --help)`);
      name = SHORT[arg[1]];
    }
    if (FLAG_OPTIONS.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      switch (name) {
        case 'write':
        case 'check':
        case 'diff':
        case 'json':
          modes.add(name);
          break;
        case 'help':
          args.help = true;
          break;
        case 'version':
          args.version = true;
          break;
        case 'backup':
          args.backup = true;
          break;
        case 'quiet':
          args.quiet = true;
          break;
        case 'no-encoding':
          args.noEncoding = true;
          break;
        case 'no-unicode':
          args.noUnicode = true;
          break;
        case 'no-repair':
          args.noRepair = true;
          break;
        case 'ocr':
          args.ocr = true;
          break;
        case 'no-ocr':
          args.ocr = false;
          break;
        case 'html-entities':
          args.htmlEntities = true;
          break;
      }
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option --${name} (see --help)`);
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case 'format':
        args.format = oneOf(name, value, ['auto', 'text', 'markdown', 'html', 'code'] as const);
        break;
      case 'format-output':
        args.formatOutput = oneOf(name, value, ['text', 'github'] as const);
        break;
      case 'ignore':
        args.ignore.push(value);
        break;
      case 'jobs': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs must be a positive integer (got "${value}")`);
        args.jobs = n;
        break;
      }
      case 'report':
        args.report = value;
        break;
      case 'jsonl':
        if (value === '') throw new UsageError('--jsonl needs a field name');
        args.jsonl = value;
        break;
      case 'encoding':
        args.encoding = value;
        break;
      case 'tone-style':
        args.toneStyle = oneOf(name, value, ['preserve', 'old', 'new'] as const);
        break;
      case 'lexicon':
        args.lexicon = value;
        break;
      case 'min-confidence': {
        const n = Number(value);
        if (value.trim() === '' || !(n >= 0 && n <= 1)) {
          throw new UsageError(`--min-confidence must be a number from 0 to 1 (got "${value}")`);
        }
        args.minConfidence = n;
        break;
      }
    }
  }
  if (modes.size > 1) {
    throw new UsageError(`choose one of ${[...modes].map((m) => `--${m}`).join(', ')}`);
  }
  if (modes.size === 1) args.mode = [...modes][0];
  if (args.backup && args.mode !== 'write') throw new UsageError('--backup only makes sense with --write');
  if (args.jsonl !== undefined) {
    if (args.mode !== 'print') throw new UsageError(`--jsonl cannot be combined with --${args.mode}`);
    if (args.inputs.some((f) => f !== '-')) throw new UsageError('--jsonl reads standard input only');
  }
  if (args.mode === 'write' && (args.inputs.length === 0 || args.inputs.includes('-'))) {
    throw new UsageError('--write needs files (standard input cannot be rewritten)');
  }
  return args;
}
