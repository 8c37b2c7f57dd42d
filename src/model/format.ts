/**
 * Layout of the binary model file, shared by the builder (`data/build/`) and the loader.
 * Described in full in `data/README.md`. Everything is little-endian.
 *
 * Header (u32 words): magic `VFLM`, version, order N (2 to 4), vocabulary size V, bits per
 * quantized value (8), number of sections S, then S pairs (byte offset, byte length). Sections
 * start on 8-byte boundaries so typed arrays can view them in place.
 *
 * The n-grams of each order k ≥ 2 form a bucketed hash table with quotienting: the n-gram's
 * packed key (k ids of `idBits` bits) goes through an invertible mixing permutation; its top
 * `q` bits choose a bucket, and the entry stores only the other bits (the remainder), so no
 * key bits are wasted. An entry is one u32: remainder, then the probability code (8 bits), then
 * the back-off code (8 bits, below the highest order). Where the remainder does not fit beside
 * the codes (trigrams with back-off codes, 4-grams), the entry keeps only its low bits, a
 * fingerprint of 16 or 24 bits: a key not in the table then matches one that is with a chance
 * of about 3 in 2^16 (2^24), and the builder drops the rare n-grams whose fingerprint another of
 * their bucket already has. Buckets hold ~3 entries sorted by fingerprint;
 * `offsets[b]..offsets[b+1]` is bucket b. A look-up reads one offset pair and one cache line
 * of entries.
 */

/** `VFLM` read as a little-endian u32. */
export const MAGIC = 0x4d4c4656;
export const FORMAT_VERSION = 4;
export const HEADER_WORDS = 6;
export const SECTION_ALIGN = 8;
export const QUANT_BITS = 8;
/** Ids are at most this many bits, so a 4-gram key fits a double exactly and its halves a u32 each. */
export const MAX_ID_BITS = 13;
export const MAX_ORDER = 4;

/** Names of the sections of a model of order `order`, in file order. */
export function sectionNames(order: number): string[] {
  const names = ['meta', 'vocab', 'uniCount', 'titleCount', 'uniProb', 'uniBow'];
  for (let k = 2; k <= order; k++) {
    names.push(`offsets${k}`, `entries${k}`, `probBook${k}`);
    if (k < order) names.push(`bowBook${k}`);
  }
  names.push('wordStart', 'wordIds', 'wordCount', 'wordFlags', 'loanwords');
  return names;
}

/** Bits needed for ids below `vocabSize`. */
export function idBitsFor(vocabSize: number): number {
  let bits = 1;
  while (2 ** bits < vocabSize) bits++;
  return bits;
}

/** Shape of the hash table of one order, derived from the vocabulary and entry count alone. */
export interface LevelGeometry {
  /** Bits of a packed key: order × idBits. */
  keyBits: number;
  /** Bucket bits: 2^q buckets. */
  q: number;
  /** The permutation splits a key into a left part of `lb` bits and a right part of `rb` bits. */
  lb: number;
  rb: number;
  /** Bits of the remainder: keyBits − q. */
  remBits: number;
  /** Bits of the remainder an entry keeps (all of them when they fit beside the codes). */
  fpBits: number;
}

/**
 * The table shape for `count` n-grams of order `order`: about three entries per bucket; an
 * entry keeps as many remainder bits as fit a u32 beside `valueBits` bits of codes.
 */
export function levelGeometry(idBits: number, order: number, count: number, valueBits: number): LevelGeometry {
  const keyBits = idBits * order;
  const q = Math.min(Math.max(1, Math.round(Math.log2(Math.max(count, 1) / 3))), keyBits - 1);
  return tableShape(idBits, order, q, valueBits);
}

/** The table shape of an order with 2^q buckets (what a loader reads off the offsets' length). */
export function tableShape(idBits: number, order: number, q: number, valueBits: number): LevelGeometry {
  const keyBits = idBits * order;
  const lb = Math.max(q, Math.ceil(keyBits / 2));
  const remBits = keyBits - q;
  return { keyBits, q, lb, rb: keyBits - lb, remBits, fpBits: Math.min(remBits, 32 - valueBits) };
}

/** A 32-bit mixing function (MurmurHash3's finaliser) of `x` and a round number. */
export function mix(x: number, round: number): number {
  let h = (x ^ Math.imul(round, 0x9e3779b9)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Where the key `key` (< 2^keyBits) lives: `bucket * 2^remBits + remainder`, through a
 * three-round Feistel-style permutation (each round xors one half with a hash of the other, so
 * the mapping is one-to-one and the remainder plus the bucket identify the key).
 */
export function placeKey(key: number, g: LevelGeometry): number {
  return placeSplit(key, 2 ** g.rb, 2 ** g.lb - 1);
}

/** {@link placeKey} with the sizes precomputed: `rSize` = 2^rb, `maskL` = 2^lb − 1. */
export function placeSplit(key: number, rSize: number, maskL: number): number {
  let left = Math.floor(key / rSize);
  let right = key - left * rSize;
  const maskR = rSize - 1;
  left = (left ^ mix(right, 1)) & maskL;
  right = (right ^ mix(left, 2)) & maskR;
  left = (left ^ mix(right, 3)) & maskL;
  // left has lb ≥ q bits: its top q bits are the bucket, the rest go above `right`.
  return left * rSize + right;
}

/** A word-list entry comes from a dictionary with a licence we can ship. */
export const WORD_FROM_DICTIONARY = 1;
/** A word-list entry is a frequent, strongly associated syllable sequence of the training text. */
export const WORD_FROM_CORPUS = 2;
