/**
 * Reads the channel table and prints, per Tesseract model, what it says: how syllables fared,
 * the rates of the damage operations of `src/repair/channel.ts` as log10 costs, and the top
 * confusions of each class with their rates.
 *
 *   tsx data/build/ocr/report.ts [--table data/ocr-channel.tsv] [--top 12]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Row {
  cls: string;
  truth: string;
  printed: string;
  counts: number[];
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const table = resolve(argument('table', join(here, '..', '..', 'ocr-channel.tsv')));
const top = Number(argument('top', '12'));
const lines = readFileSync(table, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
const models = lines[0].split('\t').slice(3);
const rows: Row[] = lines.slice(1).map((l) => {
  const [cls, truth, printed, ...counts] = l.split('\t');
  return { cls, truth, printed, counts: counts.map(Number) };
});

const pct = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(2)} %` : '–');
const cost = (x: number, n: number) => (x && n ? (-Math.log10(x / n)).toFixed(2) : '∞');
const show = (s: string) => (s === '' ? '∅' : s);

for (const [m, model] of models.entries()) {
  const of = (cls: string) => rows.filter((r) => r.cls === cls && r.counts[m] > 0);
  const sum = (rs: Row[]) => rs.reduce((a, r) => a + r.counts[m], 0);
  const seen = (cls: string, truth: string) => sum(of(cls).filter((r) => r.truth === truth));
  const outcome = (name: string) => seen('syllable', name);
  const syllables = sum(of('syllable'));
  if (!syllables) continue;
  console.log(`\n## ${model}: ${syllables} reference syllables`);
  const marks = outcome('marks-valid') + outcome('marks-invalid');
  const letters = outcome('letters-valid') + outcome('letters-invalid');
  const words = outcome('split') + outcome('merge') + outcome('regroup') + outcome('dropped');
  const extra = sum(of('extra'));
  const punct = sum(of('punct'));
  const wrong = syllables - outcome('ok');
  console.log(`syllables wrong: ${wrong} (${pct(wrong, syllables)}); ` +
    `marks only ${marks} (valid ${outcome('marks-valid')}), letters ${letters} (valid ${outcome('letters-valid')}), ` +
    `case ${outcome('case')}, split ${outcome('split')}, merge ${outcome('merge')}, regroup ${outcome('regroup')}, dropped ${outcome('dropped')}`);
  const events = marks + letters + punct + words + extra;
  console.log(`error events: marks ${pct(marks, events)}, letters ${pct(letters, events)}, punctuation ${pct(punct, events)}, ` +
    `words (split/merge/regroup/drop/extra) ${pct(words + extra, events)}; extra words ${extra}`);
  const read = syllables - words;
  const tone = sum(of('tone')) + sum(of('tone-letters'));
  const toneOnly = sum(of('tone'));
  const vowel = sum(of('vowelmark'));
  const letterRuns = of('letter');
  const lookAlike = sum(letterRuns.filter((r) => [...r.truth].length === 1 && [...r.printed].length === 1));
  const other = sum(letterRuns) - lookAlike;
  console.log(`per syllable read as one word (${read}), as log10 costs (cf. DEFAULT_COSTS):`);
  console.log(`  tone change ${cost(tone, read)} (letters right: ${cost(toneOnly, read)}); vowel-mark change ${cost(vowel, read)}; ` +
    `one-letter substitution ${cost(lookAlike, read)}; other letter runs ${cost(other, read)}`);
  console.log(`  split ${cost(outcome('split'), syllables)}; merge ${cost(outcome('merge') / 2, syllables)} (per pair); ` +
    `dropped ${cost(outcome('dropped'), syllables)}; extra word ${cost(extra, syllables)}`);

  const list = (title: string, cls: string, denominator: (r: Row) => number) => {
    const rs = of(cls).sort((a, b) => b.counts[m] - a.counts[m]).slice(0, top);
    if (!rs.length) return;
    console.log(`${title}: ` + rs.map((r) => {
      const n = denominator(r);
      return `${show(r.truth)}→${show(r.printed)} ${r.counts[m]}${n ? ` (${pct(r.counts[m], n)})` : ''}`;
    }).join(', '));
  };
  list('tone (letters right; rate per syllable of that tone)', 'tone', (r) => seen('tone-seen', r.truth));
  list('vowel mark (rate per letter)', 'vowelmark', (r) => seen('letter-seen', r.truth));
  list('letter with tone (letters right)', 'markchar', () => 0);
  list('letter runs (rate per letter)', 'letter', (r) => ([...r.truth].length === 1 ? seen('letter-seen', r.truth) : 0));
  list('misread syllables', 'misread', () => 0);
  list('splits', 'split', () => 0);
  list('merges', 'merge', () => 0);
  list('dropped', 'drop', () => 0);
  list('extra', 'extra', () => 0);
  list('punctuation (rate per mark)', 'punct', (r) => ([...r.truth].length === 1 ? seen('punct-seen', r.truth) : 0));
}
