/**
 * Turns the counts of `data/ocr-channel.tsv` into the channel the repair ships:
 * `src/repair/channel-table.ts`, a generated module of a few small tables (log10 costs), so that
 * it loads with the code in Node and in browsers alike.
 *
 *   npx tsx data/build/ocr/table.ts [--in data/ocr-channel.tsv] [--out src/repair/channel-table.ts]
 *
 * What is learned, and from which readings:
 * - tones and vowel marks from the Vietnamese model's readings (`vie`): marks are trusted as
 *   evidence only in lines read by a model that knows them; the wrong-model readings garble
 *   them wholesale and are repaired with marks as no evidence;
 * - letter confusions (one letter for one, two printed for one, letters lost or added) from all
 *   readings pooled: the wrong-language models are where most look-alikes come from;
 * - splits and merges from the Vietnamese model's readings.
 * A rate is `(count + ½) / (seen + 1)`; its cost `-log10(rate)`, less {@link damagedOffset}:
 * the repair only works on lines that show damage, and there the channel is noisier than on the
 * average page (most pages are read almost perfectly).
 * The output depends only on the table's bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const k = args.indexOf(name);
  return k >= 0 && k + 1 < args.length ? args[k + 1] : fallback;
};
const input = arg('--in', 'data/ocr-channel.tsv');
const output = arg('--out', 'src/repair/channel-table.ts');

const MODELS = ['vie', 'Latin', 'eng'] as const;
type Row = { cls: string; truth: string; printed: string; counts: Record<(typeof MODELS)[number], number> };

const rows: Row[] = [];
for (const line of readFileSync(input, 'utf8').split('\n')) {
  if (line === '' || line.startsWith('#') || line.startsWith('class\t')) continue;
  const [cls, truth, printed, vie, latin, eng] = line.split('\t');
  rows.push({ cls, truth, printed, counts: { vie: Number(vie), Latin: Number(latin), eng: Number(eng) } });
}

const vie = (r: Row) => r.counts.vie;
const pooled = (r: Row) => r.counts.vie + r.counts.Latin + r.counts.eng;
const of = (cls: string) => rows.filter((r) => r.cls === cls);
function seen(cls: string, count: (r: Row) => number): Map<string, number> {
  return new Map(of(cls).map((r) => [r.truth, count(r)]));
}
const cost = (n: number, total: number) => -Math.log10((n + 0.5) / (total + 1));
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * How much noisier the pages with damage are than the average page, as log10: the mean share of
 * syllables read wrong over the pages with at least 5 % wrong (bins at their middles, the top
 * one at 60 %), over the share on all readable pages.
 */
function damagedOffset(): number {
  const middles: Record<string, number> = { 'ser <2 %': 0.01, 'ser 2-5 %': 0.035, 'ser 5-10 %': 0.075, 'ser 10-20 %': 0.15, 'ser 20-50 %': 0.35, 'ser ≥50 %': 0.6 };
  let pages = 0;
  let damagedPages = 0;
  let all = 0;
  let damaged = 0;
  for (const r of of('page')) {
    const m = middles[r.truth];
    if (m === undefined) continue;
    pages += vie(r);
    all += vie(r) * m;
    if (m >= 0.075) {
      damagedPages += vie(r);
      damaged += vie(r) * m;
    }
  }
  return Math.log10(damaged / damagedPages / (all / pages));
}
const offset = damagedOffset();

// Tones: 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng (as `toneOf`).
const TONES = ['ngang', 'huyền', 'sắc', 'hỏi', 'ngã', 'nặng'];
const toneSeen = seen('tone-seen', vie);
const toneCounts = new Map(of('tone').map((r) => [`${r.truth}>${r.printed}`, vie(r)]));
const toneCost: number[] = [];
for (const truth of TONES) {
  for (const printed of TONES) {
    toneCost.push(truth === printed ? 0 : round(cost(toneCounts.get(`${truth}>${printed}`) ?? 0, toneSeen.get(truth) ?? 0) - offset));
  }
}

// Vowel marks: each mark letter lost (printed as its base or another letter without the mark)
// and gained (its base printed with the mark), per letter of the text.
const MARK_LETTERS = 'ăâêôơưđ';
const BASE: Record<string, string> = { ă: 'a', â: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u', đ: 'd' };
const letterSeenVie = seen('letter-seen', vie);
const vowelRows = of('vowelmark');
const markLoss: number[] = [];
const markGain: number[] = [];
for (const m of MARK_LETTERS) {
  const lost = vowelRows.filter((r) => r.truth === m && !r.printed.includes(m)).reduce((s, r) => s + vie(r), 0);
  const gained = vowelRows.filter((r) => r.truth === BASE[m] && r.printed === m).reduce((s, r) => s + vie(r), 0);
  markLoss.push(round(cost(lost, letterSeenVie.get(m) ?? 0) - offset));
  markGain.push(round(cost(gained, letterSeenVie.get(BASE[m]) ?? 0) - offset));
}

// Letters: runs of the skeleton (marks removed) read as others, all models pooled, and the same
// from the readings of the model without Vietnamese letters alone (`eng`): a line that lost its
// marks was read by such a model, whose look-alikes (`d` for `o`, `w` for `u`) are several times
// likelier than over all readings. Only pairs seen at least MIN_PAIR times, of ASCII letters and
// digits, one truth letter each.
const MIN_PAIR = 3;
const PRINTABLE = /^[a-z0-9]*$/;
function letterPairsOf(count: (r: Row) => number): [string, string, number][] {
  // The skeleton letters: `đ` is `d` there.
  const skeletonSeen = new Map<string, number>();
  for (const [letter, n] of seen('letter-seen', count)) {
    const base = letter.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace('đ', 'd');
    skeletonSeen.set(base, (skeletonSeen.get(base) ?? 0) + n);
  }
  const pairs: [string, string, number][] = [];
  for (const r of of('letter')) {
    const n = count(r);
    if (n < MIN_PAIR || r.truth.length > 1 || r.printed.length > 2) continue;
    if (!PRINTABLE.test(r.truth) || !PRINTABLE.test(r.printed) || r.truth === r.printed) continue;
    const total = r.truth === '' ? [...skeletonSeen.values()].reduce((a, b) => a + b, 0) : skeletonSeen.get(r.truth) ?? 0;
    if (total === 0) continue;
    pairs.push([r.printed, r.truth, round(cost(n, total))]);
  }
  return pairs.sort((a, b) => a[2] - b[2] || (a[0] + '>' + a[1] < b[0] + '>' + b[1] ? -1 : 1));
}
const letterPairs = letterPairsOf(pooled);
const wrongModelPairs = letterPairsOf((r) => r.counts.eng);

// Words: one split in two, two run together (per syllable of the text).
const syllableCount = [...seen('tone-seen', vie).values()].reduce((a, b) => a + b, 0);
const split = round(cost(of('split').reduce((s, r) => s + vie(r), 0), syllableCount) - offset);
const merge = round(cost(of('merge').reduce((s, r) => s + vie(r), 0), syllableCount) - offset);

const header = readFileSync(input, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('# Seed') || l.startsWith('# Debian'))
  .map((l) => ` * ${l.slice(2)}`)
  .join('\n');
const json = (x: unknown) => JSON.stringify(x);
writeFileSync(
  output,
  `// Generated by data/build/ocr/table.ts from data/ocr-channel.tsv: do not edit.
/**
 * The OCR channel learned from Tesseract readings of rendered corpus pages, as log10 costs.
${header}
 * Costs are for lines that show damage: ${round(offset)} (log10) below the rates of all pages.
 */

/** Tone read as another, letters right: \`TONE_COST[truth * 6 + printed]\` (tones as \`toneOf\`). */
export const TONE_COST: readonly number[] = ${json(toneCost)};

/** The vowel-mark letters of the two tables below, in their order. */
export const MARK_LETTERS = ${json(MARK_LETTERS)};
/** A mark letter printed without its mark (\`ô\` as \`o\`), per letter of the text. */
export const MARK_LOSS: readonly number[] = ${json(markLoss)};
/** A mark letter printed for its bare letter (\`o\` as \`ô\`), per letter of the text. */
export const MARK_GAIN: readonly number[] = ${json(markGain)};

/**
 * Letters of the skeleton (marks removed) read as others, seen at least ${MIN_PAIR} times:
 * [printed, truth, cost]; an empty printed side is a letter lost, an empty truth a letter added.
 */
export const LETTER_PAIRS: readonly (readonly [string, string, number])[] = [
${letterPairs.map((p) => `  ${json(p)},`).join('\n')}
];

/** As {@link LETTER_PAIRS}, from the readings of the model without Vietnamese letters (\`eng\`) alone. */
export const WRONG_MODEL_LETTER_PAIRS: readonly (readonly [string, string, number])[] = [
${wrongModelPairs.map((p) => `  ${json(p)},`).join('\n')}
];

/** A syllable printed as two words. */
export const SPLIT_COST = ${split};
/** Two syllables printed as one word. */
export const MERGE_COST = ${merge};
`,
);
console.log(`wrote ${output}: offset ${round(offset)}, ${letterPairs.length} letter pairs (${wrongModelPairs.length} of the wrong model), split ${split}, merge ${merge}`);
