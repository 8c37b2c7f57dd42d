/**
 * UTF-8 decoding that keeps what it cannot decode: the building block for undoing mojibake,
 * where only the byte runs that form valid UTF-8 are turned back into characters.
 */

/**
 * The continuation bytes that go missing on the way: the ones Windows-1252 leaves undefined
 * (0x81 0x8D 0x8F 0x90 0x9D), which software drops (`ờ`, E1 BB 9D, becomes `á»`), the
 * no-break space (0xA0: `à` is C3 A0), which copying turns into a space or drops, and the
 * soft hyphen (0xAD: `í` is C3 AD), which is invisible once rendered. Where a UTF-8 sequence
 * lacks one continuation byte, one of these is the likely loss.
 */
export const LOST_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xad] as const;

/**
 * The bytes Windows-1252 leaves undefined: a decoder that replaces what it cannot show writes
 * U+FFFD (or `?`) in their place, so a replacement after a broken sequence stands for one of them.
 */
export const REPLACED_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d] as const;

/**
 * The bytes lost where ISO-8859-1 text had its C1 controls (0x80-0x9F) stripped, as many
 * editors, terminals and web forms do: any of those 32, and the no-break space and soft hyphen
 * lost as elsewhere. Only the line's words can tell which (`má»t` is `một`, `mệt`, `mốt`…).
 */
export const STRIPPED_C1_BYTES: readonly number[] = [...Array.from({ length: 32 }, (_, k) => 0x80 + k), 0xa0, 0xad];

/** A letter of the Vietnamese alphabet beyond ASCII (Latin-1, Latin Extended-A/B, Latin Extended Additional). */
const VIETNAMESE_LETTER = /^[àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ\u1ea0-\u1ef9]$/u;

/**
 * A byte known to be there but not which: the mark of a replacement character in a byte
 * sequence (see {@link REPLACED_BYTES}). Outside 0-255, so nothing decodes it as it is.
 */
export const REPLACED = 0x100;

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether `b` may follow lead byte `lead` as the first continuation byte. */
function secondByteFits(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

/** Number of bytes of a valid sequence at `bytes[i]` (0 if none). */
function validSequenceAt(bytes: ArrayLike<number>, i: number, end: number): number {
  const b = bytes[i];
  const n = sequenceLength(b);
  if (n <= 1) return n;
  if (i + n > end) return 0;
  if (!secondByteFits(b, bytes[i + 1])) return 0;
  for (let k = 2; k < n; k++) {
    const c = bytes[i + k];
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

function decodeSequence(bytes: ArrayLike<number>, i: number, n: number): string {
  const b = bytes[i];
  let cp = b & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
  return String.fromCodePoint(cp);
}

/**
 * Decodes `bytes` where they form valid UTF-8 multi-byte sequences; every other byte is
 * written as `keep[k]`, the character it came from. Returns the text, how many multi-byte
 * sequences were decoded and how many lead bytes were left without their sequence.
 */
export function decodeUtf8Keeping(
  bytes: ArrayLike<number>,
  keep: readonly string[],
): { text: string; decoded: number; strayLeads: number } {
  let text = '';
  let decoded = 0;
  let strayLeads = 0;
  const end = bytes.length;
  for (let i = 0; i < end; ) {
    const n = validSequenceAt(bytes, i, end);
    if (n >= 2) {
      text += decodeSequence(bytes, i, n);
      decoded++;
      i += n;
    } else {
      if (bytes[i] >= 0xc2 && bytes[i] <= 0xf4) strayLeads++;
      text += keep[i];
      i++;
    }
  }
  return { text, decoded, strayLeads };
}

/**
 * Where a multi-byte sequence at `i` lacks exactly one continuation byte, the sequences that
 * inserting one of `lostBytes` ({@link LOST_BYTES} unless told) would complete:
 * `[bytes used, characters]`. Where a {@link REPLACED} byte stands in the gap, it is replaced
 * by one of `replacedBytes` (the bytes the code page leaves undefined: {@link REPLACED_BYTES}
 * for Windows-1252) instead; with `replacedOnly`, only such a gap is filled. With
 * `onlyVietnamese`, only letters of the Vietnamese alphabet are guessed (where a byte may be
 * any of many, the others only crowd the readings out).
 */
export function lostByteCompletions(
  bytes: ArrayLike<number>,
  i: number,
  end: number,
  replacedOnly = false,
  replacedBytes: readonly number[] = REPLACED_BYTES,
  lostBytes: readonly number[] = LOST_BYTES,
  onlyVietnamese = false,
): { used: number; chars: string[] } | undefined {
  const b = bytes[i];
  const n = sequenceLength(b);
  if (n < 2) return undefined;
  // Bytes present: the lead and k continuation bytes, then the sequence breaks.
  let k = 0;
  while (k < n - 1 && i + 1 + k < end && (k === 0 ? secondByteFits(b, bytes[i + 1]) : bytes[i + 1 + k] >= 0x80 && bytes[i + 1 + k] <= 0xbf)) k++;
  if (k !== n - 2) return undefined;
  // A replacement right where the sequence breaks is the lost byte's place: it is used up, and
  // only a byte a decoder replaces can have stood there.
  const replaced = i + n - 1 < end && bytes[i + n - 1] === REPLACED;
  if (replacedOnly && !replaced) return undefined;
  const chars: string[] = [];
  for (const lost of replaced ? replacedBytes : lostBytes) {
    const seq: number[] = [];
    for (let j = 0; j <= k; j++) seq.push(bytes[i + j]);
    seq.push(lost);
    if (validSequenceAt(seq, 0, seq.length) !== n) continue;
    // Only Latin letters (Á Í Ý Đ à í ề ọ ỏ Ố ờ ậ…) and the closing quote `”` are guessed: a
    // guessed mark, space, control or letter of another script explains nothing.
    const ch = decodeSequence(seq, 0, n);
    const c = ch.charCodeAt(0);
    if (onlyVietnamese && !VIETNAMESE_LETTER.test(ch)) continue;
    if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff) || c === 0x201d) chars.push(ch);
  }
  return chars.length > 0 ? { used: replaced ? n : n - 1, chars } : undefined;
}
