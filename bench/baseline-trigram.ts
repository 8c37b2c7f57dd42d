/**
 * A plain diacritic-restoration baseline to measure vietfix against: an n-gram model of
 * lower-case units with stupid backoff (α = 0.4) or interpolated Kneser-Ney, candidates = the
 * readings of each word's skeleton seen in the training text (top K by count), and a beam
 * Viterbi over each line. No rules: one-letter words and capitalised words are restored like any
 * other, case is copied from the input.
 *
 *   npx tsx bench/baseline-trigram.ts [--fraction 1] [--order 3] [--smoothing sb|kn]
 *                                     [--top 8] [--beam 40] [--filter]
 *
 * Trains on a fraction of the shippable corpus sources (`data/build/build.ts` SOURCES; lines kept
 * by a fixed hash of their position, so smaller fractions are subsets of larger ones), then
 * scores both variants of the `nodiacritics` dev set with `../shared/devset/score.py` and prints
 * its own restoration speed, then vietfix's SER on the same lines (`node dist/cli.js`: build
 * first) and how far below the baseline it is. `--filter` restores stdin to stdout instead.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { applyCase, removeMarks, removeTone, scanTokens, type TokenKind } from '../src/index.js';
import { NgramTable } from './ngram-table.js';
import { stringOption } from './args.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEVSET = join(ROOT, '..', 'shared', 'devset');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'text');

/**
 * The shippable training files, read from `data/build/build.ts` (importing it would run the
 * model build).
 */
export const SOURCES: readonly string[] = [
  ...readFileSync(join(ROOT, 'data', 'build', 'build.ts'), 'utf8').matchAll(/\{ file: '([^']+)'/g),
].map((m) => m[1]);

const BOS = '<s>';
const EOS = '</s>';
const NUMBER = '<num>';
const URL = '<url>';
const BACKOFF = Math.log(0.4);

export interface BaselineOptions {
  /** Share of the training lines used, 0 < fraction ≤ 1. */
  fraction: number;
  /** Lines already counted by an earlier call with this lower fraction are skipped. */
  from?: number;
  /** Highest n-gram order counted. */
  order: number;
  /** Readings kept per skeleton, by count. */
  top: number;
  log?: (message: string) => void;
}

/** The model unit of a token, or undefined for space. */
function unitOf(kind: TokenKind, text: string): string | undefined {
  switch (kind) {
    case 'space':
      return undefined;
    case 'number':
      return NUMBER;
    case 'url':
      return URL;
    case 'punct':
      return text;
    default:
      return text.toLowerCase();
  }
}

/** Whether a word may carry diacritics the input lost. */
function isWord(kind: TokenKind): boolean {
  return kind === 'syllable' || kind === 'foreign' || kind === 'acronym';
}

/** Keeps about `fraction` of the lines, the same ones on every run. */
function keepLine(source: number, line: number, from: number, fraction: number): boolean {
  let h = Math.imul(line ^ Math.imul(source, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  const x = (h >>> 0) / 0x100000000;
  return x >= from && x < fraction;
}

async function* gzipLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

/** Counts of n-grams of every order up to `order`, with the vocabulary. */
export class BaselineModel {
  readonly ids = new Map<string, number>();
  readonly units: string[] = [];
  /** `tables[k]` counts k-grams, k = 1..order. */
  readonly tables: NgramTable[] = [];
  /** Readings (unit ids, most frequent first) of each lower-case skeleton. */
  readonly readings = new Map<string, number[]>();
  tokens = 0;
  lines = 0;
  private kn?: KneserNey;

  constructor(readonly order: number) {
    for (let k = 1; k <= order; k++) this.tables[k] = new NgramTable(k, k === 1 ? 16 : 20);
    this.intern(BOS);
    this.intern(EOS);
  }

  intern(unit: string): number {
    let id = this.ids.get(unit);
    if (id === undefined) {
      id = this.units.length;
      this.ids.set(unit, id);
      this.units.push(unit);
    }
    return id;
  }

  private readonly buffer: number[] = [];

  /** Counts one line of training text. */
  addLine(line: string): void {
    const ids = this.buffer;
    ids.length = 0;
    const bos = this.ids.get(BOS)!;
    for (let k = 1; k < this.order; k++) ids.push(bos);
    scanTokens(line, (kind, start, end) => {
      const unit = unitOf(kind, line.slice(start, end));
      if (unit !== undefined) ids.push(this.intern(unit));
    });
    if (ids.length === this.order - 1) return;
    ids.push(this.ids.get(EOS)!);
    this.lines++;
    this.tokens += ids.length - this.order + 1;
    // n-grams ending at the last <s> too, so that the contexts at the start of a line are counted.
    for (let end = this.order - 1; end <= ids.length; end++) {
      for (let k = 1; k <= this.order && k <= end; k++) this.tables[k].add(ids, end);
    }
  }

  /** Groups the vocabulary by skeleton after training. */
  finish(top: number): void {
    this.readings.clear();
    const unigrams = this.tables[1];
    const key = [0];
    const groups = new Map<string, { id: number; count: number }[]>();
    for (let id = 0; id < this.units.length; id++) {
      const unit = this.units[id];
      const skeleton = removeMarks(unit);
      key[0] = id;
      const count = unigrams.get(key, 1);
      let group = groups.get(skeleton);
      if (group === undefined) groups.set(skeleton, (group = []));
      group.push({ id, count });
    }
    for (const [skeleton, group] of groups) {
      group.sort((a, b) => b.count - a.count || a.id - b.id);
      this.readings.set(
        skeleton,
        group.slice(0, top).map((r) => r.id),
      );
    }
  }

  /** Switches scoring to Kneser-Ney (or back to stupid backoff); call again after more training. */
  useKneserNey(on = true): void {
    this.kn = on ? new KneserNey(this) : undefined;
  }

  /**
   * Log score of unit `w` after `history[end - n + 1 .. end)` with the model cut to order `n`:
   * stupid backoff, or interpolated Kneser-Ney once {@link useKneserNey} ran.
   */
  score(history: number[], end: number, w: number, n: number): number {
    if (this.kn) return this.kn.logProb(history, end, w, n);
    const gram = this.gram;
    let penalty = 0;
    for (let k = Math.min(n, end + 1); k >= 2; k--) {
      for (let j = 0; j < k - 1; j++) gram[j] = history[end - k + 1 + j];
      gram[k - 1] = w;
      const count = this.tables[k].get(gram, k);
      if (count > 0) return penalty + Math.log(count / this.tables[k - 1].get(gram, k - 1));
      penalty += BACKOFF;
    }
    gram[0] = w;
    const count = this.tables[1].get(gram, 1);
    return penalty + Math.log((count > 0 ? count : 0.1) / this.tokens);
  }

  private readonly gram = new Uint32Array(8);
}

/**
 * Interpolated Kneser-Ney with one discount D = 0.75: the highest order in use counts n-grams,
 * the lower ones count distinct left neighbours (continuation counts).
 */
class KneserNey {
  private static readonly D = 0.75;
  /** `continuation[k]`: distinct left neighbours of each k-gram, k < order. */
  private readonly continuation: NgramTable[] = [];
  /** `contextTotal[k]`: Σ_w continuation[k](ctx w) for each (k-1)-gram ctx, 2 ≤ k < order. */
  private readonly contextTotal: NgramTable[] = [];
  /** `followers[k]`: distinct w seen after each (k-1)-gram ctx, k ≥ 2. */
  private readonly followers: NgramTable[] = [];
  private continuationTotal = 0;
  private readonly gram = new Uint32Array(8);

  constructor(private readonly model: BaselineModel) {
    const order = model.order;
    for (let k = 1; k < order; k++) this.continuation[k] = new NgramTable(k, 16);
    for (let k = 2; k <= order; k++) {
      this.followers[k] = new NgramTable(k - 1, 16);
      if (k < order) this.contextTotal[k] = new NgramTable(k - 1, 16);
    }
    for (let k = 2; k <= order; k++) {
      model.tables[k].forEach((keys, offset) => {
        this.continuation[k - 1].add(keys, offset + k);
        this.followers[k].add(keys, offset + k - 1);
      });
    }
    this.continuationTotal = this.model.tables[2]?.size ?? 0;
    for (let k = 2; k < order; k++) {
      this.continuation[k].forEach((keys, offset, count) => this.contextTotal[k].add(keys, offset + k - 1, count));
    }
  }

  logProb(history: number[], end: number, w: number, n: number): number {
    const gram = this.gram;
    const top = Math.min(n, end + 1);
    gram[0] = w;
    let p =
      top === 1
        ? (this.model.tables[1].get(gram, 1) + 0.1) / this.model.tokens
        : (this.continuation[1].get(gram, 1) + 0.1) / (this.continuationTotal + 1);
    for (let k = 2; k <= top; k++) {
      for (let j = 0; j < k - 1; j++) gram[j] = history[end - k + 1 + j];
      gram[k - 1] = w;
      const count = k === top ? this.model.tables[k].get(gram, k) : this.continuation[k].get(gram, k);
      const total = k === top ? this.model.tables[k - 1].get(gram, k - 1) : this.contextTotal[k].get(gram, k - 1);
      if (total === 0) continue;
      const distinct = this.followers[k].get(gram, k - 1);
      p = Math.max(count - KneserNey.D, 0) / total + ((KneserNey.D * distinct) / total) * p;
    }
    return Math.log(p);
  }
}

/** Restores the diacritics of one line with a beam Viterbi over candidate readings. */
export class Restorer {
  constructor(
    private readonly model: BaselineModel,
    private readonly order: number,
    private readonly beam: number,
  ) {}

  restoreLine(line: string): string {
    const model = this.model;
    const positions: { start: number; end: number; text: string; ids: number[]; word: boolean }[] = [];
    scanTokens(line, (kind, start, end) => {
      const text = line.slice(start, end);
      const unit = unitOf(kind, text);
      if (unit === undefined) return;
      let ids: number[] | undefined;
      if (isWord(kind)) ids = this.candidates(unit);
      if (ids === undefined || ids.length === 0) ids = [model.ids.get(unit) ?? model.units.length];
      positions.push({ start, end, text, ids, word: isWord(kind) });
    });
    if (positions.length === 0) return line;
    const keep = this.order - 1;
    const bos = model.ids.get(BOS)!;
    interface Hypothesis {
      history: number[];
      score: number;
      back: Hypothesis | undefined;
      choice: number;
      /** The choices at the last `keep` positions, 4 bits each: equal keys, equal futures. */
      state: number;
    }
    const span = 16 ** Math.max(0, keep - 1);
    let beam: Hypothesis[] = [{ history: new Array<number>(keep).fill(bos), score: 0, back: undefined, choice: -1, state: 0 }];
    const best = new Map<number, Hypothesis>();
    const extend = (ids: number[]): void => {
      best.clear();
      for (const h of beam) {
        for (let c = 0; c < ids.length; c++) {
          const w = ids[c];
          const score = h.score + model.score(h.history, keep, w, this.order);
          const state = keep > 0 ? (h.state % span) * 16 + c : 0;
          const seen = best.get(state);
          if (seen !== undefined && seen.score >= score) continue;
          const history = h.history.slice(1);
          if (keep > 0) history.push(w);
          best.set(state, { history, score, back: h, choice: c, state });
        }
      }
      beam = [...best.values()];
      if (beam.length > this.beam) beam = beam.sort((a, b) => b.score - a.score).slice(0, this.beam);
    };
    for (const p of positions) extend(p.ids);
    extend([model.ids.get(EOS)!]);
    const choices: number[] = [];
    const last = beam.reduce((a, b) => (b.score > a.score ? b : a));
    for (let h = last.back; h && h.back; h = h.back) choices.push(h.choice);
    choices.reverse();
    let out = '';
    let at = 0;
    positions.forEach((p, i) => {
      out += line.slice(at, p.start);
      const id = p.ids[choices[i]];
      out += p.word && id < model.units.length ? this.withCase(p.text, model.units[id]) : p.text;
      at = p.end;
    });
    return out + line.slice(at);
  }

  private withCase(input: string, reading: string): string {
    return reading === input.toLowerCase() ? input : applyCase(input, reading);
  }

  private readonly cache = new Map<string, number[]>();

  /** Readings of the word that keep the marks it still has (a word stripped of tones only keeps its vowel marks). */
  private candidates(lower: string): number[] | undefined {
    let ids = this.cache.get(lower);
    if (ids !== undefined) return ids;
    const readings = this.model.readings.get(removeMarks(lower)) ?? [];
    const bare = removeMarks(lower) === lower;
    ids = readings.filter((id) => {
      const reading = this.model.units[id];
      return bare || reading === lower || removeTone(reading) === lower;
    });
    const own = this.model.ids.get(lower);
    if (ids.length === 0 && own !== undefined) ids = [own];
    this.cache.set(lower, ids);
    return ids;
  }
}

/** Trains the model on the shippable sources. */
export async function trainBaseline(options: BaselineOptions, model = new BaselineModel(options.order)): Promise<BaselineModel> {
  const from = options.from ?? 0;
  for (let s = 0; s < SOURCES.length; s++) {
    let n = 0;
    for await (const line of gzipLines(join(CORPUS, SOURCES[s]))) {
      if (keepLine(s, n++, from, options.fraction)) model.addLine(line.normalize('NFC'));
    }
    options.log?.(`${SOURCES[s]}: ${model.tokens} tokens so far`);
  }
  model.finish(options.top);
  return model;
}

export interface VariantSer {
  [variant: string]: number;
}

/** SER (%) by variant of `outputs` of the nodiacritics set, as score.py computes it. */
export function scoreOutputs(outputs: string, category = 'nodiacritics'): { ser: VariantSer; raw: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
  try {
    const outFile = join(dir, 'out.txt');
    writeFileSync(outFile, outputs);
    return scoreSystem(`cat ${outFile}`, category);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs score.py on `system` (a stdin→stdout command) for one category, by variant. */
export function scoreSystem(system: string, category = 'nodiacritics', saveOutputs?: string): { ser: VariantSer; raw: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'score-'));
  try {
    const json = join(dir, 'score.json');
    const args = [join(DEVSET, 'score.py'), '--system', system, '--set', DEVSET, '--cats', category, '--by-variant', '--json-out', json];
    if (saveOutputs) args.push('--save-outputs', saveOutputs);
    execFileSync('python3', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const result = JSON.parse(readFileSync(json, 'utf8'));
    const cat = result.categories[0];
    const ser: VariantSer = { all: 100 * cat.ser_after };
    for (const [v, r] of Object.entries(cat.variants as Record<string, { ser_after: number }>)) ser[v] = 100 * r.ser_after;
    return { ser, raw: cat };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Restores every line of `text`; returns the output and the seconds spent. */
export function restoreText(restorer: Restorer, text: string): { output: string; seconds: number } {
  const started = process.hrtime.bigint();
  const lines = text.split('\n');
  const output = lines.map((l) => restorer.restoreLine(l)).join('\n');
  return { output, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}


async function main(): Promise<void> {
  const started = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
  const fraction = Number(stringOption('fraction', '1'));
  const order = Number(stringOption('order', '3'));
  const smoothing = stringOption('smoothing', 'sb');
  const top = Number(stringOption('top', '8'));
  const beam = Number(stringOption('beam', '40'));
  if (!(fraction > 0 && fraction <= 1) || !(order >= 1 && order <= 6) || !['sb', 'kn'].includes(smoothing) || !(top >= 1 && top <= 15)) {
    throw new Error('usage: --fraction (0,1] --order 1..6 --smoothing sb|kn --top 1..15');
  }
  const model = await trainBaseline({ fraction, order, top, log });
  if (smoothing === 'kn') model.useKneserNey();
  log(`trained: ${model.lines} lines, ${model.tokens} tokens, ${model.units.length} units, ` +
    `${model.tables.slice(1).map((t) => t.size).join('/')} n-grams, heap ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  const restorer = new Restorer(model, order, beam);
  if (process.argv.includes('--filter')) {
    process.stdout.write(restoreText(restorer, readFileSync(0, 'utf8')).output);
    return;
  }
  const input = join(DEVSET, 'nodiacritics.damaged.txt');
  const text = readFileSync(input, 'utf8');
  restoreText(restorer, text); // warm-up
  const { output, seconds } = restoreText(restorer, text);
  const { ser } = scoreOutputs(output);
  const mbps = statSync(input).size / 1e6 / seconds;
  console.log(`baseline fraction=${fraction} order=${order} smoothing=${smoothing} top=${top} beam=${beam}`);
  console.log(`  training tokens: ${model.tokens}`);
  for (const [v, s] of Object.entries(ser)) console.log(`  SER ${v}: ${s.toFixed(2)} %`);
  console.log(`  restoration speed: ${mbps.toFixed(3)} MB/s (model in memory; machine shared, timings noisy)`);
  // vietfix on the same lines, for the comparison the baseline is for (build first).
  const vietfix = scoreSystem('node dist/cli.js').ser;
  console.log('vietfix (node dist/cli.js)');
  for (const [v, s] of Object.entries(vietfix)) {
    const below = ser[v] - s;
    console.log(`  SER ${v}: ${s.toFixed(2)} % (${below >= 0 ? `${below.toFixed(2)} points below` : `${(-below).toFixed(2)} points above`} the baseline)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
