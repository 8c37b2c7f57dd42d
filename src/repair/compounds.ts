/**
 * One syllable read for two: an OCR engine that runs the glyphs of a two-syllable word together
 * prints one syllable (`Phụ nữ` → `Phấn`). What survives of the word is the onset of its first
 * syllable, a vowel (the first syllable's, often misread) and the onset of the second syllable,
 * read as a final consonant; the second syllable's vowel is lost. So a syllable `o v f` (onset,
 * vowel letters, final consonant) may stand for the words `o v' · f …` of the word list whose
 * first syllable is open with vowel letters `v'` at most one letter from `v`.
 *
 * Such readings are cheap to list but rarely right: their channel cost is high, and the repair
 * stage tries them only where the context prefers them strongly (see `index.ts`).
 */
import type { LanguageModel } from '../model/index.js';
import { isValidSyllable, removeMarks } from '../orthography/index.js';
import type { Candidate } from './candidates.js';

/** Initial consonants, longest first (a skeleton's onset is the first that prefixes it). */
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];
/** Final consonants, longest first. */
const FINALS = ['ng', 'nh', 'ch', 'c', 'm', 'n', 'p', 't'];
/** The onsets a final consonant of the merged reading may be: the same letters (`ng` also `ngh`). */
const ONSETS_OF_FINAL: Readonly<Record<string, readonly string[]>> = {
  ng: ['ng', 'ngh'],
  nh: ['nh'],
  ch: ['ch'],
  c: ['c', 'k'],
  m: ['m'],
  n: ['n'],
  p: ['p'],
  t: ['t'],
};

/**
 * Channel cost (log10) of a two-syllable word read as one syllable: rarer than two syllables
 * run together with their letters whole (`merge`), so only a strong context takes it.
 */
export const COMPOUND_COST = 3;
/** Added when the vowel letters differ by one letter (`ụ` read as `ấ`). */
export const COMPOUND_VOWEL_COST = 1;
/** Words the training text has fewer times than this are not proposed: too rare to be worth the risk. */
const MIN_WORD_COUNT = 20;
/** At most this many words per syllable, the most frequent first. */
const MAX_COMPOUNDS = 4;

function onsetOf(skeleton: string): string {
  for (const o of ONSETS) {
    // `gi` and `qu` are onsets only before another vowel letter (`gì` is g + i).
    if (skeleton.startsWith(o) && skeleton.length > o.length) return o;
  }
  return '';
}

function finalOf(rest: string): string {
  for (const f of FINALS) if (rest.endsWith(f) && rest.length > f.length) return f;
  return '';
}

/** Whether two short strings are at most one letter apart (substitution, insertion or deletion). */
function withinOneLetter(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface Compound {
  /** The first syllable's vowel letters (its skeleton without the onset). */
  vowel: string;
  text: string;
  ids: [number, number];
  count: number;
}

/** The two-syllable words of a model's word list, by the onsets of their syllables. */
export class CompoundIndex {
  private readonly byOnsets = new Map<string, Compound[]>();
  private readonly memo = new Map<string, Candidate[]>();

  constructor(private readonly model: LanguageModel) {
    for (let i = 0; i < model.wordListSize; i++) {
      const ids = model.wordAt(i);
      if (ids.length !== 2) continue;
      const count = model.wordCount(ids);
      if (count < MIN_WORD_COUNT) continue;
      const a = model.unit(ids[0]);
      const b = model.unit(ids[1]);
      const first = removeMarks(a);
      const onset = onsetOf(first);
      const vowel = first.slice(onset.length);
      // The first syllable is open: a final consonant of its own would stand where the
      // second syllable's onset is read.
      if (vowel.length === 0 || finalOf(vowel) !== '') continue;
      const secondOnset = onsetOf(removeMarks(b));
      if (secondOnset === '') continue;
      const key = onset + '|' + secondOnset;
      let list = this.byOnsets.get(key);
      if (list === undefined) this.byOnsets.set(key, (list = []));
      list.push({ vowel, text: a + ' ' + b, ids: [ids[0], ids[1]], count });
    }
    for (const list of this.byOnsets.values()) list.sort((x, y) => y.count - x.count);
  }

  /**
   * The two-syllable words a lower-case syllable may be a merged reading of, most frequent
   * first, each with its channel cost; none for a syllable without a final consonant.
   */
  candidates(lower: string): Candidate[] {
    let list = this.memo.get(lower);
    if (list !== undefined) return list;
    list = [];
    const skeleton = removeMarks(lower);
    const onset = onsetOf(skeleton);
    const rest = skeleton.slice(onset.length);
    const final = finalOf(rest);
    const vowel = rest.slice(0, rest.length - final.length);
    if (final !== '' && isValidSyllable(lower)) {
      for (const secondOnset of ONSETS_OF_FINAL[final]) {
        for (const c of this.byOnsets.get(onset + '|' + secondOnset) ?? []) {
          if (!withinOneLetter(vowel, c.vowel)) continue;
          const cost = COMPOUND_COST + (vowel === c.vowel ? 0 : COMPOUND_VOWEL_COST);
          list.push({ text: c.text, ids: c.ids, cost, kind: 'merge', span: 1 });
          if (list.length >= MAX_COMPOUNDS) break;
        }
      }
    }
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(lower, list);
    return list;
  }
}

const MEMO_LIMIT = 20_000;

const indexes = new WeakMap<LanguageModel, CompoundIndex>();

/** The compound index of a model, built on first use. */
export function compoundIndex(model: LanguageModel): CompoundIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    index = new CompoundIndex(model);
    indexes.set(model, index);
  }
  return index;
}
