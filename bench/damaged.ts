/**
 * Throughput of the repairs on damaged text: corpus text (see corpus-sample.ts) damaged at run
 * time in each way the encoding and Unicode stages repair, then repaired by the stage that
 * repairs it alone and by all stages (`fix` with its defaults). Each row gives MB/s of UTF-8
 * input and the ratio to `TextDecoder.decode` + `normalize('NFC')` of the same bytes, measured in
 * the same run (absolute speeds drift on shared machines; ratios hold):
 *
 *   npx tsx bench/damaged.ts [--mb 1] [--reps 5] [--only tcvn3,nfd,mojibake] [--clock wall|cpu]
 *
 * On a machine shared with other work the wall clock counts time the process waited for a core:
 * `--clock cpu` times the process's own CPU time instead (user + system), a steadier figure.
 *
 * Targets: the stage alone >= 20 MB/s and >= 0.15 x decode + NFC; all stages >= 10 MB/s on
 * legacy fonts and mojibake, >= 15 MB/s on Unicode damage.
 *
 * A second table (`--only file`, or by default) times whole files in a legacy byte encoding, as
 * the CLI converts them before any repair: `decode(bytes)` detecting the encoding (each legacy
 * encoding read and scored over the whole file) and `decode(bytes, { encoding })` told it,
 * against decode + NFC of the same text in UTF-8.
 */
import { decode, encode, encodingStage, fix, runStages, type Stage } from '../src/index.js';
import { unicodeStage } from '../src/unicode/index.js';
import { stringOption, numberOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows, type DamagedRow } from './damaged-rows.js';
import { measure } from './throughput.js';

/** The target of a row: MB/s of the stage alone and of all stages. */
function targets(group: DamagedRow['group']): { stage: number; all: number } {
  return { stage: 20, all: group === 'unicode' ? 15 : 10 };
}

function main(): void {
  const mb = numberOption('mb', 1);
  const reps = numberOption('reps', 5);
  const only = stringOption('only', '');
  const cpu = stringOption('clock', 'wall') === 'cpu';
  const chosen = chosenRows(only);
  const clean = cleanSample(mb * 1e6);
  const decoder = new TextDecoder();
  const stages: Record<DamagedRow['group'], Stage> = { legacy: encodingStage(), mojibake: encodingStage(), unicode: unicodeStage() };

  const header = ['damage', 'MB', 'base MB/s', 'stage MB/s', 'x base', 'all MB/s', 'x base', 'targets'];
  const body: string[][] = [];
  for (const category of chosen) {
    const bytes = new TextEncoder().encode(category.damage(clean));
    const stage = stages[category.group];
    const baseline = measure('decode + NFC', bytes, (b) => decoder.decode(b).normalize('NFC'), reps, cpu).seconds;
    const alone = measure('stage alone', bytes, (b) => runStages(decoder.decode(b), [stage]), reps, cpu).seconds;
    const all = measure('all stages', bytes, (b) => fix(decoder.decode(b)), reps, cpu).seconds;
    const rate = (seconds: number) => bytes.length / 1e6 / seconds;
    const goal = targets(category.group);
    const met = rate(alone) >= goal.stage && baseline / alone >= 0.15 && rate(all) >= goal.all ? 'met' : 'short';
    body.push([
      `${category.group} ${category.name}`,
      (bytes.length / 1e6).toFixed(2),
      rate(baseline).toFixed(0),
      rate(alone).toFixed(1),
      (baseline / alone).toFixed(3),
      rate(all).toFixed(1),
      (baseline / all).toFixed(3),
      met,
    ]);
    console.error(body[body.length - 1].join('  '));
  }
  if (body.length > 0) {
    printTable(header, body);
    console.log(`targets: stage alone >= 20 MB/s and >= 0.15 x decode + NFC; all stages >= 10 MB/s (legacy, mojibake), >= 15 MB/s (unicode)`);
  }
  if (only === '' || only.split(',').includes('file')) {
    const rows: string[][] = [];
    for (const encoding of FILE_ENCODINGS) {
      const { bytes, text } = legacyFile(clean, encoding);
      const utf8 = new TextEncoder().encode(text);
      const baseline = measure('decode + NFC', utf8, (b) => decoder.decode(b).normalize('NFC'), reps, cpu).seconds;
      const detected = measure('detected', bytes, (b) => decode(b).text, reps, cpu).seconds;
      const told = measure('told', bytes, (b) => decode(b, { encoding }).text, reps, cpu).seconds;
      const rate = (seconds: number) => bytes.length / 1e6 / seconds;
      rows.push([
        `file ${encoding}`,
        (bytes.length / 1e6).toFixed(2),
        (utf8.length / 1e6 / baseline).toFixed(0),
        rate(detected).toFixed(1),
        (baseline / detected).toFixed(3),
        rate(told).toFixed(1),
        (baseline / told).toFixed(3),
      ]);
      console.error(rows[rows.length - 1].join('  '));
    }
    printTable(['whole file', 'MB', 'base MB/s', 'detected MB/s', 'x base', 'told MB/s', 'x base'], rows);
  }
  console.log(`\nclock: ${cpu ? 'CPU time of the process' : 'wall'}; ${reps} runs, median`);
}

/** Legacy byte encodings of the whole-file rows. */
const FILE_ENCODINGS = ['tcvn3', 'vni', 'viscii', 'windows-1258'] as const;

/** The lines of `text` the encoding can write, as a file in it, and as text (for the baseline). */
function legacyFile(text: string, encoding: (typeof FILE_ENCODINGS)[number]): { bytes: Uint8Array; text: string } {
  const parts: Uint8Array[] = [];
  const kept: string[] = [];
  const newline = Uint8Array.of(0x0a);
  for (const line of text.split('\n')) {
    const bytes = encode(line, encoding);
    if (bytes === undefined) continue;
    parts.push(bytes, newline);
    kept.push(line, '\n');
  }
  return { bytes: Buffer.concat(parts), text: kept.join('') };
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

main();
