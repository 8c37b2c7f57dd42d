/**
 * The fast path for a line that is mojibake from end to end (the common case in an archive
 * that was read with the wrong charset): every character turns back into a byte, the bytes are
 * valid UTF-8 as a whole, and the decoded line shows no debris. Then one native decode does
 * the work of the word-by-word repair.
 */
import { type ByteView, CODE_PAGE_VIEWS, STRIPPED_C1_VIEW, WINDOWS_1258_VIEW, WINDOWS_VIEW } from './charsets.js';
import { LOST_BYTES } from './utf8.js';

/** A {@link ByteView} as arrays indexed by char code, for scanning lines. */
interface ViewArrays {
  /** char code → byte (-1: no byte shows as this character); codes past its end have none. */
  byte: Int16Array;
  /** char code → the variant of the view it shows (an index into the view's `names`). */
  variant: Uint8Array;
}

const ARRAYS = new Map<ByteView, ViewArrays>();

export function arraysOf(view: ByteView): ViewArrays {
  let arrays = ARRAYS.get(view);
  if (arrays === undefined) {
    let size = 0;
    for (const ch of view.byteOf.keys()) size = Math.max(size, ch.charCodeAt(0) + 1);
    const byte = new Int16Array(size).fill(-1);
    const variant = new Uint8Array(size);
    for (const [ch, b] of view.byteOf) {
      byte[ch.charCodeAt(0)] = b;
      variant[ch.charCodeAt(0)] = view.variantOf.get(ch) ?? 0;
    }
    ARRAYS.set(view, (arrays = { byte, variant }));
  }
  return arrays;
}

const WINDOWS = arraysOf(WINDOWS_VIEW);
const BYTE = WINDOWS.byte;
const TABLE_SIZE = BYTE.length;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether `s`, turned back into bytes, has a UTF-8 lead byte followed by a continuation byte
 * somewhere: without one there is no mojibake to undo (only, at most, lost bytes to guess).
 */
export function hasUtf8Pair(s: string, view: ByteView = WINDOWS_VIEW): boolean {
  const { byte } = view === WINDOWS_VIEW ? WINDOWS : arraysOf(view);
  const size = byte.length;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b = c < size ? byte[c] : -1;
    if (prev >= 0xc2 && prev <= 0xf4 && b >= 0x80 && b <= 0xbf) return true;
    prev = b;
  }
  return false;
}

/** Broken sequences a line must show to be read as C1-stripped (see {@link lostBytesView}). */
const MIN_STRIPPED_OPEN = 4;

/**
 * Whether a broken sequence (`prefix`: its code point's bits but those of the byte lost) is
 * completed into a Vietnamese letter by a C1 byte and by no byte the Windows view loses
 * (`NÄm`: C4 83 is `ă`, while C4 81, 8D, 8F, 90, 9D, A0, AD are `ā č ď Đ ĝ Ġ ĭ`): only the
 * stripping of C1 controls explains it. Inside a word only small letters count (`Đ`, C4 90,
 * begins a word: `Äu` is `Đu` through the Windows view as well).
 */
function completedOnlyByC1(prefix: number, inWord: boolean): boolean {
  for (const b of LOST_BYTES) if (isVietnameseLetterIn(prefix | (b & 0x3f), inWord)) return false;
  for (let b = 0x80; b < 0xa0; b++) if (isVietnameseLetterIn(prefix | (b & 0x3f), inWord)) return true;
  return false;
}

function isVietnameseLetterIn(cp: number, inWord: boolean): boolean {
  return cp < VIETNAMESE_LETTER.length && VIETNAMESE_LETTER[cp] === 1 && (!inWord || String.fromCharCode(cp).toLowerCase().charCodeAt(0) === cp);
}

/** Whether the character before `i` is a letter (ASCII, or Latin-1 and beyond). */
function afterLetter(s: string, i: number): boolean {
  if (i === 0) return false;
  const c = s.charCodeAt(i - 1);
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

/**
 * The view a line's lost bytes are guessed through: the Windows view, unless the line shows no
 * character for any byte 0x80-0x9F (no `‘ ’ “ ” … – ™ ‰`, no C1 control) and no replaced byte
 * (U+FFFD, or `?` after a character of a byte beyond ASCII), while it shows two whole UTF-8
 * sequences or more (`Ã¡`, `á»©`) and four that lack their last byte: UTF-8 shown as ISO-8859-1
 * with its C1 controls stripped. Vietnamese mojibake shows bytes 0x80-0x9F in most lines
 * otherwise (`đ` is C4 91, `ộ` E1 BB 99), so their absence from a line of it is the channel's
 * trace. (A line already half undone shows no whole sequence: its remaining words are read
 * through the Windows view.) A line with U+FFFD that shows `Ă` and no `Ã` went through
 * Windows-1258: its replacements stand for that page's undefined bytes.
 */
export function lostBytesView(s: string): ByteView {
  // Replacements in a line shown through Windows-1258: `Ă` and no `Ã` for the lead byte C3.
  if (s.includes('\ufffd') && s.includes('\u0102') && !s.includes('\u00c3')) return WINDOWS_1258_VIEW;
  // A few broken sequences in a short line of Windows-1252 mojibake may lack the page's signs by
  // chance; stripping C1 controls breaks most Vietnamese words (`đ`, `ộ`, `ờ`, `ố`, `ề`…).
  let whole = 0;
  let open = 0;
  // Broken sequences only a stripped C1 byte completes into a letter: one is enough.
  let onlyC1 = 0;
  const n = s.length;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const b = c < TABLE_SIZE ? BYTE[c] : -1;
    if ((b >= 0x80 && b < 0xa0) || c === 0xfffd || (c === 0x3f && prev >= 0x80)) return WINDOWS_VIEW;
    prev = b;
    if (b < 0xc2 || b > 0xef) continue;
    const c1 = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    const b1 = c1 < TABLE_SIZE ? BYTE[c1] : -1;
    const cont1 = b1 >= 0xa0 && b1 <= 0xbf;
    if (b <= 0xdf) {
      if (cont1) whole++;
      else {
        open++;
        if (completedOnlyByC1((b & 0x1f) << 6, afterLetter(s, i))) onlyC1++;
      }
      continue;
    }
    if (!cont1) continue;
    const c2 = i + 2 < n ? s.charCodeAt(i + 2) : 0;
    const b2 = c2 < TABLE_SIZE ? BYTE[c2] : -1;
    if (b2 >= 0x80 && b2 <= 0xbf) whole++;
    else {
      open++;
      if (completedOnlyByC1(((b & 0x0f) << 12) | ((b1 & 0x3f) << 6), afterLetter(s, i))) onlyC1++;
    }
  }
  return whole >= 2 && (open >= MIN_STRIPPED_OPEN || onlyC1 > 0) ? STRIPPED_C1_VIEW : WINDOWS_VIEW;
}

/**
 * Whether `s`, turned back into bytes, has a UTF-8 sequence that lacks only its last byte: a
 * two-byte lead without a continuation byte after it (`KÃch`), or a three-byte lead with one
 * (`thá»a`). Only there can a lost byte be guessed.
 */
export function hasOpenSequence(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const b = c < TABLE_SIZE ? BYTE[c] : -1;
    if (b < 0xc2 || b > 0xef) continue;
    const c1 = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    const b1 = c1 < TABLE_SIZE ? BYTE[c1] : -1;
    const cont1 = b1 >= 0x80 && b1 <= 0xbf;
    if (b <= 0xdf) {
      if (!cont1) return true;
      continue;
    }
    if (!cont1) continue;
    const c2 = i + 2 < n ? s.charCodeAt(i + 2) : 0;
    const b2 = c2 < TABLE_SIZE ? BYTE[c2] : -1;
    if (!(b2 >= 0x80 && b2 <= 0xbf)) return true;
  }
  return false;
}

/** Scratch space for the bytes of a line, grown as needed. */
let buffer = new Uint8Array(1024);

/**
 * char code → a bit for each of {@link CODE_PAGE_VIEWS} that shows a byte as it which the
 * Windows view shows as another character: where a line has none, every page that can read it
 * reads its bytes as the Windows view does.
 */
export const SHOWN_OTHERWISE = new Uint8Array(0x10000);
CODE_PAGE_VIEWS.forEach((view, k) => {
  for (const [ch, b] of view.byteOf) {
    const c = ch.charCodeAt(0);
    if (b >= 0x80 && (c >= TABLE_SIZE || BYTE[c] !== b)) SHOWN_OTHERWISE[c] |= 1 << k;
  }
});

/** The line decoded, and the damage undone (`utf8-as-cp1252`, `…-twice`). */
export interface WholeLine {
  text: string;
  detail: string;
}

/**
 * Undoes mojibake over a whole line when it is mojibake through and through: `judge(text)`
 * must find nothing left to repair in the result and give its badness, which must be lower
 * than the line's (`CAFÉ®` is valid UTF-8 bytes, but `CAFɮ` is no better). `undefined`
 * otherwise (the word-by-word repair takes over).
 */
export function undoWholeLine(
  line: string,
  judge: (text: string) => number | undefined,
  badness: (text: string, stopAbove?: number) => number,
): WholeLine | undefined {
  const { byte: BYTE, variant: VIEW } = WINDOWS;
  let current = line;
  let view = 0;
  for (let depth = 1; depth <= 3; depth++) {
    if (buffer.length < current.length) buffer = new Uint8Array(current.length * 2);
    const bytes = buffer.subarray(0, current.length);
    let high = false;
    // UTF-8 is checked as the bytes come (before decoding, so no exception is thrown): a
    // line that is not mojibake (legacy-font text, a symbol) is given up at its first
    // sequence that is not UTF-8, not turned into bytes to its end first.
    let need = 0; // continuation bytes still due
    let low = 0x80; // the range of the next continuation byte (narrower after E0, ED, F0, F4)
    let top = 0xbf;
    for (let i = 0; i < current.length; i++) {
      const c = current.charCodeAt(i);
      const b = c < TABLE_SIZE ? BYTE[c] : -1;
      if (b < 0) return undefined;
      if (b >= 0x80) {
        high = true;
        if (VIEW[c] > view) view = VIEW[c];
      }
      if (need > 0) {
        if (b < low || b > top) return undefined;
        need--;
        low = 0x80;
        top = 0xbf;
      } else if (b >= 0x80) {
        if (b >= 0xc2 && b <= 0xdf) need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          if (b === 0xe0) low = 0xa0;
          else if (b === 0xed) top = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          if (b === 0xf0) low = 0x90;
          else if (b === 0xf4) top = 0x8f;
        } else return undefined;
      }
      bytes[i] = b;
    }
    if (!high || need > 0) return undefined;
    const decoded = STRICT_UTF8.decode(bytes);
    if (decoded === current) return undefined;
    current = decoded;
    const after = judge(current);
    if (after !== undefined) {
      if (badness(line, after) <= after) return undefined;
      const detail = WINDOWS_VIEW.names[view] + (depth === 2 ? '-twice' : depth === 3 ? '-thrice' : '');
      return { text: current, detail };
    }
  }
  return undefined;
}

/** Code points of letters of the Vietnamese alphabet beyond ASCII (1), below 0x1F00. */
export const VIETNAMESE_LETTER = new Uint8Array(0x1f00);
for (const ch of 'àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ') VIETNAMESE_LETTER[ch.charCodeAt(0)] = 1;
for (let c = 0x1ea0; c <= 0x1ef9; c++) VIETNAMESE_LETTER[c] = 1;

/**
 * Whether `view` shows `s[start, end)` differently from the Windows view (some character beyond
 * ASCII it turns into another byte, or one the Windows view has no byte for), and its bytes are
 * valid UTF-8 from end to end that decode into ASCII, Latin-1 or general punctuation and letters
 * of the Vietnamese alphabet, with at least one of those beyond ASCII. A cheap test, by tables:
 * most words of a line of the page's mojibake pass it; Windows-1252 mojibake through Mac Roman
 * (`TÃ´i` → `T\u032bi`) fails it.
 */
export function ownVietnameseWord(s: string, start: number, end: number, view: ByteView): boolean {
  const { byte } = arraysOf(view);
  const size = byte.length;
  let differs = false;
  let vietnamese = false;
  for (let i = start; i < end; ) {
    const c = s.charCodeAt(i);
    const b = c < size ? byte[c] : -1;
    if (b < 0) return false;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > end) return false;
    let cp = b & (0xff >> (n + 1));
    for (let k = 0; k < n; k++) {
      const ck = s.charCodeAt(i + k);
      const bk = ck < size ? byte[ck] : -1;
      if (bk < 0) return false;
      if (k > 0) {
        if (bk < (k === 1 && b === 0xe0 ? 0xa0 : 0x80) || bk > (k === 1 && b === 0xed ? 0x9f : 0xbf)) return false;
        cp = (cp << 6) | (bk & 0x3f);
      }
      if (!differs && (ck >= TABLE_SIZE || BYTE[ck] !== bk)) differs = true;
    }
    if (cp < 0xc0 || (cp >= 0x2000 && cp < 0x2070)) {
      // punctuation or symbols of Latin-1 or general punctuation: no letter either way
    } else if (cp < 0x1f00 && VIETNAMESE_LETTER[cp] === 1) vietnamese = true;
    else return false;
    i += n;
  }
  return differs && vietnamese;
}
