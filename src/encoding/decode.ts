/**
 * Bytes → text: UTF-8 and UTF-16 by their byte-order mark or by validity, else the legacy
 * byte encoding whose reading is the most Vietnamese.
 */
import {
  BYTE_TABLES,
  canonicalEncodingName,
  decodeSingleByte,
  decodeVniBytes,
  type EncodingName,
} from './charsets.js';
import { syllableCount } from './score.js';
import { decodeViqrWord } from './viqr.js';

/** The result of {@link decode}. */
export interface Decoded {
  /** The text (without a byte-order mark). */
  text: string;
  /** Canonical name of the encoding used (see `SUPPORTED_ENCODINGS`). */
  encoding: string;
  /**
   * How sure the choice is, 0..1: 1 for a byte-order mark, valid UTF-8 or a forced encoding;
   * for a legacy encoding, the share of words that read as Vietnamese syllables, lowered when
   * another encoding reads almost as well. Below 0.5, treat the text as undecodable.
   */
  confidence: number;
}

/** Options of {@link decode}. */
export interface DecodeOptions {
  /** Use this encoding (any name `canonicalEncodingName` knows) instead of detecting one. */
  encoding?: string;
}

/** Legacy encodings tried when the bytes are not UTF-8, in order of preference on a tie. */
const DETECTED: readonly EncodingName[] = ['windows-1258', 'tcvn3', 'vni', 'viscii', 'vps'];

function decodeAs(bytes: Uint8Array, encoding: EncodingName): string {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
    case 'vni':
      return decodeVniBytes(bytes).normalize('NFC');
    case 'viqr':
      return decodeViqrText(new TextDecoder('utf-8').decode(bytes));
    default:
      return decodeSingleByte(bytes, BYTE_TABLES[encoding]).normalize('NFC');
  }
}

/** Decodes VIQR text word by word (words between spaces). */
function decodeViqrText(text: string): string {
  return text.replace(/[^\s]+/g, (w) => decodeViqrWord(w).text);
}

/**
 * Share of the words of `text` with a non-ASCII character that are valid Vietnamese
 * syllables (ASCII words read the same in every encoding, so they do not tell them apart).
 * Words are the runs of `[^\s\p{P}\p{N}]`, found through a table of code units rather than a
 * Unicode regex, and each distinct word is judged once: a whole file is read five times, once
 * per legacy encoding, and its words come back again and again.
 */
export function vietnameseShare(text: string): number {
  const { words, valid } = vietnameseWords(text);
  return words === 0 ? 0 : valid / words;
}

/**
 * The words of `text` with a non-ASCII character, how many of them are valid syllables, and
 * how many distinct syllables of two letters or more are among them.
 */
function vietnameseWords(text: string): { words: number; valid: number; lettered: number } {
  const table = wordUnits();
  const judged = new Map<string, boolean>();
  let words = 0;
  let valid = 0;
  let lettered = 0;
  let start = -1; // start of the current word
  let nonAscii = false;
  const n = text.length;
  for (let i = 0; i <= n; ) {
    let inWord = false;
    let size = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      const t = table[c];
      if (t === SURROGATE) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        size = c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
        inWord = isWordPoint(text.slice(i, i + size));
      } else inWord = t === WORD;
      if (inWord) {
        if (start < 0) {
          start = i;
          nonAscii = false;
        }
        if (c >= 0x80) nonAscii = true;
        i += size;
        continue;
      }
    }
    if (start >= 0) {
      if (nonAscii) {
        const word = text.slice(start, i);
        let ok = judged.get(word);
        if (ok === undefined) {
          ok = syllableCount(word) === 1 && /^[\p{L}\p{M}]+$/u.test(word);
          judged.set(word, ok);
          // Distinct syllables, not a lone letter: that is what one symbol byte becomes (`©` is
          // `ẹ` in VISCII), and a word and a symbol after it can read as one (`the×` is `thế`
          // in VNI), once.
          if (ok && i - start > 1 && !(i - start === 2 && isCombiningAt(text, start + 1))) lettered++;
        }
        words++;
        if (ok) valid++;
      }
      start = -1;
    }
    i += size;
  }
  return { words, valid, lettered };
}

/** Whether the code unit at `i` is a combining mark of the basic block (a decomposed tone). */
function isCombiningAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x300 && c <= 0x36f;
}

/**
 * Distinct valid syllables of two letters or more with a non-ASCII letter that a legacy
 * reading needs for full confidence.
 */
const MIN_SYLLABLES = 3;

/** Kinds of code unit in {@link wordUnits}. */
const WORD = 1;
const SURROGATE = 2;

/** What a word of {@link vietnameseShare} is made of (`[^\s\p{P}\p{N}]`), as one code point. */
const WORD_POINT = /^[^\s\p{P}\p{N}]$/u;

let wordUnitTable: Uint8Array | undefined;

/** Per code unit: part of a word, not, or a surrogate (its code point decides). Built on first use. */
function wordUnits(): Uint8Array {
  if (wordUnitTable === undefined) {
    wordUnitTable = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) wordUnitTable[c] = SURROGATE;
      else if (WORD_POINT.test(String.fromCharCode(c))) wordUnitTable[c] = WORD;
    }
  }
  return wordUnitTable;
}

function isWordPoint(point: string): boolean {
  return WORD_POINT.test(point);
}

function hasBom(bytes: Uint8Array): EncodingName | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes bytes to text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is
 * UTF-8; else each legacy Vietnamese encoding (Windows-1258, TCVN3, VNI, VISCII, VPS) is tried
 * and the one whose text has the most valid Vietnamese syllables wins. Invalid UTF-8 is never
 * replaced silently: when no legacy reading is convincing, the best one is returned with a
 * low confidence. `options.encoding` forces an encoding.
 *
 * @throws RangeError for an unknown forced encoding name.
 */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const bom = hasBom(bytes);
  if (options.encoding !== undefined) {
    const name = canonicalEncodingName(options.encoding);
    if (!name) throw new RangeError(`unknown encoding "${options.encoding}"`);
    const body = bom === name ? bytes.subarray(name === 'utf-8' ? 3 : 2) : bytes;
    return { text: decodeAs(body, name), encoding: name, confidence: 1 };
  }
  if (bom) {
    const body = bytes.subarray(bom === 'utf-8' ? 3 : 2);
    return { text: decodeAs(body, bom), encoding: bom, confidence: 1 };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf-8', confidence: 1 };
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  let best: { text: string; encoding: EncodingName; share: number; lettered: number } | undefined;
  let second = 0;
  for (const encoding of DETECTED) {
    const text = decodeAs(bytes, encoding);
    const { words, valid, lettered } = vietnameseWords(text);
    const share = words === 0 ? 0 : valid / words;
    if (!best || share > best.share) {
      if (best) second = Math.max(second, best.share);
      best = { text, encoding, share, lettered };
    } else second = Math.max(second, share);
  }
  const chosen = best as { text: string; encoding: EncodingName; share: number; lettered: number };
  // Confident when most words are syllables, the runner-up is clearly behind, and there are
  // syllables enough to tell: a symbol byte of an English file in Latin-1 (`Copyright \xA9
  // 2001`) reads as a lone Vietnamese letter in VISCII (`ẹ`), which is no evidence.
  const margin = chosen.share - second;
  const evidence = Math.min(1, chosen.lettered / MIN_SYLLABLES);
  const confidence = Math.max(0, Math.min(1, chosen.share * Math.min(1, 0.5 + 5 * margin) * evidence));
  return { text: chosen.text, encoding: chosen.encoding, confidence: Math.round(confidence * 1000) / 1000 };
}
