/**
 * Language model measurements: load time and memory of the bundled model, look-ups per second,
 * and perplexity on the clean reference lines of the dev set (never used for training).
 *
 *   npx tsx bench/model.ts [path/to/model.bin]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultModel, LanguageModel } from '../src/model/index.js';
import { BOS_ID, EOS_ID, lineSentences, UNK_ID } from '../src/model/units.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function loadModel(): { model: LanguageModel; ms: number; memory: Record<string, number> } {
  const path = process.argv[2];
  const before = process.memoryUsage();
  const t0 = performance.now();
  const model = path ? LanguageModel.fromBuffer(readFileSync(path)) : defaultModel();
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  return {
    model,
    ms,
    memory: {
      rss: after.rss - before.rss,
      heapUsed: after.heapUsed - before.heapUsed,
      arrayBuffers: after.arrayBuffers - before.arrayBuffers,
    },
  };
}

/** Sentences of the text as id arrays `<s> … </s>`. */
function sentencesOf(model: LanguageModel, lines: string[]): Int32Array[] {
  const out: Int32Array[] = [];
  for (const line of lines) {
    for (const sentence of lineSentences(line)) {
      const ids = new Int32Array(sentence.length + 2);
      ids[0] = BOS_ID;
      sentence.forEach((unit, i) => (ids[i + 1] = model.id(unit)));
      ids[sentence.length + 1] = EOS_ID;
      out.push(ids);
    }
  }
  return out;
}

function perplexity(model: LanguageModel, sentences: Int32Array[]): { ppl: number; tokens: number; unk: number } {
  let logSum = 0;
  let tokens = 0;
  let unk = 0;
  for (const ids of sentences) {
    logSum += model.sequenceLogProb(ids, 1);
    tokens += ids.length - 1;
    for (let i = 1; i < ids.length; i++) if (ids[i] === UNK_ID) unk++;
  }
  return { ppl: 10 ** (-logSum / tokens), tokens, unk };
}

/**
 * Look-ups per second of CPU time (the machine may be shared: CPU time is steadier than wall
 * time), best of several rounds after a warm-up.
 */
function lookupsPerSecond(model: LanguageModel, w: Int32Array, p1: Int32Array, p2: Int32Array): number {
  const n = w.length;
  const cpuSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let sink = 0;
  for (let i = 0; i < n; i++) sink += model.logProb(w[i], p1[i], p2[i]); // warm-up
  let best = 0;
  for (let round = 0; round < 7; round++) {
    const t0 = cpuSeconds();
    for (let i = 0; i < n; i++) sink += model.logProb(w[i], p1[i], p2[i]);
    best = Math.max(best, n / (cpuSeconds() - t0));
  }
  if (Number.isNaN(sink)) console.log('NaN'); // keeps the loop from being optimised away
  return best;
}

function main(): void {
  const { model, ms, memory } = loadModel();
  const dataDir = join(root, 'data');
  const file = process.argv[2] ?? join(dataDir, 'model.bin');
  console.log(`model file: ${file} (${mb(statSync(file).size)})`);
  console.log(`order ${model.order}, ${model.vocabSize} ids, ${model.wordListSize} words, n-grams ${JSON.stringify(model.meta.ngrams)}`);
  console.log(`load: ${ms.toFixed(1)} ms; memory delta: rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}, array buffers ${mb(memory.arrayBuffers)}`);

  const devset = resolve(root, '..', 'shared', 'devset', 'clean.ref.txt');
  if (!existsSync(devset)) {
    console.log(`no dev set at ${devset}: perplexity and text look-ups skipped`);
    return;
  }
  const lines = readFileSync(devset, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const sentences = sentencesOf(model, lines);
  const { ppl, tokens, unk } = perplexity(model, sentences);
  console.log(`perplexity on ${devset}: ${ppl.toFixed(1)} over ${tokens} units (${lines.length} lines, ${sentences.length} sentences; <unk> ${(100 * unk / tokens).toFixed(2)}%)`);

  // Trigrams of running text, and trigrams of random ids (mostly unseen: the slowest path).
  const text: number[][] = [];
  for (const ids of sentences) for (let i = 2; i < ids.length; i++) text.push([ids[i], ids[i - 1], ids[i - 2]]);
  const n = 1 << 20;
  const w = new Int32Array(n);
  const p1 = new Int32Array(n);
  const p2 = new Int32Array(n);
  for (let i = 0; i < n; i++) [w[i], p1[i], p2[i]] = text[i % text.length];
  console.log(`look-ups (dev-set trigrams): ${(lookupsPerSecond(model, w, p1, p2) / 1e6).toFixed(2)} M/s`);
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % model.vocabSize;
  };
  for (let i = 0; i < n; i++) {
    w[i] = random();
    p1[i] = random();
    p2[i] = random();
  }
  console.log(`look-ups (random ids):        ${(lookupsPerSecond(model, w, p1, p2) / 1e6).toFixed(2)} M/s`);
  // Candidate-style: the real context, a random syllable among the 2,000 most frequent.
  for (let i = 0; i < n; i++) {
    [, p1[i], p2[i]] = text[i % text.length];
    w[i] = 6 + (random() % 2000);
  }
  console.log(`look-ups (text context, random candidate): ${(lookupsPerSecond(model, w, p1, p2) / 1e6).toFixed(2)} M/s`);
  // The decoder's pattern: 20 candidates scored after each history with logProbs().
  const candidates = new Int32Array(20);
  const out = new Float64Array(20);
  let best = 0;
  for (let round = 0; round < 7; round++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < text.length; i++) {
      for (let c = 0; c < 20; c++) candidates[c] = 6 + (random() % 2000);
      model.logProbs(candidates, text[i][1], text[i][2], out);
    }
    const t = process.cpuUsage(t0);
    best = Math.max(best, (text.length * 20) / ((t.user + t.system) / 1e6));
  }
  console.log(`look-ups (logProbs, 20 candidates per text history): ${(best / 1e6).toFixed(2)} M/s`);
}

main();
