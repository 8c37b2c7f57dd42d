/**
 * Accuracy on mojibake whose undefined bytes were replaced or lost: corpus lines (see
 * corpus-sample.ts) damaged at run time, then repaired by `fix` with its defaults. For each
 * damage: the share of lines that come back exactly and of words that do (words matched in
 * order), before and after, and the lines made worse:
 *
 *   npx tsx bench/replaced-bytes.ts [--lines 4000] [--only c1-replaced,letters-question]
 *
 * Damages: UTF-8 shown as Windows-1252 with the five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D)
 * replaced by U+FFFD, by `?`, replaced and shown as Windows-1252 again, or dropped; and every
 * letter beyond ASCII replaced by one U+FFFD (`Vi�t Nam`), or every letter Windows-1252 lacks by
 * `?` (`Vi?t Nam`).
 */
import { fix } from '../src/index.js';
import { numberOption, stringOption } from './args.js';
import { CLEAN_FILES, corpusLines } from './corpus-sample.js';
import { lettersLostToQuestion, lettersReplaced, mojibakeVariant } from './damage.js';

/** Whether the line's UTF-8 holds a byte Windows-1252 leaves undefined (`ề ọ ỏ Ố ờ Đ`). */
function hasUndefinedByte(line: string): boolean {
  return new TextEncoder().encode(line).some((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d);
}

const DAMAGES: ReadonlyArray<readonly [name: string, damage: (line: string) => string]> = [
  ['c1-replaced', (l) => mojibakeVariant(l, 'c1-replaced')],
  ['c1-question', (l) => mojibakeVariant(l, 'c1-question')],
  ['c1-replaced-twice', (l) => mojibakeVariant(l, 'c1-replaced-twice')],
  ['c1-lost', (l) => mojibakeVariant(l, 'c1-lost')],
  ['letters-replaced', lettersReplaced],
  ['letters-question', lettersLostToQuestion],
];

/** Number of words of `a` and `b` that match in order (longest common subsequence). */
function matchingWords(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    prev = row;
  }
  return prev[b.length];
}

/** Every `step`-th line of the corpus files, `count` in all: a spread over both sources. */
function sampleLines(count: number): string[] {
  const all = CLEAN_FILES.flatMap(corpusLines);
  const step = Math.max(1, Math.floor(all.length / count));
  const out: string[] = [];
  for (let i = 0; i < all.length && out.length < count; i += step) out.push(all[i]);
  return out;
}

function main(): void {
  const count = numberOption('lines', 4000);
  const only = stringOption('only', '');
  const lines = sampleLines(count);
  const header = ['damage', 'lines', 'damaged', 'exact before', 'exact after', 'words before', 'words after', 'worse'];
  const rows: string[][] = [];
  for (const [name, damage] of DAMAGES) {
    if (only !== '' && !only.split(',').includes(name)) continue;
    let damaged = 0;
    let exactBefore = 0;
    let exactAfter = 0;
    let words = 0;
    let wordsBefore = 0;
    let wordsAfter = 0;
    let worse = 0;
    for (const line of lines) {
      const input = damage(line);
      // The undefined bytes' damages are measured on the lines they touch.
      if (input === line || (name.startsWith('c1-') && !hasUndefinedByte(line))) continue;
      damaged++;
      const output = fix(input).text;
      const want = line.split(' ');
      const before = matchingWords(input.split(' '), want);
      const after = matchingWords(output.split(' '), want);
      words += want.length;
      wordsBefore += before;
      wordsAfter += after;
      if (input === line) exactBefore++;
      if (output === line) exactAfter++;
      if (after < before) worse++;
    }
    const pct = (n: number, d: number) => (d === 0 ? '-' : ((100 * n) / d).toFixed(2) + '%');
    rows.push([name, String(lines.length), String(damaged), pct(exactBefore, damaged), pct(exactAfter, damaged), pct(wordsBefore, words), pct(wordsAfter, words), String(worse)]);
    console.error(rows[rows.length - 1].join('  '));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(row(r));
  console.log('\ndamaged: sampled lines the damage changes (c1-*: those with a byte Windows-1252 leaves undefined); words: reference words matched in order');
}

main();
