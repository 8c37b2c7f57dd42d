/**
 * Undoing mojibake in one word: UTF-8 bytes that were shown as Windows-1252, ISO-8859-1 or
 * Windows-1258 (`Tiáº¿ng` → `Tiếng`), possibly twice (`TiÃ¡ÂºÂ¿ng`), possibly with a byte lost
 * on the way: one Windows-1252 leaves undefined (`ngÆ°á»i` → `người`), a no-break space or a
 * soft hyphen (`KÃch` → `Kích`). Words of other languages are undone too (`MÃ¼nchen`).
 * The same through the other code pages a system may show bytes through (a {@link ByteView}
 * each: `Ti·∫øng` through Mac Roman, `Tiáşżng` through Windows-1250), where the line's words
 * agree on the view (see {@link codePageReading}).
 */
import { badness, scriptOf } from './badness.js';
import { type ByteView, CODE_PAGE_VIEWS, WINDOWS_VIEW } from './charsets.js';
import { bundledModel } from './context.js';
import { UNK_ID } from '../model/index.js';
import { analyse, vietnameseScore } from './score.js';
import { LOST_BYTE_SYLLABLES } from './tables/lost-byte-syllables.js';
import { decodeUtf8Keeping, lostByteCompletions, REPLACED } from './utf8.js';
import { hasUtf8Pair, ownVietnameseWord, SHOWN_OTHERWISE } from './whole-line.js';

let lostByteFrequency: Map<string, number> | undefined;

/**
 * log2 frequency of the syllables of `word` (0 for one the word list does not know): from the
 * bundled model where it can be loaded, else from the table of syllables a lost byte makes
 * ambiguous.
 */
function frequencyOf(word: string): number {
  const model = bundledModel();
  if (model) {
    let total = 0;
    for (const m of word.toLowerCase().matchAll(/\p{L}+/gu)) {
      if (model.has(m[0])) total += Math.log2(1 + model.count(model.id(m[0])));
    }
    return total;
  }
  if (!lostByteFrequency) {
    lostByteFrequency = new Map();
    const items = LOST_BYTE_SYLLABLES.split(' ');
    for (let i = 0; i + 1 < items.length; i += 2) lostByteFrequency.set(items[i], Number(items[i + 1]));
  }
  let total = 0;
  for (const m of word.toLowerCase().matchAll(/\p{L}+/gu)) total += lostByteFrequency.get(m[0]) ?? 0;
  return total;
}

/** The result of undoing mojibake in a word. */
export interface MojibakeFix {
  text: string;
  /** The damage undone: `utf8-as-cp1252`, `utf8-as-latin1`, `utf8-as-cp1258`, `…-twice`. */
  detail: string;
  /** Score gain over the input (see {@link vietnameseScore}). */
  gain: number;
  /** Some bytes had been lost and were guessed. */
  guessed: boolean;
  /** When guessed: every reading as good as `text` (itself first), for context to choose from. */
  alternatives: string[];
  /** The reading is less bad than the word (see {@link badness}): the word itself is evidence. */
  lowered: boolean;
}

/**
 * Readings of a word kept at most: enough for two lost bytes of the C1-stripped view (a
 * Vietnamese letter of 4 for `Ä`, of 32 for `á»`, or each kept as it is).
 */
const MAX_READINGS = 256;

interface Level {
  candidates: string[];
  /** The variant of the view the word's characters show (an index into its `names`). */
  variant: number;
  /** Lead bytes left without their sequence: where a lost byte may be guessed. */
  strayLeads: number;
}

/** What follows a `?` written for a byte: a letter of the word, or punctuation no question mark takes. */
const AFTER_REPLACED = /[\p{L}\p{M},;:.]/u;

/**
 * Whether the `?` after `bytes` is what a converter wrote for a byte it could not show: the
 * bytes end in a UTF-8 sequence that lacks only its last byte (`á»?i` for `á»\u009di`), and a
 * letter follows, or a comma, semicolon, colon or full stop (`há»?,`). At the end of a word it
 * is as likely a question mark after a lost byte (`pá»?` for `pờ?`) or after a capital
 * (`NGÃ?`), so it stays one there unless `atEnd` (the line shows `?` written for bytes
 * elsewhere: a real question mark then follows the one that replaced a byte).
 */
function questionReplaces(bytes: readonly number[], next: string | undefined, atEnd: boolean): boolean {
  if (!atEnd && (next === undefined || !AFTER_REPLACED.test(next))) return false;
  const n = bytes.length;
  const last = n >= 1 ? bytes[n - 1] : -1;
  if (last >= 0xc2 && last <= 0xdf) return true;
  const lead = n >= 2 ? bytes[n - 2] : -1;
  return lead >= 0xe0 && lead <= 0xef && last >= 0x80 && last <= 0xbf;
}

/**
 * The word turned back into bytes where it can be (-1 elsewhere), a replacement character
 * where a byte was as {@link REPLACED}: U+FFFD, or `?` as {@link questionReplaces} says.
 */
function bytesOf(chars: readonly string[], questionAtEnd: boolean, view: ByteView): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const replaced = ch === '\ufffd' || (ch === '?' && questionReplaces(bytes, chars[i + 1], questionAtEnd));
    bytes.push(replaced ? REPLACED : (view.byteOf.get(ch) ?? -1));
  }
  return bytes;
}

/** `word` with each `?` that {@link bytesOf} reads as a replaced byte written as U+FFFD. */
function questionsAsReplacements(word: string, questionAtEnd: boolean, view: ByteView): string {
  if (!word.includes('?')) return word;
  const chars = [...word];
  const bytes = bytesOf(chars, questionAtEnd, view);
  return chars.map((ch, i) => (bytes[i] === REPLACED ? '\ufffd' : ch)).join('');
}

/** Whether `word` holds a replacement where a byte was (see {@link bytesOf}). */
export function hasReplacedByte(word: string, questionAtEnd = false): boolean {
  if (word.includes('\ufffd')) return true;
  return word.includes('?') && bytesOf([...word], questionAtEnd, WINDOWS_VIEW).includes(REPLACED);
}

/**
 * One level of undoing: the word's characters turned back into bytes where they can be, and
 * every valid UTF-8 sequence among those bytes decoded. With `guessLost`, a sequence that lacks
 * one continuation byte is completed with each byte Windows-1252 drops (several candidates);
 * with `guessLost === 'replaced'`, only where a replacement character stands for that byte.
 */
function undoLevel(word: string, guessLost: boolean | 'replaced', questionAtEnd: boolean, view: ByteView): Level | undefined {
  const chars = [...word];
  const bytes = bytesOf(chars, questionAtEnd, view);
  let variant = 0;
  let sawHigh = false;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k];
    const b = bytes[k];
    if (b >= 0x80 && b !== REPLACED) {
      sawHigh = true;
      const v = view.variantOf.get(ch) ?? 0;
      if (v > variant) variant = v;
    }
  }
  if (!sawHigh) return undefined;
  // Each maximal run of byte-mapped characters is decoded on its own.
  let variants: string[] = [''];
  let decodedAny = false;
  let strayLeads = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0) {
      variants = variants.map((v) => v + chars[i]);
      i++;
      continue;
    }
    let j = i;
    while (j < bytes.length && bytes[j] >= 0) j++;
    const seg = bytes.slice(i, j);
    const keep = chars.slice(i, j);
    let parts: Array<{ text: string; decoded: number }>;
    if (guessLost) parts = decodeGuessing(seg, keep, guessLost === 'replaced', view, variant);
    else {
      const plain = decodeUtf8Keeping(seg, keep);
      strayLeads += plain.strayLeads;
      parts = [plain];
    }
    for (const p of parts) if (p.decoded > 0) decodedAny = true;
    const next: string[] = [];
    for (const v of variants) for (const p of parts) if (next.length < MAX_READINGS) next.push(v + p.text);
    variants = next;
    i = j;
  }
  if (!decodedAny) return undefined;
  return { candidates: variants, variant, strayLeads };
}

/**
 * {@link decodeUtf8Keeping}, plus the readings where lost bytes are put back (with
 * `replacedOnly`, only where a replacement character shows the place).
 */
function decodeGuessing(
  bytes: number[],
  keep: string[],
  replacedOnly: boolean,
  view: ByteView,
  variant: number,
): Array<{ text: string; decoded: number }> {
  // A replacement stands for a byte undefined in the page the word was shown through.
  const replacedBytes = view.replacedBytesOf?.[variant] ?? view.replacedBytes;
  let readings: Array<{ text: string; decoded: number }> = [{ text: '', decoded: 0 }];
  let i = 0;
  const end = bytes.length;
  while (i < end) {
    const b = bytes[i];
    const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
    const seq = n >= 2 && i + n <= end ? decodeUtf8Keeping(bytes.slice(i, i + n), keep.slice(i, i + n)) : undefined;
    if (seq && seq.decoded === 1 && [...seq.text].length === 1) {
      readings = readings.map((r) => ({ text: r.text + seq.text, decoded: r.decoded + 1 }));
      i += n;
      continue;
    }
    const lost = lostByteCompletions(bytes, i, end, replacedOnly, replacedBytes, view.lostBytes, view.guessesOnlyVietnamese);
    if (lost) {
      const kept = keep.slice(i, i + lost.used).join('');
      const next: Array<{ text: string; decoded: number }> = [];
      for (const r of readings) {
        if (next.length < MAX_READINGS) next.push({ text: r.text + kept, decoded: r.decoded });
        for (const c of lost.chars) if (next.length < MAX_READINGS) next.push({ text: r.text + c, decoded: r.decoded + 1 });
      }
      readings = next;
      i += lost.used;
      continue;
    }
    readings = readings.map((r) => ({ text: r.text + keep[i], decoded: r.decoded }));
    i++;
  }
  return readings;
}

/**
 * The best of several readings: highest score, then the most frequent syllables; with every
 * reading that scores as high, most frequent first.
 */
function best(candidates: readonly string[], kept?: string): { text: string; score: number; ties: string[] } {
  const scored = candidates.map((text) => ({ text, score: vietnameseScore(text) }));
  const top = Math.max(...scored.map((c) => c.score));
  const tied = [...new Set(scored.filter((c) => c.score === top).map((c) => c.text))];
  if (tied.length > 1) {
    // A lead byte left as it is (`GÃY`) loses a tie, however frequent the word it spells: a
    // real `Ã` shows as `Ãƒ`, so it stands alone because a byte is missing.
    const freq = new Map(tied.map((t) => [t, t === kept ? -1 : frequencyOf(t)]));
    tied.sort((a, b) => (freq.get(b) as number) - (freq.get(a) as number));
  }
  return { text: tied[0], score: top, ties: tied };
}

/**
 * Readings of a lost byte that the word list knows, where there are any (`cỏm`, not `cọm`):
 * context chooses among words in use, not between a word and a mere spelling.
 */
function knownFirst(readings: string[]): string[] {
  const known = readings.filter((t) => frequencyOf(t) > 0);
  return known.length > 0 ? known : readings;
}

/** Where a sentence ends: a word that closes with one of these marks, then quotes or brackets. */
const SENTENCE_END = /[.!?…:]["'”’)\]»]*$/;

/** Whether a word as read is in capitals (two letters or more, no small one). */
function inCapitals(word: string | undefined): boolean {
  if (word === undefined) return false;
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/**
 * The readings whose first letter's case fits the sentence (all of them where none does), where
 * the readings differ in their first letter (a guessed one: `Ãn` is `Án`, `Ín` or `ín`, a lost
 * byte deciding the case along with the letter): a capital where a sentence starts or the
 * word's other letters are capitals; mid-sentence, no capital on a syllable rarely written with
 * one (under a tenth of the time inside sentences: `án`, `ít`, not `Ý` for Italy). The context,
 * which reads syllables, then chooses among the readings that fit.
 */
export function fittingCase(readings: readonly string[], before: string | undefined): string[] {
  if (readings.length < 2) return [...readings];
  const firstOf = (r: string) => {
    const at = r.search(/\p{L}/u);
    return at < 0 ? '' : r[at];
  };
  const first = firstOf(readings[0]);
  if (readings.every((r) => firstOf(r) === first)) return [...readings];
  const start = before === undefined || SENTENCE_END.test(before);
  const fit = readings.filter((r) => {
    const at = r.search(/\p{L}/u);
    if (at < 0) return true;
    const capital = r[at] !== r[at].toLowerCase();
    const rest = r.slice(at + 1).replace(/[^\p{L}]/gu, '');
    if (start || (rest.length > 0 && rest === rest.toUpperCase())) return capital;
    return !capital || titleShareOf(r) >= 0.1;
  });
  return fit.length > 0 ? fit : [...readings];
}

/** How often the word's first syllable is written with a capital inside sentences (0 unknown). */
function titleShareOf(word: string): number {
  const model = bundledModel();
  const syllable = /[\p{L}\p{M}]+/u.exec(word.toLowerCase())?.[0];
  const id = model && syllable ? model.id(syllable) : UNK_ID;
  return model && id !== UNK_ID ? model.titleCount(id) / Math.max(1, model.count(id)) : 0;
}

/**
 * The case of a guessed letter, which the lost byte alone decides (`Đ` is C4 90, `đ` C4 91;
 * `Í` C3 8D, `í` C3 AD): among the readings that differ from `chosen` only in case, the one
 * that follows the word's own letters and the sentence. A guessed letter is a capital where
 * the word's kept letters are all capitals (or it has none and a neighbour is in capitals);
 * as the word's first letter, where a sentence starts or the syllable is mostly written with a
 * capital inside sentences (the model's title count, over 60 %: `Đức`, `Đông`); a small letter
 * elsewhere. (A capitalised neighbour is no evidence: `Tổng Giám đốc`, `California được`.)
 */
export function inCaseOfSentence(
  readings: readonly string[],
  chosen: string,
  before: string | undefined,
  after: string | undefined,
): string {
  const lower = chosen.toLowerCase();
  const variants = readings.filter((r) => r !== chosen && r.length === chosen.length && r.toLowerCase() === lower);
  if (variants.length === 0) return chosen;
  // Guessed places: where the readings differ in case; kept letters: the word's other letters.
  const guessed = new Set<number>();
  for (const v of variants) for (let i = 0; i < v.length; i++) if (v[i] !== chosen[i]) guessed.add(i);
  let kept = '';
  for (let i = 0; i < chosen.length; i++) if (!guessed.has(i) && /\p{L}/u.test(chosen[i])) kept += chosen[i];
  // Capitals where two kept letters or more are (`ĐỘ`), or fewer among words in capitals.
  const keptCapitals = kept === kept.toUpperCase();
  const capitals = kept.length >= 2 ? keptCapitals : keptCapitals && (inCapitals(before) || inCapitals(after));
  const firstLetter = chosen.search(/\p{L}/u);
  let title = false;
  if (!capitals && guessed.has(firstLetter)) {
    title = before === undefined || SENTENCE_END.test(before) || titleShareOf(lower) > 0.6;
  }
  let wanted = '';
  for (let i = 0; i < chosen.length; i++) {
    const ch = chosen[i];
    if (!guessed.has(i)) wanted += ch;
    else wanted += capitals || (i === firstLetter && title) ? ch.toUpperCase() : ch.toLowerCase();
  }
  return wanted === chosen || variants.includes(wanted) ? wanted : chosen;
}

/**
 * Undoes mojibake in `word` (no spaces inside) when the result reads better Vietnamese by at
 * least `minGain`; `undefined` when the word has none or undoing it does not help enough.
 * With `questionAtEnd`, a `?` that ends the word after a broken sequence is a replaced byte.
 * `view`: the code page the bytes were shown through (Windows-1252/1258 unless told).
 */
export function undoMojibake(word: string, minGain = 1, questionAtEnd = false, view: ByteView = WINDOWS_VIEW): MojibakeFix | undefined {
  // A `?` written for a byte is no punctuation splitting the word (`Ã?i` is no `Ã` and `i`):
  // it is read as the replacement character it stands for.
  const written = word;
  word = questionsAsReplacements(word, questionAtEnd, view);
  const before = vietnameseScore(word);
  let current = word;
  let bestText = word;
  let bestScore = before;
  let bestDepth = 0;
  let bestVariant = 0;
  let bestGuessed = false;
  let bestTies: string[] = [];
  let onlyReplaced = true;
  for (let depth = 1; depth <= 3; depth++) {
    // The line's evidence of `?` for bytes is about its text as written: the first level.
    const atEnd = questionAtEnd && depth === 1;
    const plain = undoLevel(current, false, atEnd, view);
    let level = plain;
    let guessed = false;
    // Lost bytes are guessed only where a sequence broke off: dropped ones at the first level,
    // replaced ones at the level that shows the replacement (`ï¿½` is itself mojibake of U+FFFD).
    // A word that shows where its byte was is guessed there alone.
    const replaced = hasReplacedByte(current, atEnd);
    // Through a view that drops no byte, only a replaced one is guessed, where it shows.
    const guessable = view.guessesLostBytes || (replaced && view.replacedBytes.length > 0);
    if (guessable && (depth === 1 || replaced) && (plain === undefined || plain.strayLeads > 0)) {
      const lossy = undoLevel(current, replaced ? 'replaced' : true, atEnd, view);
      if (lossy && lossy.candidates.length > 1) {
        level = lossy;
        guessed = true;
      }
    }
    if (!level) break;
    const kept = plain ? plain.candidates[0] : current;
    let pick = best(level.candidates, kept);
    // A guessed lost byte must do better than the plain reading, or as well where the plain
    // reading leaves a lead byte stranded (`ĐÃI` for `Ä\u0090ÃI`: a real `Ã` shows as `Ãƒ`).
    if (guessed) {
      const plainPick = plain ? best(plain.candidates) : undefined;
      const plainScore = plainPick ? plainPick.score : -Infinity;
      const better = pick.score > plainScore || (pick.score === plainScore && plain !== undefined && plain.strayLeads > 0);
      guessed = better && !(plain?.candidates.includes(pick.text) ?? false);
      if (!guessed && plain && plainPick) {
        level = plain;
        pick = plainPick;
      }
    }
    if (pick.text === current) break;
    if (pick.score >= bestScore) {
      bestText = pick.text;
      bestScore = pick.score;
      bestDepth = depth;
      bestVariant = Math.max(bestVariant, level.variant);
      bestGuessed = bestGuessed || guessed;
      onlyReplaced = onlyReplaced && (!guessed || replaced);
      bestTies = guessed ? knownFirst(pick.ties.filter((t) => t !== current && t !== kept)) : [pick.text];
    }
    current = pick.text;
  }
  if (bestDepth === 0) return undefined;
  // A `?` read as a replaced byte is put back by a guess or the word is left as it is.
  if (word !== written && bestText.includes('\ufffd') && !written.includes('\ufffd')) return undefined;
  // A re-decoding never makes the text read worse in the language-independent sense.
  const bad = badness(word);
  let worst = 0;
  for (const t of bestGuessed ? bestTies : [bestText]) worst = Math.max(worst, badness(t));
  if (worst > bad) return undefined;
  // A guess that scores only as well as the word (`Ãi`: `ãi` is spelled right but no word)
  // still counts when the word is bad as it is and the guess is a known syllable (`Ái`).
  const known = bestGuessed && worst < bad && frequencyOf(bestText) > 0 && frequencyOf(word) === 0;
  if (bestScore - before < minGain && !(known && bestScore >= before)) return undefined;
  const detail = detailOf(view, bestVariant, bestDepth);
  // A replacement shows where the byte was: with one reading left, nothing was guessed.
  const guessed = bestGuessed && !(onlyReplaced && bestTies.length === 1);
  return { text: bestText, detail, gain: bestScore - before, guessed, alternatives: bestTies, lowered: worst < bad };
}

function detailOf(view: ByteView, variant: number, depth: number): string {
  return view.names[variant] + (depth === 2 ? '-twice' : depth === 3 ? '-thrice' : '');
}

/** Scripts whose words mojibake is undone into besides Latin: Greek and Cyrillic. */
const OTHER_SCRIPTS = new Set([scriptOf(0x3b1), scriptOf(0x430)]);
const LATIN = scriptOf(0x61);
/** Letters, marks, punctuation and symbols a re-decoded word may hold (no CJK, no private use). */
const ANY_LANGUAGE = /^[\u0000-\u024F\u0300-\u0328\u0370-\u03FF\u0400-\u04FF\u1E00-\u1FFF\u2000-\u2BFF\u{1F000}-\u{1FAFF}]*$/u;

/**
 * Whether a re-decoded word reads as a word of some language: Latin letters (not IPA or the
 * rare Latin Extended-B ones), or a run of two letters or more of Greek or of Cyrillic alone.
 * A lone Cyrillic or Greek letter out of a pair of Latin-1 characters explains nothing.
 */
export function readsAsWords(text: string): boolean {
  if (!ANY_LANGUAGE.test(text)) return false;
  let runScript = 0;
  let runLength = 0;
  for (let i = 0; i <= text.length; i++) {
    const script = i < text.length ? scriptOf(text.charCodeAt(i)) : 0;
    const mark = i < text.length && text.charCodeAt(i) >= 0x300 && text.charCodeAt(i) < 0x370;
    if (mark) continue;
    if (script !== 0 && script === runScript) {
      runLength++;
      continue;
    }
    if (runScript !== 0 && runScript !== LATIN && runLength < 2) return false;
    if (script !== 0 && script !== LATIN && !OTHER_SCRIPTS.has(script)) return false;
    runScript = script;
    runLength = 1;
  }
  return true;
}

/**
 * Undoes mojibake in a word of any language (`MÃ¼nchen` → `München`, `SeÃ±or` → `Señor`): the
 * plain re-decodings, one level after another, and the least bad of them, when it has no
 * badness left while the word has some (see {@link badness}), and reads as words. No lost byte
 * is guessed here.
 */
export function undoAnyLanguage(word: string): MojibakeFix | undefined {
  const before = badness(word);
  if (before === 0) return undefined;
  let current = word;
  let bestText = word;
  let bestBad = before;
  let bestDepth = 0;
  let bestVariant = 0;
  for (let depth = 1; depth <= 3; depth++) {
    const level = undoLevel(current, false, false, WINDOWS_VIEW);
    // Windows-1258 is Vietnamese's code page: only the Vietnamese reading takes a word through
    // it (`ROMÂNĂ”` is Romanian, not `ROMÂNÔ`).
    if (!level || WINDOWS_VIEW.names[level.variant] === 'utf8-as-cp1258') break;
    const text = level.candidates[0];
    if (text === current) break;
    const bad = badness(text);
    if (bad < bestBad && readsAsWords(text)) {
      bestText = text;
      bestBad = bad;
      bestDepth = depth;
      bestVariant = Math.max(bestVariant, level.variant);
    }
    current = text;
  }
  // Without Vietnamese syllables to vouch for it, the reading must be text with no badness left
  // (`bebará»\u00a0—` is French, not a mangled `bebarỠ—`).
  if (bestDepth === 0 || bestBad > 0) return undefined;
  return {
    text: bestText,
    detail: detailOf(WINDOWS_VIEW, bestVariant, bestDepth),
    gain: before - bestBad,
    guessed: false,
    alternatives: [bestText],
    lowered: true,
  };
}

/** Letters only Vietnamese writes (ă đ ơ ư and the letters with a tone mark beyond Latin-1). */
const VIETNAMESE_ONLY = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]/u;

/** Whether every run of letters of `text` is a Vietnamese syllable, as written. */
export function readsAsSyllables(text: string): boolean {
  return readsAsVietnamese(text);
}

/**
 * Letters only Vietnamese writes that no page of the Windows view shows for a byte (`ả`, not
 * `Ă`, which Windows-1258 shows for C3: `Ănh` may be its mojibake or a transliteration).
 */
const VIETNAMESE_ONLY_UNSHOWN = /[ĩũĨŨ\u1ea0-\u1ef9]/u;

/** Whether `text` holds a letter only Vietnamese writes, not one a byte is shown as. */
export function hasVietnameseOnlyLetter(text: string): boolean {
  return VIETNAMESE_ONLY_UNSHOWN.test(text);
}

/**
 * Whether the words of a line vouch for one word of mojibake left in it (`Há» nói khi nỗ lực`,
 * `Chúng tôi đi tá»…`): two words or more that are Vietnamese syllables with a letter beyond
 * ASCII, one of them with a letter only Vietnamese writes, and no `«` (a `»` after `á` then
 * closes a quotation: `«lá»`).
 */
export function vouchesForResidue(words: readonly string[]): boolean {
  let marked = 0;
  let own = false;
  for (const w of words) {
    if (w.includes('«')) return false;
    if (!/[^\u0000-\u007f]/.test(w) || !readsAsVietnamese(w)) continue;
    marked++;
    own ||= VIETNAMESE_ONLY.test(w);
  }
  return marked >= 2 && own;
}

/**
 * Whether a word's reading may be taken on a line's word alone ({@link vouchesForResidue}): a
 * Vietnamese syllable of two letters or more, no lone letter (`Ã©` quoted for `é` is about
 * mojibake, not mojibake).
 */
export function isResidueReading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && readsAsVietnamese(text) && frequencyOf(text) > 0;
}

/** A word of a line undone through a code page other than Windows-1252/1258. */
export interface CodePageFix {
  /** Where the word starts in the line. */
  start: number;
  /** The word as written. */
  word: string;
  fix: MojibakeFix;
}

/**
 * Whether a re-decoded word reads as Vietnamese: some valid syllable standing as a word, and no
 * run of letters beyond ASCII that is none (a code page's own language decodes, if at all, into
 * letters of no language).
 */
function readsAsVietnamese(text: string): boolean {
  const a = analyse(text);
  return a.invalid === 0 && a.score > 0;
}

/** Letters of the Vietnamese alphabet, any case, digits, and ASCII, Latin-1 and general punctuation. */
const VIETNAMESE_OR_NO_LETTER = /^[\u0000-\u0040\u005b-\u0060\u007b-\u00bf\u2000-\u206fa-zA-ZàáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ\u1ea0-\u1ef9]*$/u;

/**
 * Whether `view` explains the whole of `word`: every run of characters it shows as bytes, where
 * the run holds a byte beyond ASCII, is valid UTF-8 (no byte is left over as it was).
 */
function explainsWhole(word: string, view: ByteView): boolean {
  const bytes: number[] = [];
  const flush = (): boolean => {
    const ok = bytes.every((b) => b < 0x80) || decodesStrictly(bytes);
    bytes.length = 0;
    return ok;
  };
  for (const ch of word) {
    // A replacement stands for a byte the view leaves undefined (any of them: all continuation bytes).
    const b = ch === '\ufffd' && view.replacedBytes.length > 0 ? view.replacedBytes[0] : view.byteOf.get(ch);
    if (b !== undefined) bytes.push(b);
    else if (!flush()) return false;
  }
  return flush();
}

/** Whether `bytes` are valid UTF-8 from end to end (checked by hand: a decoder's exception is slow). */
function decodesStrictly(bytes: readonly number[]): boolean {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return false;
    for (let k = 1; k < n; k++) {
      const c = bytes[i + k];
      let low = 0x80;
      let high = 0xbf;
      if (k === 1) {
        if (b === 0xe0) low = 0xa0;
        else if (b === 0xf0) low = 0x90;
        else if (b === 0xed) high = 0x9f;
        else if (b === 0xf4) high = 0x8f;
      }
      if (c < low || c > high) return false;
    }
    i += n;
  }
  return true;
}

/** Whether a word as written has letters beyond ASCII that make no Vietnamese syllable, or debris. */
function unreadable(word: string): boolean {
  const a = analyse(word);
  return a.invalid > 0 || a.debris > 0;
}

/** Whether every character of `word` stands for the same byte in `view` as in the Windows view. */
function readsAsWindows(word: string, view: ByteView): boolean {
  for (const ch of word) {
    const b = view.byteOf.get(ch);
    if (b !== undefined && b >= 0x80 && WINDOWS_VIEW.byteOf.get(ch) !== b) return false;
  }
  return true;
}

/** How a view reads a word of a line: as Vietnamese, along with the line, against it, or not at all. */
const READ_AS_VIETNAMESE = 0;
const READ_ALONG = 1;
const READ_AGAINST = 2;
const READ_NOT = 3;

/** What one view makes of one word (see {@link codePageReading}). */
interface PageWord {
  /** The word undone whole through the view, gaining 1 or more (as `undoMojibake(word, 0, false, view)`). */
  fix: MojibakeFix | undefined;
  /**
   * READ_AS_VIETNAMESE: `fix` reads as Vietnamese; READ_ALONG: `fix` is Vietnamese letters but
   * no syllable; READ_AGAINST: no such reading, and the word as written is none either.
   */
  reads: number;
  /** The view reads it as Vietnamese and the Windows view, showing it otherwise, does not: evidence for the view. */
  own: boolean;
}

/**
 * What each view made of the words seen, by view: the same words come back line after line of an
 * archive (each undone through the page and through the Windows view, with a score of every
 * reading), so each is read once.
 */
const PAGE_WORDS: Array<Map<string, PageWord>> = CODE_PAGE_VIEWS.map(() => new Map());
const PAGE_WORDS_LIMIT = 20_000;

/** What view `k` of {@link CODE_PAGE_VIEWS} makes of `word` (computed once, then remembered). */
function pageWordOf(word: string, k: number): PageWord {
  const memo = PAGE_WORDS[k];
  let found = memo.get(word);
  if (found !== undefined) return found;
  const view = CODE_PAGE_VIEWS[k];
  const fix = wholeWord(word, view) ? undoMojibake(word, 0, false, view) : undefined;
  let reads = READ_NOT;
  let own = false;
  if (fix !== undefined && readsAsVietnamese(fix.text) && fix.gain >= 1) {
    reads = READ_AS_VIETNAMESE;
    if (!readsAsWindows(word, view)) {
      const windows = undoMojibake(word, 1);
      own = windows === undefined || !readsAsVietnamese(windows.text);
    }
  } else if (fix !== undefined && VIETNAMESE_OR_NO_LETTER.test(fix.text)) reads = READ_ALONG;
  else if (unreadable(word)) reads = READ_AGAINST;
  found = { fix, reads, own };
  if (memo.size >= PAGE_WORDS_LIMIT) memo.clear();
  // A copy of the key: a slice would keep the whole line alive in the memo.
  memo.set((' ' + word).slice(1), found);
  return found;
}

/** Whether the page shows `word` as UTF-8 to undo (a pair, or a replaced byte) and explains it whole. */
function wholeWord(word: string, view: ByteView): boolean {
  const replaced = view.replacedBytes.length > 0 && word.includes('\ufffd');
  return (replaced || hasUtf8Pair(word, view)) && explainsWhole(word, view);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

let lastLine: string | undefined;
let lastReading: CodePageFix[] | undefined;

/**
 * The words of `line` undone through the one code page other than Windows-1252/1258 that the
 * line agrees on (Mac Roman, Windows-1250, ISO-8859-2, Windows-1251, CP437, CP850,
 * ISO-8859-15); `undefined` when none does. `pairs`: the views that may read the line (see
 * `codePageViews`).
 *
 * A view reads the line only on evidence:
 * - each word it undoes is undone whole (every byte run valid UTF-8) into Vietnamese (see
 *   {@link readsAsVietnamese}), gaining as {@link undoMojibake} asks;
 * - it reads some word as Vietnamese that the Windows view does not: where both read the line
 *   alike (`á` and `»` are the same bytes in Windows-1250 and -1252), the Windows view keeps it,
 *   as the common damage, and its own passes decide;
 * - the words it undoes outnumber the words it leaves that read as no Vietnamese (a Czech or
 *   Russian line with one word that happens to decode stays as it is).
 * The view that reads the most words of the line as Vietnamese undoes all of them: a line is not
 * read half through one page and half through another (`Tiáşżng Viá»‡t` is all Windows-1250,
 * though `Viá»‡t` alone reads as Windows-1252 too). Between views that read as many, the one
 * that leaves fewer words decoded into no syllable wins, then the view listed first.
 */
export function codePageReading(line: string, pairs: number): CodePageFix[] | undefined {
  if (pairs === 0) return undefined;
  if (line === lastLine) return lastReading;
  lastLine = line;
  lastReading = undefined;
  // Cheap first, in one pass over the words: the pages that show some word differently from the
  // Windows view and decode it into Vietnamese letters. Without one, no page has evidence (a
  // line of Windows-1252 mojibake is mostly shown alike by ISO-8859-15 and Windows-1250).
  // A page reads a word otherwise than the Windows view only through a character it shows for
  // another byte ({@link SHOWN_OTHERWISE}): the others are not asked.
  let candidates = 0;
  for (let i = 0; i < line.length; ) {
    let end = i;
    let otherwise = 0;
    for (; end < line.length; end++) {
      const c = line.charCodeAt(end);
      if (isSpace(c)) break;
      if (c >= 0x80) otherwise |= SHOWN_OTHERWISE[c];
    }
    const ask = otherwise & pairs & ~candidates;
    if (ask !== 0) {
      for (let k = 0; k < CODE_PAGE_VIEWS.length; k++) {
        const bit = 1 << k;
        if (ask & bit && ownVietnameseWord(line, i, end, CODE_PAGE_VIEWS[k])) candidates |= bit;
      }
    }
    i = end + 1;
  }
  if (candidates === 0) return undefined;
  const words: Array<{ start: number; text: string }> = [];
  for (const m of line.matchAll(/[^ \t\r]+/g)) {
    if (/[^\u0000-\u007f]/.test(m[0])) words.push({ start: m.index, text: m[0] });
  }
  let best: CodePageFix[] | undefined;
  let bestCount = 0;
  let bestAlong = 0;
  for (let k = 0; k < CODE_PAGE_VIEWS.length; k++) {
    if ((candidates & (1 << k)) === 0) continue;
    const view = CODE_PAGE_VIEWS[k];
    // Evidence first: a word the page reads as Vietnamese where the Windows view does not. Only
    // a word it shows otherwise can be one; without any, the page is not read further.
    const readings = words.map((w) => pageWordOf(w.text, k));
    if (!readings.some((r) => r.own)) continue;
    const fixes: CodePageFix[] = [];
    // Words undone into letters of the Vietnamese alphabet but no valid syllable (`nguời`, a
    // misspelling as written): undone along with the line, never evidence for the view.
    const along: CodePageFix[] = [];
    let own = 0;
    let against = 0;
    words.forEach((w, i) => {
      const r = readings[i];
      if (r.fix === undefined) return;
      if (r.reads === READ_AS_VIETNAMESE) {
        fixes.push({ start: w.start, word: w.text, fix: r.fix });
        if (r.own) own++;
      } else if (r.reads === READ_ALONG) along.push({ start: w.start, word: w.text, fix: r.fix });
    });
    for (const r of readings) if (r.reads === READ_AGAINST) against++;
    if (own === 0 || fixes.length <= against) continue;
    // The most words read as Vietnamese, then the fewest read into no syllable.
    if (best === undefined || fixes.length > bestCount || (fixes.length === bestCount && along.length < bestAlong)) {
      best = along.length === 0 ? fixes : [...fixes, ...along].sort((a, b) => a.start - b.start);
      bestCount = fixes.length;
      bestAlong = along.length;
    }
  }
  lastReading = best;
  return best;
}
