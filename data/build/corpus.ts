/**
 * First pass over the training text: cut lines into units (see `src/model/units.ts`), intern
 * them, and keep the whole text as one array of unit ids with `<s>`/`</s>` around every sentence.
 */
import { MAX_ID_BITS } from '../../src/model/format.js';
import { BOS, EOS, lineSentences, normalizeSyllable, SPECIAL_UNITS, UNK } from '../../src/model/units.js';
import { removeMarks, syllablesForSkeleton } from '../../src/orthography/index.js';
import { looksDamaged } from '../../src/repair/detect.js';
import { scanTokens } from '../../src/tokenize/index.js';

/** A growable array of u32. */
export class U32List {
  data = new Uint32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  toArray(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Units in first-seen order and the text as a stream of their ids. */
export class CorpusCollector {
  readonly units: string[] = [];
  readonly counts: number[] = [];
  readonly stream = new U32List();
  lines = 0;
  private readonly ids = new Map<string, number>();
  private readonly normalized = new Map<string, string>();
  private readonly normalize = (syllable: string): string => {
    let unit = this.normalized.get(syllable);
    if (unit === undefined) {
      unit = normalizeSyllable(syllable);
      this.normalized.set(syllable, unit);
    }
    return unit;
  };

  constructor() {
    for (const unit of SPECIAL_UNITS) this.intern(unit);
  }

  private intern(unit: string): number {
    let id = this.ids.get(unit);
    if (id === undefined) {
      id = this.units.length;
      this.ids.set(unit, id);
      this.units.push(unit);
      this.counts.push(0);
    }
    return id;
  }

  /**
   * Words outside the syllable inventory that look like damaged syllables (Vietnamese marks on
   * a non-syllable: `kilômet`, `ăcqui`), by lower-case form, with their counts: the frequent
   * ones are loanwords in Vietnamese spelling (see `chooseLoanwords`).
   */
  readonly markedForeign = new Map<string, number>();

  /**
   * How often each syllable (normalised) is written with a capital inside a sentence (`Nẵng`
   * in `tại Đà Nẵng`): names, which a repair of marks must not make of common words.
   */
  readonly titleCounts = new Map<string, number>();

  /** Adds one line of text (one paragraph): one or more sentences. */
  addLine(line: string): void {
    this.lines++;
    let sentenceStart = true;
    scanTokens(line, (kind, start, end) => {
      if (kind === 'space') return;
      const text = line.slice(start, end);
      if (kind === 'punct') {
        if (text === '.' || text === '!' || text === '?' || text === '\u2026') sentenceStart = true;
        return;
      }
      const atStart = sentenceStart;
      sentenceStart = false;
      const lower = text.toLowerCase();
      if (kind === 'syllable' && !atStart && text !== lower && text.slice(1) === lower.slice(1)) {
        const unit = this.normalize(text);
        this.titleCounts.set(unit, (this.titleCounts.get(unit) ?? 0) + 1);
      }
      if (kind !== 'foreign' || end - start < 2) return;
      if (looksDamaged(text, lower)) this.markedForeign.set(lower, (this.markedForeign.get(lower) ?? 0) + 1);
    });
    const bos = this.intern(BOS);
    const eos = this.intern(EOS);
    for (const sentence of lineSentences(line, this.normalize)) {
      this.stream.push(bos);
      this.counts[bos]++;
      for (const unit of sentence) {
        const id = this.intern(unit);
        this.counts[id]++;
        this.stream.push(id);
      }
      this.stream.push(eos);
      this.counts[eos]++;
    }
  }
}

/** The final vocabulary and the text re-numbered with it. */
export interface Vocabulary {
  /** Units by id: the class tokens, then syllables by falling count (ties: code-unit order). */
  units: string[];
  /** Training count of each id; `<unk>` counts every syllable left out. */
  counts: Uint32Array;
  /** How often each id is written with a capital inside a sentence (see `CorpusCollector.titleCounts`). */
  titleCounts: Uint32Array;
  /** The text as final ids. */
  stream: Uint16Array;
}

/**
 * Chooses the vocabulary: every syllable seen at least `minCount` times (at most 2^13 = 8,192
 * ids in all, the most frequent first); rarer ones become `<unk>`. Deterministic whatever the order the text was read in.
 */
export function chooseVocabulary(collector: CorpusCollector, minCount: number): Vocabulary {
  const special = new Set(SPECIAL_UNITS);
  const candidates: number[] = [];
  for (let i = 0; i < collector.units.length; i++) {
    if (!special.has(collector.units[i]) && collector.counts[i] >= minCount) candidates.push(i);
  }
  candidates.sort((a, b) => {
    const d = collector.counts[b] - collector.counts[a];
    if (d !== 0) return d;
    const ua = collector.units[a];
    const ub = collector.units[b];
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  });
  const limit = 2 ** MAX_ID_BITS;
  if (candidates.length + SPECIAL_UNITS.length > limit) candidates.length = limit - SPECIAL_UNITS.length;
  const units = [...SPECIAL_UNITS];
  const remap = new Int32Array(collector.units.length).fill(SPECIAL_UNITS.indexOf(UNK));
  SPECIAL_UNITS.forEach((unit, i) => {
    remap[collector.units.indexOf(unit)] = i;
  });
  for (const old of candidates) {
    remap[old] = units.length;
    units.push(collector.units[old]);
  }
  const source = collector.stream.toArray();
  const stream = new Uint16Array(source.length);
  const counts = new Uint32Array(units.length);
  for (let i = 0; i < source.length; i++) {
    const id = remap[source[i]];
    stream[i] = id;
    counts[id]++;
  }
  const titleCounts = new Uint32Array(units.length);
  for (let id = SPECIAL_UNITS.length; id < units.length; id++) titleCounts[id] = collector.titleCounts.get(units[id]) ?? 0;
  return { units, counts, stream, titleCounts };
}

/**
 * Loanwords and other established spellings outside the syllable inventory (`kilômet`, `ăcqui`,
 * `ôtô`): marked non-syllables seen at least `minCount` times. A word whose letters without marks
 * spell a syllable (`chuôt`) is left out: that is a typo of the syllable, not a word of its own;
 * so is one with digits (`h15` of `10h15`, where `t6` is damage). Sorted by code units.
 */
export function chooseLoanwords(markedForeign: ReadonlyMap<string, number>, minCount: number): string[] {
  const chosen: string[] = [];
  for (const [word, count] of markedForeign) {
    if (count < minCount || /[0-9]/.test(word)) continue; // letters with digits stay suspect (`t6`)
    if (syllablesForSkeleton(removeMarks(word)).length === 0) chosen.push(word);
  }
  return chosen.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
