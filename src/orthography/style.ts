/** Tone placement style (`hòa` / `hoà`) across a text. */
import { LETTER_LIMIT } from './automaton.js';
import { putTone, removeTone, TONE_MARKS, type Tone } from './marks.js';
import { isValidSyllable, MAX_SYLLABLE_LENGTH, type ToneStyle } from './syllable.js';

// The tone moves only between the two letters of a final `oa`, `oe` or `uy`, so a text is
// scanned for such pairs with one table read per code unit; only there are words checked.
const O = 1;
const U = 2;
const A = 3;
const E = 4;
const Y = 5;

/** Code unit → vowel (O…Y) × 8 + tone, for o u a e y in any case and tone; 0 for the rest. */
const vowelAt = new Uint8Array(LETTER_LIMIT);
for (const [letters, vowel] of [['oO', O], ['uU', U], ['aA', A], ['eE', E], ['yY', Y]] as const) {
  for (const base of letters) {
    for (let tone = 0 as Tone; tone < TONE_MARKS.length; tone++) {
      vowelAt[putTone(base, tone).charCodeAt(0)] = vowel * 8 + tone;
    }
  }
}

// Combining marks count as letters: a mark after the pair (`uỹ` + hook) belongs to the word,
// which is then no syllable, and moving the tone would leave that mark on a bare `y`.
const LETTER = /^[\p{L}\p{M}]$/u;

/** Whether the code point at `i` is a letter or a combining mark (false outside the string). */
function letterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(code));
}

/** Whether the code point that ends just before `i` is a letter or a combining mark. */
function letterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const low = text.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return letterAt(text, start);
}

/**
 * `text` with the tone of every open `oa`, `oe`, `uy` syllable placed in `style`
 * (old `hòa`, `khỏe`, `thủy`; new `hoà`, `khoẻ`, `thuỷ`). Case is kept; every other
 * character, including words that are not valid syllables, is left as it is.
 *
 * @example
 * setToneStyle('Hòa bình, THỦY lợi', 'new'); // 'Hoà bình, THUỶ lợi'
 */
export function setToneStyle(text: string, style: ToneStyle): string {
  const limit = vowelAt.length; // a local bound keeps the loop free of module lookups
  let out = '';
  let last = 0;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= limit) continue;
    const second = vowelAt[code];
    const secondVowel = second >> 3;
    if (secondVowel < A) continue;
    const before = text.charCodeAt(i - 1);
    if (before >= limit) continue;
    const first = vowelAt[before];
    const firstVowel = first >> 3;
    if (!(firstVowel === O && (secondVowel === A || secondVowel === E)) && !(firstVowel === U && secondVowel === Y)) continue;
    const tone = ((first & 7) | (second & 7)) as Tone;
    if (tone === 0 || ((first & 7) !== 0) === (style === 'old')) continue;
    // The pair must end a word that is a valid syllable, in both placements (so not quý).
    const after = i + 1 < text.length ? text.charCodeAt(i + 1) | 0x20 : 0;
    if ((after >= 0x61 && after <= 0x7a) || letterAt(text, i + 1)) continue; // hoàn, thuyền
    let start = i - 1;
    while (letterBefore(text, start) && i - start < MAX_SYLLABLE_LENGTH) start--;
    if (letterBefore(text, start)) continue;
    const firstLetter = removeTone(text[i - 1]);
    const secondLetter = removeTone(text[i]);
    const moved =
      style === 'old'
        ? putTone(firstLetter, tone) + secondLetter
        : firstLetter + putTone(secondLetter, tone);
    const word = text.slice(start, i + 1);
    const restyled = word.slice(0, -2) + moved;
    if (!isValidSyllable(word) || !isValidSyllable(restyled)) continue;
    out += text.slice(last, i - 1) + moved;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
