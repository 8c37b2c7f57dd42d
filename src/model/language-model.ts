/**
 * A syllable n-gram language model read from the compact binary format of `data/README.md`:
 * a back-off trie (sorted arrays of syllable ids per context, binary search) with quantized
 * log10 probabilities, plus the syllable counts and a word list. Pure: it only reads bytes, so
 * it works the same in Node and in browsers.
 */
import {
  ENTRY_BOW_SHIFT,
  ENTRY_ID_MASK,
  ENTRY_PROB_SHIFT,
  FORMAT_VERSION,
  HEADER_WORDS,
  MAGIC,
  QUANT_BITS,
  sectionNames,
} from './format.js';
import {
  BOS_ID,
  classUnit,
  EOS_ID,
  normalizeSyllable,
  SPECIAL_UNITS,
  UNK_ID,
} from './units.js';
import type { TokenKind } from '../tokenize/index.js';

/** One level (order k ≥ 2) of the trie. */
interface Level {
  /** One u32 per k-gram: last id, probability code, back-off code (see `format.ts`). */
  entries: Uint32Array;
  /** Block index of the entries' ids for {@link search}. */
  skip: Uint16Array;
  probBook: Float32Array;
  /** Back-off codebook and child ranges exist below the highest order only. */
  bowBook?: Float32Array;
  child?: Uint32Array;
}

/** Build information stored in the file (sources, thresholds, n-gram counts). */
export interface ModelMeta {
  [key: string]: unknown;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Entries per block of a sorted id array; one block of u16 ids is one 64-byte cache line. */
const BLOCK = 32;
const BLOCK_SHIFT = 5;

/** The id of every {@link BLOCK}-th entry: a small index that stays in the CPU cache. */
function blockIndex(entries: Uint32Array): Uint16Array {
  const skip = new Uint16Array(Math.ceil(entries.length / BLOCK));
  for (let j = 0; j < skip.length; j++) skip[j] = entries[j << BLOCK_SHIFT] & ENTRY_ID_MASK;
  return skip;
}

/**
 * Index of the entry with id `w` in the sorted range `entries[lo, hi)`, or -1. A binary search
 * over the block index `skip` finds the one block that can hold `w`, then a binary search
 * inside that block: a look-up touches one or two cache lines of `entries` instead of one per halving
 * step.
 */
function search(entries: Uint32Array, skip: Uint16Array, lo: number, hi: number, w: number): number {
  if (hi - lo > BLOCK) {
    // Blocks that start inside the range: first..last; find the last one starting at ≤ w.
    let a = (lo + BLOCK - 1) >>> BLOCK_SHIFT;
    let b = (hi - 1) >>> BLOCK_SHIFT;
    if (skip[a] <= w) {
      while (a < b) {
        const mid = (a + b + 1) >>> 1;
        if (skip[mid] <= w) a = mid;
        else b = mid - 1;
      }
      lo = a << BLOCK_SHIFT;
      const end = lo + BLOCK;
      if (end < hi) hi = end;
    } else {
      const end = a << BLOCK_SHIFT;
      if (end < hi) hi = end;
    }
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = entries[mid] & ENTRY_ID_MASK;
    if (v < w) lo = mid + 1;
    else if (v > w) hi = mid;
    else return mid;
  }
  return -1;
}

/**
 * A typed-array view of `length` bytes at `offset`; copied when the buffer is not aligned for
 * the element size or the machine is big-endian (the file is little-endian).
 */
function view<T extends ArrayBufferView>(
  bytes: Uint8Array,
  offset: number,
  length: number,
  make: new (buffer: ArrayBuffer, offset: number, length: number) => T,
  size: number,
): T {
  const start = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN && start % size === 0) {
    return new make(bytes.buffer as ArrayBuffer, start, length / size);
  }
  const copy = new Uint8Array(length);
  copy.set(bytes.subarray(offset, offset + length));
  if (!LITTLE_ENDIAN && size > 1) {
    for (let i = 0; i < length; i += size) copy.subarray(i, i + size).reverse();
  }
  return new make(copy.buffer, 0, length / size);
}

/**
 * A syllable n-gram model (order 3 by default) with a word list.
 *
 * Ids: 0 `<unk>`, 1 `<s>`, 2 `</s>`, 3 `<num>`, 4 `<foreign>`, 5 `<p>` (see `units.ts`), then
 * syllables by falling frequency. Probabilities are log10, interpolated modified Kneser-Ney
 * turned into a back-off model (pruned n-grams fall back to shorter contexts with a weight).
 */
export class LanguageModel {
  /** Highest n-gram order. */
  readonly order: number;
  /** Number of ids (class tokens + syllables). */
  readonly vocabSize: number;
  /** Build information stored in the file. */
  readonly meta: ModelMeta;
  /** Sum of the unigram counts of everything except `<s>`: the training text's size in units. */
  readonly totalCount: number;

  private readonly units: string[];
  private readonly index: Map<string, number>;
  private readonly uniCount: Uint32Array;
  private readonly uniProb: Float32Array;
  private readonly uniBow: Float32Array;
  private readonly uniChild: Uint32Array;
  private readonly levels: Level[]; // levels[k] for order k (0 and 1 unused)
  private readonly entries2: Uint32Array;
  private readonly skip2: Uint16Array;
  private readonly book2: Float32Array;
  private readonly bowBook2: Float32Array | undefined;
  private readonly child2: Uint32Array | undefined;
  private readonly entries3: Uint32Array | undefined;
  private readonly skip3: Uint16Array | undefined;
  private readonly book3: Float32Array | undefined;
  private readonly wordStart: Uint32Array;
  private readonly wordIds: Uint16Array;
  private readonly wordCounts: Uint32Array;
  private readonly wordFlagBytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    if (bytes.byteLength < HEADER_WORDS * 4) throw new Error('vietfix model: file too short');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u32 = (i: number) => dv.getUint32(i * 4, true);
    if (u32(0) !== MAGIC) throw new Error('vietfix model: bad magic (not a vietfix model file)');
    if (u32(1) !== FORMAT_VERSION) {
      throw new Error(`vietfix model: format version ${u32(1)}, this loader reads ${FORMAT_VERSION}`);
    }
    const order = u32(2);
    const vocabSize = u32(3);
    const bits = u32(4);
    const nSections = u32(5);
    const names = sectionNames(order);
    if (order < 2 || nSections !== names.length || bits !== QUANT_BITS) {
      throw new Error('vietfix model: inconsistent header');
    }
    const sections = new Map<string, [number, number]>();
    for (let s = 0; s < nSections; s++) {
      const offset = u32(HEADER_WORDS + 2 * s);
      const length = u32(HEADER_WORDS + 2 * s + 1);
      if (offset + length > bytes.byteLength) throw new Error('vietfix model: truncated file');
      sections.set(names[s], [offset, length]);
    }
    const raw = (name: string) => {
      const [o, l] = sections.get(name)!;
      return bytes.subarray(o, o + l);
    };
    const typed = <T extends ArrayBufferView>(
      name: string,
      make: new (buffer: ArrayBuffer, offset: number, length: number) => T,
      size: number,
    ): T => {
      const [o, l] = sections.get(name)!;
      return view(bytes, o, l, make, size);
    };

    const decoder = new TextDecoder();
    this.order = order;
    this.vocabSize = vocabSize;
    this.meta = JSON.parse(decoder.decode(raw('meta'))) as ModelMeta;
    this.units = decoder.decode(raw('vocab')).split('\n');
    if (this.units.length !== vocabSize) throw new Error('vietfix model: vocabulary size mismatch');
    this.index = new Map();
    for (let i = 0; i < vocabSize; i++) this.index.set(this.units[i], i);
    this.uniCount = typed('uniCount', Uint32Array, 4);
    this.uniProb = typed('uniProb', Float32Array, 4);
    this.uniBow = typed('uniBow', Float32Array, 4);
    this.uniChild = typed('uniChild', Uint32Array, 4);
    this.levels = [];
    for (let k = 2; k <= order; k++) {
      const entries = typed(`entries${k}`, Uint32Array, 4);
      const level: Level = {
        entries,
        skip: blockIndex(entries),
        probBook: typed(`probBook${k}`, Float32Array, 4),
      };
      if (k < order) {
        level.bowBook = typed(`bowBook${k}`, Float32Array, 4);
        level.child = typed(`child${k}`, Uint32Array, 4);
      }
      this.levels[k] = level;
    }
    const l2 = this.levels[2];
    this.entries2 = l2.entries;
    this.skip2 = l2.skip;
    this.book2 = l2.probBook;
    this.bowBook2 = l2.bowBook;
    this.child2 = l2.child;
    const l3 = this.levels[3];
    this.entries3 = l3?.entries;
    this.skip3 = l3?.skip;
    this.book3 = l3?.probBook;
    this.wordStart = typed('wordStart', Uint32Array, 4);
    this.wordIds = typed('wordIds', Uint16Array, 2);
    this.wordCounts = typed('wordCount', Uint32Array, 4);
    this.wordFlagBytes = raw('wordFlags');
    let total = 0;
    for (let i = 0; i < vocabSize; i++) if (i !== BOS_ID) total += this.uniCount[i];
    this.totalCount = total;
  }

  /** Reads a model file (the bytes of `data/model.bin` or a file made by `npm run build:data`). */
  static fromBuffer(bytes: Uint8Array | ArrayBuffer): LanguageModel {
    return new LanguageModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  }

  /**
   * Id of a syllable (any case, either tone style: `Hoà`, `hòa` and `HOÀ` share one id) or of a
   * class token such as `<s>`; {@link UNK_ID} (0) when it is not in the vocabulary.
   */
  id(syllable: string): number {
    const direct = this.index.get(syllable);
    if (direct !== undefined) return direct;
    const normal = normalizeSyllable(syllable);
    return normal === syllable ? UNK_ID : (this.index.get(normal) ?? UNK_ID);
  }

  /**
   * Id of a token from `tokenize()`: syllables by {@link id}, numbers `<num>`, foreign words,
   * acronyms and URLs `<foreign>`, punctuation `<p>`; -1 for spaces, which the model skips.
   */
  tokenId(kind: TokenKind, text: string): number {
    if (kind === 'syllable') return this.id(text);
    const unit = classUnit(kind);
    return unit === undefined ? -1 : this.index.get(unit)!;
  }

  /** Whether the syllable (any case or tone style) has its own id. */
  has(syllable: string): boolean {
    return this.id(syllable) !== UNK_ID;
  }

  /** The model's form of an id: the normalised syllable (`hòa`) or the class token (`<num>`). */
  unit(id: number): string {
    return this.units[id];
  }

  /** How often the unit occurred in the training text (`<unk>`: all rare syllables together). */
  count(id: number): number {
    return id >= 0 && id < this.vocabSize ? this.uniCount[id] : 0;
  }

  /**
   * log10 P(id | prev2 prev1): the probability of `id` after `prev1` (the syllable right before
   * it) and `prev2` (the one before that). Leave a context out (or pass -1) for a shorter
   * history. Never -Infinity for a real id: unseen n-grams back off to shorter contexts, unknown
   * syllables score as `<unk>`. `<s>` itself is never predicted (about -99).
   */
  logProb(id: number, prev1 = -1, prev2 = -1): number {
    const w = id >= 0 && id < this.vocabSize ? id : UNK_ID;
    let backoff = 0;
    if (prev1 >= 0 && prev1 < this.vocabSize) {
      const entries2 = this.entries2;
      const child2 = this.child2;
      if (prev2 >= 0 && prev2 < this.vocabSize && child2 !== undefined) {
        const ctx = search(entries2, this.skip2, this.uniChild[prev2], this.uniChild[prev2 + 1], prev1);
        if (ctx >= 0) {
          const entries3 = this.entries3!;
          const hit = search(entries3, this.skip3!, child2[ctx], child2[ctx + 1], w);
          if (hit >= 0) return this.book3![(entries3[hit] >>> ENTRY_PROB_SHIFT) & 0xff];
          backoff = this.bowBook2![entries2[ctx] >>> ENTRY_BOW_SHIFT];
        }
      }
      const hit = search(entries2, this.skip2, this.uniChild[prev1], this.uniChild[prev1 + 1], w);
      if (hit >= 0) return backoff + this.book2[(entries2[hit] >>> ENTRY_PROB_SHIFT) & 0xff];
      backoff += this.uniBow[prev1];
    }
    return backoff + this.uniProb[w];
  }

  /**
   * log10 probability of `ids[from..]` scored left to right, each id given the up to
   * `order - 1` ids before it (which may lie before `from`). An id equal to `<s>` at position 0
   * is context only. For a whole sentence use {@link sentenceLogProb}.
   */
  sequenceLogProb(ids: ArrayLike<number>, from = 0): number {
    let sum = 0;
    for (let i = Math.max(from, 0); i < ids.length; i++) {
      if (i === 0 && ids[0] === BOS_ID) continue;
      sum += this.logProbAt(ids, i);
    }
    return sum;
  }

  /** log10 probability of a sentence: `<s> ids… </s>`, the end marker included. */
  sentenceLogProb(ids: ArrayLike<number>): number {
    const all = new Int32Array(ids.length + 2);
    all[0] = BOS_ID;
    for (let i = 0; i < ids.length; i++) all[i + 1] = ids[i];
    all[ids.length + 1] = EOS_ID;
    return this.sequenceLogProb(all, 1);
  }

  /** log10 P(ids[i] | the ids before it), up to the model's order. */
  private logProbAt(ids: ArrayLike<number>, i: number): number {
    if (this.order <= 3) {
      return this.logProb(ids[i], i >= 1 ? ids[i - 1] : -1, i >= 2 ? ids[i - 2] : -1);
    }
    return this.logProbLong(ids, i);
  }

  /**
   * Back-off look-up with the full history for models of order > 3: `ids[i]` given up to
   * `order - 1` preceding ids.
   */
  logProbLong(ids: ArrayLike<number>, i: number): number {
    const w = ids[i] >= 0 && ids[i] < this.vocabSize ? ids[i] : UNK_ID;
    let backoff = 0;
    for (let l = Math.min(this.order - 1, i); l >= 1; l--) {
      const node = this.findContext(ids, i - l, i);
      if (node < 0) continue; // an unseen context has back-off weight 1
      const upper = l === 1 ? this.uniChild : this.levels[l].child!;
      const level = this.levels[l + 1];
      const hit = search(level.entries, level.skip, upper[node], upper[node + 1], w);
      if (hit >= 0) return backoff + level.probBook[(level.entries[hit] >>> ENTRY_PROB_SHIFT) & 0xff];
      backoff +=
        l === 1
          ? this.uniBow[node]
          : this.levels[l].bowBook![this.levels[l].entries[node] >>> ENTRY_BOW_SHIFT];
    }
    return backoff + this.uniProb[w];
  }

  /** Trie node of the context `ids[from..to)` (unigram id, or index in level `to-from`), or -1. */
  private findContext(ids: ArrayLike<number>, from: number, to: number): number {
    let node = ids[from];
    if (node < 0 || node >= this.vocabSize) return -1;
    for (let k = 2; k <= to - from; k++) {
      const start = k === 2 ? this.uniChild[node] : this.levels[k - 1].child![node];
      const end = k === 2 ? this.uniChild[node + 1] : this.levels[k - 1].child![node + 1];
      node = search(this.levels[k].entries, this.levels[k].skip, start, end, ids[from + k - 1]);
      if (node < 0) return -1;
    }
    return node;
  }

  /** Number of entries in the word list. */
  get wordListSize(): number {
    return this.wordCounts.length;
  }

  /**
   * Index of the word `ids[from..to)` (two or more syllable ids) in the word list, or -1. The
   * list is sorted by id sequence; lookup is a binary search.
   */
  wordIndex(ids: ArrayLike<number>, from = 0, to = ids.length): number {
    let lo = 0;
    let hi = this.wordCounts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareWord(mid, ids, from, to);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid;
      else return mid;
    }
    return -1;
  }

  /** Whether `ids[from..to)` is a multi-syllable word of the word list (`phụ nữ`, `đồng chí`). */
  isWord(ids: ArrayLike<number>, from = 0, to = ids.length): boolean {
    return this.wordIndex(ids, from, to) >= 0;
  }

  /** How often the word `ids[from..to)` occurs in the training text; 0 when it is not a word. */
  wordCount(ids: ArrayLike<number>, from = 0, to = ids.length): number {
    const i = this.wordIndex(ids, from, to);
    return i < 0 ? 0 : this.wordCounts[i];
  }

  /** Whether some word of the list starts with `ids[from..to)` (for segmentation). */
  isWordPrefix(ids: ArrayLike<number>, from = 0, to = ids.length): boolean {
    let lo = 0;
    let hi = this.wordCounts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareWord(mid, ids, from, to) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.wordCounts.length) return false;
    const start = this.wordStart[lo];
    if (this.wordStart[lo + 1] - start < to - from) return false;
    for (let k = 0; k < to - from; k++) if (this.wordIds[start + k] !== ids[from + k]) return false;
    return true;
  }

  /** Where the word at `index` comes from: bit 1 a dictionary, bit 2 mined from the text. */
  wordFlags(index: number): number {
    return this.wordFlagBytes[index];
  }

  /** The syllable ids of the word at `index`. */
  wordAt(index: number): Uint16Array {
    return this.wordIds.subarray(this.wordStart[index], this.wordStart[index + 1]);
  }

  /** Sign of (word `index` − `ids[from..to)`) in lexicographic id order. */
  private compareWord(index: number, ids: ArrayLike<number>, from: number, to: number): number {
    const start = this.wordStart[index];
    const len = this.wordStart[index + 1] - start;
    const n = to - from;
    const m = Math.min(len, n);
    for (let k = 0; k < m; k++) {
      const d = this.wordIds[start + k] - ids[from + k];
      if (d !== 0) return d;
    }
    return len - n;
  }

  /** The class tokens in id order (`<unk>`, `<s>`, `</s>`, `<num>`, `<foreign>`, `<p>`). */
  static readonly specialUnits = SPECIAL_UNITS;
}
