/**
 * Counts the confusions of the OCR readings made by `pages.py` and writes the channel table.
 *
 *   tsx data/build/ocr/count.ts [--work DIR] [--out FILE] [--min-count N]
 *
 * Reads `WORK/pairs.jsonl`, `WORK/run.json` and `WORK/versions.tsv`; writes a TSV (default
 * `data/ocr-channel.tsv`) of `class, truth, printed` and one count per Tesseract model, rows sorted,
 * so the same readings always give the same bytes. Rows of whole words (`misread`, `split`,
 * `merge`, `regroup`, `drop`, `extra`) seen fewer than N times in all are left out (default 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countConfusions, letterAccuracy } from './channel-counts.js';

export const MODELS = ['vie', 'Latin', 'eng'] as const;

/** Class order in the table, with what each row means. */
export const CLASSES: readonly [string, string][] = [
  ['page', 'pages by share of syllables read wrong (ser), or unreadable (fewer than MIN_ACCURACY of the letters printed right, marks aside: left out of every other row)'],
  ['syllable', 'reference syllables by outcome: ok, case, marks-valid/-invalid (same letters, other marks; printed form a valid syllable or not), letters-valid/-invalid, split, merge, regroup, dropped'],
  ['tone-seen', 'tones of the reference syllables read as one word'],
  ['tone', 'tone read as another, letters right'],
  ['tone-letters', 'tone read as another in a syllable with letters wrong too'],
  ['letter-seen', 'letters (tone removed) of the reference syllables read as one word'],
  ['vowelmark', 'letter read with another vowel mark (ă â ê ô ơ ư đ, or a foreign mark)'],
  ['markchar', 'letter with its tone read as another of the same base letter, letters right'],
  ['letter', 'run of letters read as other letters (marks removed; empty: lost or added)'],
  ['misread', 'syllable read with letters wrong: the whole forms (lower case)'],
  ['split', 'one word printed as two or more'],
  ['merge', 'two or more words printed as one'],
  ['regroup', 'words printed with spaces elsewhere'],
  ['drop', 'word printed as nothing'],
  ['extra', 'printed word with nothing in the text'],
  ['punct-seen', 'punctuation marks of the reference words'],
  ['punct', 'leading or trailing punctuation of a word read as other punctuation (empty: none)'],
  ['nonsyllable', 'word that is no syllable (number, foreign word, punctuation) read wrongly'],
];

const WHOLE_WORD_CLASSES = new Set(['misread', 'split', 'merge', 'regroup', 'drop', 'extra']);

interface Pair {
  ref: string;
  ocr: string;
  source: string;
  settings: { model: string };
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pages whose reading keeps fewer of the letters are noise (an empty reading, lines of stray
 * marks); no repair can start from them, so they would only blur the channel.
 */
export const MIN_ACCURACY = 0.5;

const SER_BANDS: readonly [number, string][] = [
  [0.02, 'ser <2 %'],
  [0.05, 'ser 2-5 %'],
  [0.1, 'ser 5-10 %'],
  [0.2, 'ser 10-20 %'],
  [0.5, 'ser 20-50 %'],
  [Infinity, 'ser ≥50 %'],
];

/** Table rows from the readings: `class\ttruth\tprinted` → counts per model. */
export function tally(pairs: readonly Pair[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  const add = (cls: string, truth: string, printed: string, model: number) => {
    const key = `${cls}\t${truth}\t${printed}`;
    let counts = rows.get(key);
    if (!counts) rows.set(key, (counts = MODELS.map(() => 0)));
    counts[model]++;
  };
  for (const pair of pairs) {
    const model = MODELS.indexOf(pair.settings.model as (typeof MODELS)[number]);
    if (model < 0) throw new Error(`unknown Tesseract model ${pair.settings.model}`);
    if (letterAccuracy(pair.ref, pair.ocr) < MIN_ACCURACY) {
      add('page', 'unreadable', '', model);
      continue;
    }
    const found = countConfusions(pair.ref, pair.ocr);
    const outcomes = found.filter((c) => c.cls === 'syllable');
    const wrong = outcomes.filter((c) => c.truth !== 'ok').length / Math.max(1, outcomes.length);
    add('page', SER_BANDS.find(([limit]) => wrong < limit)![1], '', model);
    for (const c of found) add(c.cls, c.truth, c.printed, model);
  }
  return rows;
}

/** The rows in table order: by class, then by falling total count (page rows: by band), then by text. */
export function sortedRows(rows: Map<string, number[]>, minCount: number): string[] {
  const order = new Map(CLASSES.map(([cls], k) => [cls, k]));
  const entries = [...rows].filter(([key, counts]) => {
    const cls = key.slice(0, key.indexOf('\t'));
    if (!order.has(cls)) throw new Error(`class ${cls} missing from CLASSES`);
    return !WHOLE_WORD_CLASSES.has(cls) || counts.reduce((a, b) => a + b, 0) >= minCount;
  });
  const total = (c: number[]) => c.reduce((a, b) => a + b, 0);
  const bands = new Map<string, number>([...SER_BANDS.map(([, name], k): [string, number] => [`page\t${name}\t`, k]), ['page\tunreadable\t', SER_BANDS.length]]);
  const band = (key: string) => bands.get(key) ?? 0;
  entries.sort(([ka, ca], [kb, cb]) => {
    const clsA = order.get(ka.slice(0, ka.indexOf('\t')))!;
    const clsB = order.get(kb.slice(0, kb.indexOf('\t')))!;
    return clsA - clsB || band(ka) - band(kb) || total(cb) - total(ca) || compareCodeUnits(ka, kb);
  });
  return entries.map(([key, counts]) => `${key}\t${counts.join('\t')}`);
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const work = resolve(argument('work', join(here, 'work')));
  const out = resolve(argument('out', join(here, '..', '..', 'ocr-channel.tsv')));
  const minCount = Number(argument('min-count', '1'));
  const pairs: Pair[] = readFileSync(join(work, 'pairs.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Pair);
  const run = JSON.parse(readFileSync(join(work, 'run.json'), 'utf8')) as {
    seed: string;
    count: number;
    tesseract: string;
    sources: { file: string; paragraphs: number }[];
  };
  const versions = readFileSync(join(work, 'versions.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace('\t', ' '));
  const perModel = MODELS.map((m) => `${m} ${pairs.filter((p) => p.settings.model === m).length}`);
  const header = [
    '# vietfix OCR channel: confusions counted on Tesseract readings of corpus paragraphs rendered as degraded page images.',
    '# Built by data/build/ocr/run.sh (install.sh, pages.py, count.ts); see data/build/ocr/README.md.',
    `# Seed ${run.seed}; ${pairs.length} pages (${perModel.join(', ')}); ${run.tesseract}; whole-word rows seen at least ${minCount} times; pages with under ${MIN_ACCURACY * 100} % of the letters right left out.`,
    `# Text: ${run.sources.map((s) => `${s.file} (${s.paragraphs} paragraphs)`).join(', ')}, from ../shared/corpus/text/.`,
    `# Debian packages: ${versions.join(', ')}.`,
    '# Licence: CC BY-SA 4.0. Statistics derived from Vietnamese Wikipedia (CC BY-SA 3.0), UD_Vietnamese-VTB and',
    '# NTREX-128 (CC BY-SA 4.0), the Asian Language Treebank (CC BY 4.0) and public-domain literature; see data/README.md.',
    '# Classes:',
    ...CLASSES.map(([cls, what]) => `#   ${cls}: ${what.replace('MIN_ACCURACY', `${MIN_ACCURACY * 100} %`)}`),
    `class\ttruth\tprinted\t${MODELS.join('\t')}`,
  ];
  const rows = sortedRows(tally(pairs), minCount);
  writeFileSync(out, [...header, ...rows].join('\n') + '\n');
  process.stderr.write(`${out}: ${rows.length} rows from ${pairs.length} pages\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
