/**
 * Which code pages other than Windows-1252/1258 (Mac Roman, Windows-1250…, see
 * `CODE_PAGE_VIEWS`) can read a line otherwise than the Windows view, as Vietnamese: found by
 * tables, one look-up per character, before any word of the line is read through a page.
 *
 * A page reads a word as its own mojibake only where the word is valid UTF-8 through it, decodes
 * into Vietnamese letters and punctuation, and holds a character the page shows for another byte
 * than the Windows view does (see `ownVietnameseWord`). The UTF-8 sequence holding that character
 * must then itself decode into such a letter or punctuation mark, which only a few lead bytes can
 * start. Most characters a page shows otherwise in Windows-1252 mojibake sit in no such sequence
 * (`á»Ÿ`, `ở`, is U+1EFE through ISO-8859-15), so most lines ask no page at all.
 */
import { CODE_PAGE_VIEWS } from './charsets.js';
import { arraysOf, SHOWN_OTHERWISE, VIETNAMESE_LETTER } from './whole-line.js';

/** Per view of {@link CODE_PAGE_VIEWS}: char code → byte (-1: the page has none). */
const BYTES: readonly Int16Array[] = CODE_PAGE_VIEWS.map((view) => arraysOf(view).byte);

/**
 * Lead bytes whose sequences can decode into a letter of the Vietnamese alphabet or Latin-1 or
 * general punctuation: C2 (U+0080-00BF), C3-C6 (à, ă, đ, ĩ, ũ, ơ, ư…), E1 (U+1EA0-1EF9), E2
 * (U+2000-206F). Every other lead decodes into none.
 */
function isVietnameseLead(b: number): boolean {
  return (b >= 0xc2 && b <= 0xc6) || b === 0xe1 || b === 0xe2;
}

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** char code → a bit per view that shows it for a byte other than the Windows view's, one of a Vietnamese lead or a continuation. */
export const SHOWN_OTHERWISE_IN_SEQUENCE = new Uint8Array(0x10000);
/** char code → whether some view shows it for a {@link isVietnameseLead} byte. */
export const SOME_VIETNAMESE_LEAD = new Uint8Array(0x10000);
/** char code → whether some view shows it for a continuation byte. */
export const SOME_CONTINUATION = new Uint8Array(0x10000);
/**
 * char code → what it is through each view, a byte of bits per view (bit k: view k): a lead of
 * two bytes (C2-C6), a lead of three (E1, E2), a continuation byte, shown otherwise (as above).
 */
const SEQUENCE = new Uint32Array(0x10000);
const LEAD2 = 0;
const LEAD3 = 8;
const CONTINUATION = 16;
const OTHERWISE = 24;
BYTES.forEach((bytes, k) => {
  for (let c = 0; c < bytes.length; c++) {
    const b = bytes[c];
    if (isVietnameseLead(b)) {
      SOME_VIETNAMESE_LEAD[c] = 1;
      SEQUENCE[c] |= 1 << (k + (b <= 0xdf ? LEAD2 : LEAD3));
    }
    if (isContinuation(b)) {
      SOME_CONTINUATION[c] = 1;
      SEQUENCE[c] |= 1 << (k + CONTINUATION);
    }
    if ((isVietnameseLead(b) || isContinuation(b)) && SHOWN_OTHERWISE[c] & (1 << k)) {
      SHOWN_OTHERWISE_IN_SEQUENCE[c] |= 1 << k;
      SEQUENCE[c] |= 1 << (k + OTHERWISE);
    }
  }
});

/**
 * The views of {@link CODE_PAGE_VIEWS} (bit k: view k) through which some character of `line`
 * that the view shows otherwise than the Windows view sits in a valid UTF-8 sequence decoding into
 * a letter of the Vietnamese alphabet, Latin-1 or general punctuation: the only views a word of
 * the line may be read through (every view that `ownVietnameseWord` accepts for a word is one).
 * One pass, all views at once: a bit per view follows the sequences each is in, and only a
 * sequence complete through a view, with a character it shows otherwise, is decoded.
 */
export function codePageViews(line: string): number {
  let views = 0;
  let lead2 = 0; // the views through which the previous character is a lead of two bytes
  let lead3 = 0; // … of three bytes
  let middle3 = 0; // … the middle of a sequence of three
  let previousOtherwise = 0; // … shows it otherwise
  let otherwise3 = 0; // … show the first two of a sequence of three otherwise
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x80) {
      lead2 = lead3 = middle3 = 0;
      continue;
    }
    const t = SEQUENCE[c];
    const continuation = (t >>> CONTINUATION) & 0xff;
    const otherwise = (t >>> OTHERWISE) & 0xff;
    let complete = ((lead2 & (previousOtherwise | otherwise)) | (middle3 & (otherwise3 | otherwise))) & continuation & ~views;
    while (complete !== 0) {
      const bit = complete & -complete;
      complete ^= bit;
      if (vietnameseSequenceAt(line, i, BYTES[31 - Math.clz32(bit)])) views |= bit;
    }
    middle3 = lead3 & continuation;
    otherwise3 = previousOtherwise | otherwise;
    lead2 = (t >>> LEAD2) & 0xff;
    lead3 = (t >>> LEAD3) & 0xff;
    previousOtherwise = otherwise;
  }
  return views;
}

/** The byte of `line[i]` through a view (-1: none). */
function byteAt(line: string, i: number, bytes: Int16Array): number {
  const c = line.charCodeAt(i);
  return c < bytes.length ? bytes[c] : -1;
}

/**
 * Whether the UTF-8 sequence through `bytes` that holds `line[i]` (a lead or continuation byte)
 * is valid and decodes into a letter of the Vietnamese alphabet or Latin-1 or general
 * punctuation, with the ranges `ownVietnameseWord` checks.
 */
function vietnameseSequenceAt(line: string, i: number, bytes: Int16Array): boolean {
  // Back to the lead: a sequence has at most three continuation bytes, and ASCII ends it.
  let start = i;
  let lead = byteAt(line, start, bytes);
  while (isContinuation(lead)) {
    if (start === 0 || i - start === 3) return false;
    lead = byteAt(line, --start, bytes);
  }
  if (!isVietnameseLead(lead)) return false;
  const n = lead <= 0xdf ? 2 : 3;
  if (start + n <= i || start + n > line.length) return false;
  let cp = lead & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = byteAt(line, start + k, bytes);
    if (!isContinuation(b)) return false;
    cp = (cp << 6) | (b & 0x3f);
  }
  return cp < 0xc0 || (cp >= 0x2000 && cp < 0x2070) || (cp < 0x1f00 && VIETNAMESE_LETTER[cp] === 1);
}
