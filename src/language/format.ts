/**
 * The layout of `data/languages.bin`, shared by its builder (`data/build/languages.ts`) and its
 * reader (`model.ts`). All of it is bytes, so the reader views it in place at any offset:
 *
 *   "VFLI" · u32 version · u32 byte length of the meta JSON · meta JSON (UTF-8) · blob
 *
 * The meta JSON names each language and where its parts lie in the blob (offsets relative to
 * the blob's start): its listed words (UTF-8, joined by `\n`, sorted by code units) and one
 * log-probability code each, its character trigram table ({@link ALPHABET}³ codes), and for the
 * languages other than Vietnamese the log-probability of each letter given its base letter.
 */

export const LANGUAGES_MAGIC = 'VFLI';
export const LANGUAGES_VERSION = 1;
/** A code `k` stands for the log10 probability `-k × LOG_STEP`. */
export const LOG_STEP = 0.05;
export const MAX_CODE = 255;

/** Where one language's parts lie in the blob. */
export interface LanguageSection {
  /** ISO 639-1 code (`vi`, `en`, `fr`, …). */
  code: string;
  name: string;
  /** Tokens of training text. */
  tokens: number;
  /** Listed words: byte range of the `\n`-joined UTF-8 text, and of their codes. */
  words: [number, number];
  wordCodes: [number, number];
  /** Share of the training tokens that the listed words cover. */
  listedMass: number;
  /** Byte range of the character trigram codes. */
  trigrams: [number, number];
  /** log10 P(letter | its base letter), for the letters seen (not for Vietnamese). */
  letters?: Record<string, number>;
}

export interface LanguagesMeta {
  name: string;
  licence: string;
  sources: unknown;
  languages: LanguageSection[];
}

export function encodeLogProb(lp: number): number {
  return Math.min(MAX_CODE, Math.max(0, Math.round(-lp / LOG_STEP)));
}

export function decodeLogProb(code: number): number {
  return -code * LOG_STEP;
}
