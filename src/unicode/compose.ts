/** NFC and Vietnamese composite forms: base letters with combining marks → precomposed letters. */
import { hasSuspiciousIn, TONE_MARKS, VOWEL_MARKS, VOWEL_MARKS_OF } from './chars.js';

/** Which rule changed a cluster: plain NFC, or the Vietnamese composite repair. */
export type ComposeRule = 'nfc' | 'composite';

const MARK = /\p{M}/u;
/** The letters with a vowel mark that "Unicode tổ hợp" keeps precomposed. */
const VOWEL_WITH_MARK = 'âăêôơưÂĂÊÔƠƯ';
const HAS_MARK = /[\p{M}\u1160-\u11FF]/u;

/**
 * The most combining characters a cluster may have to be composed: the limit of the
 * Stream-Safe Text Format (UAX #15), which no text in any language needs. A longer run is not
 * a letter with its marks but a pile of them, and normalising it costs time quadratic in its
 * length; it is left as it is.
 */
export const MAX_CLUSTER_MARKS = 30;

/** A combining mark, or a Hangul vowel/final jamo (which NFC composes like one). */
function isCombining(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code < 0x300) return false; // no mark comes before U+0300
  if (code <= 0x036f || (code >= 0x1160 && code <= 0x11ff)) return true;
  // The Vietnamese letters and general punctuation hold no mark either.
  if ((code >= 0x1e00 && code <= 0x1eff) || (code >= 0x2000 && code <= 0x206f)) return false;
  return MARK.test(s[i]);
}

/**
 * The precomposed Vietnamese letter for a base vowel and its combining marks in any order
 * (`o` + acute + circumflex → `ố`), or `undefined` when the marks are not one optional vowel
 * mark the base takes plus one optional tone. NFC alone cannot do this: the circumflex, breve
 * and the tones other than the dot below share one combining class, so their order is kept
 * and `o` + acute + circumflex stays `ó` + circumflex.
 */
export function vietnameseLetter(cluster: string): string | undefined {
  const d = cluster.normalize('NFD');
  const base = d[0];
  const allowed = VOWEL_MARKS_OF[base.toLowerCase()];
  if (allowed === undefined || d.length < 2) return undefined;
  let vowelMark = '';
  let tone = '';
  for (let i = 1; i < d.length; i++) {
    const m = d[i];
    if (VOWEL_MARKS.includes(m)) {
      if (vowelMark !== '' || !allowed.includes(m)) return undefined;
      vowelMark = m;
    } else if (TONE_MARKS.includes(m)) {
      if (tone !== '') return undefined;
      tone = m;
    } else {
      return undefined;
    }
  }
  const letter = (base + vowelMark + tone).normalize('NFC');
  return letter.length === 1 ? letter : undefined;
}

/**
 * `s` with every base + combining-mark cluster in NFC, and Vietnamese vowels whose marks came
 * in a non-canonical order composed all the same. Text without combining marks is returned
 * as it is (so compatibility singletons such as U+2126 OHM SIGN, which NFC would also change,
 * are left alone: they are not damage), and so are clusters of more than
 * {@link MAX_CLUSTER_MARKS} combining characters. `rules` collects what fired.
 */
export function composeClusters(s: string, rules: Set<ComposeRule>): string {
  const out = composeText(s);
  if ((fired & NFC_RULE) !== 0) rules.add('nfc');
  if ((fired & COMPOSITE_RULE) !== 0) rules.add('composite');
  return out;
}

/** Bits of {@link firedRules}. */
export const NFC_RULE = 1;
export const COMPOSITE_RULE = 2;

/** The rules the last {@link composeText} fired, as bits: a set per word would be garbage. */
let fired = 0;

export function firedRules(): number {
  return fired;
}

/** {@link composeClusters}, the rules that fired read after it with {@link firedRules}. */
export function composeText(s: string): string {
  fired = 0;
  if (!HAS_MARK.test(s)) return s;
  return composeRange(s, 0, s.length) ?? s;
}

/**
 * {@link composeText} of `s.slice(from, to)`, or `undefined` when it stays as it is (read in
 * place: a word of a line is not sliced out to be composed).
 */
export function composeRange(s: string, from: number, to: number): string | undefined {
  fired = 0;
  // Unchanged text is copied in spans, up to the next cluster that changes.
  let out = '';
  let copied = from;
  let i = from;
  while (i < to) {
    const start = i;
    const composition = clusterAt(s, i, to);
    i = clusterEnd;
    if (composition === null) continue;
    fired |= composition.rule === 'nfc' ? NFC_RULE : COMPOSITE_RULE;
    out += s.slice(copied, start) + composition.text;
    copied = i;
  }
  return copied === from ? undefined : out + s.slice(copied, to);
}

/**
 * What composing `s.slice(from, to)` changes, from the first cluster that changes to the end of
 * the last: that span's composed text, its bounds read after with {@link composedSpanStart} and
 * {@link composedSpanEnd}; `undefined` when nothing changes. A word with one changed letter
 * (most of them) gets the composition itself, a string made once per cluster: no string is
 * built for it.
 */
export function composeSpan(s: string, from: number, to: number): string | undefined {
  fired = 0;
  let out: string | undefined;
  let first = -1;
  let last = -1;
  let leaves = false;
  let i = from;
  while (i < to) {
    const start = i;
    const composition = clusterAt(s, i, to);
    i = clusterEnd;
    if (composition === null) {
      if (!leaves) leaves = hasSuspiciousIn(s, start, i);
      continue;
    }
    if (composition.leaves) leaves = true;
    fired |= composition.rule === 'nfc' ? NFC_RULE : COMPOSITE_RULE;
    if (out === undefined) {
      out = composition.text;
      first = start;
    } else {
      out += s.slice(last, start) + composition.text;
    }
    last = i;
  }
  spanStart = first;
  spanEnd = last;
  spanLeaves = leaves;
  return out;
}

/** Bounds of the span the last {@link composeSpan} changed. */
let spanStart = -1;
let spanEnd = -1;
/** Whether the text the last {@link composeSpan} composed still holds a character the Unicode stage acts on. */
let spanLeaves = false;

export function composedSpanLeaves(): boolean {
  return spanLeaves;
}

export function composedSpanStart(): number {
  return spanStart;
}

export function composedSpanEnd(): number {
  return spanEnd;
}

/** Where the cluster read by the last {@link clusterAt} ends. */
let clusterEnd = 0;

/**
 * The composition of the cluster that starts at `i` (one code point and the combining
 * characters after it, up to `n`), or `null` when it stays as it is; its end is left in
 * {@link clusterEnd}.
 */
function clusterAt(s: string, i: number, n: number): Composition | null {
  const start = i;
  const code = s.charCodeAt(i);
  i += code >= 0xd800 && code <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  const base = i;
  while (i < n && isCombining(s, i)) i++;
  clusterEnd = i;
  if (i - start < 2 || i - base > MAX_CLUSTER_MARKS) return null;
  // A letter of the Vietnamese range with one or two marks of the basic block (nearly every
  // cluster of damaged Vietnamese) is looked up by its code units, without a string.
  const key = i - start <= 3 && base === start + 1 ? clusterKey(s, start, i) : -1;
  let composition = key >= 0 ? COMPOSED.get(key) : undefined;
  if (composition === undefined) {
    composition = composeCluster(s.slice(start, i));
    if (key >= 0) {
      // Hostile text can hold millions of distinct clusters: the table is emptied when large.
      if (COMPOSED.size >= COMPOSED_LIMIT) COMPOSED.clear();
      COMPOSED.set(key, composition);
    }
  }
  return composition;
}

/** What one cluster becomes and the rule that composes it; `null` when it stays as it is. */
interface Composition {
  text: string;
  rule: ComposeRule;
  /** Whether `text` still holds a character the Unicode stage acts on (a mark NFC keeps). */
  leaves: boolean;
}

/** Compositions of the clusters seen, by {@link clusterKey}: a few hundred in real text. */
const COMPOSED = new Map<number, Composition | null>();
const COMPOSED_LIMIT = 20_000;

/**
 * A number for a cluster of a letter below U+1F00 and one or two marks of U+0300–U+036F, or
 * -1 for any other cluster.
 */
function clusterKey(s: string, start: number, end: number): number {
  const letter = s.charCodeAt(start);
  if (letter >= 0x1f00) return -1;
  const first = s.charCodeAt(start + 1) - 0x2ff;
  if (first < 1 || first > 0x70) return -1;
  if (end - start === 2) return letter * 0x10000 + first * 0x100;
  const second = s.charCodeAt(start + 2) - 0x2ff;
  if (second < 1 || second > 0x70) return -1;
  return letter * 0x10000 + first * 0x100 + second;
}

/** Whether a cluster is a Latin letter (or a mark) followed by marks of U+0300–U+036F only. */
function isLatinWithMarks(cluster: string): boolean {
  const first = cluster.charCodeAt(0);
  if (!(first < 0x370 || (first >= 0x1e00 && first < 0x1f00))) return false;
  for (let i = 1; i < cluster.length; i++) {
    const c = cluster.charCodeAt(i);
    if (c < 0x300 || c > 0x36f) return false;
  }
  return true;
}

function composeCluster(cluster: string): Composition | null {
  if (!HAS_MARK.test(cluster.slice(1))) return null;
  const nfc = cluster.normalize('NFC');
  // NFC leaves a mark when they came in an order it cannot compose: try the Vietnamese letter.
  const letter = HAS_MARK.test(nfc) ? vietnameseLetter(cluster) : undefined;
  if (letter !== undefined) return { text: letter, rule: 'composite', leaves: hasSuspiciousIn(letter, 0, letter.length) };
  // NFC that composes nothing only decomposes (composition exclusions: Bengali `য়` U+09DF,
  // Hebrew presentation forms) or reorders marks (Burmese, Arabic): such text is as its
  // writer's software made it, and nothing Vietnamese is in it. Latin marks put in canonical
  // order are a Latin letter's, as Vietnamese writes them.
  if (nfc.length > cluster.length || (nfc.length === cluster.length && !isLatinWithMarks(cluster))) return null;
  // A precomposed â ă ê ô ơ ư followed by a combining tone is the Vietnamese "composite" form.
  return { text: nfc, rule: VOWEL_WITH_MARK.includes(cluster[0]) ? 'composite' : 'nfc', leaves: hasSuspiciousIn(nfc, 0, nfc.length) };
}
