/**
 * The built CLI (`dist/cli.js`, run `npm run build` first) on one very long line of damaged
 * text read from standard input, against the same text with a newline after every sentence:
 * peak memory (RSS, from `/usr/bin/time -f %M`) and time of each, and the ratio of their times.
 * The two texts are written to a temporary folder first (the same sentences and damage as
 * `long-line.ts`), so that each run's peak RSS is the CLI's alone:
 *
 *   npx tsx bench/cli-long-line.ts [--mb 20] [--rate 0.05]
 *
 * Within bounds when the one-line run peaks under 300 MB and takes less than twice the time
 * with newlines. The machine may be shared: compare the ratio, not the seconds.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { damagedPieces } from './long-line-text.js';
import { numberOption } from './args.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const TIME = '/usr/bin/time';

interface Row {
  layout: 'one line' | 'lines';
  mb: number;
  seconds: number;
  peakRssMb: number;
}


function writeText(path: string, bytes: number, rate: number, joint: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of damagedPieces(bytes, rate, joint)) writeSync(fd, piece);
    writeSync(fd, '\n');
  } finally {
    closeSync(fd);
  }
}

/** The CLI on `input` (as standard input, output thrown away), under `/usr/bin/time`. */
function run(layout: Row['layout'], input: string, dir: string): Row {
  const report = join(dir, 'time.txt');
  const stdin = openSync(input, 'r');
  try {
    const t0 = performance.now();
    const result = spawnSync(TIME, ['-f', '%M', '-o', report, process.execPath, CLI, '--quiet'], {
      stdio: [stdin, 'ignore', 'inherit'],
    });
    const seconds = (performance.now() - t0) / 1000;
    if (result.status !== 0) throw new Error(`the ${layout} run failed (exit ${result.status})`);
    const kb = Number(readFileSync(report, 'utf8').trim().split('\n').pop());
    return { layout, mb: statSync(input).size / 1e6, seconds, peakRssMb: kb / 1024 };
  } finally {
    closeSync(stdin);
  }
}

function main(): void {
  const mb = numberOption('mb', 20);
  const rate = numberOption('rate', 0.05);
  const dir = mkdtempSync(join(tmpdir(), 'vietfix-cli-long-line-'));
  try {
    const files = { lines: join(dir, 'lines.txt'), 'one line': join(dir, 'one-line.txt') } as const;
    writeText(files.lines, mb * 1e6, rate, '\n');
    writeText(files['one line'], mb * 1e6, rate, ' ');
    const rows = (['lines', 'one line'] as const).map((layout) => run(layout, files[layout], dir));
    console.log(`${mb} MB of news sentences, damage rate ${rate}, through \`node dist/cli.js < FILE\``);
    console.log('layout      seconds   MB/s   peak RSS MB');
    for (const r of rows) {
      console.log(
        `${r.layout.padEnd(10)} ${r.seconds.toFixed(1).padStart(8)} ${(r.mb / r.seconds).toFixed(2).padStart(6)} ${r.peakRssMb.toFixed(0).padStart(13)}`,
      );
    }
    const [lines, oneLine] = rows;
    const ratio = oneLine.seconds / lines.seconds;
    const rss = oneLine.peakRssMb / lines.peakRssMb;
    console.log(
      `one line / lines: time ${ratio.toFixed(2)} (bound 2), peak RSS ${rss.toFixed(2)}; one-line peak RSS ${oneLine.peakRssMb.toFixed(0)} MB (bound 300)`,
    );
    if (ratio >= 2 || oneLine.peakRssMb >= 300) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
