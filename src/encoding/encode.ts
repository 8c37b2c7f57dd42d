/** Text → bytes in the legacy encodings: the inverse of `decode`, for tests and for tools. */
import { BYTE_TABLES, canonicalEncodingName, encodeSingleByte, encodeVniView } from './charsets.js';

/** The only capitals TCVN3 (ABC) has besides A-Z. */
const TCVN3_CAPITALS = 'ĂÂÊÔƠƯĐ';

const VIQR_TONES = ['', "'", '`', '?', '~', '.'];
const TONE_OF_MARK: Readonly<Record<string, number>> = { '\u0301': 1, '\u0300': 2, '\u0309': 3, '\u0303': 4, '\u0323': 5 };
const VIQR_SHAPE: Readonly<Record<string, string>> = { '\u0306': '(', '\u0302': '^', '\u031b': '+' };

/** One letter in VIQR (`ế` → `e^'`, `đ` → `dd`). */
function viqrLetter(ch: string): string {
  if (ch === 'đ') return 'dd';
  if (ch === 'Đ') return 'DD';
  const nfd = ch.normalize('NFD');
  let out = nfd[0];
  let tone = 0;
  for (const m of nfd.slice(1)) {
    if (VIQR_SHAPE[m]) out += VIQR_SHAPE[m];
    else if (TONE_OF_MARK[m]) tone = TONE_OF_MARK[m];
    else return ch;
  }
  return out + VIQR_TONES[tone];
}

/**
 * Encodes text in a byte encoding (`windows-1252`, `windows-1258`, `viscii`, `tcvn3`, `vni`,
 * `vps`, `viqr`, `utf-8`). `undefined` when a character has no code in it.
 * TCVN3 writes capitals with tone marks, which it lacks, with the lower-case letter's code,
 * as ABC-font text does.
 */
export function encode(text: string, encoding: string): Uint8Array | undefined {
  const name = canonicalEncodingName(encoding);
  switch (name) {
    case undefined:
      throw new RangeError(`unknown encoding "${encoding}"`);
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(text.length * 2);
      const hi = name === 'utf-16be' ? 0 : 1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 * i + hi] = c >> 8;
        out[2 * i + 1 - hi] = c & 0xff;
      }
      return out;
    }
    case 'vni':
      return encodeSingleByte(encodeVniView(text), BYTE_TABLES['windows-1252']);
    case 'viqr': {
      // Punctuation right after a vowel would read as a mark: it is escaped (`ra\.`), as
      // Unikey's converter writes it.
      let out = '';
      for (const ch of text.normalize('NFC')) {
        if ("'`?~.(^+".includes(ch) && /[aeiouyAEIOUY(^+]$/.test(out)) out += '\\';
        out += viqrLetter(ch);
      }
      return new TextEncoder().encode(out);
    }
    case 'tcvn3': {
      let adjusted = '';
      for (const ch of text.normalize('NFC')) {
        const keep = ch.charCodeAt(0) < 0x80 || TCVN3_CAPITALS.includes(ch) || ch === ch.toLowerCase();
        adjusted += keep ? ch : ch.toLowerCase();
      }
      return encodeSingleByte(adjusted, BYTE_TABLES.tcvn3);
    }
    default:
      return encodeSingleByte(text, BYTE_TABLES[name]);
  }
}
