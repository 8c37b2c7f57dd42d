/**
 * The byte encodings vietfix knows, as tables between bytes and text, and the same tables
 * seen through Windows-1252: legacy-font text that was shown as Windows-1252 (`TiÕng ViÖt`)
 * is turned back into Unicode character by character, without going through bytes.
 */
import { CODE_PAGES, CODE_PAGE_UNDEFINED } from './tables/code-pages.js';
import { CP1252, CP1258, TCVN3, VISCII, VPS } from './tables/single-byte.js';
import { VNI_LETTERS } from './tables/vni.js';
import { STRIPPED_C1_BYTES } from './utf8.js';

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

/**
 * A code page that UTF-8 bytes were shown through, as mojibake repair reads it: each character
 * the page shows turned back into its byte. A view may join several pages that agree on their
 * shared bytes (Windows-1252 with the C1 controls of ISO-8859-1 and the extras of Windows-1258);
 * `variantOf` then says which page a character belongs to, as an index into `names`.
 */
export interface ByteView {
  /** The damage each variant names (`utf8-as-cp1252`…); index 0 is the one shared characters name. */
  readonly names: readonly string[];
  /** character → byte (characters the view never shows are absent). */
  readonly byteOf: ReadonlyMap<string, number>;
  /** character → index into `names`; absent means 0. */
  readonly variantOf: ReadonlyMap<string, number>;
  /**
   * Whether a byte the view drops may be guessed back: true for the Windows view, whose
   * undefined bytes, no-break space and soft hyphen go missing (see `LOST_BYTES` in utf8.ts).
   */
  readonly guessesLostBytes: boolean;
  /**
   * The bytes the page leaves undefined, which a decoder that replaces what it cannot show
   * writes as U+FFFD: where one stands in a word the view reads, one of these was there.
   */
  readonly replacedBytes: readonly number[];
  /**
   * {@link replacedBytes} by variant (an index into `names`) where the view's pages leave
   * different bytes undefined: a word shown through Windows-1258 (`Ă�c`) had one of its own
   * (0x9A: `Úc`) replaced.
   */
  readonly replacedBytesOf?: readonly (readonly number[])[];
  /** The bytes a channel drops without a trace, which {@link guessesLostBytes} puts back (`LOST_BYTES` unless told). */
  readonly lostBytes?: readonly number[];
  /** Whether only letters of the Vietnamese alphabet are guessed for a lost byte (a view that loses many bytes). */
  readonly guessesOnlyVietnamese?: boolean;
}

/** Windows-1252 (+ ISO-8859-1's C1 controls) and Windows-1258: the view mojibake mostly comes through. */
export const WINDOWS_VIEW: ByteView = (() => {
  const byteOf = new Map<string, number>();
  const variantOf = new Map<string, number>();
  const undefinedInCp1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  for (const [ch, b] of CP1252_BYTE) {
    byteOf.set(ch, b);
    const c = ch.charCodeAt(0);
    // A C1 control Windows-1252 defines a character for shows the bytes were read as ISO-8859-1.
    if (c >= 0x80 && c < 0xa0 && !undefinedInCp1252.has(c)) variantOf.set(ch, 1);
  }
  for (const [ch, b] of CP1258_BYTE) {
    if (byteOf.has(ch)) continue;
    byteOf.set(ch, b);
    variantOf.set(ch, 2);
  }
  const replacedBytes = [...undefinedInCp1252];
  const undefinedInCp1258: number[] = [];
  // Undefined: U+FFFD in the table, or the C1 control Windows shows for the byte.
  for (let b = 0x80; b < 0xa0; b++) if (CP1258[b] === '\ufffd' || CP1258.charCodeAt(b) === b) undefinedInCp1258.push(b);
  const replacedBytesOf = [replacedBytes, replacedBytes, undefinedInCp1258];
  return { names: ['utf8-as-cp1252', 'utf8-as-latin1', 'utf8-as-cp1258'], byteOf, variantOf, guessesLostBytes: true, replacedBytes, replacedBytesOf };
})();

/**
 * The Windows view of a line shown through Windows-1258 (it shows `Ă` for C3, never `Ã`): a
 * replacement anywhere in it stands for a byte Windows-1258 leaves undefined (`Æ¯á»�T` is
 * `ƯỚT`, 0x9A), though the word alone shows only characters both pages share.
 */
export const WINDOWS_1258_VIEW: ByteView = {
  ...WINDOWS_VIEW,
  replacedBytes: WINDOWS_VIEW.replacedBytesOf![2],
  replacedBytesOf: [WINDOWS_VIEW.replacedBytesOf![2], WINDOWS_VIEW.replacedBytesOf![2], WINDOWS_VIEW.replacedBytesOf![2]],
};

/**
 * ISO-8859-1 with its C1 controls (0x80-0x9F) stripped, as editors, terminals and web forms do
 * to text they show as ISO-8859-1: the Windows view without the characters of those bytes, and
 * any of the 32 bytes (with the no-break space and soft hyphen) lost where a sequence breaks.
 * Taken for a line that shows no character of those bytes (see `showsC1Bytes`).
 */
export const STRIPPED_C1_VIEW: ByteView = (() => {
  const byteOf = new Map<string, number>();
  for (const [ch, b] of CP1252_BYTE) if (b < 0x80 || b >= 0xa0) byteOf.set(ch, b);
  return {
    names: ['utf8-as-latin1'],
    byteOf,
    variantOf: new Map(),
    guessesLostBytes: true,
    replacedBytes: [],
    lostBytes: STRIPPED_C1_BYTES,
    guessesOnlyVietnamese: true,
  };
})();

/**
 * The other code pages a system may show UTF-8 through (Mac Roman, Windows-1250, ISO-8859-2,
 * Windows-1251, CP437, CP850, ISO-8859-15), one view each, in the order a tie between them is
 * settled. Only a byte a decoder replaced (U+FFFD where the page leaves a byte undefined) is
 * guessed back through them: a byte dropped without a trace needs the evidence of a common
 * damage.
 */
export const CODE_PAGE_VIEWS: readonly ByteView[] = CODE_PAGES.map(([name, table]) => ({
  names: ['utf8-as-' + name],
  byteOf: reverseTable(table),
  variantOf: new Map(),
  guessesLostBytes: false,
  replacedBytes: CODE_PAGE_UNDEFINED[name] ?? [],
}));

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
  const units = codeUnitsOf(table);
  const out = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = units[bytes[i]];
  return fromCodeUnits(out);
}

/** Each table's characters as UTF-16 code units (every entry is one unit). */
const CODE_UNITS = new Map<string, Uint16Array>();

function codeUnitsOf(table: string): Uint16Array {
  let units = CODE_UNITS.get(table);
  if (units === undefined) {
    units = new Uint16Array(256);
    for (let b = 0; b < 256; b++) units[b] = table.charCodeAt(b);
    CODE_UNITS.set(table, units);
  }
  return units;
}

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
/** Whether a Uint16Array's bytes are little-endian here, as the UTF-16LE decoder reads them. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** A string of UTF-16 code units, in one native decode. */
function fromCodeUnits(units: Uint16Array): string {
  if (LITTLE_ENDIAN) return UTF16.decode(units);
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode(...units.subarray(i, i + 8192)));
  return parts.join('');
}

/**
 * VNI bytes as a table: a letter written as a base byte and a mark byte (`a` + `ù` → `á`)
 * by the pair, the other bytes one by one; what {@link decodeVniView} does to the bytes'
 * Windows-1252 view, without building the view.
 */
let vniTables: { pairs: Uint16Array; singles: Uint16Array } | undefined;

function vniByteTables(): { pairs: Uint16Array; singles: Uint16Array } {
  if (vniTables) return vniTables;
  const view = BYTE_TABLES['windows-1252'];
  const pairs = new Uint16Array(0x10000);
  const singles = new Uint16Array(256);
  for (let b = 0; b < 256; b++) singles[b] = (VNI_DECODE.get(view[b]) ?? view[b]).charCodeAt(0);
  for (const [bytes, letter] of VNI_DECODE) {
    if (bytes.length !== 2) continue;
    const first = CP1252_BYTE.get(bytes[0]);
    const second = CP1252_BYTE.get(bytes[1]);
    if (first !== undefined && second !== undefined && view[first] === bytes[0] && view[second] === bytes[1]) pairs[(first << 8) | second] = letter.charCodeAt(0);
  }
  return (vniTables = { pairs, singles });
}

/** Decodes VNI bytes: the same text as {@link decodeVniView} of their Windows-1252 view. */
export function decodeVniBytes(bytes: Uint8Array): string {
  const { pairs, singles } = vniByteTables();
  const out = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const pair = i + 1 < bytes.length ? pairs[(bytes[i] << 8) | bytes[i + 1]] : 0;
    if (pair !== 0) {
      out[n++] = pair;
      i++;
      continue;
    }
    out[n++] = singles[bytes[i]];
  }
  return fromCodeUnits(out.subarray(0, n));
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
