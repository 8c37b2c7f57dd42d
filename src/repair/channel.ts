/**
 * The channel model: how much evidence (in log10 units, like the language model's scores) it
 * costs to believe that a damaged token was produced from a candidate syllable. A cost of 2
 * means "this damage happens about once in a hundred syllables".
 *
 * The costs are built from a few operations whose rates were measured on aligned OCR readings
 * of Vietnamese news (Tesseract 5, the `vie`, `Latin` and wrong-language `eng` models) and on
 * simulated scan damage: a tone misread, a vowel mark (breve, circumflex, horn, đ) misread, a
 * letter confused with a look-alike, any other letter changed, dropped or added, a syllable
 * split in two or two syllables run together.
 */
import { removeMarks, removeTone } from '../orthography/index.js';

/** Rates of the damage operations, as log10 costs. */
export interface ChannelCosts {
  /** A tone read as another tone (or lost, or added). */
  tone: number;
  /** A vowel mark (ă â ê ô ơ ư, đ) read wrongly, lost or added. */
  vowelMark: number;
  /** One letter replaced by a look-alike of the {@link CONFUSIONS} table. */
  confusion: number;
  /** Any other letter replaced, dropped or inserted. */
  letter: number;
  /** A syllable cut in two by a space (repaired by joining). */
  split: number;
  /** Two syllables run together (repaired by cutting). */
  merge: number;
}

/**
 * Default rates. Tones and vowel marks are the commonest OCR misreadings of Vietnamese; a
 * look-alike letter (`é` for `ố` in a wrong-language reading, `1` for `l`) is nearly as common;
 * an arbitrary letter change is much rarer.
 */
export const DEFAULT_COSTS: ChannelCosts = {
  tone: 1.6,
  vowelMark: 1.6,
  confusion: 1.4,
  letter: 2.6,
  split: 1.2,
  merge: 2.2,
};

/**
 * Look-alike letters: what OCR printed (left, lower case, marks removed) for which letter of the
 * true syllable's skeleton (right). The pairs are the most frequent character substitutions in
 * aligned Tesseract readings of Vietnamese: a wrong-language model prints `é`/`6`/`d`/`g` for
 * the marked o-vowels, `w`/`y`/`t`/`i` for `ư`/`ự`, digits for letters; the Vietnamese model
 * confuses `b`/`h`, `m`/`n`, `i`/`l`, `c`/`e`.
 */
const CONFUSION_PAIRS: readonly string[] = [
  'eo', 'ea', 'do', 'da', 'go', 'wu', 'yu', 'iu', 'tu', 'lu', '6o', '0o', '8o', 'oo', 'ao', 'oa',
  '1l', '1i', 'li', 'il', 'jl', 'ji', '4a', '&o', '3e', '5s', '9g', 'ec', 'ce', 'co', 'oc', 'bh',
  'hb', 'mn', 'nm', 'nu', 'un', 'rn', 'vy', 'yv', 'ae', 'ie', 'ei', 'ou', 'uo', 'qg', 'gq', 'fl',
];

/** Skeleton vowels: a dropped vowel costs like a look-alike. */
const VOWEL_LETTERS = 'aeiouy';

/** The skeleton OCR letters are compared on: lower case, every Vietnamese mark removed. */
export function skeletonOf(token: string): string {
  return removeMarks(token.toLowerCase());
}

/**
 * Weighted edit distance between a damaged skeleton `a` and a candidate skeleton `b`, in units of
 * one arbitrary letter change: look-alike substitutions cost `confusion / letter`. Returns a
 * value above `limit` as soon as every alignment exceeds it (the strings are short: ≤ 16).
 */
export function skeletonDistance(a: string, b: string, costs: ChannelCosts, limit = 3): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  const cheap = costs.confusion / costs.letter;
  if (rowA.length <= m) {
    rowA = new Float64Array(2 * (m + 1));
    rowB = new Float64Array(2 * (m + 1));
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = ca === cb ? 0 : isConfusion(ca, cb) ? cheap : 1;
      let v = prev[j - 1] + sub;
      if (prev[j] + 1 < v) v = prev[j] + 1;
      // A letter of the truth missing from the print: vowels drop out more often than consonants.
      const ins = cb < 0x80 && IS_VOWEL[cb] === 1 ? cheap : 1;
      if (cur[j - 1] + ins < v) v = cur[j - 1] + ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** The two rows of the distance table, reused (the skeletons are short). */
let rowA = new Float64Array(32);
let rowB = new Float64Array(32);

/** {@link CONFUSION_PAIRS} as a table over ASCII pairs: `CONFUSION_TABLE[printed × 128 + truth]`. */
const CONFUSION_TABLE = new Uint8Array(128 * 128);
for (const pair of CONFUSION_PAIRS) CONFUSION_TABLE[pair.charCodeAt(0) * 128 + pair.charCodeAt(1)] = 1;
const IS_VOWEL = new Uint8Array(128);
for (const v of VOWEL_LETTERS) IS_VOWEL[v.charCodeAt(0)] = 1;

function isConfusion(printed: number, truth: number): boolean {
  return printed < 0x80 && truth < 0x80 && CONFUSION_TABLE[printed * 128 + truth] === 1;
}

/** Vowel-mark letters, each a bit: ă â ê ô ơ ư đ. */
const MARK_LETTERS = 'ăâêôơưđ';

/** Bit set of the vowel-mark letters a lower-case syllable (or token) contains, tones ignored. */
export function markBits(lower: string): number {
  const s = removeTone(lower);
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 0xc0) continue;
    const k = MARK_LETTERS.indexOf(s[i]);
    if (k >= 0) bits |= 1 << k;
  }
  return bits;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** Whether a lower-case token carries any Vietnamese mark (a tone, a vowel mark or đ). */
export function hasMarks(lower: string): boolean {
  return removeMarks(lower) !== lower;
}

// Mark changes between a damaged lower-case token and a candidate syllable: a tone change, and
// the vowel-mark letters that differ (as sets, so the count stays cheap and does not depend on
// the letter alignment), less the `letterEdits` of the skeleton that account for them.

/** The tone change, from the two tones. */
export function toneChange(damagedTone: number, candidateTone: number, letterEdits: number): number {
  // A misread vowel glyph often has its tone misread with it: half the cost then.
  return damagedTone === candidateTone ? 0 : letterEdits > 0 ? 0.5 : 1;
}

/** The vowel-mark letters changed, from the two {@link markBits} sets. */
export function vowelMarkChanges(damagedBits: number, candidateBits: number, letterEdits: number): number {
  // A changed or dropped letter takes its vowel mark with it: each letter edit explains one.
  const vowel = popcount(damagedBits ^ candidateBits) - Math.ceil(letterEdits);
  return Math.max(0, Math.min(vowel, 2));
}
