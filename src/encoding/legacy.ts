/**
 * Legacy-font text shown through Windows-1252: a file typed in a TCVN3 (.VnTime), VNI
 * (VNI-Times), VISCII, VPS or Windows-1258 font and later read as Windows-1252
 * (`TiÕng ViÖt`, `Tieáng Vieät`, `Ti¬ng Vi®t`, `Tiêìng Viêòt`). Each such character is the
 * byte of a legacy letter, so the text is re-read character by character.
 */
import { BYTE_TABLES, CP1252_BYTE, decodeVniView, type LegacyEncoding } from './charsets.js';

/** A Windows-1252 character → the legacy character its byte stands for, per encoding. */
function viewMap(encoding: Exclude<LegacyEncoding, 'vni'>): Map<string, string> {
  const table = BYTE_TABLES[encoding];
  const map = new Map<string, string>();
  for (const [ch, b] of CP1252_BYTE) {
    if (b < 0x80) {
      // ASCII stays; the C0 controls carry capitals in VISCII, VPS and TCVN (VN1).
      if (b < 0x20 && table[b] !== String.fromCharCode(b) && table[b] !== '\ufffd') map.set(ch, table[b]);
      continue;
    }
    // TCVN3 (ABC) fonts have no letters at 0x80-0x9F: those bytes are Windows-1252 punctuation.
    if (encoding === 'tcvn3' && b < 0xa0) continue;
    const target = table[b];
    if (target !== '\ufffd' && target !== ch) map.set(ch, target);
  }
  return map;
}

const VIEW_MAPS = new Map<LegacyEncoding, Map<string, string>>();

function mapFor(encoding: Exclude<LegacyEncoding, 'vni'>): Map<string, string> {
  let m = VIEW_MAPS.get(encoding);
  if (!m) VIEW_MAPS.set(encoding, (m = viewMap(encoding)));
  return m;
}

/**
 * Reads `word` (a run without spaces) as legacy-font text seen through Windows-1252.
 * `undefined` when the word holds a character no Windows-1252 byte shows (it cannot be such text).
 */
export function decodeLegacyView(word: string, encoding: LegacyEncoding): string | undefined {
  if (!isWindows1252View(word)) return undefined;
  if (encoding === 'vni') return nfc(decodeVniView(word));
  const map = mapFor(encoding);
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const target = map.get(ch);
    if (target === undefined) {
      out += ch;
      continue;
    }
    out += target;
  }
  // Windows-1258 and TCVN3 write some tones as a combining mark after the letter.
  return nfc(out);
}

/** NFC, skipped when there is no combining mark to compose. */
function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) return s.normalize('NFC');
  }
  return s;
}

const VIEWABLE = new Uint8Array(0x2200);
for (const ch of CP1252_BYTE.keys()) VIEWABLE[ch.charCodeAt(0)] = 1;

/** Whether every character of `word` is one Windows-1252 shows for some byte. */
export function isWindows1252View(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x2200 || VIEWABLE[c] === 0) return false;
  }
  return true;
}

/** The legacy encodings tried on text, in order of preference when two read equally well. */
export const LEGACY_VIEWS: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'viscii', 'windows-1258', 'vps'];

/** Detail names of the edits (the encoding undone). */
export const LEGACY_DETAIL: Readonly<Record<LegacyEncoding, string>> = {
  tcvn3: 'tcvn3',
  vni: 'vni',
  viscii: 'viscii',
  'windows-1258': 'cp1258',
  vps: 'vps',
};
