/**
 * The byte encodings vietfix knows, as tables between bytes and text, and the same tables
 * seen through Windows-1252: legacy-font text that was shown as Windows-1252 (`TiÕng ViÖt`)
 * is turned back into Unicode character by character, without going through bytes.
 */
import { CP1252, CP1258, TCVN3, VISCII, VPS } from './tables/single-byte.js';
import { VNI_LETTERS } from './tables/vni.js';

/** The legacy Vietnamese encodings, by canonical name. */
export type LegacyEncoding = 'windows-1258' | 'viscii' | 'tcvn3' | 'vni' | 'vps';

/** Every encoding {@link decode} accepts by name (canonical names). */
export const SUPPORTED_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'windows-1258',
  'viscii',
  'tcvn3',
  'vni',
  'vps',
  'viqr',
] as const;

/** A canonical encoding name. */
export type EncodingName = (typeof SUPPORTED_ENCODINGS)[number];

const ALIASES: Record<string, EncodingName> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  cp1258: 'windows-1258',
  'windows-1258': 'windows-1258',
  viscii: 'viscii',
  tcvn: 'tcvn3',
  tcvn3: 'tcvn3',
  'tcvn5712': 'tcvn3',
  'tcvn5712-1': 'tcvn3',
  'tcvn-5712': 'tcvn3',
  abc: 'tcvn3',
  vni: 'vni',
  'vni-windows': 'vni',
  vps: 'vps',
  viqr: 'viqr',
};

/** The canonical name of an encoding (`UTF8`, `cp1258`, `TCVN5712-1`…), or `undefined` if unknown. */
export function canonicalEncodingName(name: string): EncodingName | undefined {
  return ALIASES[name.trim().toLowerCase().replace(/_/g, '-')];
}

/** Single-byte tables: byte → character, `\uFFFD` where the encoding leaves a byte undefined. */
export const BYTE_TABLES: Readonly<Record<'windows-1252' | 'windows-1258' | 'viscii' | 'tcvn3' | 'vps', string>> = {
  'windows-1252': CP1252,
  'windows-1258': CP1258,
  viscii: VISCII,
  tcvn3: TCVN3,
  vps: VPS,
};

/** character → byte for a single-byte table (undefined bytes left out). */
export function reverseTable(table: string): Map<string, number> {
  const map = new Map<string, number>();
  for (let b = 255; b >= 0; b--) if (table[b] !== '\ufffd') map.set(table[b], b);
  return map;
}

/**
 * Windows-1252 as browsers and Windows show it, extended with the rest of the C1 controls
 * (what ISO-8859-1 shows for 0x80-0x9F): character → byte. Text that was bytes shown this way
 * can be turned back into exactly those bytes.
 */
export const CP1252_BYTE: ReadonlyMap<string, number> = (() => {
  const map = reverseTable(CP1252);
  for (let b = 0x80; b < 0xa0; b++) if (!map.has(String.fromCharCode(b))) map.set(String.fromCharCode(b), b);
  return map;
})();

/** Windows-1258 as shown by Windows (undefined bytes as C1 controls): character → byte. */
export const CP1258_BYTE: ReadonlyMap<string, number> = reverseTable(CP1258);

/** VNI seen through Windows-1252: the one- or two-character spelling → letter. */
export const VNI_DECODE: ReadonlyMap<string, string> = new Map(VNI_LETTERS.map(([letter, bytes]) => [bytes, letter]));

/** letter → its VNI spelling seen through Windows-1252. */
export const VNI_ENCODE: ReadonlyMap<string, string> = new Map(VNI_LETTERS.map(([letter, bytes]) => [letter, bytes]));

/**
 * Decodes VNI text seen through Windows-1252 (`Tieáng`) to Unicode (`Tiếng`): a base letter and
 * a mark character become one letter; characters that are not part of a VNI letter stay.
 */
export function decodeVniView(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const pair = i + 1 < s.length ? VNI_DECODE.get(s.slice(i, i + 2)) : undefined;
    if (pair !== undefined) {
      out += pair;
      i++;
      continue;
    }
    out += VNI_DECODE.get(s[i]) ?? s[i];
  }
  return out;
}

/** Encodes Vietnamese text as VNI seen through Windows-1252; other characters stay. */
export function encodeVniView(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += VNI_ENCODE.get(ch) ?? ch;
  return out;
}

/**
 * A map from a character shown through Windows-1252 to the character the same byte means in
 * a legacy single-byte encoding (`Õ` → `ế` for TCVN3). Characters whose byte is undefined in
 * the legacy table are absent.
 */
export function viewTable(legacy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [ch, b] of CP1252_BYTE) {
    const target = legacy[b];
    if (target !== '\ufffd') map.set(ch, target);
  }
  return map;
}

/** Decodes bytes with a single-byte table; undefined bytes become U+FFFD. */
export function decodeSingleByte(bytes: Uint8Array, table: string): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i++) {
    chunk += table[bytes[i]];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Encodes text with a single-byte table. Characters the table lacks are decomposed (NFD, as
 * Windows-1258 and TCVN3 write a base letter and a combining tone) and, failing that,
 * `undefined` is returned.
 */
export function encodeSingleByte(text: string, table: string): Uint8Array | undefined {
  const rev = reverseTable(table);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const b = rev.get(ch);
    if (b !== undefined) {
      out.push(b);
      continue;
    }
    // Base letter + combining tone (ế → ê + U+0301), as Windows-1258 and TCVN3 write it.
    const nfd = ch.normalize('NFD');
    let done = false;
    for (let k = 1; k < nfd.length && !done; k++) {
      const head = rev.get((nfd.slice(0, k) + nfd.slice(k + 1)).normalize('NFC'));
      const tail = rev.get(nfd[k]);
      if (head !== undefined && tail !== undefined) {
        out.push(head, tail);
        done = true;
      }
    }
    if (!done) return undefined;
  }
  return Uint8Array.from(out);
}
