/**
 * The language profiles of `data/languages.bin` (layout in `format.ts`): for Vietnamese and
 * each common Latin-script language, the probability of a word as written. A listed word has
 * its own probability; any other word is spelled letter by letter with a character trigram
 * model over the base letters, times the probability of each letter's marks in that language
 * (`é` is common in French, unseen in English; `ư` unseen in all of them).
 */
import { ALPHABET, BOUNDARY, letterCode, OTHER_LETTER } from './letters.js';
import { decodeLogProb, LANGUAGES_MAGIC, LANGUAGES_VERSION, type LanguagesMeta } from './format.js';

/** log10 P(letter | base letter) of a letter a language was never seen to write. */
const UNSEEN_LETTER = -5;

export class LanguageProfiles {
  /** Language codes; index 0 is Vietnamese. */
  readonly codes: readonly string[];
  readonly names: readonly string[];
  readonly meta: LanguagesMeta;
  /** Listed words of every language: the row of each in {@link listed}. */
  private readonly rows = new Map<string, number>();
  /** log10 P(word) by row × language (NaN: not listed in that language). */
  private listed: Float32Array;
  /** log10 (1 - listed mass) of each language: the share left to unlisted words. */
  private readonly unlistedMass: Float64Array;
  /** log10 P(c | a b) by language × ALPHABET³. */
  private readonly trigrams: Float32Array;
  /** log10 P(letter | base letter), by language. */
  private readonly letters: Map<string, number>[];

  private constructor(bytes: Uint8Array) {
    const decoder = new TextDecoder();
    if (bytes.length < 12 || decoder.decode(bytes.subarray(0, 4)) !== LANGUAGES_MAGIC) {
      throw new Error('vietfix: not a language profile file (magic VFLI expected)');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(4, true);
    if (version !== LANGUAGES_VERSION) throw new Error(`vietfix: language profile version ${version}, expected ${LANGUAGES_VERSION}`);
    const metaLength = view.getUint32(8, true);
    this.meta = JSON.parse(decoder.decode(bytes.subarray(12, 12 + metaLength))) as LanguagesMeta;
    const blob = bytes.subarray(12 + metaLength);
    const langs = this.meta.languages;
    const n = langs.length;
    this.codes = langs.map((l) => l.code);
    this.names = langs.map((l) => l.name);
    this.unlistedMass = Float64Array.from(langs, (l) => Math.log10(Math.max(1e-6, 1 - l.listedMass)));
    const cube = ALPHABET * ALPHABET * ALPHABET;
    this.trigrams = new Float32Array(n * cube);
    const wordLists: string[][] = [];
    for (let k = 0; k < n; k++) {
      const l = langs[k];
      const table = blob.subarray(l.trigrams[0], l.trigrams[1]);
      for (let i = 0; i < cube; i++) this.trigrams[k * cube + i] = decodeLogProb(table[i]);
      const words = decoder.decode(blob.subarray(l.words[0], l.words[1]));
      const list = words === '' ? [] : words.split('\n');
      wordLists.push(list);
      for (const w of list) if (!this.rows.has(w)) this.rows.set(w, this.rows.size);
    }
    this.listed = new Float32Array(this.rows.size * n).fill(NaN);
    for (let k = 0; k < n; k++) {
      const codes = blob.subarray(langs[k].wordCodes[0], langs[k].wordCodes[1]);
      const list = wordLists[k];
      for (let i = 0; i < list.length; i++) this.listed[this.rows.get(list[i])! * n + k] = decodeLogProb(codes[i]);
    }
    this.letters = langs.map((l) => new Map(Object.entries(l.letters ?? {})));
  }

  /** Reads the profiles from the bytes of `languages.bin` (viewed in place). */
  static fromBuffer(bytes: Uint8Array | ArrayBuffer): LanguageProfiles {
    return new LanguageProfiles(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  }

  /** log10 P(word) of a listed word in language `k`, or NaN when it is not listed there. */
  listedLogProb(k: number, lower: string): number {
    const row = this.rows.get(lower);
    return row === undefined ? NaN : this.listed[row * this.codes.length + k];
  }

  /**
   * log10 P(word) in language `k`: as listed, or letter by letter (the trigram model over base
   * letters, the letters' marks, the share of unlisted words). `lower` is lower case, NFC.
   */
  wordLogProb(k: number, lower: string): number {
    const listed = this.listedLogProb(k, lower);
    if (listed === listed) return listed;
    return this.unlistedMass[k] + this.spellingLogProb(k, lower, true);
  }

  /**
   * log10 P of the word's base letters under language `k`'s trigram model (with the word's
   * boundaries), plus, with `withMarks`, log10 P(letter | base letter) of each letter.
   */
  spellingLogProb(k: number, lower: string, withMarks: boolean): number {
    const A = ALPHABET;
    const base = k * A * A * A;
    const letters = this.letters[k];
    let a = BOUNDARY;
    let b = BOUNDARY;
    let lp = 0;
    for (let i = 0; i < lower.length; i++) {
      const cp = lower.codePointAt(i)!;
      if (cp > 0xffff) i++;
      const c = letterCode(cp);
      lp += this.trigrams[base + (a * A + b) * A + c];
      if (withMarks && (cp >= 0x80 || c === OTHER_LETTER)) lp += letters.get(String.fromCodePoint(cp)) ?? UNSEEN_LETTER;
      a = b;
      b = c;
    }
    return lp + this.trigrams[base + (a * A + b) * A + BOUNDARY];
  }
}
