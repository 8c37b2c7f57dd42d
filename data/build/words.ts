/**
 * The word list: multi-syllable words from dictionaries whose licence allows shipping them
 * (Wiktionary, UD Vietnamese-VTB, tesseract), as sequences of syllable ids with their count in
 * the training text. Entries known only from GPL lists (hunspell-vi, Viet74K) are left out.
 */
import { WORD_FROM_DICTIONARY } from '../../src/model/format.js';
import { normalizeSyllable } from '../../src/model/units.js';

/** Dictionary sources whose word lists may be shipped (see the corpus README, section 3). */
export const SHIPPABLE_WORD_SOURCES: readonly string[] = ['wiktionary', 'ud_vtb', 'tesseract'];

/** The word list in file form: sorted by id sequence. */
export interface WordList {
  start: Uint32Array;
  ids: Uint16Array;
  counts: Uint32Array;
  flags: Uint8Array;
}

/** A candidate entry: its syllables as text and where it comes from. */
export interface WordEntry {
  syllables: string[];
  flags: number;
}

/**
 * Entries of `words.tsv` (`word<TAB>sources`) with at least one shippable source. Lines
 * without a tab are taken as words with a shippable source (own test lists).
 */
export function shippableWords(tsvLines: Iterable<string>): WordEntry[] {
  const out: WordEntry[] = [];
  for (const line of tsvLines) {
    if (line === '' || line.startsWith('word\t')) continue;
    const tab = line.indexOf('\t');
    const word = tab < 0 ? line : line.slice(0, tab);
    const sources = tab < 0 ? SHIPPABLE_WORD_SOURCES : line.slice(tab + 1).split(',');
    if (!sources.some((s) => SHIPPABLE_WORD_SOURCES.includes(s))) continue;
    const syllables = word.split(' ').filter((s) => s !== '');
    if (syllables.length >= 2) out.push({ syllables, flags: WORD_FROM_DICTIONARY });
  }
  return out;
}

function compareIds(a: readonly number[], b: readonly number[]): number {
  const m = Math.min(a.length, b.length);
  for (let i = 0; i < m; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Maps entries to ids (entries with a syllable outside the vocabulary are dropped: they could
 * never be looked up), merges duplicates (flags or-ed; tone styles merge here), sorts them, and
 * counts each word's occurrences in `stream` (inside sentences, never across `</s>`).
 */
export function buildWordList(
  entries: readonly WordEntry[],
  idOf: ReadonlyMap<string, number>,
  stream: Uint16Array,
  eosId: number,
): WordList {
  const byKey = new Map<string, { ids: number[]; flags: number }>();
  for (const entry of entries) {
    const ids: number[] = [];
    for (const s of entry.syllables) {
      const id = idOf.get(normalizeSyllable(s));
      if (id === undefined) break;
      ids.push(id);
    }
    if (ids.length !== entry.syllables.length) continue;
    const key = ids.join(',');
    const seen = byKey.get(key);
    if (seen) seen.flags |= entry.flags;
    else byKey.set(key, { ids, flags: entry.flags });
  }
  const words = [...byKey.values()].sort((a, b) => compareIds(a.ids, b.ids));

  // Count occurrences: index words by their first two ids.
  const byPair = new Map<number, number[]>();
  words.forEach((w, i) => {
    const pair = w.ids[0] * 65536 + w.ids[1];
    const list = byPair.get(pair);
    if (list) list.push(i);
    else byPair.set(pair, [i]);
  });
  const counts = new Uint32Array(words.length);
  for (let p = 0; p + 1 < stream.length; p++) {
    const list = byPair.get(stream[p] * 65536 + stream[p + 1]);
    if (list === undefined) continue;
    for (const i of list) {
      const ids = words[i].ids;
      let ok = p + ids.length <= stream.length;
      for (let t = 2; ok && t < ids.length; t++) ok = stream[p + t] === ids[t] && ids[t] !== eosId;
      if (ok) counts[i]++;
    }
  }

  let total = 0;
  for (const w of words) total += w.ids.length;
  const start = new Uint32Array(words.length + 1);
  const ids = new Uint16Array(total);
  const flags = new Uint8Array(words.length);
  let at = 0;
  words.forEach((w, i) => {
    start[i] = at;
    ids.set(w.ids, at);
    at += w.ids.length;
    flags[i] = w.flags;
  });
  start[words.length] = at;
  return { start, ids, counts, flags };
}
