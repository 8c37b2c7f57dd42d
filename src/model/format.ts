/**
 * Layout of the binary model file, shared by the builder (`data/build/`) and the loader.
 * Described in full in `data/README.md`. Everything is little-endian.
 *
 * Header (u32 words): magic `VFLM`, version, order N, vocabulary size V, bits per quantized
 * value (8), number of sections S, then S pairs (byte offset, byte length). Sections start on
 * 8-byte boundaries so typed arrays can view them in place.
 *
 * An n-gram entry of order k ≥ 2 is one u32: bits 0–15 the last syllable's id, bits 16–23 the
 * code of its log10 probability, bits 24–31 the code of its back-off weight (0 at the highest
 * order). One word per entry keeps a look-up to one cache line.
 */

/** Bits of an entry: id, probability code, back-off code. */
export const ENTRY_ID_MASK = 0xffff;
export const ENTRY_PROB_SHIFT = 16;
export const ENTRY_BOW_SHIFT = 24;
export const QUANT_BITS = 8;

/** `VFLM` read as a little-endian u32. */
export const MAGIC = 0x4d4c4656;
export const FORMAT_VERSION = 1;
export const HEADER_WORDS = 6;
export const SECTION_ALIGN = 8;

/** Names of the sections of a model of order `order`, in file order. */
export function sectionNames(order: number): string[] {
  const names = ['meta', 'vocab', 'uniCount', 'uniProb', 'uniBow', 'uniChild'];
  for (let k = 2; k <= order; k++) {
    names.push(`entries${k}`, `probBook${k}`);
    if (k < order) names.push(`bowBook${k}`, `child${k}`);
  }
  names.push('wordStart', 'wordIds', 'wordCount', 'wordFlags');
  return names;
}

/** A word-list entry comes from a dictionary with a licence we can ship. */
export const WORD_FROM_DICTIONARY = 1;
/** A word-list entry is a frequent, strongly associated syllable sequence of the training text. */
export const WORD_FROM_CORPUS = 2;
