/**
 * `npm run build:written-skeletons`: the words without marks that are no syllable but the
 * skeleton of one (`top`, `hot`, `cup`: `tốp`, `hót`, `cúp` without their marks) and that the
 * model's training text (the sources of `build.ts`) writes as they are, as the generated module
 * `src/repair/written-skeleton-table.ts`.
 *
 *   tsx data/build/written-skeletons.ts [--corpus DIR] [--out src/repair/written-skeleton-table.ts]
 *
 * In text typed without marks such a word is most often a syllable that lost them (`vuong`,
 * `nhien`: the text never writes them so); one the text writes as it is may be a word of its own
 * (an English loan, a currency, a romanised name). Kept: a word the text writes so at least
 * {@link LEAST_COUNT} times and at least {@link LEAST_SHARE} of the times it writes the word or
 * one of its readings with marks. The output depends only on the text.
 */
import { join, resolve } from 'node:path';
import { isValidSyllable, removeMarks, syllablesForSkeleton } from '../../src/orthography/index.js';
import { scanTokens } from '../../src/tokenize/index.js';
import { writeTableModule } from './generated-module.js';
import { argument, corpusFolder, ROOT, SOURCES, sourceLines } from './sources.js';

/** Least count of the word as written: fewer are typos and stray pieces. */
const LEAST_COUNT = 5;
/** Least share of the word as written among it and its readings. */
const LEAST_SHARE = 0.01;

const ASCII_WORD = /^[a-z]+$/;

async function main(): Promise<void> {
  const corpus = corpusFolder();
  const out = resolve(argument('out', join(ROOT, 'src', 'repair', 'written-skeleton-table.ts')));
  /** How often each lower-case word is written, in any case. */
  const written = new Map<string, number>();
  for (const source of SOURCES) {
    for await (const line of sourceLines(corpus, source.file)) {
      scanTokens(line, (kind, start, end) => {
        if (kind !== 'syllable' && kind !== 'foreign') return;
        const word = line.slice(start, end).toLowerCase();
        written.set(word, (written.get(word) ?? 0) + 1);
      });
    }
  }
  /** How often the readings with marks of each skeleton are written. */
  const readings = new Map<string, number>();
  for (const [word, count] of written) {
    if (!isValidSyllable(word)) continue;
    const skeleton = removeMarks(word);
    if (skeleton !== word) readings.set(skeleton, (readings.get(skeleton) ?? 0) + count);
  }
  const rows: [string, number, number][] = [];
  for (const [word, count] of written) {
    if (count < LEAST_COUNT || !ASCII_WORD.test(word) || isValidSyllable(word) || syllablesForSkeleton(word).length === 0) continue;
    const marked = readings.get(word) ?? 0;
    if (count / (count + marked) >= LEAST_SHARE) rows.push([word, count, marked]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  writeTableModule(
    out,
    'data/build/written-skeletons.ts',
    [
      'Words without marks that are no syllable but the skeleton of one, which the training text',
      'writes as they are: the word, how often the text writes it so, and how often one of its',
      `readings with marks (${SOURCES.map((s) => s.file).join(', ')}).`,
      `Kept where written so at least ${LEAST_COUNT} times and ${LEAST_SHARE * 100} % of the time (see the builder).`,
    ],
    'export const WRITTEN_SKELETONS: readonly (readonly [word: string, count: number, markedCount: number])[] = [',
    rows.map(([word, count, marked]) => `[${JSON.stringify(word)}, ${count}, ${marked}]`),
  );
  console.error(`wrote ${out}: ${rows.length} words`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
