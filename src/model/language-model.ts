/**
 * A syllable n-gram language model read from the compact binary format of `data/README.md`:
 * back-off n-gram tables (bucketed hash tables with quotiented keys, viewed in place) with
 * quantized log10 probabilities, plus the syllable counts and a word list. Pure: it only reads
 * bytes, so it works the same in Node and in browsers.
 */
import {
  FORMAT_VERSION,
  HEADER_WORDS,
  idBitsFor,
  tableShape,
  MAGIC,
  MAX_ORDER,
  mix,
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

/** The hash table of one order k ≥ 2 (see `format.ts`). */
interface Level {
  offsets: Uint32Array;
  /**
   * The same offsets, compact: each group of {@link GROUP} buckets' first offset, and each
   * bucket's offset from its group's (a byte). 1/4 of the size of `offsets` and more, so that a
   * probe's first load is mostly a cache hit and only its load of the bucket's entries misses.
   * Made on the first batch of look-ups (not at load: the model loads as fast as before), and
   * absent where a group holds more than 255 entries (then `offsets` is read).
   */
  groupStart: Uint32Array | undefined;
  bucketDelta: Uint8Array | undefined;
  /** Whether the compact offsets were made (or found impossible). */
  compacted: boolean;
  /** fingerprint | probability code | back-off code, sorted by fingerprint within a bucket. */
  entries: Uint32Array;
  probBook: Float32Array;
  /** Below the highest order only. */
  bowBook?: Float32Array;
  /** 2^fpBits: entry / fpSize is the code part. */
  fpSize: number;
  /** Where an entry's probability code and back-off code start (bits): shifts, not divisions. */
  probShift: number;
  bowShift: number;
  fpMask: number;
  /** Key split: right part = low `rb` bits, left part = the `lb` bits above. */
  rb: number;
  maskL: number;
  maskR: number;
  /** Bits of the permuted left part below the bucket bits. */
  low: number;
  /** The fingerprint: the permuted left part's bits under `fpLowMask`, then the right part's under `fpRightMask`. */
  fpLowMask: number;
  fpRightMask: number;
  /** 2^(bits of the right part in the fingerprint). */
  fpRightSize: number;
}

/** log10 probability of the entry at `i`. */
function probAt(level: Level, i: number): number {
  return level.probBook[(level.entries[i] >>> level.probShift) & 0xff];
}

/** log10 back-off weight of the entry at `i` (a level below the highest). */
function bowAt(level: Level, i: number): number {
  return level.bowBook![(level.entries[i] >>> level.bowShift) & 0xff];
}

/** Build information stored in the file (sources, thresholds, n-gram counts). */
export interface ModelMeta {
  [key: string]: unknown;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Index of the entry whose key splits into `left`/`right` (see `placeSplit` in `format.ts`,
 * the same permutation in 32-bit integer arithmetic), or -1.
 */
function find(level: Level, left: number, right: number): number {
  const maskL = level.maskL;
  const maskR = level.maskR;
  left = (left ^ mix(right, 1)) & maskL;
  right = (right ^ mix(left, 2)) & maskR;
  left = (left ^ mix(right, 3)) & maskL;
  const bucket = left >>> level.low;
  const rem = (left & level.fpLowMask) * level.fpRightSize + (right & level.fpRightMask);
  const entries = level.entries;
  const fpMask = level.fpMask;
  const groupStart = level.groupStart;
  const bucketDelta = level.bucketDelta;
  const from = groupStart !== undefined && bucketDelta !== undefined ? groupStart[bucket >>> GROUP_BITS] + bucketDelta[bucket] : level.offsets[bucket];
  const to = groupStart !== undefined && bucketDelta !== undefined ? groupStart[(bucket + 1) >>> GROUP_BITS] + bucketDelta[bucket + 1] : level.offsets[bucket + 1];
  for (let i = from, end = to; i < end; i++) {
    const r = entries[i] & fpMask;
    if (r >= rem) return r === rem ? i : -1;
  }
  return -1;
}

/** Buckets per group of {@link compactOffsets}. */
const GROUP_BITS = 5;
const GROUP = 1 << GROUP_BITS;

/**
 * Makes the level's compact offsets: its `offsets` (one per bucket and one past the last) as
 * group starts and bytes from them, unless a group holds more than a byte's worth of entries.
 */
function compactOffsets(level: Level): void {
  level.compacted = true;
  const offsets = level.offsets;
  const buckets = offsets.length - 1;
  const groupStart = new Uint32Array((buckets >>> GROUP_BITS) + 2);
  const bucketDelta = new Uint8Array(buckets + 1);
  for (let g = 0; g < groupStart.length; g++) groupStart[g] = offsets[Math.min(g << GROUP_BITS, buckets)];
  for (let b = 0; b <= buckets; b++) {
    const delta = offsets[b] - groupStart[b >>> GROUP_BITS];
    if (delta > 0xff) return;
    bucketDelta[b] = delta;
  }
  level.groupStart = groupStart;
  level.bucketDelta = bucketDelta;
}

/** Scratch arrays of a batch of look-ups (see {@link findPlaced}). */
interface Batch {
  /** Where each look-up's result goes in the caller's arrays (when only some are looked up). */
  at: Int32Array;
  bucket: Int32Array;
  rem: Float64Array;
  start: Int32Array;
  end: Int32Array;
  hits: Int32Array;
}

function newBatch(n: number): Batch {
  return {
    at: new Int32Array(n),
    bucket: new Int32Array(n),
    rem: new Float64Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    hits: new Int32Array(n),
  };
}

/** The bucket and remainder of a key split into `left`/`right` (as in {@link find}), into `batch` at `i`. */
function place(level: Level, left: number, right: number, batch: Batch, i: number): void {
  const maskL = level.maskL;
  const maskR = level.maskR;
  left = (left ^ mix(right, 1)) & maskL;
  right = (right ^ mix(left, 2)) & maskR;
  left = (left ^ mix(right, 3)) & maskL;
  batch.bucket[i] = left >>> level.low;
  batch.rem[i] = (left & level.fpLowMask) * level.fpRightSize + (right & level.fpRightMask);
}

/**
 * {@link find} for `n` placed keys at once, in passes: first every bucket's bounds, then every
 * bucket's first entry, then the scans. The loads of one pass do not depend on each other, so
 * the processor overlaps their cache misses instead of waiting for each in turn.
 */
function findPlaced(level: Level, batch: Batch, n: number): void {
  const { bucket, rem, start, end, hits } = batch;
  const entries = level.entries;
  const fpMask = level.fpMask;
  if (!level.compacted) compactOffsets(level);
  const groupStart = level.groupStart;
  const bucketDelta = level.bucketDelta;
  if (groupStart !== undefined && bucketDelta !== undefined) {
    for (let i = 0; i < n; i++) {
      const b = bucket[i];
      start[i] = groupStart[b >>> GROUP_BITS] + bucketDelta[b];
      end[i] = groupStart[(b + 1) >>> GROUP_BITS] + bucketDelta[b + 1];
    }
  } else {
    const offsets = level.offsets;
    for (let i = 0; i < n; i++) {
      start[i] = offsets[bucket[i]];
      end[i] = offsets[bucket[i] + 1];
    }
  }
  let touch = 0;
  for (let i = 0; i < n; i++) touch |= entries[start[i]];
  for (let i = 0; i < n; i++) {
    let hit = -1;
    const r0 = rem[i];
    for (let k = start[i], e = end[i]; k < e; k++) {
      const r = entries[k] & fpMask;
      if (r >= r0) {
        if (r === r0) hit = k;
        break;
      }
    }
    hits[i] = hit;
  }
  sink = touch;
}

/** Finds the `m` placed look-ups of `batch` in `level` and writes the probability of each one found to `out`. */
function findBatch(level: Level, batch: Batch, m: number, out: Float64Array): void {
  findPlaced(level, batch, m);
  for (let k = 0; k < m; k++) {
    const hit = batch.hits[k];
    if (hit >= 0) out[batch.at[k]] = probAt(level, hit);
  }
}

/** Keeps the first-entry pass of {@link findPlaced} from being optimised away. */
let sink = 0;

/** Home slot of the pair `a b` in a two-syllable word table. */
function pairSlot(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) >>> 8;
}

/** Places the bigram `a b` (as {@link find2} reads it) into `batch` at `i`. */
function placeBigram(level: Level, a: number, b: number, idBits: number, batch: Batch, i: number): void {
  const key = (a << idBits) | b;
  place(level, key >>> level.rb, key & level.maskR, batch, i);
}

/** Places the trigram `a b c` (as {@link find3} reads it) into `batch` at `i`. */
function placeTrigram(level: Level, a: number, b: number, c: number, idBits: number, batch: Batch, i: number): void {
  const low = (b << idBits) | c;
  place(level, (a << (2 * idBits - level.rb)) | (low >>> level.rb), low & level.maskR, batch, i);
}

/** Places the 4-gram `a b c d` (as {@link find4} reads it) into `batch` at `i`. */
function placeFourgram(level: Level, a: number, b: number, c: number, d: number, idBits: number, batch: Batch, i: number): void {
  place(level, (a << idBits) | b, (c << idBits) | d, batch, i);
}

/** Entry of the 4-gram `a b c d`, or -1 (the key splits between `b` and `c`: rb = 2·idBits). */
function find4(level: Level, a: number, b: number, c: number, d: number, idBits: number): number {
  return find(level, (a << idBits) | b, (c << idBits) | d);
}

/** Entry of the bigram `a b`, or -1. */
function find2(level: Level, a: number, b: number, idBits: number): number {
  const key = (a << idBits) | b;
  return find(level, key >>> level.rb, key & level.maskR);
}

/** Entry of the trigram `a b c`, or -1 (the right part lies within `b c`: rb ≤ 2·idBits). */
function find3(level: Level, a: number, b: number, c: number, idBits: number): number {
  const low = (b << idBits) | c;
  return find(level, (a << (2 * idBits - level.rb)) | (low >>> level.rb), low & level.maskR);
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
 * A syllable n-gram model (order 2 to 4; the bundled one is a 4-gram model) with a word list.
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
  private readonly titleCounts: Uint32Array;
  private readonly uniProb: Float32Array;
  private readonly uniBow: Float32Array;
  /** Bits per id in n-gram keys: `(w1 << 2·idBits) | (w2 << idBits) | w3`. */
  private readonly idBits: number;
  private readonly level2: Level;
  private readonly level3: Level | undefined;
  private readonly level4: Level | undefined;
  private readonly wordStart: Uint32Array;
  private readonly wordIds: Uint16Array;
  private readonly wordCounts: Uint32Array;
  private readonly wordFlagBytes: Uint8Array;
  private readonly loanwords: ReadonlySet<string>;

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
    if (order < 2 || order > MAX_ORDER || nSections !== names.length || bits !== QUANT_BITS) {
      throw new Error('vietfix model: inconsistent header');
    }
    const sections = new Map<string, [number, number]>();
    for (let s = 0; s < nSections; s++) {
      const offset = u32(HEADER_WORDS + 2 * s);
      const length = u32(HEADER_WORDS + 2 * s + 1);
      if (offset + length > bytes.byteLength) throw new Error('vietfix model: truncated file');
      sections.set(names[s], [offset, length]);
    }
    // A copy: text decoders refuse views of shared memory (the CLI's workers share one model).
    const raw = (name: string) => {
      const [o, l] = sections.get(name)!;
      return bytes.slice(o, o + l);
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
    this.titleCounts = typed('titleCount', Uint32Array, 4);
    this.uniProb = typed('uniProb', Float32Array, 4);
    this.uniBow = typed('uniBow', Float32Array, 4);
    const idBits = idBitsFor(vocabSize);
    this.idBits = idBits;
    const levels: Level[] = [];
    for (let k = 2; k <= order; k++) {
      const entries = typed(`entries${k}`, Uint32Array, 4);
      const valueBits = k < order ? 2 * QUANT_BITS : QUANT_BITS;
      const offsets = typed(`offsets${k}`, Uint32Array, 4);
      const q = Math.round(Math.log2(Math.max(offsets.length - 1, 1)));
      if (offsets.length !== 2 ** q + 1 || offsets[offsets.length - 1] !== entries.length) {
        throw new Error('vietfix model: inconsistent n-gram table');
      }
      const geometry = tableShape(idBits, k, q, valueBits);
      if (geometry.lb > 31 || geometry.rb > 2 * idBits || (k === 4 && geometry.rb !== 2 * idBits)) {
        throw new Error('vietfix model: unsupported n-gram table shape');
      }
      // The fingerprint is the remainder's low `fpBits` bits: first the right part's, then the
      // left part's below the bucket bits.
      const fpRightBits = Math.min(geometry.fpBits, geometry.rb);
      levels[k] = {
        offsets,
        groupStart: undefined,
        bucketDelta: undefined,
        compacted: false,
        entries,
        probBook: typed(`probBook${k}`, Float32Array, 4),
        bowBook: k < order ? typed(`bowBook${k}`, Float32Array, 4) : undefined,
        fpSize: 2 ** geometry.fpBits,
        probShift: geometry.fpBits,
        bowShift: geometry.fpBits + QUANT_BITS,
        fpMask: 2 ** geometry.fpBits - 1,
        rb: geometry.rb,
        maskL: 2 ** geometry.lb - 1,
        maskR: 2 ** geometry.rb - 1,
        low: geometry.lb - geometry.q,
        fpLowMask: 2 ** (geometry.fpBits - fpRightBits) - 1,
        fpRightMask: 2 ** fpRightBits - 1,
        fpRightSize: 2 ** fpRightBits,
      };
    }
    this.level2 = levels[2];
    this.level3 = levels[3];
    this.level4 = levels[4];
    this.wordStart = typed('wordStart', Uint32Array, 4);
    this.wordIds = typed('wordIds', Uint16Array, 2);
    this.wordCounts = typed('wordCount', Uint32Array, 4);
    this.wordFlagBytes = raw('wordFlags');
    const loanwords = decoder.decode(raw('loanwords'));
    this.loanwords = new Set(loanwords.length > 0 ? loanwords.split('\n') : []);
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

  /**
   * Whether a lower-case word outside the syllable inventory is an established spelling of the
   * training text (`kilômet`, `ăcqui`, `ôtô`): a loanword, not a damaged syllable.
   */
  isLoanword(lower: string): boolean {
    return this.loanwords.has(lower);
  }

  /** Number of loanwords the model knows. */
  get loanwordCount(): number {
    return this.loanwords.size;
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
   * How often the syllable was written with a capital inside a sentence of the training text
   * (`Nẵng` in `tại Đà Nẵng`): 0 for a syllable never seen as (part of) a name there.
   */
  titleCount(id: number): number {
    return id >= 0 && id < this.vocabSize ? this.titleCounts[id] : 0;
  }

  /**
   * log10 P(id | prev3 prev2 prev1): the probability of `id` after `prev1` (the syllable right
   * before it), `prev2` (the one before that) and `prev3` (before that; used by a 4-gram model
   * only). Leave a context out (or pass -1) for a shorter history. Never -Infinity for a real
   * id: unseen n-grams back off to shorter contexts, unknown syllables score as `<unk>`. `<s>`
   * itself is never predicted (about -99).
   */
  logProb(id: number, prev1 = -1, prev2 = -1, prev3 = -1): number {
    const v = this.vocabSize;
    const w = id >= 0 && id < v ? id : UNK_ID;
    const level3 = this.level3;
    const level4 = this.level4;
    if (level4 !== undefined && prev3 >= 0 && prev3 < v && prev2 >= 0 && prev2 < v && prev1 >= 0 && prev1 < v) {
      // The 4-gram, else the history's back-off weight plus the score after two syllables
      // (summed in this order by every batched look-up too, so the values agree to the bit).
      const hit = find4(level4, prev3, prev2, prev1, w, this.idBits);
      if (hit >= 0) return probAt(level4, hit);
      const ctx = find3(level3!, prev3, prev2, prev1, this.idBits);
      const lower = this.logProb(w, prev1, prev2);
      return ctx >= 0 ? bowAt(level3!, ctx) + lower : lower;
    }
    let backoff = 0;
    if (prev1 >= 0 && prev1 < v) {
      const bits = this.idBits;
      const level2 = this.level2;
      if (prev2 >= 0 && prev2 < v && level3 !== undefined) {
        const hit = find3(level3, prev2, prev1, w, bits);
        if (hit >= 0) return backoff + probAt(level3, hit);
        const ctx = find2(level2, prev2, prev1, bits);
        if (ctx >= 0) backoff += bowAt(level2, ctx);
      }
      const hit = find2(level2, prev1, w, bits);
      if (hit >= 0) return backoff + probAt(level2, hit);
      backoff += this.uniBow[prev1];
    }
    return backoff + this.uniProb[w];
  }

  /**
   * {@link logProb} of every id in `candidates` after the same history, written to `out` (and
   * returned). Faster than one call each: the history's back-off weights are looked up once,
   * and a history never seen as a bigram skips the trigram table (every trigram's history is
   * kept as a bigram).
   */
  logProbs(
    candidates: ArrayLike<number>,
    prev1 = -1,
    prev2 = -1,
    out: Float64Array = new Float64Array(candidates.length),
  ): Float64Array {
    const n = candidates.length;
    const v = this.vocabSize;
    const bits = this.idBits;
    const level2 = this.level2;
    const level3 = this.level3;
    const hasPrev1 = prev1 >= 0 && prev1 < v;
    let contextSeen = false; // the bigram history exists, so trigrams after it may
    let contextBow = 0;
    if (hasPrev1 && prev2 >= 0 && prev2 < v && level3 !== undefined) {
      const ctx = find2(level2, prev2, prev1, bits);
      if (ctx >= 0) {
        contextSeen = true;
        contextBow = bowAt(level2, ctx);
      }
    }
    const unigramBow = hasPrev1 ? this.uniBow[prev1] : 0;
    for (let i = 0; i < n; i++) {
      const id = candidates[i];
      const w = id >= 0 && id < v ? id : UNK_ID;
      if (contextSeen) {
        const hit = find3(level3!, prev2, prev1, w, bits);
        if (hit >= 0) {
          out[i] = probAt(level3!, hit);
          continue;
        }
      }
      if (hasPrev1) {
        const hit = find2(level2, prev1, w, bits);
        out[i] =
          hit >= 0
            ? contextBow + probAt(level2, hit)
            : contextBow + unigramBow + this.uniProb[w];
      } else {
        out[i] = this.uniProb[w];
      }
    }
    return out;
  }

  /**
   * log10 probability of `ids[from..]` scored left to right, each id given the up to `order − 1`
   * ids before it (which may lie before `from`). An id equal to `<s>` at position 0 is context
   * only. For a whole sentence use {@link sentenceLogProb}.
   */
  sequenceLogProb(ids: ArrayLike<number>, from = 0): number {
    let sum = 0;
    for (let i = Math.max(from, 0); i < ids.length; i++) {
      if (i === 0 && ids[0] === BOS_ID) continue;
      sum += this.logProb(ids[i], i >= 1 ? ids[i - 1] : -1, i >= 2 ? ids[i - 2] : -1, i >= 3 ? ids[i - 3] : -1);
    }
    return sum;
  }

  /**
   * The parts of {@link logProb} that depend on one syllable of history, for a decoder that
   * scores many histories against the same candidates: for each id in `candidates`, the
   * log10 probability after `prev1` alone (the bigram, or the unigram backed off) in `out`,
   * and in `seen` whether the bigram `prev1 id` is in the model (for the first `count` ids
   * only, when given). Only a seen bigram can end a
   * trigram (the builder keeps every suffix of a kept n-gram), so {@link trigramLogProb} needs
   * asking only for those.
   */
  bigramLogProbs(candidates: ArrayLike<number>, prev1: number, out: Float64Array, seen: Uint8Array, count = candidates.length): void {
    this.bigramsOf(new Int32Array(count).fill(prev1), candidates, out, seen, count);
  }

  private batchArrays: Batch = newBatch(16);

  private batch(n: number): Batch {
    if (this.batchArrays.hits.length < n) this.batchArrays = newBatch(n);
    return this.batchArrays;
  }

  /**
   * The back-off weight of the history `prev2 prev1` (log10), or `NaN` when the model has no
   * trigram after it (the history is not a bigram of the model): then log10 P(w | prev2 prev1)
   * is the bigram score of {@link bigramLogProbs} as it is.
   */
  historyWeight(prev2: number, prev1: number): number {
    const v = this.vocabSize;
    if (this.level3 === undefined || prev2 < 0 || prev2 >= v || prev1 < 0 || prev1 >= v) return Number.NaN;
    const level2 = this.level2;
    const ctx = find2(level2, prev2, prev1, this.idBits);
    return ctx >= 0 ? bowAt(level2, ctx) : Number.NaN;
  }

  /**
   * log10 P(id | prev2 prev1) when the trigram is in the model, else `NaN` (then the score is
   * the history's {@link historyWeight} plus the bigram score).
   */
  trigramLogProb(id: number, prev1: number, prev2: number): number {
    const level3 = this.level3;
    const v = this.vocabSize;
    if (level3 === undefined || prev2 < 0 || prev2 >= v || prev1 < 0 || prev1 >= v) return Number.NaN;
    const w = id >= 0 && id < v ? id : UNK_ID;
    const hit = find3(level3, prev2, prev1, w, this.idBits);
    return hit >= 0 ? probAt(level3, hit) : Number.NaN;
  }

  /**
   * The back-off weight of the history `prev3 prev2 prev1` (log10), or `NaN` when the model has
   * no 4-gram after it (it is not a trigram of the model, or the model is of order 3): then
   * log10 P(w | prev3 prev2 prev1) is log10 P(w | prev2 prev1) as it is.
   */
  fourgramHistoryWeight(prev3: number, prev2: number, prev1: number): number {
    const v = this.vocabSize;
    const level3 = this.level3;
    if (this.level4 === undefined || level3 === undefined || prev3 < 0 || prev3 >= v || prev2 < 0 || prev2 >= v || prev1 < 0 || prev1 >= v) {
      return Number.NaN;
    }
    const ctx = find3(level3, prev3, prev2, prev1, this.idBits);
    return ctx >= 0 ? bowAt(level3, ctx) : Number.NaN;
  }

  /**
   * log10 P(words[i] | prev3s[i] prev2s[i] prev1s[i]) where that 4-gram is in the model, else
   * `NaN`, for `count` look-ups in one batch. Only a trigram of the model (`prev2 prev1 w`)
   * can end a 4-gram: the builder keeps every suffix of a kept n-gram.
   */
  fourgramsOf(
    words: ArrayLike<number>,
    prev1s: ArrayLike<number>,
    prev2s: ArrayLike<number>,
    prev3s: ArrayLike<number>,
    out: Float64Array,
    count = words.length,
  ): void {
    const level4 = this.level4;
    const v = this.vocabSize;
    for (let i = 0; i < count; i++) out[i] = Number.NaN;
    if (level4 === undefined) return;
    const batch = this.batch(count);
    const bits = this.idBits;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const p1 = prev1s[i];
      const p2 = prev2s[i];
      const p3 = prev3s[i];
      if (p3 < 0 || p3 >= v || p2 < 0 || p2 >= v || p1 < 0 || p1 >= v) continue;
      const id = words[i];
      batch.at[m] = i;
      placeFourgram(level4, p3, p2, p1, id >= 0 && id < v ? id : UNK_ID, bits, batch, m++);
    }
    if (m > 0) findBatch(level4, batch, m, out);
  }

  /**
   * {@link trigramLogProb} of each id in `candidates` whose `seen` flag is set (a bigram of the
   * model after `prev1`), after the history `prev2 prev1`, written to `out`; `NaN` where the
   * trigram is not in the model or was not asked for. One batch instead of one call each: the
   * look-ups overlap their cache misses.
   */
  trigramLogProbs(
    candidates: ArrayLike<number>,
    seen: Uint8Array,
    prev1: number,
    prev2: number,
    out: Float64Array,
    count = candidates.length,
  ): void {
    // A look-up not asked for gets no second context, and so no trigram.
    const prev2s = new Int32Array(count);
    for (let i = 0; i < count; i++) prev2s[i] = seen[i] === 1 ? prev2 : -1;
    this.trigramsOf(candidates, new Int32Array(count).fill(prev1), prev2s, out, count);
  }

  /**
   * {@link logProb} of `count` unrelated look-ups at once: `out[i]` = log10 P(words[i] |
   * prev2s[i] prev1s[i]) (a context of -1 is left out, as in `logProb`). The same values, found
   * in two batched passes (the trigrams, then the bigrams and history weights they fall back
   * to), so that the cache misses of all the look-ups overlap.
   */
  logProbsOf(
    words: ArrayLike<number>,
    prev1s: ArrayLike<number>,
    prev2s: ArrayLike<number>,
    out: Float64Array,
    count = words.length,
    prev3s?: ArrayLike<number>,
  ): void {
    if (prev3s !== undefined && this.level4 !== undefined) {
      this.fourgramLogProbsOf(words, prev1s, prev2s, prev3s, out, count);
      return;
    }
    // Pass 1: trigrams, where both contexts are given. NaN marks a look-up not yet answered.
    this.trigramsOf(words, prev1s, prev2s, out, count);
    const v = this.vocabSize;
    const bits = this.idBits;
    const level2 = this.level2;
    const level3 = this.level3;
    const batch = this.batch(2 * count);
    // Pass 2: for the rest, the bigram and (with two contexts) the history's back-off weight:
    // each look-up's bigram goes into the batch, followed by its history if it has one, and
    // `history[i]` is where that history went (-1: none).
    const history = this.historyAt(count);
    let m = 0;
    for (let i = 0; i < count; i++) {
      if (out[i] === out[i]) continue;
      const p1 = prev1s[i];
      if (p1 < 0 || p1 >= v) continue;
      const id = words[i];
      batch.at[m] = i;
      placeBigram(level2, p1, id >= 0 && id < v ? id : UNK_ID, bits, batch, m++);
      const p2 = prev2s[i];
      history[i] = -1;
      if (level3 === undefined || p2 < 0 || p2 >= v) continue;
      history[i] = m;
      batch.at[m] = i;
      placeBigram(level2, p2, p1, bits, batch, m++);
    }
    if (m > 0) findPlaced(level2, batch, m);
    const entries = level2.entries;
    // The sums in the order of `logProb`, so that the values are the same to the last bit.
    for (let k = 0; k < m; k++) {
      const i = batch.at[k];
      if (history[i] === k) continue; // a history entry: read with its bigram
      const id = words[i];
      const w = id >= 0 && id < v ? id : UNK_ID;
      let backoff = 0;
      const h = history[i];
      if (h >= 0 && batch.hits[h] >= 0) backoff = bowAt(level2, batch.hits[h]);
      const hit = batch.hits[k];
      out[i] = hit >= 0 ? backoff + probAt(level2, hit) : backoff + this.uniBow[prev1s[i]] + this.uniProb[w];
    }
    // Without a context: the unigram.
    for (let i = 0; i < count; i++) {
      if (out[i] !== out[i]) {
        const id = words[i];
        out[i] = this.uniProb[id >= 0 && id < v ? id : UNK_ID];
      }
    }
  }

  private fourgramArray = new Float64Array(16);
  private contextArray = new Float64Array(16);

  /**
   * {@link logProbsOf} with third contexts, in batches: the 4-grams, the histories' back-off
   * weights, and the look-ups after two syllables that they fall back to.
   */
  private fourgramLogProbsOf(
    words: ArrayLike<number>,
    prev1s: ArrayLike<number>,
    prev2s: ArrayLike<number>,
    prev3s: ArrayLike<number>,
    out: Float64Array,
    count: number,
  ): void {
    if (this.fourgramArray.length < count) {
      this.fourgramArray = new Float64Array(2 * count);
      this.contextArray = new Float64Array(2 * count);
    }
    const fours = this.fourgramArray;
    const weights = this.contextArray;
    // The 4-grams (NaN: none), then each history's back-off weight (NaN: no such trigram).
    this.fourgramsOf(words, prev1s, prev2s, prev3s, out, count);
    const level3 = this.level3!;
    const v = this.vocabSize;
    const bits = this.idBits;
    const batch = this.batch(count);
    let m = 0;
    for (let i = 0; i < count; i++) {
      weights[i] = Number.NaN;
      const p1 = prev1s[i];
      const p2 = prev2s[i];
      const p3 = prev3s[i];
      if (out[i] === out[i] || p3 < 0 || p3 >= v || p2 < 0 || p2 >= v || p1 < 0 || p1 >= v) continue;
      batch.at[m] = i;
      placeTrigram(level3, p3, p2, p1, bits, batch, m++);
    }
    if (m > 0) findPlaced(level3, batch, m);
    for (let k = 0; k < m; k++) if (batch.hits[k] >= 0) weights[batch.at[k]] = bowAt(level3, batch.hits[k]);
    // The rest after two syllables (the 4-gram answers are kept apart: this pass overwrites).
    for (let i = 0; i < count; i++) fours[i] = out[i];
    this.logProbsOf(words, prev1s, prev2s, out, count);
    for (let i = 0; i < count; i++) {
      const four = fours[i];
      if (four === four) out[i] = four;
      else if (weights[i] === weights[i]) out[i] = weights[i] + out[i];
    }
  }

  private historyArray = new Int32Array(16);

  private historyAt(n: number): Int32Array {
    if (this.historyArray.length < n) this.historyArray = new Int32Array(2 * n);
    return this.historyArray;
  }

  /**
   * {@link bigramLogProbs} of `count` look-ups after any previous syllables, in one batch:
   * `out[i]` is log10 P(words[i] | prev1s[i]) (the bigram, or the unigram backed off) and
   * `seen[i]` whether that bigram is in the model. With `weights`, `weights[i]` is also
   * {@link historyWeight} of the same two syllables, read from the entry just found.
   */
  bigramsOf(prev1s: ArrayLike<number>, words: ArrayLike<number>, out: Float64Array, seen: Uint8Array, count = words.length, weights?: Float64Array): void {
    const v = this.vocabSize;
    const level2 = this.level2;
    const batch = this.batch(count);
    const bits = this.idBits;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const p1 = prev1s[i];
      const id = words[i];
      const w = id >= 0 && id < v ? id : UNK_ID;
      seen[i] = 0;
      if (weights !== undefined) weights[i] = Number.NaN;
      if (p1 < 0 || p1 >= v) {
        out[i] = this.uniProb[w];
        continue;
      }
      out[i] = this.uniBow[p1] + this.uniProb[w];
      batch.at[m] = i;
      placeBigram(level2, p1, w, bits, batch, m++);
    }
    if (m === 0) return;
    findPlaced(level2, batch, m);
    // As `historyWeight`: only a model with trigrams, only a syllable of the vocabulary.
    const withWeights = weights !== undefined && this.level3 !== undefined;
    for (let k = 0; k < m; k++) {
      const hit = batch.hits[k];
      if (hit < 0) continue;
      const i = batch.at[k];
      seen[i] = 1;
      out[i] = probAt(level2, hit);
      if (withWeights && words[i] >= 0 && words[i] < v) weights[i] = bowAt(level2, hit);
    }
  }

  /**
   * {@link trigramLogProb} of `count` look-ups after any histories, in one batch: `out[i]` is
   * log10 P(words[i] | prev2s[i] prev1s[i]) when that trigram is in the model, else `NaN`.
   * With `weights`, `weights[i]` is also {@link fourgramHistoryWeight} of the same three
   * syllables (`NaN` where the trigram is not found): the back-off weight sits in the entry
   * just found, so the history of the next step costs no look-up of its own.
   */
  trigramsOf(words: ArrayLike<number>, prev1s: ArrayLike<number>, prev2s: ArrayLike<number>, out: Float64Array, count = words.length, weights?: Float64Array): void {
    const level3 = this.level3;
    const v = this.vocabSize;
    for (let i = 0; i < count; i++) out[i] = Number.NaN;
    if (weights !== undefined) for (let i = 0; i < count; i++) weights[i] = Number.NaN;
    if (level3 === undefined) return;
    const batch = this.batch(count);
    const bits = this.idBits;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const p1 = prev1s[i];
      const p2 = prev2s[i];
      if (p2 < 0 || p2 >= v || p1 < 0 || p1 >= v) continue;
      const id = words[i];
      batch.at[m] = i;
      placeTrigram(level3, p2, p1, id >= 0 && id < v ? id : UNK_ID, bits, batch, m++);
    }
    if (m === 0) return;
    findBatch(level3, batch, m, out);
    // As `fourgramHistoryWeight`: only a model with 4-grams, only a syllable of the vocabulary.
    if (weights === undefined || this.level4 === undefined) return;
    for (let k = 0; k < m; k++) {
      const hit = batch.hits[k];
      const i = batch.at[k];
      const id = words[i];
      if (hit >= 0 && id >= 0 && id < v) weights[i] = bowAt(level3, hit);
    }
  }

  /** log10 probability of a sentence: `<s> ids… </s>`, the end marker included. */
  sentenceLogProb(ids: ArrayLike<number>): number {
    const all = new Int32Array(ids.length + 2);
    all[0] = BOS_ID;
    for (let i = 0; i < ids.length; i++) all[i + 1] = ids[i];
    all[ids.length + 1] = EOS_ID;
    return this.sequenceLogProb(all, 1);
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

  /**
   * Whether `a b` is a two-syllable word of the list: what `isWord([a, b])` says, from a hash
   * table of the two-syllable words built on first use (a probe or two instead of a binary
   * search over the whole list).
   */
  isPairWord(a: number, b: number): boolean {
    const table = (this.pairTable ??= this.buildPairTable());
    const mask = table.length / 2 - 1;
    for (let k = pairSlot(a, b) & mask; ; k = (k + 1) & mask) {
      const x = table[2 * k];
      if (x === -1) return false;
      if (x === a && table[2 * k + 1] === b) return true;
    }
  }

  private pairTable: Int32Array | undefined;

  private buildPairTable(): Int32Array {
    let pairs = 0;
    for (let i = 0; i < this.wordCounts.length; i++) if (this.wordStart[i + 1] - this.wordStart[i] === 2) pairs++;
    let size = 16;
    while (size < 2 * pairs) size <<= 1;
    const table = new Int32Array(2 * size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < this.wordCounts.length; i++) {
      const start = this.wordStart[i];
      if (this.wordStart[i + 1] - start !== 2) continue;
      const a = this.wordIds[start];
      const b = this.wordIds[start + 1];
      let k = pairSlot(a, b) & mask;
      while (table[2 * k] !== -1) k = (k + 1) & mask;
      table[2 * k] = a;
      table[2 * k + 1] = b;
    }
    return table;
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
