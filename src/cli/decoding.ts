/**
 * Turning input bytes into text and the repaired text back into bytes, for the CLI.
 * Unicode input is decoded strictly (a file is never rewritten with replaced bytes); other
 * input goes through the library's legacy-encoding detection and comes out as UTF-8.
 */
import { canonicalEncodingName, decode } from '../encoding/index.js';

/** Raised when an input cannot be decoded; the file is reported as an error, never written. */
export class DecodeError extends Error {}

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
 * Text files never contain NUL; UTF-16 does, but it announces itself with a BOM.
 * Like git, only the head of the file is looked at when `limit` is given.
 */
export function looksBinary(bytes: Uint8Array, limit = bytes.length): boolean {
  const bom = sniffBom(bytes);
  if (bom && bom.encoding !== 'utf-8') return false;
  const end = Math.min(limit, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The canonical name of a user-given encoding (`UTF8` → `utf-8`); a {@link DecodeError} if unknown. */
export function canonicalEncoding(name: string): string {
  const canonical = canonicalEncodingName(name);
  if (!canonical) throw new DecodeError(`unknown encoding "${name}"`);
  return canonical;
}

/** Below this detection confidence a legacy reading is refused (the library's advice). */
const MIN_LEGACY_CONFIDENCE = 0.5;

/** Legacy tables mark undefined bytes with U+FFFD, which a legacy file cannot contain. */
function checkLegacy(text: string, encoding: string): string {
  const at = text.indexOf('\uFFFD');
  if (at >= 0) throw new DecodeError(`bytes undefined in ${encoding} (character ${at}); name the encoding with --encoding`);
  return text;
}

/** Decodes legacy bytes as `encoding` with the library, refusing undefined bytes. */
function decodeLegacy(bytes: Uint8Array, encoding: string): string {
  return checkLegacy(decode(bytes, { encoding }).text, encoding);
}

/**
 * A chunk decoder for a legacy encoding: bytes are decoded in blocks that end at a line
 * break (or, in an overlong line, at a space), where no multi-byte sequence can be cut.
 */
export function legacyChunkDecoder(encoding: string, maxPending = 4 << 20): ChunkDecoder {
  let pending: Uint8Array = new Uint8Array(0);
  return {
    decode(bytes, final) {
      const all = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      let cut = final ? all.length : all.lastIndexOf(0x0a) + 1;
      if (cut === 0 && all.length > maxPending) cut = all.lastIndexOf(0x20) + 1 || all.length;
      pending = Uint8Array.from(all.subarray(cut));
      return cut > 0 ? decodeLegacy(all.subarray(0, cut), encoding) : '';
    },
  };
}

/**
 * How a stream is decoded, from its first bytes (after any BOM): as forced, as UTF-8 when
 * the head is valid UTF-8, else as the legacy encoding detected on the head.
 */
export function detectStream(head: Uint8Array, forced?: string): { decoding: Decoding; decoder: ChunkDecoder } {
  if (forced) {
    const encoding = canonicalEncoding(forced);
    const decoder = UNICODE_ENCODINGS.has(encoding) ? unicodeChunkDecoder(encoding) : legacyChunkDecoder(encoding);
    return { decoding: { encoding, bom: false, confidence: 1 }, decoder };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { decoding: { encoding: 'utf-8', bom: false, confidence: 1 }, decoder: unicodeChunkDecoder('utf-8') };
  } catch {
    // Not UTF-8: detect a legacy encoding on whole lines of the head.
  }
  const lines = head.lastIndexOf(0x0a) > 0 ? head.subarray(0, head.lastIndexOf(0x0a) + 1) : head;
  const guess = decode(lines);
  if (guess.confidence < MIN_LEGACY_CONFIDENCE || UNICODE_ENCODINGS.has(guess.encoding)) throw undetectable(head, guess);
  return { decoding: { encoding: guess.encoding, bom: false, confidence: guess.confidence }, decoder: legacyChunkDecoder(guess.encoding) };
}

function undetectable(bytes: Uint8Array, guess: { encoding: string; confidence: number }): DecodeError {
  const at = firstInvalidUtf8(bytes);
  const where = at >= 0 ? ` (byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at})` : '';
  return new DecodeError(
    `not valid UTF-8${where} and no Vietnamese legacy encoding fits (best ${guess.encoding}, confidence ${guess.confidence.toFixed(2)}); name the encoding with --encoding`,
  );
}

/** Offset and value of the first byte that breaks UTF-8, for error messages. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let n = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= bytes.length) return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** A decoder fed chunk by chunk (`stream` semantics of `TextDecoder`), throwing {@link DecodeError}. */
export interface ChunkDecoder {
  /** Decodes the next bytes; `final` flushes a trailing partial character (an error in UTF-8). */
  decode(bytes: Uint8Array, final: boolean): string;
}

/**
 * A chunk decoder for a Unicode encoding. Invalid UTF-8 is an error, never replaced:
 * a file written back must not lose bytes silently.
 */
export function unicodeChunkDecoder(encoding: string): ChunkDecoder {
  const fatal = encoding === 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  let seen = 0;
  return {
    decode(bytes, final) {
      try {
        const text = decoder.decode(bytes, { stream: !final });
        seen += bytes.length;
        return text;
      } catch {
        const at = firstInvalidUtf8(bytes);
        const where = at >= 0 ? ` (byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${seen + at})` : '';
        throw new DecodeError(`not valid UTF-8${where}; name the encoding with --encoding`);
      }
    },
  };
}

/** Decodes a whole input. `forced` is the `--encoding` name, if any. */
export function decodeWhole(bytes: Uint8Array, forced?: string): { text: string; decoding: Decoding } {
  const bom = sniffBom(bytes);
  if (bom && (!forced || canonicalEncoding(forced) === bom.encoding)) {
    const text = unicodeChunkDecoder(bom.encoding).decode(bytes.subarray(bom.length), true);
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
  if (guess.confidence < MIN_LEGACY_CONFIDENCE || UNICODE_ENCODINGS.has(guess.encoding)) throw undetectable(bytes, guess);
  return {
    text: checkLegacy(guess.text, guess.encoding),
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
