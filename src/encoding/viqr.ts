/**
 * VIQR (RFC 1456, "Vietnamese Quoted-Readable"): Vietnamese in ASCII, each mark typed after
 * its letter: `(` breve, `^` circumflex, `+` horn, then `'` sắc, `` ` `` huyền, `?` hỏi, `~` ngã,
 * `.` nặng; `dd` is đ. A backslash makes the next character literal (`ra\.` is `ra.`), as
 * converters such as Unikey write punctuation that follows a vowel.
 */
import { isValidSyllable } from '../orthography/syllable.js';

/** Breve, circumflex and horn: base letter + mark → letter. */
const SHAPES: Readonly<Record<string, string>> = {
  'a(': 'ă',
  'A(': 'Ă',
  'a^': 'â',
  'A^': 'Â',
  'e^': 'ê',
  'E^': 'Ê',
  'o^': 'ô',
  'O^': 'Ô',
  'o+': 'ơ',
  'O+': 'Ơ',
  'u+': 'ư',
  'U+': 'Ư',
};

/** Tone marks → combining character. */
const TONES: Readonly<Record<string, string>> = {
  "'": '\u0301',
  '`': '\u0300',
  '?': '\u0309',
  '~': '\u0303',
  '.': '\u0323',
};

const VOWELS = new Set([...'aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ']);

/** One VIQR word decoded, and how much of it was VIQR. */
export interface ViqrWord {
  text: string;
  /** Marks that were read as marks (shape, tone, đ). */
  marks: number;
  /** Shape marks and tone marks followed by more letters: signs no English text makes. */
  strong: number;
  /** Backslash escapes removed. */
  escapes: number;
}

/** Decodes one word (no spaces) from VIQR. */
export function decodeViqrWord(word: string): ViqrWord {
  let out = '';
  let marks = 0;
  let strong = 0;
  let escapes = 0;
  let i = 0;
  const n = word.length;
  while (i < n) {
    const ch = word[i];
    if (ch === '\\' && i + 1 < n && !/[\p{L}\p{N}\s]/u.test(word[i + 1])) {
      out += word[i + 1];
      escapes++;
      i += 2;
      continue;
    }
    // dd starts a word (`ddi`); DD may sit inside an acronym too (`VDDV` → `VĐV`).
    const dd = (ch === 'd' || ch === 'D') && (word[i + 1] === 'd' || word[i + 1] === 'D');
    if (dd && (!isLetterAt(word, i - 1) || (ch === 'D' && word[i + 1] === 'D'))) {
      out += ch === 'D' ? 'Đ' : 'đ';
      marks++;
      i += 2;
      continue;
    }
    if (VOWELS.has(ch)) {
      let letter = ch;
      let j = i + 1;
      const shaped = SHAPES[ch + (word[j] ?? '')];
      if (shaped !== undefined) {
        letter = shaped;
        marks++;
        strong++;
        j++;
      }
      const tone = TONES[word[j] ?? ''];
      if (tone !== undefined) {
        letter = (letter + tone).normalize('NFC');
        marks++;
        if (isLetterAt(word, j + 1)) strong++;
        j++;
      }
      out += letter;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return { text: out, marks, strong, escapes };
}

function isLetterAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Whether a word decoded from VIQR reads as Vietnamese: it has marks, and each run of letters
 * with one is a syllable, not glued to a digit. A code point (`U+021C` → `Ư021C`) or a file name
 * (`Audio.h` → `Audiọh`) makes VIQR's marks by chance; Vietnamese does not. Besides syllables,
 * a capitalised name with a letter only Vietnamese writes (`Mê Ko^ng` → `Kông`) and a capital
 * abbreviation with `Đ` (`VDDV` → `VĐV`) are read: a tone mark alone is `.`, `'`, `?` after a
 * vowel, which English and code write everywhere, but these signs they do not.
 */
export function readsAsViqrWord(decoded: string): boolean {
  let marked = false;
  for (const m of decoded.matchAll(/[\p{L}\p{M}]+/gu)) {
    const run = m[0];
    if (/^[A-Za-z]+$/.test(run)) continue;
    if (isDigitAt(decoded, m.index - 1) || isDigitAt(decoded, m.index + run.length)) return false;
    if (!isValidSyllable(run) && !NAME_WITH_VIETNAMESE_LETTER.test(run) && !ABBREVIATION_WITH_D.test(run)) return false;
    marked = true;
  }
  return marked;
}

const NAME_WITH_VIETNAMESE_LETTER = /^\p{Lu}\p{Ll}*[ăâêôơưđ]\p{Ll}*$/u;
const ABBREVIATION_WITH_D = /^[A-ZĐ]*Đ[A-ZĐ]*$/;

function isDigitAt(s: string, i: number): boolean {
  const c = i >= 0 && i < s.length ? s.charCodeAt(i) : 0;
  return c >= 0x30 && c <= 0x39;
}
