/**
 * Builds the model file from lines of text and word-list entries: the whole pipeline without
 * any file access, so tests can run it on a small sample.
 */
import { MAX_ORDER } from '../../src/model/format.js';
import { EOS_ID } from '../../src/model/units.js';
import { writeModel } from './binary.js';
import { chooseLoanwords, chooseVocabulary, CorpusCollector } from './corpus.js';
import { buildBackoffModel } from './ngrams.js';
import { buildWordList, type WordEntry } from './words.js';

export interface BuildOptions {
  /** Highest n-gram order, 2 to 4 (default 3; the bundled model is built with 4). */
  order?: number;
  /** Syllables seen fewer times become `<unk>` (default 2). */
  minUnigramCount?: number;
  /** Minimum raw count to keep an n-gram, by order (default: bigrams 1, trigrams 2, 4-grams 2). */
  minCounts?: number[];
  /** Marked non-syllables seen this many times are kept as loanwords (default 5: below it, most are typos). */
  minLoanwordCount?: number;
  /** Extra build information stored in the file (sources, licences). Must be deterministic. */
  meta?: Record<string, unknown>;
  /** Progress messages. */
  log?: (message: string) => void;
}

/** A named source of training lines. */
export interface TextSource {
  name: string;
  lines: AsyncIterable<string> | Iterable<string>;
}

/** Reads every source in the given order, then builds and serialises the model. */
export async function buildModelFile(
  sources: readonly TextSource[],
  words: readonly WordEntry[],
  options: BuildOptions = {},
): Promise<Uint8Array> {
  const order = options.order ?? 3;
  if (order < 2 || order > MAX_ORDER) throw new Error(`order must be 2..${MAX_ORDER}`);
  const minCounts = options.minCounts ?? [0, 0, 1, 2, 2];
  const log = options.log ?? (() => {});
  const collector = new CorpusCollector();
  const sourceStats: { name: string; lines: number; units: number }[] = [];
  for (const source of sources) {
    const lines0 = collector.lines;
    const units0 = collector.stream.length;
    for await (const line of source.lines) collector.addLine(line);
    sourceStats.push({ name: source.name, lines: collector.lines - lines0, units: collector.stream.length - units0 });
    log(`read ${source.name}: ${collector.lines - lines0} lines, ${collector.stream.length - units0} units`);
  }
  const vocab = chooseVocabulary(collector, options.minUnigramCount ?? 2);
  log(`vocabulary: ${vocab.units.length} ids, ${vocab.stream.length} units of text`);
  const model = buildBackoffModel(vocab.stream, vocab.units.length, EOS_ID, { order, minCounts });
  const ngramCounts: Record<string, number> = {};
  for (let k = 2; k <= order; k++) {
    ngramCounts[`${k}`] = model.levels[k].keys.length;
    log(`order ${k}: ${model.raw[k].keys.length} distinct, ${model.levels[k].keys.length} kept`);
  }
  const idOf = new Map(vocab.units.map((u, i) => [u, i] as [string, number]));
  const wordList = buildWordList(words, idOf, vocab.stream, EOS_ID);
  log(`word list: ${wordList.counts.length} words`);
  const minLoanwordCount = options.minLoanwordCount ?? 5;
  const loanwords = chooseLoanwords(collector.markedForeign, minLoanwordCount);
  log(`loanwords: ${loanwords.length}`);
  return writeModel({
    loanwords,
    model,
    units: vocab.units,
    counts: vocab.counts,
    titleCounts: vocab.titleCounts,
    words: wordList,
    meta: {
      ...options.meta,
      order,
      minUnigramCount: options.minUnigramCount ?? 2,
      minCounts: minCounts.slice(2, order + 1),
      discounts: model.discounts.slice(1).map((d) => d.map((x) => Math.round(x * 1e6) / 1e6)),
      ngrams: ngramCounts,
      words: wordList.counts.length,
      minLoanwordCount,
      loanwords: loanwords.length,
      sources: sourceStats,
    },
  });
}
