/**
 * Scores the built CLI on ../shared/devset with its own scorer and prints the Markdown
 * tables the README shows (per category, then per variant).
 *
 *   npm run build && npx tsx bench/accuracy.ts [--cats ocr,clean] [--system "node dist/cli.js"]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const root = resolve(import.meta.dirname, '..');
const devset = resolve(root, '../shared/devset');
if (!existsSync(join(devset, 'score.py'))) {
  console.error(`accuracy: no dev set at ${devset}`);
  process.exit(2);
}
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const system = option('--system') ?? `node ${join(root, 'dist/cli.js')}`;
const cats = option('--cats');

const dir = mkdtempSync(join(tmpdir(), 'vietfix-accuracy-'));
const out = join(dir, 'scores.json');
try {
  const scoreArgs = [join(devset, 'score.py'), '--system', system, '--set', devset, '--by-variant', '--json-out', out];
  if (cats) scoreArgs.push('--cats', cats);
  execFileSync('python3', scoreArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  const result = JSON.parse(readFileSync(out, 'utf8')) as { categories: Category[] };
  printTables(result.categories);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${(100 * x).toFixed(2)}`;
}

function row(name: string, s: Scores, extra: string): string {
  return `| ${name} | ${s.lines} | ${pct(s.ser_before)} → ${pct(s.ser_after)} | ${pct(s.ser_reduction)} | ${pct(s.cer_before)} → ${pct(s.cer_after)} | ${pct(s.exact_before)} → ${pct(s.exact_after)} | ${s.lines_worse} | ${extra} |`;
}

function printTables(categories: Category[]): void {
  const head = '| {0} | lines | SER % before → after | SER reduction % | CER % before → after | exact lines % before → after | lines worse | {1} |';
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  console.log(head.replace('{0}', 'category').replace('{1}', 'KB/s (CLI, incl. start-up)'));
  console.log(rule);
  for (const c of categories) {
    const extra = c.category === 'clean' ? `${c.kb_per_s.toFixed(0)} (changed: ${c.lines_changed})` : c.kb_per_s.toFixed(0);
    console.log(row(c.category, c, extra));
  }
  console.log();
  console.log(head.replace('{0}', 'variant').replace('{1}', 'lines changed'));
  console.log(rule);
  for (const c of categories) {
    for (const [name, v] of Object.entries(c.variants ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      console.log(row(`${c.category} / ${name}`, v, String(v.lines_changed)));
    }
  }
}
