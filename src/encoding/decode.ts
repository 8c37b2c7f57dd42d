/**
 * Bytes → text: UTF-8 and UTF-16 by their byte-order mark or by validity, else the legacy
 * byte encoding whose reading is the most Vietnamese.
 */
import {
  BYTE_TABLES,
  CP1252_BYTE,
  canonicalEncodingName,
  decodeSingleByte,
  decodeVniBytes,
  type EncodingName,
  VNI_DECODE,
} from './charsets.js';
import { isLetter, isSyllableWord, syllableCount } from './score.js';
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
export const DETECTED: readonly EncodingName[] = ['windows-1258', 'tcvn3', 'vni', 'viscii', 'vps'];

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
 * Unicode regex, and each distinct word is judged once.
 */
export function vietnameseShare(text: string): number {
  const { words, valid } = readingEvidence(text);
  return words === 0 ? 0 : valid / words;
}

/** What one reading of some bytes shows: see {@link readingEvidence}. */
export interface ReadingEvidence {
  /** Words with a non-ASCII character. */
  words: number;
  /** How many of them are valid syllables. */
  valid: number;
  /** Distinct valid syllables of two letters or more among them, up to {@link MIN_SYLLABLES} (all that counts). */
  lettered: number;
}

/**
 * The words of `text` with a non-ASCII character, how many of them are valid syllables, and
 * how many distinct syllables of two letters or more are among them (up to the number that
 * gives full confidence). With `weights`, the words
 * of the k-th line of `text` (lines cut at `\n`) count `weights[k]` times each: the lines are
 * then the distinct pieces of a file, each written once however often the file holds it.
 */
export function readingEvidence(text: string, weights?: Uint32Array): ReadingEvidence {
  return scanReading(text, weights, true, Infinity);
}

/**
 * {@link readingEvidence} of the first `lines` lines of `text`, its words judged or only
 * counted (`judge` false: `valid` and `lettered` are then 0). With `below`, the scan stops
 * at the end of a line once the share of valid words cannot reach `below.share` any more
 * (`below.words` being the count of the whole text): `valid` is then that upper bound.
 */
function scanReading(
  text: string,
  weights: Uint32Array | undefined,
  judge: boolean,
  lines: number,
  below?: { words: number; share: number },
): ReadingEvidence {
  const table = wordUnits();
  const distinct: string[] = []; // the first syllables of two letters or more, up to MIN_SYLLABLES
  let words = 0;
  let valid = 0;
  let line = 0; // index of the current line, for its weight
  let start = -1; // start of the current word
  let nonAscii = false;
  const n = text.length;
  for (let i = 0; i <= n; ) {
    let inWord = false;
    let size = 1;
    const c = i < n ? text.charCodeAt(i) : 0;
    if (i < n) {
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
        const word = judge ? text.slice(start, i) : '';
        const weight = weights === undefined ? 1 : weights[line];
        words += weight;
        if (judge && isOneSyllable(word)) {
          valid += weight;
          // Distinct syllables, not a lone letter: that is what one symbol byte becomes (`©` is
          // `ẹ` in VISCII), and a word and a symbol after it can read as one (`the×` is `thế`
          // in VNI), once.
          const lettered = i - start > 1 && !(i - start === 2 && isCombiningAt(text, start + 1));
          if (lettered && distinct.length < MIN_SYLLABLES && !distinct.includes(word)) distinct.push(word);
        }
      }
      start = -1;
    }
    if (c === 0x0a) {
      if (++line === lines) break;
      if (below !== undefined && (valid + below.words - words) / below.words < below.share) {
        return { words: below.words, valid: valid + below.words - words, lettered: distinct.length };
      }
    }
    i += size;
  }
  return { words, valid, lettered: distinct.length };
}

/**
 * Whether `word` is all letters and marks and one valid syllable (`syllableCount(word) === 1
 * && /^[\p{L}\p{M}]+$/u.test(word)`), its letters told by code unit where that is plain.
 */
function isOneSyllable(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return syllableCount(word) === 1 && /^[\p{L}\p{M}]+$/u.test(word);
  }
  for (let i = 0; i < word.length; i++) if (!isLetter(word[i], word.charCodeAt(i))) return false;
  return isSyllableWord(word);
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
  const { encoding, confidence } = judgeReadings(legacyReadings(bytes));
  return { text: decodeAs(bytes, encoding), encoding, confidence };
}

/**
 * What each reading of {@link DETECTED} shows of `bytes`, as {@link judgeReadings} needs it:
 * exact for every reading that could be chosen or could bring the runner-up within 0.1 of the
 * chosen (where the margin lowers the confidence), and for the others an upper bound of their
 * valid words that keeps them more than 0.1 behind. So the choice and the confidence are those
 * of every reading judged whole. The file's distinct pieces are read, heaviest first: a
 * leader is picked on the heaviest, judged whole, and each other reading is judged only until
 * it is clearly behind (a wrong encoding's words are rarely syllables, so it soon is).
 */
function legacyReadings(bytes: Uint8Array): ReadingEvidence[] {
  const pieces = distinctPieces(bytes);
  const texts = DETECTED.map((e) => decodeAs(pieces.bytes, e));
  let leader = 0;
  let leaderShare = -1;
  texts.forEach((text, k) => {
    const { words, valid } = scanReading(text, pieces.weights, true, LEADER_LINES);
    const share = words === 0 ? 0 : valid / words;
    if (share > leaderShare) {
      leader = k;
      leaderShare = share;
    }
  });
  const led = readingEvidence(texts[leader], pieces.weights);
  const ledShare = led.words === 0 ? 0 : led.valid / led.words;
  return texts.map((text, k) => {
    if (k === leader) return led;
    const words = scanReading(text, pieces.weights, false, Infinity).words;
    // A margin of 0.1 or more gives the full confidence; a little more is asked of the bound
    // so that rounding cannot matter.
    const share = ledShare - 0.1 - MARGIN_SLACK;
    return words === 0 || share <= 0 ? readingEvidence(text, pieces.weights) : scanReading(text, pieces.weights, true, Infinity, { words, share });
  });
}

/** Heaviest pieces a leader is picked on. */
const LEADER_LINES = 64;

/** What the bound of a reading left behind keeps beyond the margin of 0.1. */
const MARGIN_SLACK = 0.01;

/**
 * The legacy encoding whose reading is the most Vietnamese, given what each reading of
 * {@link DETECTED} (in that order) shows, and how sure that choice is.
 */
export function judgeReadings(readings: readonly ReadingEvidence[]): { encoding: EncodingName; confidence: number } {
  let best = -1;
  let bestShare = 0;
  let second = 0;
  for (let k = 0; k < readings.length; k++) {
    const { words, valid } = readings[k];
    const share = words === 0 ? 0 : valid / words;
    if (best < 0 || share > bestShare) {
      if (best >= 0) second = Math.max(second, bestShare);
      best = k;
      bestShare = share;
    } else second = Math.max(second, share);
  }
  // Confident when most words are syllables, the runner-up is clearly behind, and there are
  // syllables enough to tell: a symbol byte of an English file in Latin-1 (`Copyright \xA9
  // 2001`) reads as a lone Vietnamese letter in VISCII (`ẹ`), which is no evidence.
  const margin = bestShare - second;
  const evidence = Math.min(1, readings[best].lettered / MIN_SYLLABLES);
  const confidence = Math.max(0, Math.min(1, bestShare * Math.min(1, 0.5 + 5 * margin) * evidence));
  return { encoding: DETECTED[best], confidence: Math.round(confidence * 1000) / 1000 };
}

/**
 * The distinct pieces of a file that can tell its legacy encodings apart, one a line, and how
 * often the file holds each. A piece is a run of bytes between whitespace bytes that every
 * encoding reads alike and that no VNI letter spans, so a word never crosses one and each
 * piece reads the same alone as in the file (NFC included: a space composes with nothing).
 * Pieces of bytes that every encoding reads as the same ASCII are left out: their words are
 * ASCII, which {@link readingEvidence} does not count. A file is thus read once, and only its
 * distinct non-ASCII pieces (a few thousand in a Vietnamese archive) are read per encoding.
 */
function distinctPieces(bytes: Uint8Array): { bytes: Uint8Array; weights: Uint32Array } {
  const kinds = pieceBytes();
  const table = new PieceTable(bytes);
  let start = -1;
  let told = 0;
  let hash = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    const kind = kinds[b];
    if (kind !== SPLIT) {
      if (start < 0) {
        start = i;
        told = 0;
        hash = FNV_BASIS;
      }
      told |= kind;
      hash = Math.imul(hash ^ b, FNV_PRIME);
      continue;
    }
    if (start >= 0 && told !== 0) table.add(start, i, hash);
    start = -1;
  }
  if (start >= 0 && told !== 0) table.add(start, n, hash);
  const { ids, places, counts } = table;
  // Heaviest first, so that a reading's evidence builds up fastest (see legacyReadings).
  const order = Array.from({ length: ids }, (_, k) => k).sort((x, y) => counts[y] - counts[x] || x - y);
  const out = new Uint8Array(table.size);
  const weights = new Uint32Array(ids);
  let at = 0;
  order.forEach((k, line) => {
    const start = places[3 * k];
    const end = places[3 * k + 1];
    out.set(bytes.subarray(start, end), at);
    at += end - start;
    out[at++] = 0x0a;
    weights[line] = counts[k];
  });
  return { bytes: out, weights };
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * The distinct pieces of some bytes, told apart by a hash of their bytes in an open-addressing
 * table of ids (no string per piece): an id keeps the piece's first place (start, end, hash)
 * and its count.
 */
class PieceTable {
  ids = 0;
  /** Bytes of the distinct pieces, a line break after each. */
  size = 0;
  places = new Int32Array(3 << 11);
  counts = new Uint32Array(1 << 11);
  private slots = new Int32Array(1 << 12).fill(-1);

  constructor(private readonly bytes: Uint8Array) {}

  add(start: number, end: number, hash: number): void {
    const { bytes, places } = this;
    const length = end - start;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id < 0) {
        this.slots[slot] = this.newId(start, end, hash);
        // Kept at most half full, so that probes stay short.
        if (2 * this.ids > this.slots.length) this.rehash();
        return;
      }
      const at = places[3 * id];
      if (places[3 * id + 2] === hash && places[3 * id + 1] - at === length && sameBytes(bytes, at, start, length)) {
        this.counts[id]++;
        return;
      }
    }
  }

  private newId(start: number, end: number, hash: number): number {
    const id = this.ids++;
    if (id === this.counts.length) {
      this.places = grown(this.places);
      this.counts = grown(this.counts);
    }
    this.places[3 * id] = start;
    this.places[3 * id + 1] = end;
    this.places[3 * id + 2] = hash;
    this.counts[id] = 1;
    this.size += end - start + 1;
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.ids; id++) {
      let slot = this.places[3 * id + 2] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

/** A copy of `array` twice as long. */
function grown<T extends Int32Array | Uint32Array>(array: T): T {
  const out = new (array.constructor as new (n: number) => T)(2 * array.length);
  out.set(array);
  return out;
}

/** The encodings read through one table of 256 characters. */
type SingleByte = keyof typeof BYTE_TABLES;

let pieceByteKinds: Uint8Array | undefined;

/** Kinds of byte in {@link pieceBytes}. */
const TELLING = 1;
const SPLIT = 2;

/**
 * Per byte: SPLIT when pieces are cut at it (whitespace every detected encoding reads as
 * itself, in no two-byte VNI letter), TELLING when it can tell the encodings apart (not read as
 * the same ASCII character by all of them), else 0. Derived from the decoders themselves.
 */
function pieceBytes(): Uint8Array {
  if (pieceByteKinds !== undefined) return pieceByteKinds;
  const split = new Uint8Array(256);
  const telling = new Uint8Array(256);
  // What each byte reads as alone, per encoding.
  const single = new Map<EncodingName, string[]>();
  for (const e of DETECTED) {
    const read = e === 'vni' ? (b: number) => decodeAs(Uint8Array.of(b), e) : (b: number) => BYTE_TABLES[e as SingleByte][b].normalize('NFC');
    single.set(e, Array.from({ length: 256 }, (_, b) => read(b)));
  }
  const alone = (b: number, e: EncodingName) => (single.get(e) as string[])[b];
  const same: number[] = [];
  for (let b = 0; b < 256; b++) {
    if (b < 0x80 && DETECTED.every((e) => alone(b, e) === String.fromCharCode(b))) same.push(b);
    else telling[b] = 1;
  }
  // The bytes of VNI's two-byte letters (as `decodeVniBytes` reads them: their Windows-1252 view).
  const inPair = new Uint8Array(256);
  for (const key of VNI_DECODE.keys()) {
    if (key.length !== 2) continue;
    const first = CP1252_BYTE.get(key[0]);
    const second = CP1252_BYTE.get(key[1]);
    if (first === undefined || second === undefined) continue;
    inPair[first] = inPair[second] = 1;
    // A letter of two bytes every encoding reads as ASCII would make a piece of them tell.
    if (telling[first] === 0 && telling[second] === 0) telling.fill(1);
  }
  const all = Array.from({ length: 256 }, (_, x) => x);
  for (const b of same) if (inPair[b] === 0 && /^\s$/.test(String.fromCharCode(b))) split[b] = 1;
  // Pieces are written one a line: a line break must cut pieces and be read by no other byte.
  if (split[0x0a] !== 1 || DETECTED.some((e) => all.some((b) => b !== 0x0a && alone(b, e).includes('\n')))) {
    throw new Error('legacy tables: a line break is not a line break in every encoding');
  }
  const kinds = new Uint8Array(256);
  for (let b = 0; b < 256; b++) kinds[b] = split[b] === 1 ? SPLIT : telling[b] === 1 ? TELLING : 0;
  return (pieceByteKinds = kinds);
}
