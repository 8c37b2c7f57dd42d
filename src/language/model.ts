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
  /** Each language's listed words: UTF-8, sorted by bytes, `\n` between (viewed in place). */
  private readonly words: Uint8Array[];
  /** Where each listed word starts in {@link words} (and one past the last). */
  private readonly wordStarts: Uint32Array[];
  /** Each listed word's log-probability code. */
  private readonly wordCodes: Uint8Array[];
  /** log10 (1 - listed mass) of each language: the share left to unlisted words. */
  private readonly unlistedMass: Float64Array;
  /** Codes of log10 P(c | a b), by language, ALPHABET³ each (viewed in place). */
  private readonly trigrams: Uint8Array[];
  /** log10 P(letter | base letter), by language. */
  private readonly letters: Map<string, number>[];
  private readonly encoder = new TextEncoder();
  private lastQuery = '';
  private lastBytes = new Uint8Array(0);

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
    this.codes = langs.map((l) => l.code);
    this.names = langs.map((l) => l.name);
    this.unlistedMass = Float64Array.from(langs, (l) => Math.log10(Math.max(1e-6, 1 - l.listedMass)));
    this.trigrams = langs.map((l) => blob.subarray(l.trigrams[0], l.trigrams[1]));
    this.words = langs.map((l) => blob.subarray(l.words[0], l.words[1]));
    this.wordCodes = langs.map((l) => blob.subarray(l.wordCodes[0], l.wordCodes[1]));
    this.wordStarts = this.words.map((w, k) => lineStarts(w, this.wordCodes[k].length));
    this.letters = langs.map((l) => new Map(Object.entries(l.letters ?? {})));
  }

  /** Reads the profiles from the bytes of `languages.bin` (viewed in place). */
  static fromBuffer(bytes: Uint8Array | ArrayBuffer): LanguageProfiles {
    return new LanguageProfiles(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  }

  /** log10 P(word) of a listed word in language `k`, or NaN when it is not listed there. */
  listedLogProb(k: number, lower: string): number {
    if (lower !== this.lastQuery) {
      this.lastQuery = lower;
      this.lastBytes = this.encoder.encode(lower);
    }
    const query = this.lastBytes;
    const words = this.words[k];
    const starts = this.wordStarts[k];
    // Binary search over the sorted words, compared as bytes.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(words, starts[mid], starts[mid + 1] - 1, query);
      if (c === 0) return decodeLogProb(this.wordCodes[k][mid]);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return NaN;
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
    const table = this.trigrams[k];
    const letters = this.letters[k];
    let a = BOUNDARY;
    let b = BOUNDARY;
    let codes = 0;
    let marks = 0;
    for (let i = 0; i < lower.length; i++) {
      const cp = lower.codePointAt(i)!;
      if (cp > 0xffff) i++;
      const c = letterCode(cp);
      codes += table[(a * A + b) * A + c];
      if (withMarks && (cp >= 0x80 || c === OTHER_LETTER)) marks += letters.get(String.fromCodePoint(cp)) ?? UNSEEN_LETTER;
      a = b;
      b = c;
    }
    return decodeLogProb(codes + table[(a * A + b) * A + BOUNDARY]) + marks;
  }
}

/** Offsets of the `count` lines of `bytes` (joined by `\n`), and one past the end. */
function lineStarts(bytes: Uint8Array, count: number): Uint32Array {
  const starts = new Uint32Array(count + 1);
  let n = 1;
  for (let i = 0; i < bytes.length && n < count; i++) if (bytes[i] === 0x0a) starts[n++] = i + 1;
  starts[count] = bytes.length + 1;
  return starts;
}

/** `bytes[from, to)` compared with `query`, as bytes (negative: it sorts first). */
function compareBytes(bytes: Uint8Array, from: number, to: number, query: Uint8Array): number {
  const n = Math.min(to - from, query.length);
  for (let i = 0; i < n; i++) {
    const d = bytes[from + i] - query[i];
    if (d !== 0) return d;
  }
  return to - from - query.length;
}
