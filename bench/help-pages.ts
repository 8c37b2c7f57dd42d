/**
 * Typed documentation through the built CLI: how many files are judged OCR output, and each
 * change, right or not. Made for Debian's Vietnamese LibreOffice help (typed HTML with a few
 * typos of its translation), where every change outside a typo is harm:
 *
 *   apt-get download libreoffice-help-vi && dpkg-deb -x libreoffice-help-vi_*.deb x
 *   npx tsx bench/help-pages.ts --help-pages x/usr/share/libreoffice/help/vi [--right FILE] [--system CMD] [--list]
 *
 * `--right` lists the right repairs (`before<TAB>after`, optionally with the words before the
 * changed word as context; default `test/fixtures/vi-help/right-repairs.tsv`); a Unicode
 * composition (NFD pieces made NFC) is right by rule. Every other change is counted as one to
 * read (most are wrong: a valid word changed). `--list` prints them. `--system` runs another
 * build (`node OTHER/dist/cli.js`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringOption } from './args.js';

const dir = stringOption('help-pages', '');
if (dir === '') throw new Error('usage: bench/help-pages.ts --help-pages DIR [--right FILE] [--system CMD] [--list]');
const rightFile = stringOption('right', 'test/fixtures/vi-help/right-repairs.tsv');
const system = stringOption('system', `node ${resolve('dist/cli.js')}`);
const list = process.argv.includes('--list');

const RIGHT = readFileSync(rightFile, 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

interface ReportEdit {
  start: number;
  end: number;
  before: string;
  after: string;
  kind: string;
  confidence: number;
}

/** Whether the edit of `text[start, end)` is a listed right repair or a Unicode composition. */
function isRight(text: string, e: ReportEdit): boolean {
  const before = text.slice(e.start, e.end);
  if (e.kind === 'unicode') return e.after === before.normalize('NFC') && e.after !== before;
  return RIGHT.some(([b, a]) => {
    const context = b.slice(0, b.length - before.length);
    return b.endsWith(before) && text.slice(e.start - context.length, e.end) === b && a === context + e.after;
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'help-pages-'));
try {
  const report = join(tmp, 'report.json');
  const [cmd, ...args] = system.split(' ');
  const started = performance.now();
  const run = spawnSync(cmd, [...args, '--check', '--report', report, dir], { maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${system} exited ${run.status}: ${run.stderr}`);
  const files = JSON.parse(readFileSync(report, 'utf8')).files as { path: string; ocr?: boolean; editList?: ReportEdit[] }[];
  const rows = new Map<string, { right: number; other: number }>();
  const others: string[] = [];
  let judged = 0;
  let changed = 0;
  for (const f of files) {
    if (f.ocr === true) judged++;
    const edits = f.editList ?? [];
    if (edits.length > 0) changed++;
    if (edits.length === 0) continue;
    const text = readFileSync(resolve(f.path), 'utf8');
    for (const e of edits) {
      const key = `${f.ocr === true ? 'OCR output' : 'typed'} ${e.kind}`;
      const row = rows.get(key) ?? { right: 0, other: 0 };
      if (isRight(text, e)) row.right++;
      else {
        row.other++;
        others.push(`${f.path}:${e.start}  ${e.kind}  ${e.before} → ${e.after}  (${e.confidence})${f.ocr === true ? '  [OCR output]' : ''}`);
      }
      rows.set(key, row);
    }
  }
  console.log(`${dir}: ${files.length} files, ${judged} judged OCR output, ${changed} changed (${seconds.toFixed(1)} s, ${system})`);
  console.log('\n| file judged / edit kind | right | to read (not listed) |\n|---|---:|---:|');
  let right = 0;
  let other = 0;
  for (const [key, row] of [...rows].sort()) {
    console.log(`| ${key} | ${row.right} | ${row.other} |`);
    right += row.right;
    other += row.other;
  }
  console.log(`| all | ${right} | ${other} |`);
  if (list) for (const line of others) console.log(line);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
