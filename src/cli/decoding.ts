/**
 * Turning input bytes into text and the repaired text back into bytes, for the CLI.
 * Unicode input is decoded strictly (a file is never rewritten with replaced bytes); other
 * input goes through the library's legacy-encoding detection and comes out as UTF-8.
 */
import { canonicalEncodingName, decode } from '../encoding/index.js';

/** Raised when an input cannot be decoded; the file is reported as an error, never written. */
export class DecodeError extends Error {}

/**
 * Bytes that are not valid in the input's encoding, met while decoding. `offset` counts from
 * the first byte of the input (a BOM included); `text` is everything decoded before them.
 * The caller turns it into a {@link DecodeError} that says where (see {@link invalidBytesError}).
 */
export class InvalidBytes extends Error {
  constructor(
    readonly encoding: string,
    readonly byte: number,
    readonly offset: number,
    readonly text: string,
    readonly why = '',
  ) {
    super(`not valid ${encoding}`);
  }
}

/** The one-line error for {@link InvalidBytes} found on `line` (1-based). */
export function invalidBytesError(e: InvalidBytes, line: number): DecodeError {
  const hex = e.byte >= 0 ? `byte 0x${e.byte.toString(16).padStart(2, '0')} ` : '';
  const why = e.why ? `, ${e.why}` : '';
  const hint = e.encoding === 'UTF-8' ? '; name the encoding with --encoding' : '';
  return new DecodeError(`not valid ${e.encoding} (${hex}at offset ${e.offset}, line ${line}${why})${hint}`);
}

/** Number of `\n` in `text`. */
export function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** How an input was decoded; kept so the output can be written back in kind. */
export interface Decoding {
  /** Canonical encoding name (`utf-8`, `utf-16le`, `utf-16be`, or a legacy name). */
  encoding: string;
  /** The input started with a byte-order mark (not part of the text). */
  bom: boolean;
  /** How sure the detection was (1 for a BOM, valid UTF-8 or a forced encoding). */
  confidence: number;
}

/** Encodings written back as they were read. Anything else is converted to UTF-8. */
const UNICODE_ENCODINGS = new Set(['utf-8', 'utf-16le', 'utf-16be']);

/** `true` when writing the text out as UTF-8 changes the encoding of the file (a repair). */
export function isConversion(d: Decoding): boolean {
  return !UNICODE_ENCODINGS.has(d.encoding);
}

/** The encoding announced by a byte-order mark, and the mark's length. */
export function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Bytes looked at to tell binary from text (and, for streams, to detect the encoding). Like
 * git, only the head of an input is judged: a NUL byte further on is a character of the text.
 */
export const HEAD_BYTES = 64 << 10;

/**
 * Why an input whose first bytes are `head` is not text, or `undefined` when it is text.
 * Text never contains NUL in its head, except UTF-16, announced by a BOM or by `--encoding`
 * (which is honoured before this test).
 */
export function binaryReason(head: Uint8Array, forced?: string): string | undefined {
  const bom = sniffBom(head);
  const encoding = forced ? canonicalEncodingName(forced) : bom?.encoding;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return undefined;
  const end = Math.min(HEAD_BYTES, head.length);
  const nul = head.subarray(0, end).indexOf(0);
  if (nul < 0) return undefined;
  // NULs in every other byte: most likely UTF-16 without a byte-order mark.
  let even = 0;
  let odd = 0;
  for (let i = 0; i < end; i++) if (head[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const units = end >> 1;
  if (Math.max(even, odd) >= 4 && Math.max(even, odd) >= units * 0.3 && Math.min(even, odd) <= units * 0.02) {
    const guess = odd > even ? 'utf-16le' : 'utf-16be';
    return `binary file (NUL byte at offset ${nul}; if it is UTF-16 without a byte-order mark, name it with --encoding ${guess})`;
  }
  return `binary file (NUL byte at offset ${nul})`;
}

/** The canonical name of a user-given encoding (`UTF8` → `utf-8`); a {@link DecodeError} if unknown. */
export function canonicalEncoding(name: string): string {
  const canonical = canonicalEncodingName(name);
  if (!canonical) throw new DecodeError(`unknown encoding "${name}"`);
  return canonical;
}

/** Below this detection confidence a legacy reading is refused (the library's advice). */
const MIN_LEGACY_CONFIDENCE = 0.5;

/** Bytes that a legacy table leaves undefined (they decode to U+FFFD), by encoding. */
const undefinedBytesOf = new Map<string, Uint8Array>();

function undefinedBytes(encoding: string): Uint8Array {
  let table = undefinedBytesOf.get(encoding);
  if (table === undefined) {
    table = new Uint8Array(256);
    for (let b = 0; b < 256; b++) table[b] = decode(Uint8Array.of(b), { encoding }).text.includes('\uFFFD') ? 1 : 0;
    undefinedBytesOf.set(encoding, table);
  }
  return table;
}

/**
 * Decodes legacy bytes as `encoding` with the library. Legacy tables mark undefined bytes
 * with U+FFFD, which a legacy file cannot contain: such bytes are refused, never replaced.
 * `base` is the offset of `bytes` in the input.
 */
function decodeLegacy(bytes: Uint8Array, encoding: string, base = 0): string {
  const text = decode(bytes, { encoding }).text;
  if (!text.includes('\uFFFD')) return text;
  const table = undefinedBytes(encoding);
  let at = 0;
  while (at < bytes.length && table[bytes[at]] === 0) at++;
  if (at === bytes.length) at = 0; // undefined only in combination: point at the block
  const before = decode(bytes.subarray(0, at), { encoding }).text;
  throw new InvalidBytes(encoding, bytes[at] ?? -1, base + at, before, 'a byte undefined in that encoding; name the encoding with --encoding');
}

/**
 * A chunk decoder for a legacy encoding: bytes are decoded in blocks that end at a line
 * break (or, in an overlong line, at a space), where no multi-byte sequence can be cut.
 * `base` is the offset of the first byte it is given in the input (after a BOM).
 */
export function legacyChunkDecoder(encoding: string, maxPending = 4 << 20, base = 0): ChunkDecoder {
  let pending: Uint8Array = new Uint8Array(0);
  let seen = base; // offset of `pending` in the input
  return {
    decode(bytes, final) {
      const all = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      let cut = final ? all.length : all.lastIndexOf(0x0a) + 1;
      if (cut === 0 && all.length > maxPending) cut = all.lastIndexOf(0x20) + 1 || all.length;
      const text = cut > 0 ? decodeLegacy(all.subarray(0, cut), encoding, seen) : '';
      pending = Uint8Array.from(all.subarray(cut));
      seen += cut;
      return text;
    },
  };
}

/**
 * How a stream is decoded, from its first bytes (after any BOM): as forced, as UTF-8 when
 * the head is valid UTF-8, else as the legacy encoding detected on the head. `base` is the
 * offset of `head` in the input (the length of a BOM); `whole` when the head is all of it (a
 * character cut short at its end is then not UTF-8).
 */
export function detectStream(head: Uint8Array, forced?: string, base = 0, whole = false): { decoding: Decoding; decoder: ChunkDecoder } {
  if (forced) {
    const encoding = canonicalEncoding(forced);
    const decoder = UNICODE_ENCODINGS.has(encoding) ? unicodeChunkDecoder(encoding, base) : legacyChunkDecoder(encoding, undefined, base);
    return { decoding: { encoding, bom: false, confidence: 1 }, decoder };
  }
  if (utf8ErrorAt(head, whole) < 0) {
    return { decoding: { encoding: 'utf-8', bom: false, confidence: 1 }, decoder: unicodeChunkDecoder('utf-8', base) };
  }
  // Not UTF-8: detect a legacy encoding on whole lines of the head.
  const lines = !whole && head.lastIndexOf(0x0a) > 0 ? head.subarray(0, head.lastIndexOf(0x0a) + 1) : head;
  const guess = decode(lines);
  if (guess.confidence < MIN_LEGACY_CONFIDENCE || UNICODE_ENCODINGS.has(guess.encoding)) throw undetectable(head, guess, base);
  return {
    decoding: { encoding: guess.encoding, bom: false, confidence: guess.confidence },
    decoder: legacyChunkDecoder(guess.encoding, undefined, base),
  };
}

function undetectable(bytes: Uint8Array, guess: { encoding: string; confidence: number }, base: number): InvalidBytes {
  const at = Math.max(0, utf8ErrorAt(bytes, true));
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, at));
  return new InvalidBytes(
    'UTF-8',
    bytes[at] ?? -1,
    base + at,
    text,
    `and no Vietnamese legacy encoding fits: best ${guess.encoding}, confidence ${guess.confidence.toFixed(2)}`,
  );
}

/**
 * Offset of the first byte sequence in `bytes` that is not UTF-8 (overlong forms, surrogates
 * and code points above U+10FFFF included), or -1. A sequence cut short by the end of
 * `bytes` is an error only when `final`.
 */
export function utf8ErrorAt(bytes: Uint8Array, final = true): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k];
      const lo = k === 1 ? (b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80) : 0x80;
      const hi = k === 1 ? (b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf) : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += len;
  }
  return -1;
}

/** Length of the UTF-8 sequence cut short at the end of valid UTF-8 `bytes` (0 to 3). */
function cutSequenceLength(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k];
    if ((b & 0xc0) === 0x80) continue;
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > k ? k : 0;
  }
  return 0;
}

/** A decoder fed chunk by chunk (`stream` semantics of `TextDecoder`), throwing {@link InvalidBytes}. */
export interface ChunkDecoder {
  /** Decodes the next bytes; `final` flushes a trailing partial character (an error). */
  decode(bytes: Uint8Array, final: boolean): string;
}

/**
 * A strict UTF-8 chunk decoder. Invalid bytes are an error, never replaced: a file written
 * back must not lose bytes silently. The error names the offset of the first bad byte in the
 * whole input, however the input was cut into chunks.
 */
function utf8ChunkDecoder(base: number): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let seen = base; // bytes decoded so far, as an offset in the input
  let cut: Uint8Array = new Uint8Array(0); // the last bytes, a character cut short among them
  return {
    decode(bytes, final) {
      try {
        const text = decoder.decode(bytes, { stream: !final });
        const last = bytes.length >= 3 ? bytes.subarray(bytes.length - 3) : Buffer.concat([cut, bytes]).subarray(-3);
        cut = Uint8Array.from(last.subarray(last.length - cutSequenceLength(last)));
        seen += bytes.length;
        return text;
      } catch {
        const all = Buffer.concat([cut, bytes]);
        const at = Math.max(0, utf8ErrorAt(all, final));
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(all.subarray(0, at));
        const cutShort = final && utf8ErrorAt(all, false) < 0;
        throw new InvalidBytes('UTF-8', all[at] ?? -1, seen - cut.length + at, text, cutShort ? 'a character cut short at the end' : '');
      }
    },
  };
}

const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;

/**
 * A strict UTF-16 chunk decoder: an unpaired surrogate or an odd last byte is an error,
 * never replaced.
 */
function utf16ChunkDecoder(encoding: 'utf-16le' | 'utf-16be', base: number): ChunkDecoder {
  const name = encoding.toUpperCase();
  let pending: Uint8Array = new Uint8Array(0);
  let seen = base; // offset of `pending` in the input
  return {
    decode(bytes, final) {
      const all = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      let usable = all.length & ~1;
      const units = Buffer.from(all.subarray(0, usable));
      if (encoding === 'utf-16be') units.swap16();
      let text = units.toString('utf16le');
      // A high surrogate at the end waits for its pair in the next chunk.
      if (!final && text.length > 0 && isHigh(text.charCodeAt(text.length - 1))) {
        text = text.slice(0, -1);
        usable -= 2;
      }
      for (let i = 0; i < text.length; i++) {
        const u = text.charCodeAt(i);
        if (isHigh(u) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++;
        else if (isHigh(u) || isLow(u)) throw new InvalidBytes(name, all[2 * i], seen + 2 * i, text.slice(0, i), 'an unpaired surrogate');
      }
      if (final && all.length % 2 === 1) {
        throw new InvalidBytes(name, all[all.length - 1], seen + all.length - 1, text, 'an odd number of bytes');
      }
      pending = Uint8Array.from(all.subarray(usable));
      seen += usable;
      return text;
    },
  };
}

/** A strict chunk decoder for a Unicode encoding; `base` is the offset of its first byte in the input. */
export function unicodeChunkDecoder(encoding: string, base = 0): ChunkDecoder {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return utf16ChunkDecoder(encoding, base);
  return utf8ChunkDecoder(base);
}

/** Decodes a whole input. `forced` is the `--encoding` name, if any. Throws {@link DecodeError}. */
export function decodeWhole(bytes: Uint8Array, forced?: string): { text: string; decoding: Decoding } {
  try {
    return decodeWholeOrThrow(bytes, forced);
  } catch (err) {
    if (err instanceof InvalidBytes) throw invalidBytesError(err, 1 + countLineBreaks(err.text));
    throw err;
  }
}

function decodeWholeOrThrow(bytes: Uint8Array, forced?: string): { text: string; decoding: Decoding } {
  const bom = sniffBom(bytes);
  if (bom && (!forced || canonicalEncoding(forced) === bom.encoding)) {
    const text = unicodeChunkDecoder(bom.encoding, bom.length).decode(bytes.subarray(bom.length), true);
    return { text, decoding: { encoding: bom.encoding, bom: true, confidence: 1 } };
  }
  if (forced) {
    const encoding = canonicalEncoding(forced);
    const text = UNICODE_ENCODINGS.has(encoding) ? unicodeChunkDecoder(encoding).decode(bytes, true) : decodeLegacy(bytes, encoding);
    return { text, decoding: { encoding, bom: false, confidence: 1 } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, decoding: { encoding: 'utf-8', bom: false, confidence: 1 } };
  } catch {
    // Not UTF-8: a legacy encoding, if one reads as Vietnamese.
  }
  const guess = decode(bytes);
  if (guess.confidence < MIN_LEGACY_CONFIDENCE || UNICODE_ENCODINGS.has(guess.encoding)) throw undetectable(bytes, guess, 0);
  return {
    text: guess.text.includes('\uFFFD') ? decodeLegacy(bytes, guess.encoding) : guess.text,
    decoding: { encoding: guess.encoding, bom: false, confidence: guess.confidence },
  };
}

/** The bytes to write for repaired text: the input's Unicode encoding and BOM, or UTF-8. */
export function encodeOutput(text: string, d: Decoding): Buffer {
  const body = encodeText(text, d);
  const bom = d.bom ? bomBytes(d) : undefined;
  return bom ? Buffer.concat([bom, body]) : body;
}

/** The byte-order mark to write for `d` (UTF-8 for converted legacy input that had one). */
export function bomBytes(d: Decoding): Buffer {
  if (d.encoding === 'utf-16le') return Buffer.from([0xff, 0xfe]);
  if (d.encoding === 'utf-16be') return Buffer.from([0xfe, 0xff]);
  return Buffer.from([0xef, 0xbb, 0xbf]);
}

/** Encodes text (no BOM) the way {@link encodeOutput} would. */
export function encodeText(text: string, d: Decoding): Buffer {
  if (d.encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (d.encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}
