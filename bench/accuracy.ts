/**
 * Scores the built CLI on ../shared/devset with its own scorer and prints Markdown tables.
 *
 *   npm run build && npx tsx bench/accuracy.ts [--cats ocr,clean] [--system "node dist/cli.js"]
 *       per category (with the CLI's KB/s), then per variant: the tables of bench/README.md
 *   npx tsx bench/accuracy.ts --readme
 *       only the README's table: every category, default options, no timing column, so that
 *       the output depends on the code and the dev set alone (test/readme.test.ts compares it)
 *   npx tsx bench/accuracy.ts --update-readme
 *       the same table, written into README.md between its accuracy-table markers
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface Scores {
  lines: number;
  ser_before: number;
  ser_after: number;
  ser_reduction: number | null;
  cer_before: number;
  cer_after: number;
  exact_before: number;
  exact_after: number;
  lines_worse: number;
  lines_better: number;
  lines_changed: number;
}

interface Category extends Scores {
  category: string;
  kb_per_s: number;
  variants?: Record<string, Scores>;
}

/** The comments that enclose the accuracy table in README.md. */
const README_MARKERS = ['<!-- accuracy-table:start -->', '<!-- accuracy-table:end -->'] as const;

const HEAD = '| {0} | lines | SER % before → after | SER reduction % | CER % before → after | exact lines % before → after | lines worse | {1} |';
const RULE = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

const root = resolve(import.meta.dirname, '..');
const devset = resolve(root, '../shared/devset');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const updateReadme = args.includes('--update-readme');
const readmeOnly = updateReadme || args.includes('--readme');
const system = option('--system') ?? `node ${join(root, 'dist/cli.js')}`;
const cats = option('--cats');

if (!existsSync(join(devset, 'score.py'))) {
  console.error(`accuracy: no dev set at ${devset}`);
  process.exit(2);
}
if (readmeOnly && (option('--system') !== undefined || cats !== undefined)) {
  console.error('accuracy: the README table is every category with default options; --system and --cats do not apply');
  process.exit(2);
}

const categories = score();
if (!readmeOnly) {
  printTables(categories);
} else if (!updateReadme) {
  console.log(readmeTable(categories));
} else {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const [open, close] = README_MARKERS;
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) {
    console.error(`accuracy: README.md has no ${open} … ${close} block`);
    process.exit(2);
  }
  writeFileSync(readmePath, `${readme.slice(0, start + open.length)}\n${readmeTable(categories)}\n${readme.slice(end)}`);
  console.error('accuracy: README.md table updated');
}

/** Runs the scorer over the dev set and returns its per-category results. */
function score(): Category[] {
  const dir = mkdtempSync(join(tmpdir(), 'vietfix-accuracy-'));
  const out = join(dir, 'scores.json');
  try {
    const scoreArgs = [join(devset, 'score.py'), '--system', system, '--set', devset, '--json-out', out];
    if (!readmeOnly) scoreArgs.push('--by-variant');
    if (cats) scoreArgs.push('--cats', cats);
    execFileSync('python3', scoreArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
    return (JSON.parse(readFileSync(out, 'utf8')) as { categories: Category[] }).categories;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${(100 * x).toFixed(2)}`;
}

function row(name: string, s: Scores, extra: string): string {
  return `| ${name} | ${s.lines} | ${pct(s.ser_before)} → ${pct(s.ser_after)} | ${pct(s.ser_reduction)} | ${pct(s.cer_before)} → ${pct(s.cer_after)} | ${pct(s.exact_before)} → ${pct(s.exact_after)} | ${s.lines_worse} | ${extra} |`;
}


/** The README's table: one row per category, lines changed in place of the time-dependent KB/s. */
function readmeTable(categories: Category[]): string {
  const lines = [HEAD.replace('{0}', 'category').replace('{1}', 'lines changed'), RULE];
  for (const c of categories) lines.push(row(c.category, c, String(c.lines_changed)));
  return lines.join('\n');
}

function printTables(categories: Category[]): void {
  console.log(HEAD.replace('{0}', 'category').replace('{1}', 'KB/s (CLI, incl. start-up)'));
  console.log(RULE);
  for (const c of categories) {
    const extra = c.category === 'clean' || c.category === 'foreign' ? `${c.kb_per_s.toFixed(0)} (changed: ${c.lines_changed})` : c.kb_per_s.toFixed(0);
    console.log(row(c.category, c, extra));
  }
  console.log();
  console.log(HEAD.replace('{0}', 'variant').replace('{1}', 'lines changed'));
  console.log(RULE);
  for (const c of categories) {
    for (const [name, v] of Object.entries(c.variants ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      console.log(row(`${c.category} / ${name}`, v, String(v.lines_changed)));
    }
  }
}
