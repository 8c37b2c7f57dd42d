/**
 * `npm run build:data`: builds `data/model.bin` from the shippable part of `../shared/corpus`.
 *
 *   tsx data/build/build.ts [--corpus DIR] [--out FILE] [--order N] [--min-counts 1,2,3]
 *
 * Order 4 by default; `--min-counts` gives the least count of a kept bigram, trigram, 4-gram.
 *
 * Reads the gzip text files line by line (streamed), and `dict/words.tsv` for the word list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModelFile, type TextSource } from './model-builder.js';
import { argument, corpusFolder, ROOT, SOURCES, sourceLines } from './sources.js';
import { shippableWords } from './words.js';


/**
 * Least counts of the kept bigrams, trigrams and 4-grams: every bigram, and the n-grams seen
 * at least twice (trigrams) and three times (4-grams), which keeps the packed package under
 * 20 MB.
 */
const DEFAULT_MIN_COUNTS = '1,2,3';

async function main(): Promise<void> {
  const corpus = corpusFolder();
  const out = resolve(argument('out', join(ROOT, 'data', 'model.bin')));
  const order = Number(argument('order', '4'));
  const minCounts = [0, 0, ...argument('min-counts', DEFAULT_MIN_COUNTS).split(',').map(Number)];
  const started = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
  const sources: TextSource[] = SOURCES.map((s) => ({ name: s.file, lines: sourceLines(corpus, s.file) }));
  const words = shippableWords(readFileSync(join(corpus, 'dict', 'words.tsv'), 'utf8').split('\n'));
  const bytes = await buildModelFile(sources, words, {
    order,
    minCounts,
    log,
    meta: {
      name: 'vietfix Vietnamese syllable model',
      licence: 'CC BY-SA 4.0',
      textSources: SOURCES,
      wordSources: ['Vietnamese Wiktionary (CC BY-SA 3.0)', 'UD_Vietnamese-VTB (CC BY-SA 4.0)', 'tessdata_fast vie (Apache-2.0)'],
    },
  });
  writeFileSync(out, bytes);
  log(`wrote ${out}: ${bytes.length} bytes`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
