/**
 * Quantization and the writer of the binary model file (layout in `src/model/format.ts` and
 * `data/README.md`).
 */
import {
  FORMAT_VERSION,
  HEADER_WORDS,
  idBitsFor,
  levelGeometry,
  MAGIC,
  placeKey,
  QUANT_BITS,
  SECTION_ALIGN,
  sectionNames,
} from '../../src/model/format.js';
import type { BackoffModel } from './ngrams.js';
import type { WordList } from './words.js';

/** A codebook and the code of every value. */
export interface Quantized {
  book: Float32Array;
  codes: Uint8Array | Uint16Array;
}

/**
 * Quantizes `values` to `bits` bits: the sorted values are cut into 2^bits runs of equal size,
 * each represented by its mean (finer where values are dense); exact when there are few
 * distinct values. Codes index the ascending codebook.
 */
export function quantize(values: Float64Array, bits: 8 | 16): Quantized {
  const size = 1 << bits;
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  let centers: number[];
  if (distinct.length <= size) {
    centers = distinct;
  } else {
    centers = [];
    for (let b = 0; b < size; b++) {
      const from = Math.floor((b * sorted.length) / size);
      const to = Math.floor(((b + 1) * sorted.length) / size);
      if (to <= from) continue;
      let sum = 0;
      for (let i = from; i < to; i++) sum += sorted[i];
      const mean = Math.fround(sum / (to - from));
      if (centers.length === 0 || centers[centers.length - 1] !== mean) centers.push(mean);
    }
  }
  const book = new Float32Array(size);
  book.set(centers);
  for (let i = centers.length; i < size; i++) book[i] = centers[centers.length - 1] ?? 0;
  const codes = bits === 8 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  const n = centers.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (centers[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    // lo: first center ≥ v (or the last); the one before may be nearer.
    if (lo > 0 && Math.abs(centers[lo - 1] - v) <= Math.abs(centers[lo] - v)) lo--;
    codes[i] = lo;
  }
  return { book, codes };
}

/** Bytes of a typed array in little-endian order. */
function bytesOf(array: ArrayBufferView): Uint8Array {
  const out = new Uint8Array(array.byteLength);
  out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const size = (array as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  if (!little && size > 1) for (let i = 0; i < out.length; i += size) out.subarray(i, i + size).reverse();
  return out;
}

/**
 * The hash table of one order (see `src/model/format.ts`): entries sorted by (bucket,
 * fingerprint), each fingerprint | probability code | back-off code; offsets of each bucket.
 * Where a fingerprint is shorter than the remainder, an n-gram whose fingerprint is already in
 * its bucket is dropped (the first in key order stays): one in tens of thousands.
 */
function hashLevel(
  keys: Float64Array,
  base: number,
  idBits: number,
  order: number,
  prob: Uint8Array,
  bow: Uint8Array | undefined,
): { offsets: Uint32Array; entries: Uint32Array; dropped: number } {
  const valueBits = bow === undefined ? QUANT_BITS : 2 * QUANT_BITS;
  const g = levelGeometry(idBits, order, keys.length, valueBits);
  if (g.lb > 31 || g.rb > 31) throw new Error(`order ${order}: too many n-grams for the table layout`);
  const remSize = 2 ** g.remBits;
  const fpSize = 2 ** g.fpBits;
  const idSize = 2 ** idBits;
  // (bucket, fingerprint) of each key as one number: bucket · 2^fpBits + fingerprint.
  const placed = new Float64Array(keys.length);
  const index = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    // Re-pack the key from base-`base` digits to idBits-bit digits.
    let rest = keys[i];
    let key = 0;
    let scale = 1;
    for (let t = 0; t < order; t++) {
      const digit = rest % base;
      rest = (rest - digit) / base;
      key += digit * scale;
      scale *= idSize;
    }
    const at = placeKey(key, g);
    const bucket = Math.floor(at / remSize);
    placed[i] = bucket * fpSize + ((at - bucket * remSize) % fpSize);
    index[i] = i;
  }
  index.sort((a, b) => placed[a] - placed[b] || a - b);
  const offsets = new Uint32Array(2 ** g.q + 1);
  const kept: number[] = [];
  for (let j = 0; j < index.length; j++) {
    if (j > 0 && placed[index[j]] === placed[index[j - 1]]) continue;
    kept.push(index[j]);
  }
  const entries = new Uint32Array(kept.length);
  for (let j = 0; j < kept.length; j++) {
    const i = kept[j];
    const bucket = Math.floor(placed[i] / fpSize);
    const fp = placed[i] - bucket * fpSize;
    offsets[bucket + 1]++;
    const value = prob[i] + (bow === undefined ? 0 : bow[i] * 2 ** QUANT_BITS);
    entries[j] = fp + value * fpSize;
  }
  for (let b = 1; b < offsets.length; b++) offsets[b] += offsets[b - 1];
  return { offsets, entries, dropped: keys.length - kept.length };
}

export interface WriteInput {
  model: BackoffModel;
  units: string[];
  counts: Uint32Array;
  /** How often each id is written with a capital inside a sentence. */
  titleCounts: Uint32Array;
  words: WordList;
  /** Loanwords outside the syllable inventory, sorted. */
  loanwords: readonly string[];
  meta: Record<string, unknown>;
}

/** Serialises the model; the same input always gives the same bytes. */
export function writeModel(input: WriteInput): Uint8Array {
  const { model, units, counts, words } = input;
  const { order, base, levels } = model;
  const sections = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  sections.set('meta', encoder.encode(JSON.stringify(input.meta)));
  sections.set('vocab', encoder.encode(units.join('\n')));
  sections.set('uniCount', bytesOf(counts));
  sections.set('titleCount', bytesOf(input.titleCounts));
  sections.set('uniProb', bytesOf(Float32Array.from(levels[1].logProb)));
  sections.set('uniBow', bytesOf(Float32Array.from(levels[1].logBow)));
  const idBits = idBitsFor(units.length);
  for (let k = 2; k <= order; k++) {
    const level = levels[k];
    const prob = quantize(level.logProb, QUANT_BITS);
    const bow = k < order ? quantize(level.logBow, QUANT_BITS) : undefined;
    const table = hashLevel(level.keys, base, idBits, k, prob.codes as Uint8Array, bow?.codes as Uint8Array | undefined);
    sections.set(`offsets${k}`, bytesOf(table.offsets));
    sections.set(`entries${k}`, bytesOf(table.entries));
    sections.set(`probBook${k}`, bytesOf(prob.book));
    if (bow !== undefined) sections.set(`bowBook${k}`, bytesOf(bow.book));
  }
  sections.set('wordStart', bytesOf(words.start));
  sections.set('wordIds', bytesOf(words.ids));
  sections.set('wordCount', bytesOf(words.counts));
  sections.set('wordFlags', bytesOf(words.flags));
  sections.set('loanwords', encoder.encode(input.loanwords.join('\n')));

  const names = sectionNames(order);
  const align = (n: number) => Math.ceil(n / SECTION_ALIGN) * SECTION_ALIGN;
  let offset = align((HEADER_WORDS + 2 * names.length) * 4);
  const placed: [number, Uint8Array][] = [];
  for (const name of names) {
    const data = sections.get(name);
    if (data === undefined) throw new Error(`missing section ${name}`);
    placed.push([offset, data]);
    offset = align(offset + data.length);
  }
  const out = new Uint8Array(offset);
  const dv = new DataView(out.buffer);
  const header = [MAGIC, FORMAT_VERSION, order, units.length, QUANT_BITS, names.length];
  header.forEach((v, i) => dv.setUint32(i * 4, v, true));
  placed.forEach(([at, data], s) => {
    dv.setUint32((HEADER_WORDS + 2 * s) * 4, at, true);
    dv.setUint32((HEADER_WORDS + 2 * s + 1) * 4, data.length, true);
    out.set(data, at);
  });
  return out;
}
