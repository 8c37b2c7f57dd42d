/**
 * Repair of one very long line through the stream API, against the same text with a newline
 * after every sentence: peak memory (RSS) and time of each, and the ratio of their times.
 * Each row runs in a child process of its own, so that its peak RSS is its own; the text is
 * made while it is streamed (news sentences of the shared corpus, with OCR-like damage), so
 * that the input never sits in memory whole:
 *
 *   npx tsx bench/long-line.ts [--mb 20] [--rate 0.05]
 *
 * A row is within bounds when its peak RSS is under 300 MB and the one-line time is within
 * twice the time with newlines. The machine may be shared: compare the ratio, not the seconds.
 */
import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createFixStream } from '../src/index.js';
import { damagedPieces } from './long-line-text.js';
import { numberOption } from './args.js';

const PIECE = 64 * 1024;

interface Row {
  layout: 'one line' | 'lines';
  mb: number;
  seconds: number;
  peakRssMb: number;
  edits: number;
  outputMb: number;
}

/** One row, in this process: the text streamed through `createFixStream` and thrown away. */
async function run(layout: Row['layout'], mb: number, rate: number): Promise<Row> {
  let edits = 0;
  let output = 0;
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      output += Buffer.byteLength(chunk);
      done();
    },
  });
  const t0 = performance.now();
  await pipeline(
    Readable.from(damagedPieces(mb * 1e6, rate, layout === 'one line' ? ' ' : '\n', PIECE)),
    createFixStream({ onEdits: (e) => (edits += e.length) }),
    sink,
  );
  const seconds = (performance.now() - t0) / 1000;
  return { layout, mb, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, edits, outputMb: output / 1e6 };
}


async function main(): Promise<void> {
  const mb = numberOption('mb', 20);
  const rate = numberOption('rate', 0.05);
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const row = await run(process.argv[child + 1] as Row['layout'], mb, rate);
    process.stdout.write(JSON.stringify(row));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  for (const layout of ['lines', 'one line'] as const) {
    const result = spawnSync(process.execPath, [...process.execArgv, self, '--child', layout, '--mb', String(mb), '--rate', String(rate)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`the ${layout} run failed (exit ${result.status})`);
    rows.push(JSON.parse(result.stdout) as Row);
  }
  console.log(`${mb} MB of news sentences, damage rate ${rate}, through createFixStream in ${PIECE / 1024} KB pieces`);
  console.log('layout      seconds   MB/s   peak RSS MB   edits');
  for (const r of rows) {
    console.log(
      `${r.layout.padEnd(10)} ${r.seconds.toFixed(1).padStart(8)} ${(r.mb / r.seconds).toFixed(2).padStart(6)} ${r.peakRssMb.toFixed(0).padStart(13)} ${String(r.edits).padStart(7)}`,
    );
  }
  const [lines, oneLine] = rows;
  const ratio = oneLine.seconds / lines.seconds;
  console.log(`one line / lines time: ${ratio.toFixed(2)} (bound 2); one-line peak RSS ${oneLine.peakRssMb.toFixed(0)} MB (bound 300)`);
  if (ratio >= 2 || oneLine.peakRssMb >= 300) process.exitCode = 1;
}

await main();
