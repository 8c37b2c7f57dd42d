/**
 * The user lexicon: names of people and organisations (`Quỹ TYM`, `Nguyễn Thị Bình`) that are
 * protected — never changed where they occur as written — and that are repair targets: a near
 * miss of an entry (`Quốc TYM`) is repaired to it.
 */
import { scanTokens } from '../tokenize/index.js';
import { type ChannelCosts, skeletonOf, skeletonDistance } from './channel.js';

/** One word token of a line. */
export interface WordToken {
  start: number;
  end: number;
  text: string;
}

/** A lexicon entry matched in a line: the word tokens `from..to` (exclusive). */
export interface LexiconMatch {
  from: number;
  to: number;
  /**
   * For a near miss, the replacement of each word token `from..to` (one entry word, or two
   * when OCR read two words as one: `Phấn` for `Phụ nữ`); `undefined` for an exact occurrence.
   */
  words: readonly string[] | undefined;
  /** Letter edits between the text and the entry (0 for an exact occurrence). */
  distance: number;
}

interface Entry {
  words: string[];
  skeletons: string[];
}

/** Largest total letter distance of a near miss, and per word. */
const MAX_TOTAL_DISTANCE = 2;

/** Words of a lexicon line: the letter/number runs, as the tokenizer cuts them. */
function entryWords(entry: string): string[] {
  const words: string[] = [];
  scanTokens(entry, (kind, start, end) => {
    if (kind !== 'space' && kind !== 'punct') words.push(entry.slice(start, end));
  });
  return words;
}

/** A compiled user lexicon. */
export class Lexicon {
  private readonly entries: Entry[] = [];
  /** Every word of every entry, for the cheap test of whether a line can match at all. */
  readonly words = new Set<string>();

  constructor(entries: Iterable<string>) {
    for (const raw of entries) {
      const words = entryWords(raw.normalize('NFC').trim());
      if (words.length === 0) continue;
      this.entries.push({ words, skeletons: words.map(skeletonOf) });
      for (const w of words) this.words.add(w);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Exact occurrences and near misses of entries among the word tokens of a line. A near miss
   * has the same number of words, the same capitalisation of each, at least one word exactly
   * as in the entry when the entry has several (for one-word entries: a word that is not a
   * valid syllable, at least four letters, one edit away), and at most two letter edits in all.
   */
  matches(words: readonly WordToken[], isSyllable: (text: string) => boolean, costs: ChannelCosts): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (const entry of this.entries) {
      const k = entry.words.length;
      for (let i = 0; i + k <= words.length; i++) {
        let exact = 0;
        let distance = 0;
        for (let j = 0; j < k && distance <= MAX_TOTAL_DISTANCE; j++) {
          const text = words[i + j].text;
          const want = entry.words[j];
          if (text === want) {
            exact++;
            continue;
          }
          if (!sameCaseShape(text, want)) {
            distance = MAX_TOTAL_DISTANCE + 1;
            break;
          }
          // A misread mark counts as a small edit; letters by the weighted distance.
          const d = skeletonDistance(skeletonOf(text), entry.skeletons[j], costs, MAX_TOTAL_DISTANCE);
          distance += Math.max(d, 0.5);
        }
        if (exact === k) {
          out.push({ from: i, to: i + k, words: undefined, distance: 0 });
        } else if (distance <= MAX_TOTAL_DISTANCE) {
          const single = words[i].text;
          const ok = k >= 2 ? exact >= 1 : single.length >= 4 && !isSyllable(single) && distance <= 1;
          if (ok) out.push({ from: i, to: i + k, words: entry.words, distance });
        }
      }
      if (k >= 3) this.collapsedMatches(entry, words, costs, out);
    }
    return out;
  }

  /**
   * Near misses where OCR read two neighbouring words of the entry as one token (`Trung tâm
   * Phấn và Phát triển` for `Trung tâm Phụ nữ và Phát triển`): every other word exact, the
   * token within two letter edits of the two words written together, same first letter.
   */
  private collapsedMatches(entry: Entry, words: readonly WordToken[], costs: ChannelCosts, out: LexiconMatch[]): void {
    const k = entry.words.length;
    for (let i = 0; i + k - 1 <= words.length; i++) {
      for (let p = 0; p + 1 < k; p++) {
        let ok = true;
        for (let j = 0; j < k - 1 && ok; j++) {
          if (j === p) continue;
          ok = words[i + j].text === entry.words[j < p ? j : j + 1];
        }
        if (!ok) continue;
        const token = words[i + p].text;
        const joined = entry.skeletons[p] + entry.skeletons[p + 1];
        const skeleton = skeletonOf(token);
        if (skeleton[0] !== joined[0] || !sameCaseShape(token, entry.words[p])) continue;
        const d = skeletonDistance(skeleton, joined, costs, MAX_TOTAL_DISTANCE);
        if (d > MAX_TOTAL_DISTANCE) continue;
        const replacement = entry.words.slice(0, p).concat(
          `${entry.words[p]} ${entry.words[p + 1]}`,
          entry.words.slice(p + 2),
        );
        out.push({ from: i, to: i + k - 1, words: replacement, distance: d });
      }
    }
  }
}

function sameCaseShape(a: string, b: string): boolean {
  const upperA = a[0] !== a[0].toLowerCase();
  const upperB = b[0] !== b[0].toLowerCase();
  return upperA === upperB;
}
