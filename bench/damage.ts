/**
 * Damaged text for the benchmarks, made at run time from clean text by encoding it (nothing
 * damaged is stored): UTF-8 bytes shown as Windows-1252, and legacy-font bytes shown the same way.
 */
import { encode } from '../src/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';
import { CODE_PAGES } from '../src/encoding/tables/code-pages.js';
// The damage simulator's seeded generator: every run damages the same text the same way.
import { generator } from '../src/repair/simulate.js';

/** Bytes shown as Windows-1252, the way a browser shows them (undefined bytes as C1 controls). */
export function asCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    let s = '';
    for (const b of bytes.subarray(i, i + 8192)) s += CP1252[b];
    parts.push(s);
  }
  return parts.join('');
}

/** `text` as mojibake: its UTF-8 bytes shown as Windows-1252 (`Tiếng` → `Tiáº¿ng`). */
export function mojibake(text: string): string {
  return asCp1252(new TextEncoder().encode(text));
}

/** `text` as mojibake through another code page: its UTF-8 bytes shown as Mac Roman, Windows-1250… (`Ti·∫øng`). */
export function codePageMojibake(text: string, page: string): string {
  const table = new Map(CODE_PAGES).get(page);
  if (table === undefined) throw new Error(`no code page ${page}`);
  const parts: string[] = [];
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 8192) {
    let s = '';
    for (const b of bytes.subarray(i, i + 8192)) s += table[b];
    parts.push(s);
  }
  return parts.join('');
}

/** `text` typed in a legacy font and shown as Windows-1252, line by line (`Tiếng` → `TiÕng` in TCVN3). */
export function legacyFont(text: string, encoding: 'tcvn3' | 'vni' | 'viscii' | 'vps' | 'windows-1258'): string {
  return text
    .split('\n')
    .map((line) => {
      const bytes = encode(line, encoding);
      return bytes ? asCp1252(bytes) : line;
    })
    .join('\n');
}


/** `text` in VIQR (`Tie^'ng Vie^.t`), line by line. */
export function viqr(text: string): string {
  const decoder = new TextDecoder();
  return text
    .split('\n')
    .map((line) => {
      const bytes = encode(line, 'viqr');
      return bytes ? decoder.decode(bytes) : line;
    })
    .join('\n');
}

/** Bytes Windows-1252 leaves undefined: copied text loses them. */
const UNDEFINED_IN_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * UTF-8 bytes shown as Windows-1252 by a decoder that replaces the bytes it leaves undefined
 * with `replacement` (Python's `decode('cp1252', 'replace')` writes U+FFFD; converters to a
 * code page write `?`).
 */
export function asCp1252Replacing(bytes: Uint8Array, replacement: string): string {
  let s = '';
  for (const b of bytes) s += UNDEFINED_IN_CP1252.has(b) ? replacement : CP1252[b];
  return s;
}

/**
 * Every letter beyond ASCII as one U+FFFD (`Vi�t Nam`): single-byte legacy text read as UTF-8,
 * where each such letter is one byte no sequence can start.
 */
export function lettersReplaced(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, (ch) => (/\p{L}/u.test(ch) ? '\ufffd' : ch));
}

/** Characters Windows-1252 can store (Latin-1's letters are among them). */
const CP1252_KEPT = new Set(CP1252.replace(/\ufffd/g, ''));

/**
 * Every character Windows-1252 cannot store as `?` (`Vi?t Nam`): Unicode text written through a
 * Latin-1 or Windows-1252 column or converter, which keeps `à á â ã è é ê ì í ò ó ô õ ù ú ý`.
 */
export function lettersLostToQuestion(text: string): string {
  let out = '';
  for (const ch of text) out += CP1252_KEPT.has(ch) ? ch : '?';
  return out;
}

/**
 * Mojibake variants: UTF-8 bytes shown as Windows-1252, as Latin-1, twice, or with the undefined
 * bytes lost, replaced by U+FFFD or by `?`, or replaced by U+FFFD and then shown as Windows-1252
 * again.
 */
export function mojibakeVariant(
  text: string,
  variant: 'cp1252' | 'latin1' | 'double' | 'c1-lost' | 'c1-replaced' | 'c1-question' | 'c1-replaced-twice',
): string {
  const utf8 = new TextEncoder().encode(text);
  switch (variant) {
    case 'c1-replaced':
      return asCp1252Replacing(utf8, '\ufffd');
    case 'c1-question':
      return asCp1252Replacing(utf8, '?');
    case 'c1-replaced-twice':
      return asCp1252(new TextEncoder().encode(asCp1252Replacing(utf8, '\ufffd')));
    case 'cp1252':
      return asCp1252(utf8);
    case 'latin1':
      return Buffer.from(utf8).toString('latin1');
    case 'double':
      return asCp1252(new TextEncoder().encode(asCp1252(utf8)));
    case 'c1-lost':
      return asCp1252(utf8.filter((b) => !UNDEFINED_IN_CP1252.has(b)));
  }
}

/** Only one run of a line's words (20-70% of them) as Windows-1252 mojibake; the rest stays clean. */
export function partialMojibake(text: string, seed = 1): string {
  const random = generator(seed);
  return text
    .split('\n')
    .map((line) => {
      const words = line.split(' ');
      const length = Math.max(1, Math.round(words.length * (0.2 + 0.5 * random())));
      const start = Math.floor(random() * (words.length - length + 1));
      return [...words.slice(0, start), mojibake(words.slice(start, start + length).join(' ')), ...words.slice(start + length)].join(' ');
    })
    .join('\n');
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;

/** Vietnamese "Unicode tổ hợp": a precomposed letter with its vowel mark, then the tone as a combining mark. */
export function composite(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const parts = ch.normalize('NFD');
    const tone = parts.match(TONES)?.[0];
    out += tone === undefined ? ch : parts.replace(TONES, '').normalize('NFC') + tone;
  }
  return out;
}

/** Cyrillic and Greek letters that look like Latin ones. */
const LOOKALIKES: Readonly<Record<string, string>> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', H: 'Н', T: 'Т', M: 'М', K: 'К', B: 'В' };

/** Per line: Đ/đ as eth (Ð/ð) and one to four Latin letters swapped for look-alikes. */
export function lookalikes(text: string, seed = 2): string {
  const random = generator(seed);
  return text
    .split('\n')
    .map((line) => {
      const chars = [...line.replaceAll('Đ', 'Ð').replace(/đ/g, () => (random() < 0.3 ? 'ð' : 'đ'))];
      const swaps = 1 + Math.floor(random() * 4);
      for (let k = 0; k < swaps; k++) {
        const at = Math.floor(random() * chars.length);
        const to = LOOKALIKES[chars[at]];
        if (to !== undefined) chars[at] = to;
      }
      return chars.join('');
    })
    .join('\n');
}

/** 10-40% of each line's spaces as no-break spaces (some U+202F). */
export function noBreakSpaces(text: string, seed = 3): string {
  const random = generator(seed);
  return text
    .split('\n')
    .map((line) => {
      const share = 0.1 + 0.3 * random();
      return line.replace(/ /g, () => (random() < share ? (random() < 0.8 ? '\u00a0' : '\u202f') : ' '));
    })
    .join('\n');
}

const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

/** One to five zero-width or invisible characters inserted in each line. */
export function invisibles(text: string, seed = 4): string {
  const random = generator(seed);
  return text
    .split('\n')
    .map((line) => {
      let out = line;
      const count = 1 + Math.floor(random() * 5);
      for (let k = 0; k < count; k++) {
        const at = 1 + Math.floor(random() * Math.max(1, out.length - 1));
        out = out.slice(0, at) + INVISIBLES[Math.floor(random() * INVISIBLES.length)] + out.slice(at);
      }
      return out;
    })
    .join('\n');
}

/** About half the words NFD, one to three invisible characters and some no-break spaces. */
export function mixedUnicode(text: string, seed = 5): string {
  const random = generator(seed);
  const nfd = text
    .split('\n')
    .map((line) => line.split(' ').map((w) => (random() < 0.5 ? w.normalize('NFD') : w)).join(' '))
    .join('\n');
  return invisibles(noBreakSpaces(nfd, seed + 1), seed + 2);
}
