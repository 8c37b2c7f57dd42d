/**
 * Archive-scale benchmark of the built CLI.
 *
 *   npx tsup && npx tsx bench/archive.ts [options]     (--help lists them)
 *
 * 1. Generates an archive of Markdown, HTML and text files (≥ --mb MB) in a temporary
 *    directory, from the corpus text in ../shared/corpus/text with some damage applied
 *    (a quarter of the files have NFD, mojibake or stripped diacritics on 10% of their
 *    lines; the rest are clean, as in real archives), and runs `vietfix --check` over it with --jobs 1 and --jobs 2:
 *    files/s, MB/s, the speed-up, and peak memory (maximum resident set, worker threads
 *    included, from /usr/bin/time).
 * 2. Generates one text file of --big-mb MB (5% of its lines damaged) and streams it through `vietfix` (stdin to
 *    /dev/null) and `vietfix --write` (on a copy), full pipeline: MB/s and peak memory.
 *
 * Everything generated is deleted at the end. Prints Markdown tables for the README.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { removeMarks } from '../src/index.js';
import { generator } from '../src/repair/simulate.js';
import { numberOption } from './args.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const corpusAt = process.argv.indexOf('--corpus');
const CORPUS = corpusAt >= 0 ? resolve(process.argv[corpusAt + 1]) : resolve(ROOT, '..', 'shared', 'corpus', 'text');
const MB = 1024 * 1024;

const ARCHIVE_MB = numberOption('mb', 200);
const BIG_MB = numberOption('big-mb', 1024);
const SKIP_BIG = process.argv.includes('--skip-big');
const SKIP_ARCHIVE = process.argv.includes('--skip-archive');
const bigFileAt = process.argv.indexOf('--big-file');
const BIG_FILE = bigFileAt >= 0 ? resolve(process.argv[bigFileAt + 1]) : undefined;
const GENERATE_ONLY = process.argv.includes('--generate-only');

const USAGE = `npx tsup && npx tsx bench/archive.ts [options]

  --mb N            size of the generated archive in MB (default 200)
  --big-mb N        size of the single large file in MB (default 1024)
  --skip-archive    leave out the archive runs (--check --jobs 1 and 2)
  --skip-big        leave out the single-file runs (stdin and --write)
  --big-file PATH   keep the single file at PATH (generated there if missing, reused if
                    present; --write works on a copy, so it stays damaged)
  --generate-only   with --big-file: write the file and stop
  --corpus DIR      clean corpus text (*.txt.gz; default ../shared/corpus/text)
`;

// The simulator's deterministic generator, so every run builds the same archive.
const random = generator(20241125);

/** UTF-8 bytes read as Windows-1252 (undefined bytes as C1 controls, as browsers do). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function mojibake(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Damages a share `rate` of the lines: a third each NFD, mojibake, stripped diacritics. */
function damage(line: string, rate: number): string {
  const r = random() / rate;
  if (r < 1 / 3) return line.normalize('NFD');
  if (r < 2 / 3) return mojibake(line);
  if (r < 1) return removeMarks(line);
  return line;
}

/** Share of the archive's files that have damage (10% of their lines); the others are clean. */
const DAMAGED_FILES = 0.25;
/** Share of the lines of the single large file that are damaged. */
const BIG_FILE_DAMAGE = 0.05;

function loadCorpus(): string[] {
  const lines: string[] = [];
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt.gz')).sort()) {
    for (const l of gunzipSync(readFileSync(join(CORPUS, f))).toString('utf8').split('\n')) {
      if (l.trim().length > 20) lines.push(l.trim());
    }
  }
  return lines;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One article of about `bytes` bytes in the given format. */
function article(lines: string[], start: number, bytes: number, format: 'md' | 'html' | 'txt'): { text: string; used: number } {
  const parts: string[] = [];
  let size = 0;
  let i = start;
  const rate = random() < DAMAGED_FILES ? 0.1 : 0;
  const next = (): string => damage(lines[i++ % lines.length], rate);
  if (format === 'md') parts.push(`---\ntitle: "${lines[i % lines.length].slice(0, 40).replace(/"/g, '')}"\n---\n\n# ${next()}\n`);
  if (format === 'html') parts.push(`<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(next())}</title>\n<script>var page = {id: ${i}, tags: ["a", "b"]};</script></head><body>\n`);
  while (size < bytes) {
    const para = [next(), next(), next()].join(' ');
    let block: string;
    if (format === 'md') {
      block = random() < 0.1 ? `\`\`\`\ncode ${i} = "${para.slice(0, 30)}"\n\`\`\`\n` : `${para} [liên kết](https://example.vn/${i}).\n`;
    } else if (format === 'html') {
      block = `<p title="${escapeHtml(next().slice(0, 60)).replace(/"/g, '&quot;')}">${escapeHtml(para)} <a href="/a/${i}">${escapeHtml(next().slice(0, 30))}</a></p>\n`;
    } else block = `${para}\n`;
    parts.push(block, '\n');
    size += Buffer.byteLength(block) + 1;
  }
  if (format === 'html') parts.push('</body></html>\n');
  return { text: parts.join(''), used: i - start };
}

/** Runs the CLI under /usr/bin/time: wall seconds, CPU seconds, peak RSS in MB, exit status. */
function timed(args: string[], stdin?: string): { seconds: number; cpu: number; peakMb: number; status: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, CLI, ...args], {
    stdio: [stdin ? openSync(stdin, 'r') : 'ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * MB,
  });
  const last = r.stderr.toString('utf8').trim().split('\n').pop() ?? '';
  const [secs, kb, user, sys] = last.split(' ').map(Number);
  return { seconds: secs, cpu: user + sys, peakMb: kb / 1024, status: r.status };
}

/** Writes the single large file: corpus lines in order, {@link BIG_FILE_DAMAGE} of them damaged. */
function writeBigFile(path: string, lines: string[]): void {
  const fd = openSync(path, 'w');
  let size = 0;
  let i = 0;
  const batch: string[] = [];
  while (size < BIG_MB * MB) {
    batch.push(damage(lines[i++ % lines.length], BIG_FILE_DAMAGE));
    if (batch.length === 4096) {
      const chunk = batch.join('\n') + '\n';
      writeSync(fd, chunk);
      size += Buffer.byteLength(chunk);
      batch.length = 0;
    }
  }
  closeSync(fd);
}

function main(): void {
  if (process.argv.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npx tsup` first');
  const work = mkdtempSync(join(tmpdir(), 'vietfix-bench-'));
  try {
    const lines = loadCorpus();
    console.log(`corpus: ${lines.length} lines; machine: ${cpus().length} cores, node ${process.version}\n`);

    if (!SKIP_ARCHIVE) {
      const archive = join(work, 'archive');
      let total = 0;
      let files = 0;
      let cursor = 0;
      const formats = ['md', 'html', 'txt'] as const;
      while (total < ARCHIVE_MB * MB) {
        const format = formats[files % 3];
        const dir = join(archive, `year-${2000 + (files % 20)}`, `month-${(files % 12) + 1}`);
        mkdirSync(dir, { recursive: true });
        const { text, used } = article(lines, cursor, 40_000 + Math.floor(random() * 160_000), format);
        cursor += used;
        const path = join(dir, `article-${files}.${format}`);
        const fd = openSync(path, 'w');
        writeSync(fd, text);
        closeSync(fd);
        total += statSync(path).size;
        files++;
      }
      console.log(`archive: ${files} files, ${(total / MB).toFixed(1)} MB (Markdown, HTML, text)\n`);
      console.log('| run | time (s) | CPU (s) | files/s | MB/s | peak memory (MB) |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
      const rows: Record<number, number> = {};
      for (const jobs of [1, 2]) {
        const t = timed(['--check', '--quiet', '--jobs', String(jobs), archive]);
        if (t.status !== 0 && t.status !== 1) throw new Error(`vietfix --check exited ${t.status}`);
        rows[jobs] = t.seconds;
        console.log(
          `| \`vietfix --check --jobs ${jobs}\` | ${t.seconds.toFixed(1)} | ${t.cpu.toFixed(1)} | ${(files / t.seconds).toFixed(0)} | ${(total / MB / t.seconds).toFixed(1)} | ${t.peakMb.toFixed(0)} |`,
        );
      }
      console.log(`\nspeed-up --jobs 2 / --jobs 1: ${(rows[1] / rows[2]).toFixed(2)}× (load average when done: ${loadavg()[0].toFixed(1)})\n`);
      rmSync(archive, { recursive: true, force: true });
    }

    if (!SKIP_BIG) {
      const big = BIG_FILE ?? join(work, 'big.txt');
      if (!BIG_FILE || !existsSync(big)) writeBigFile(big, lines);
      const size = statSync(big).size;
      console.log(`single file: ${(size / MB).toFixed(0)} MB of text\n`);
      if (GENERATE_ONLY) return;
      console.log('| run | time (s) | CPU (s) | MB/s | peak memory (MB) |');
      console.log('| --- | ---: | ---: | ---: | ---: |');
      const streamed = timed(['--quiet'], big);
      if (streamed.status !== 0) throw new Error(`vietfix < big.txt exited ${streamed.status}`);
      console.log(`| \`vietfix < big.txt > /dev/null\` | ${streamed.seconds.toFixed(1)} | ${streamed.cpu.toFixed(1)} | ${(size / MB / streamed.seconds).toFixed(1)} | ${streamed.peakMb.toFixed(0)} |`);
      // --write replaces the file: it works on a copy, so that a kept --big-file stays damaged.
      const target = join(work, 'write.txt');
      copyFileSync(big, target);
      const written = timed(['--write', '--quiet', target]);
      if (written.status !== 0) throw new Error(`vietfix --write exited ${written.status}`);
      console.log(`| \`vietfix --write big.txt\` | ${written.seconds.toFixed(1)} | ${written.cpu.toFixed(1)} | ${(size / MB / written.seconds).toFixed(1)} | ${written.peakMb.toFixed(0)} |`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
