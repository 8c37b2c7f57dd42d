/** NFC and Vietnamese composite forms: base letters with combining marks → precomposed letters. */
import { TONE_MARKS, VOWEL_MARKS, VOWEL_MARKS_OF } from './chars.js';

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
function isCombining(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 0x0300 && code <= 0x036f) || (code >= 0x1160 && code <= 0x11ff) || (code >= 0x80 && MARK.test(ch));
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
  if (!HAS_MARK.test(s)) return s;
  // Unchanged text is copied in spans, up to the next cluster that changes.
  let out = '';
  let copied = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    // A cluster: one code point and the combining characters after it.
    const start = i;
    const code = s.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const base = i;
    while (i < n && isCombining(s[i])) i++;
    if (i - start < 2 || i - base > MAX_CLUSTER_MARKS) continue;
    const cluster = s.slice(start, i);
    if (!HAS_MARK.test(cluster.slice(1))) continue;
    const nfc = cluster.normalize('NFC');
    // NFC leaves a mark when they came in an order it cannot compose: try the Vietnamese letter.
    const letter = HAS_MARK.test(nfc) ? vietnameseLetter(cluster) : undefined;
    let composed: string;
    if (letter !== undefined) {
      composed = letter;
      rules.add('composite');
    } else {
      if (nfc === cluster) continue;
      composed = nfc;
      // A precomposed â ă ê ô ơ ư followed by a combining tone is the Vietnamese "composite" form.
      rules.add(VOWEL_WITH_MARK.includes(cluster[0]) ? 'composite' : 'nfc');
    }
    out += s.slice(copied, start) + composed;
    copied = i;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
