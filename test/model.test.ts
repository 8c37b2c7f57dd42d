import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseLoanwords, chooseVocabulary, CorpusCollector } from '../data/build/corpus.js';
import { buildModelFile, type BuildOptions } from '../data/build/model-builder.js';
import { backoffLogProb, buildBackoffModel, discounts } from '../data/build/ngrams.js';
import { shippableWords, type WordEntry } from '../data/build/words.js';
import {
  BOS_ID,
  defaultModel,
  EOS_ID,
  FOREIGN,
  LanguageModel,
  lineSentences,
  NUM,
  PUNCT,
  UNK_ID,
} from '../src/model/index.js';

/** Own sentences: both tone styles, numbers, a foreign name, several kinds of punctuation. */
const SENTENCES = [
  'Hôm nay trời đẹp, chúng tôi đi dạo quanh hồ.',
  'Phụ nữ Việt Nam đóng góp nhiều cho sự phát triển của đất nước.',
  'Trung tâm Phụ nữ và Phát triển mở lớp học mới vào năm 2015.',
  'Hòa bình là mong ước của mọi người.',
  'Ai cũng muốn sống trong hoà bình và hạnh phúc.',
  'Nhà máy thủy điện này được xây dựng trên sông lớn.',
  'Thuỷ sản là ngành kinh tế quan trọng của tỉnh.',
  'Các đồng chí cán bộ đã về thăm xã vào tháng 8/2014.',
  'Cô giáo dạy chúng tôi hát một bài hát về quê hương.',
  'Anh ấy làm việc cho công ty Samsung ở Hà Nội.',
  'Mùa xuân đến, cây cối đâm chồi nảy lộc.',
  'Người dân trong làng rất hiếu khách và thân thiện.',
  'Bà tôi thường kể chuyện cổ tích mỗi tối.',
  'Chính phủ khuyến khích phát triển kinh tế tư nhân.',
  'Học sinh chuẩn bị cho kỳ thi cuối năm.',
  'Thư viện có hơn 10.000 cuốn sách về khoa học.',
  'Đội bóng của trường đã thắng trận chung kết!',
  'Bạn có muốn uống trà hay cà phê không?',
  'Giá xăng tăng khiến nhiều gia đình lo lắng.',
  'Bác sĩ khuyên nên ăn nhiều rau và tập thể dục.',
];

/** 300 lines of one to three sentences, from a fixed pseudo-random sequence. */
function sampleLines(): string[] {
  let seed = 20240601;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const parts: string[] = [];
    for (let k = 1 + next(3); k > 0; k--) parts.push(SENTENCES[next(SENTENCES.length)]);
    lines.push(parts.join(' '));
  }
  return lines;
}

const WORDS: WordEntry[] = shippableWords([
  'word\tsources',
  'phụ nữ\tviet74k,wiktionary',
  'phát triển\tud_vtb',
  'đồng chí\twiktionary',
  'hòa bình\twiktionary',
  'hoà bình\tud_vtb',
  'thủy điện\twiktionary',
  'cà phê\ttesseract',
  'kinh tế\twiktionary',
  'hạnh phúc\tviet74k', // GPL-only source: must be left out
  'văn bản pháp luật\twiktionary', // syllables absent from the text: cannot be looked up
]);

const LINES = sampleLines();
const FULL: BuildOptions = { minUnigramCount: 1, minCounts: [0, 0, 1, 1] };
// Every sentence occurs about 30 times in the sample: these thresholds drop about half.
const PRUNED: BuildOptions = { minUnigramCount: 1, minCounts: [0, 0, 40, 32] };

async function build(options: BuildOptions): Promise<Uint8Array> {
  return buildModelFile([{ name: 'sample', lines: LINES }], WORDS, options);
}

/** Occurrences of `phrase` (lower case, words separated by single spaces) in the sample. */
function occurrences(phrase: string): number {
  let n = 0;
  for (const line of LINES) {
    const words = line.toLowerCase().split(/[^\p{L}]+/u);
    const target = phrase.split(' ');
    for (let i = 0; i + target.length <= words.length; i++) {
      if (target.every((t, k) => words[i + k] === t)) n++;
    }
  }
  return n;
}

function sumOverVocabulary(model: LanguageModel, prev1: number, prev2: number): number {
  let sum = 0;
  for (let w = 0; w < model.vocabSize; w++) if (w !== BOS_ID) sum += 10 ** model.logProb(w, prev1, prev2);
  return sum;
}

describe('model units', () => {
  it('cuts lines into sentences of normalised syllables and class tokens', () => {
    expect(lineSentences('Hoà bình, năm 2014. Anh ấy dùng Samsung!')).toEqual([
      ['hòa', 'bình', PUNCT, 'năm', NUM],
      ['anh', 'ấy', 'dùng', FOREIGN],
    ]);
    // A full stop before a lower-case word does not end the sentence.
    expect(lineSentences('v.v. và thế')).toEqual([[FOREIGN, PUNCT, FOREIGN, PUNCT, 'và', 'thế']]);
  });
});

describe('model builder and loader', async () => {
  const bytes = await build(FULL);
  const model = LanguageModel.fromBuffer(bytes);

  it('is deterministic: two builds are byte-identical', async () => {
    const again = await build(FULL);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('counts syllables, merging tone styles and case', () => {
    const hoa = model.id('hòa');
    expect(hoa).toBeGreaterThan(UNK_ID);
    expect(model.id('hoà')).toBe(hoa);
    expect(model.id('HOÀ')).toBe(hoa);
    expect(model.id('Hòa')).toBe(hoa);
    expect(model.id('thuỷ')).toBe(model.id('thủy'));
    expect(model.unit(hoa)).toBe('hòa');
    expect(model.count(hoa)).toBe(occurrences('hòa') + occurrences('hoà'));
    expect(model.count(model.id('của'))).toBe(occurrences('của'));
    expect(model.id('quốc')).toBe(UNK_ID); // not in the sample
  });

  it('counts syllables written with a capital inside a sentence, not at its start', () => {
    // `Nam` and `Nội` occur only in names inside sentences; `Hôm` and `Bà` only at their starts.
    expect(model.titleCount(model.id('nam'))).toBe(occurrences('việt nam'));
    expect(model.titleCount(model.id('nội'))).toBe(occurrences('hà nội'));
    expect(model.titleCount(model.id('hôm'))).toBe(0);
    expect(model.titleCount(model.id('bà'))).toBe(0);
    expect(model.titleCount(model.id('nữ'))).toBe(0); // `Phụ nữ` starts a sentence, `Phụ nữ và Phát triển` has `nữ` in lower case
    expect(model.titleCount(model.id('phụ'))).toBe(occurrences('trung tâm phụ nữ'));
  });

  it('gives every id a finite log-probability and never predicts <s>', () => {
    const a = model.id('của');
    const b = model.id('phát');
    for (let w = 0; w < model.vocabSize; w++) {
      const lp = model.logProb(w, b, a);
      if (w === BOS_ID) expect(lp).toBeLessThan(-50);
      else expect(Number.isFinite(lp) && lp < 0).toBe(true);
    }
    expect(Number.isFinite(model.logProb(UNK_ID, model.id('tôi')))).toBe(true);
  });

  it('has distributions that sum to one after seen and unseen histories', () => {
    const histories: [number, number][] = [
      [-1, -1],
      [model.id('của'), -1],
      [model.id('triển'), model.id('phát')], // seen trigram context
      [model.id('nữ'), model.id('phụ')],
      [model.id('bình'), model.id('hồ')], // unseen context: backs off
      [EOS_ID, model.id('tôi')],
    ];
    for (const [p1, p2] of histories) expect(sumOverVocabulary(model, p1, p2)).toBeCloseTo(1, 1);
  });

  it('matches an independent interpolated Kneser-Ney computation', () => {
    // Reference: straightforward modified Kneser-Ney with maps, from the same units.
    const sentences = LINES.flatMap((line) => lineSentences(line)).map((s) => [
      BOS_ID,
      ...s.map((u) => model.id(u)),
      EOS_ID,
    ]);
    const c3 = new Map<string, number>();
    const c2 = new Map<string, number>();
    for (const s of sentences) {
      for (let i = 0; i + 2 < s.length; i++) {
        const k = `${s[i]},${s[i + 1]},${s[i + 2]}`;
        c3.set(k, (c3.get(k) ?? 0) + 1);
      }
      for (let i = 0; i + 1 < s.length; i++) {
        const k = `${s[i]},${s[i + 1]}`;
        c2.set(k, (c2.get(k) ?? 0) + 1);
      }
    }
    const adj2 = new Map<string, number>();
    for (const k of c3.keys()) {
      const [, b, c] = k.split(',');
      adj2.set(`${b},${c}`, (adj2.get(`${b},${c}`) ?? 0) + 1);
    }
    for (const [k, n] of c2) if (k.startsWith(`${BOS_ID},`)) adj2.set(k, n);
    const adj1 = new Float64Array(model.vocabSize);
    for (const k of adj2.keys()) adj1[Number(k.split(',')[1])]++;
    const d1 = discounts(adj1);
    const d2 = discounts(Float64Array.from(adj2.values()));
    const d3 = discounts(Float64Array.from(c3.values()));
    const disc = (d: number[], c: number) => (c === 0 ? 0 : d[Math.min(c, 3) - 1]);
    let t1 = 0;
    let g1 = 0;
    for (const c of adj1) {
      t1 += c;
      g1 += disc(d1, c);
    }
    const p1 = (w: number) => (adj1[w] - disc(d1, adj1[w])) / t1 + g1 / t1 / (model.vocabSize - 1);
    const interpolate = (
      counts: Map<string, number>,
      d: number[],
      context: string,
      w: number,
      lower: number,
    ): number => {
      let total = 0;
      let left = 0;
      for (const [k, n] of counts) {
        if (k.slice(0, k.lastIndexOf(',')) !== context) continue;
        total += n;
        left += disc(d, n);
      }
      if (total === 0) return lower;
      const n = counts.get(`${context},${w}`) ?? 0;
      return (n - disc(d, n)) / total + (left / total) * lower;
    };
    const p3 = (w: number, b: number, a: number) =>
      interpolate(c3, d3, `${a},${b}`, w, interpolate(adj2, d2, `${b}`, w, p1(w)));

    // Trigrams of the text and a few made-up ones (unseen contexts and words).
    const cases: [number, number, number][] = [];
    for (const k of [...c3.keys()].slice(0, 150)) {
      const [a, b, c] = k.split(',').map(Number);
      cases.push([c, b, a]);
    }
    const ids = ['tôi', 'bình', 'phát', 'nữ', 'của', 'năm', '<num>', '</s>'].map((u) => model.id(u));
    for (const a of ids) for (const b of ids) for (const c of ids) cases.push([c, b, a]);

    // The builder's unquantized back-off model equals the interpolated one (nothing pruned)...
    const collector = new CorpusCollector();
    for (const line of LINES) collector.addLine(line);
    const vocab = chooseVocabulary(collector, 1);
    expect(vocab.units).toEqual(Array.from({ length: model.vocabSize }, (_, i) => model.unit(i)));
    const exact = buildBackoffModel(vocab.stream, vocab.units.length, EOS_ID, { order: 3, minCounts: [0, 0, 1, 1] });
    let quantError = 0;
    for (const [w, b, a] of cases) {
      const reference = Math.log10(p3(w, b, a));
      expect(backoffLogProb(exact, [a, b], w, 3)).toBeCloseTo(reference, 9);
      // ...and the file holds it up to 8-bit quantization.
      const err = Math.abs(model.logProb(w, b, a) - reference);
      expect(err).toBeLessThan(0.2);
      quantError += err;
    }
    expect(quantError / cases.length).toBeLessThan(0.02);
  });

  it('keeps distributions normalised when n-grams are pruned', async () => {
    const pruned = LanguageModel.fromBuffer(await build(PRUNED));
    const kept = pruned.meta.ngrams as Record<string, number>;
    const all = model.meta.ngrams as Record<string, number>;
    expect(kept['2']).toBeLessThan(all['2']);
    expect(kept['3']).toBeLessThan(all['3']);
    expect(kept['3']).toBeGreaterThan(0);
    for (const [p1, p2] of [
      [pruned.id('triển'), pruned.id('phát')],
      [pruned.id('tôi'), pruned.id('chúng')],
      [pruned.id('và'), -1],
    ]) {
      expect(sumOverVocabulary(pruned, p1, p2)).toBeCloseTo(1, 1);
    }
  });

  it('scores many candidates after one history exactly like one at a time', () => {
    const all = Int32Array.from({ length: model.vocabSize + 2 }, (_, i) => i - 1); // with two invalid ids
    const histories: [number, number][] = [
      [-1, -1],
      [model.id('nữ'), model.id('phụ')],
      [model.id('bình'), model.id('hồ')],
      [model.id('tôi'), -1],
    ];
    for (const [p1, p2] of histories) {
      const batch = model.logProbs(all, p1, p2);
      all.forEach((w, i) => expect(batch[i]).toBe(model.logProb(w, p1, p2)));
    }
  });

  it('answers unrelated look-ups in one batch exactly like one at a time', async () => {
    const pruned = LanguageModel.fromBuffer(await build(PRUNED));
    for (const m of [model, pruned]) {
      // Every history of a few frequent syllables, with invalid ids and left-out contexts.
      const some = [-1, BOS_ID, m.id('nữ'), m.id('phụ'), m.id('tôi'), m.id('chúng'), m.id('và'), 0, m.vocabSize + 3];
      const words: number[] = [];
      const prev1s: number[] = [];
      const prev2s: number[] = [];
      for (const w of some) for (const p1 of some) for (const p2 of some) if (w >= 0) words.push(w), prev1s.push(p1), prev2s.push(p2);
      const out = new Float64Array(words.length + 1).fill(7);
      m.logProbsOf(words, prev1s, prev2s, out, words.length);
      words.forEach((w, i) => expect(out[i]).toBe(m.logProb(w, prev1s[i], prev2s[i])));
      expect(out[words.length]).toBe(7);
      // The decoder's split look-ups, batched the same way.
      const bigram = new Float64Array(1);
      const seen = new Uint8Array(1);
      const bigrams = new Float64Array(words.length);
      const seens = new Uint8Array(words.length);
      m.bigramsOf(prev1s, words, bigrams, seens, words.length);
      const trigrams = new Float64Array(words.length);
      m.trigramsOf(words, prev1s, prev2s, trigrams, words.length);
      words.forEach((w, i) => {
        m.bigramLogProbs([w], prev1s[i], bigram, seen);
        expect([bigrams[i], seens[i]]).toEqual([bigram[0], seen[0]]);
        expect(trigrams[i]).toBe(m.trigramLogProb(w, prev1s[i], prev2s[i]));
      });
      if (m === model) expect(trigrams.some((t) => !Number.isNaN(t))).toBe(true);
    }
  });

  it('splits a look-up into bigram, history and trigram parts that add up to it', async () => {
    // The decoder relies on this: a trigram is looked up only where its bigram is in the model.
    const pruned = LanguageModel.fromBuffer(await build(PRUNED));
    for (const m of [model, pruned]) {
      const all = Int32Array.from({ length: m.vocabSize }, (_, i) => i);
      const bigram = new Float64Array(all.length);
      const seen = new Uint8Array(all.length);
      for (const [p1, p2] of [
        [m.id('nữ'), m.id('phụ')],
        [m.id('triển'), m.id('phát')],
        [m.id('tôi'), m.id('chúng')],
        [m.id('và'), -1],
        [BOS_ID, -1],
      ]) {
        m.bigramLogProbs(all, p1, bigram, seen);
        const weight = m.historyWeight(p2, p1);
        const batch = new Float64Array(all.length);
        m.trigramLogProbs(all, seen, p1, p2, batch);
        let trigrams = 0;
        for (const w of all) {
          const tri = m.trigramLogProb(w, p1, p2);
          expect(batch[w]).toBe(tri); // NaN where there is none

          if (!Number.isNaN(tri)) {
            trigrams++;
            expect(seen[w], `trigram without its bigram: ${m.unit(p2)} ${m.unit(p1)} ${m.unit(w)}`).toBe(1);
            expect(weight).not.toBeNaN();
          }
          const composed = Number.isNaN(tri) ? (Number.isNaN(weight) ? 0 : weight) + bigram[w] : tri;
          expect(composed).toBeCloseTo(m.logProb(w, p1, p2), 9);
        }
        if (p2 >= 0 && m === model) expect(trigrams).toBeGreaterThan(0);
        // A prefix of the ids only: nothing past it is written.
        const part = new Float64Array(all.length).fill(7);
        m.bigramLogProbs(all, p1, part, new Uint8Array(all.length), 10);
        expect([...part.subarray(0, 10)]).toEqual([...bigram.subarray(0, 10)]);
        expect(part[10]).toBe(7);
      }
    }
  });

  it('scores a likely sentence above a scrambled one', () => {
    const ids = (text: string) => text.split(' ').map((s) => model.id(s));
    const good = model.sentenceLogProb(ids('phụ nữ việt nam đóng góp nhiều'));
    const bad = model.sentenceLogProb(ids('nhiều góp đóng nam việt nữ phụ'));
    expect(good).toBeGreaterThan(bad);
    expect(model.sequenceLogProb([BOS_ID, ...ids('hòa bình')])).toBeCloseTo(
      model.logProb(model.id('hòa'), BOS_ID) + model.logProb(model.id('bình'), model.id('hòa'), BOS_ID),
      9,
    );
  });

  it('has a word list of shippable entries with their counts', () => {
    const ids = (text: string) => text.split(' ').map((s) => model.id(s));
    for (const w of ['phụ nữ', 'phát triển', 'đồng chí', 'hòa bình', 'thủy điện', 'cà phê', 'kinh tế']) {
      expect(model.isWord(ids(w))).toBe(true);
      expect(model.wordCount(ids(w))).toBe(occurrences(w) + (w === 'hòa bình' ? occurrences('hoà bình') : 0));
    }
    expect(model.isWord(ids('hoà bình'))).toBe(true);
    expect(model.isWord(ids('hạnh phúc'))).toBe(false); // GPL-only source
    expect(model.isWord(ids('của đất'))).toBe(false);
    expect(model.wordListSize).toBe(7);
    expect(model.isWordPrefix(ids('phụ'))).toBe(true);
    expect(model.isWordPrefix(ids('nước'))).toBe(false);
    // Lookup inside a longer sequence, by range.
    const sentence = ids('trung tâm phụ nữ và phát triển');
    expect(model.isWord(sentence, 2, 4)).toBe(true);
    expect(model.isWord(sentence, 1, 3)).toBe(false);
  });

  it('answers two-syllable word look-ups by hash as the word list does', () => {
    const ids = (text: string) => text.split(' ').map((s) => model.id(s));
    for (const w of ['phụ nữ', 'phát triển', 'hòa bình', 'của đất', 'nữ phụ', 'trung tâm']) {
      const [a, b] = ids(w);
      expect(model.isPairWord(a, b), w).toBe(model.isWord([a, b]));
    }
    expect(model.isPairWord(...(ids('phụ nữ') as [number, number]))).toBe(true);
    // Every pair of the bundled model's vocabulary head agrees with the binary search.
    const big = defaultModel();
    for (let a = 0; a < 300; a++) for (let b = 0; b < 300; b++) expect(big.isPairWord(a, b)).toBe(big.isWord([a, b]));
  });

  it('keeps frequent marked non-syllables as loanwords, not typos of syllables or words with digits', async () => {
    const collector = new CorpusCollector();
    const lines = [
      'Đoàn xe đi thêm vài kilômet nữa.', // loanword, five times
      'Nó trông giống chuôt cống.', // `chuot` spells syllables: a typo
      'Kilômet cuối cùng dài nhất.', // capitalised: counts for `kilômet`
      'một t6 chức', // letters with a digit
    ];
    for (let k = 0; k < 4; k++) for (const line of lines) collector.addLine(line);
    collector.addLine('chiếc ôtô');
    expect(collector.markedForeign.get('kilômet')).toBe(8);
    expect(chooseLoanwords(collector.markedForeign, 4)).toEqual(['kilômet']);
    expect(chooseLoanwords(collector.markedForeign, 1)).toEqual(['kilômet', 'ôtô']);
    const model = LanguageModel.fromBuffer(await buildModelFile([{ name: 'sample', lines }], WORDS, { ...FULL, minLoanwordCount: 1 }));
    expect(model.isLoanword('kilômet')).toBe(true);
    expect(model.isLoanword('chuôt')).toBe(false);
    expect(model.loanwordCount).toBe(1);
  });

  it('reads unaligned buffers and rejects other files', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const copy = LanguageModel.fromBuffer(shifted.subarray(1));
    expect(copy.logProb(model.id('nữ'), model.id('phụ'))).toBe(model.logProb(model.id('nữ'), model.id('phụ')));
    expect(() => LanguageModel.fromBuffer(new Uint8Array(64))).toThrow(/magic/);
    expect(() => LanguageModel.fromBuffer(bytes.slice(0, bytes.length >> 1))).toThrow();
  });
});

describe('4-gram model', async () => {
  const options: BuildOptions = { order: 4, minUnigramCount: 1, minCounts: [0, 0, 1, 1, 1] };
  const model = LanguageModel.fromBuffer(await buildModelFile([{ name: 'sample', lines: LINES }], WORDS, options));
  const pruned = LanguageModel.fromBuffer(
    await buildModelFile([{ name: 'sample', lines: LINES }], WORDS, { ...options, minCounts: [0, 0, 40, 32, 32] }),
  );
  const collector = new CorpusCollector();
  for (const line of LINES) collector.addLine(line);
  const vocab = chooseVocabulary(collector, 1);
  const exact = buildBackoffModel(vocab.stream, vocab.units.length, EOS_ID, { order: 4, minCounts: [0, 0, 1, 1, 1] });
  // Histories of three syllables: from the text, with unseen parts, after <s>, and left out.
  const id = (s: string) => model.id(s);
  const histories: [number, number, number][] = [
    [id('triển'), id('phát'), id('sự')],
    [id('nữ'), id('phụ'), id('trung')],
    [id('tôi'), id('chúng'), id('nay')],
    [id('bình'), id('hồ'), id('của')],
    [id('nay'), id('hôm'), BOS_ID],
    [id('và'), -1, -1],
    [-1, -1, -1],
  ];

  it('keeps every 4-gram of the text and scores it as the unquantized model does', () => {
    expect(model.order).toBe(4);
    expect((model.meta.ngrams as Record<string, number>)['4']).toBe(exact.levels[4].keys.length);
    let error = 0;
    let found = 0;
    const words = Int32Array.from({ length: model.vocabSize }, (_, i) => i);
    for (const [p1, p2, p3] of histories) {
      for (const w of words) {
        if (w === BOS_ID) continue;
        const context = [p3, p2, p1].filter((x) => x >= 0);
        const reference = backoffLogProb(exact, context, w, 4);
        const err = Math.abs(model.logProb(w, p1, p2, p3) - reference);
        expect(err).toBeLessThan(0.2);
        error += err;
        found++;
      }
    }
    expect(error / found).toBeLessThan(0.02);
  });

  it('has distributions that sum to one after three-syllable histories, pruned or not', () => {
    for (const m of [model, pruned]) {
      for (const [p1, p2, p3] of histories) {
        let sum = 0;
        for (let w = 0; w < m.vocabSize; w++) if (w !== BOS_ID) sum += 10 ** m.logProb(w, p1, p2, p3);
        expect(sum).toBeCloseTo(1, 1);
      }
    }
  });

  it('splits a look-up into trigram, history and 4-gram parts that add up to it', () => {
    // The decoder relies on this: a 4-gram is looked up only where its trigram is in the model.
    for (const m of [model, pruned]) {
      const all = Int32Array.from({ length: m.vocabSize }, (_, i) => i);
      const n = all.length;
      let fourgrams = 0;
      for (const [p1, p2, p3] of histories) {
        const weight = m.fourgramHistoryWeight(p3, p2, p1);
        const batch = new Float64Array(n);
        m.fourgramsOf(all, new Int32Array(n).fill(p1), new Int32Array(n).fill(p2), new Int32Array(n).fill(p3), batch, n);
        for (const w of all) {
          const four = batch[w];
          if (!Number.isNaN(four)) {
            fourgrams++;
            expect(m.trigramLogProb(w, p1, p2), `4-gram without its trigram: ${w}`).not.toBeNaN();
            expect(weight).not.toBeNaN();
          }
          const lower = m.logProb(w, p1, p2);
          const composed = Number.isNaN(four) ? (Number.isNaN(weight) ? 0 : weight) + lower : four;
          expect(composed).toBeCloseTo(m.logProb(w, p1, p2, p3), 9);
        }
        // The batched look-ups of the decoder's margins, with the third context.
        const out = new Float64Array(n);
        m.logProbsOf(all, new Int32Array(n).fill(p1), new Int32Array(n).fill(p2), out, n, new Int32Array(n).fill(p3));
        all.forEach((w) => expect(out[w]).toBe(m.logProb(w, p1, p2, p3)));
      }
      if (m === model) expect(fourgrams).toBeGreaterThan(0);
    }
  });
});

const bundled = fileURLToPath(new URL('../data/model.bin', import.meta.url));

describe.runIf(existsSync(bundled))('bundled model', () => {
  it('loads once and knows common Vietnamese', () => {
    const model = defaultModel();
    expect(defaultModel()).toBe(model);
    const id = (s: string) => model.id(s);
    expect(model.count(id('của'))).toBeGreaterThan(10_000);
    expect(model.logProb(id('nam'), id('việt'))).toBeGreaterThan(model.logProb(id('nam'), id('của')));
    expect(model.isWord([id('phụ'), id('nữ')])).toBe(true);
    expect(model.isWord([id('đồng'), id('chí')])).toBe(true);
    expect(model.id('hoà')).toBe(model.id('hòa'));
    for (const w of ['kilômét', 'ôtô', 'ăngten', 'ximăng']) expect(model.isLoanword(w), w).toBe(true);
    for (const w of ['việt', 'chuôt', 'viêt', 't6']) expect(model.isLoanword(w), w).toBe(false);
  });
});
