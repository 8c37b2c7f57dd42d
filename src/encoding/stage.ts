/**
 * The encoding-repair stage: finds the words of a line that are mojibake, legacy-font text
 * seen through Windows-1252, or VIQR, and re-decodes them where the result reads as clearly
 * better Vietnamese. Words are the runs between ASCII spaces and tabs; damage never spans
 * them, because every encoding involved keeps ASCII as it is.
 */
import type { Stage } from '../stage.js';
import type { StageEdit } from '../types.js';
import type { LanguageModel } from '../model/index.js';
import { availableLanguageProfiles } from '../language/default.js';
import type { LanguageProfiles } from '../language/model.js';
import { EditTracker, settleEdits } from '../edits.js';
import { withoutMentions } from './mentions.js';
import { badness } from './badness.js';
import { type ByteView, CP1252_BYTE, CP1258_BYTE, WINDOWS_VIEW } from './charsets.js';
import { bundledModel, chooseInContext } from './context.js';
import { findLetterReferences, mayHaveReference } from './html.js';
import { decodeLegacyView, isWindows1252View, LEGACY_DETAIL, LEGACY_VIEWS } from './legacy.js';
import { codePageReading, fittingCase, hasReplacedByte, hasVietnameseOnlyLetter, inCaseOfSentence, isResidueReading, readsAsSyllables, type MojibakeFix, readsAsWords, undoAnyLanguage, undoMojibake, vouchesForResidue } from './mojibake.js';
import { hasOpenSequence, hasUtf8Pair, lostBytesView, undoWholeLine } from './whole-line.js';
import { codePageViews, SHOWN_OTHERWISE_IN_SEQUENCE, SOME_CONTINUATION, SOME_VIETNAMESE_LEAD } from './code-page-views.js';
import { mayHaveQuestionLetters, readQuestionLetters, readReplacedLetters, showsQuestionLetters } from './replaced-letters.js';
import { analyse, type Analysis, plausibleCase, syllableCount, syllableGain, vietnameseScore } from './score.js';
import { decodeViqrWord, readsAsViqrWord } from './viqr.js';
import { isValidSyllable } from '../orthography/index.js';
import { isSuspiciousUnit, noteSuspicious } from '../unicode/chars.js';
import type { LegacyEncoding } from './charsets.js';

/** Options of {@link encodingStage}. */
export interface EncodingStageOptions {
  /** Decode HTML character references to letters (`&#7871;`, `&ecirc;`). Default `false`. */
  htmlEntities?: boolean;
  /**
   * The language model that chooses between readings of a lost byte by context (`tọa`/`tỏa`)
   * and fills letters lost to U+FFFD (`Vi�t`). Default: the bundled model, loaded only when
   * such a choice comes up; without one, the more frequent syllable wins and no letter is filled.
   */
  model?: LanguageModel;
  /**
   * The language profiles: a word listed in another language (Italian `può`) counts against
   * reading its line as legacy-font text. Default: the bundled ones where they can be read.
   */
  languages?: LanguageProfiles;
}

/**
 * Characters that clean Vietnamese (or English, French, German…) text does not contain but
 * damaged text does: C0/C1 controls (VISCII capitals, undefined bytes), the Latin-1 symbols
 * and non-Vietnamese letters that UTF-8 continuation bytes and legacy fonts show as, and the
 * Windows-1252 extras at 0x80-0x9F.
 */
const SUSPICIOUS_CHARS =
  '\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0B\x0C\x0E\x0F\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F' +
  '\x7F\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8A\x8B\x8C\x8D\x8E\x8F\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9A\x9B\x9C\x9D\x9E\x9F' +
  '¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿŒœŠšŸŽžƒˆ˜†‡‰‹›€™';

/**
 * Pairs of characters that clean text does not contain: a lead-byte letter followed by a
 * Windows-1252 punctuation continuation byte (`â€œ`); a vowel followed by a Windows-1258 tone
 * byte (`Tiêìng`) or by a VNI mark byte that no Vietnamese spelling puts there (`Soeùt`,
 * `gaãu`); a VIQR shape mark after its vowel (`e^`, `o+`, `a(`); a VIQR tone mark inside a
 * word (`A\`i`, checked with the letter after it); `Ã` (`Ă` through Windows-1258) before a
 * lower-case letter or a space, the lead byte of `à`, `í`, `Á` whose partner was lost (`KÃch`,
 * `thÃ nh`, `thĂ nh`, `Ãi`).
 */
const SUSPICIOUS_PAIRS: ReadonlyArray<readonly [first: string, next: string]> = [
  ['ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîï', '\u00A0‚„…‘’“”•–—'],
  ['aeiouyâêôãõýAEIOUYÂÊÔÃÕÝ', 'ÌìÒòÞ'],
  ['eE', 'ùøûõïáàåãäâÙØÛÕÏÁÀÅÃÄÂ'],
  ['aA', 'ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË'],
  ['oO', 'ùøûõïâåäÙØÛÕÏÂÅÄ'],
  ['uUyYôÔ', 'ùøûõïÙØÛÕÏ'],
  ['aeouAEOU', '(^+'],
  ['aeiouyAEIOUY', "`'?~."],
  ['ÃĂ', 'abcdefghijklmnopqrstuvwxyz '],
];
/** The pair whose second character must itself be followed by an ASCII letter. */
const VIQR_TONE_PAIR = 7;

const SCAN_SIZE = 0x2200;
/** Bits of {@link SCAN}: 0–8 the pairs a code may start, then SINGLE, then the pairs it may end. */
const STARTS = 0x1ff;
const SINGLE = 0x200;
const NEXT_SHIFT = 10;
const SCAN = new Uint32Array(SCAN_SIZE);
for (const ch of SUSPICIOUS_CHARS) SCAN[ch.charCodeAt(0)] |= SINGLE;
SUSPICIOUS_PAIRS.forEach(([first, next], k) => {
  for (const ch of first) SCAN[ch.charCodeAt(0)] |= 1 << k;
  for (const ch of next) SCAN[ch.charCodeAt(0)] |= 1 << (k + NEXT_SHIFT);
});
/**
 * Bit of {@link SCAN} for a character Vietnamese text is not made of (beyond Latin-1, the
 * Vietnamese letters, the tone marks and general punctuation): text with one may have badness.
 */
const FOREIGN = 1 << 24;
for (let c = 0x100; c < SCAN_SIZE; c++) {
  const vietnamese =
    [0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1a0, 0x1a1, 0x1af, 0x1b0, 0x309, 0x323, 0x20ac].includes(c) ||
    (c >= 0x300 && c <= 0x303) ||
    (c >= 0x1ea0 && c <= 0x1ef9) ||
    (c >= 0x2000 && c <= 0x206f);
  if (!vietnamese) SCAN[c] |= FOREIGN;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Whether `line` holds a character or a pair of characters that clean text does not (see
 * {@link SUSPICIOUS_CHARS} and {@link SUSPICIOUS_PAIRS}).
 */
export function mayBeDamaged(line: string): boolean {
  return (cleanScan(line) & SIGN_OF_DAMAGE) !== 0;
}

/**
 * What {@link cleanScan} finds: a sign of damage, or else whether a code page may read the line
 * and whether it has a {@link FOREIGN} character.
 */
const SIGN_OF_DAMAGE = 1;
const CODE_PAGE_SIGN = 2;
const FOREIGN_SEEN = 4;

/** The line {@link cleanScan} read last, and what it found: a line is often asked twice in a row. */
let scannedLine = '';
let scannedFound = 0;
let scannedUnicode = false;

/**
 * The clean-line test: one pass over the char codes with one table look-up each. A pair is
 * found at its second character, against the pairs the character before may start, so clean
 * lines are rejected fast. Read to its end, a clean line also tells whether a code page other
 * than Windows-1252/1258 may read it (see code-page-views.ts): only where a character some page
 * shows otherwise is in it, and one some page shows as a Vietnamese lead byte is followed by one
 * some page shows as a continuation byte. Few clean lines are; only those are read further.
 *
 * A line is asked again right after: by the stage's pass after its `mayApply`, and, once
 * re-decoded whole, by the stage's test of its own result after the judgement of the reading.
 */
function cleanScan(line: string): number {
  if (line === scannedLine) {
    if (scannedFound !== SIGN_OF_DAMAGE) noteSuspicious(line, scannedUnicode);
    return scannedFound;
  }
  const n = line.length;
  let prev = 0; // the previous character's bits
  let seen = 0;
  let codePagePair = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const t = CLEAN_SCAN[line.charCodeAt(i)];
    seen |= t;
    codePagePair |= (prev << 1) & t; // CODE_PAGE_LEAD, then CODE_PAGE_CONTINUATION
    const pair = prev & STARTS & (t >>> NEXT_SHIFT);
    if (pair !== 0 || (t & SINGLE) !== 0) {
      const sign =
        t & SINGLE
          ? !isUnicodeDamage(line, i)
          : pair !== 1 << VIQR_TONE_PAIR
            ? !endsNoSequence(line, i)
            : i + 1 < n && isAsciiLetterCode(line.charCodeAt(i + 1));
      if (sign) {
        found = SIGN_OF_DAMAGE;
        break;
      }
    }
    prev = t;
  }
  if (found === 0) {
    // A clean line is read to its end: what the Unicode stage's test would find in it is known.
    scannedUnicode = (seen & UNICODE_SUSPICIOUS) !== 0;
    noteSuspicious(line, scannedUnicode);
    if (codePagePair & CODE_PAGE_CONTINUATION && seen & CODE_PAGE_OTHERWISE) found |= CODE_PAGE_SIGN;
    if (seen & FOREIGN) found |= FOREIGN_SEEN;
  }
  scannedLine = line;
  scannedFound = found;
  return found;
}

/**
 * Whether the suspicious character at `i` is the Unicode stage's to repair: `ð`/`Ð` or a soft
 * hyphen inside a word that also writes a letter no legacy font or Windows view shows (`ðộng`,
 * `Ngườ\u00ADi`, `\u00ADvậy`; see {@link hasVietnameseOnlyLetter}): the word is Unicode text
 * with a look-alike or an invisible character, not a byte of mojibake or of a legacy font.
 */
function isUnicodeDamage(line: string, i: number): boolean {
  const code = line.charCodeAt(i);
  if (code !== 0xf0 && code !== 0xd0 && code !== 0xad) return false;
  let from = i;
  while (from > 0 && !isRunBreakCode(line.charCodeAt(from - 1)) && i - from < WORD_REACH) from--;
  let to = i + 1;
  while (to < line.length && !isRunBreakCode(line.charCodeAt(to)) && to - i < WORD_REACH) to++;
  return hasVietnameseOnlyLetter(line.slice(from, to));
}

/** How far {@link isUnicodeDamage} looks for the ends of a word. */
const WORD_REACH = 24;

function isRunBreakCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

/**
 * Whether the pair that ends at `i` is a no-break space after a letter a byte of three
 * (`à á â ã è é ê ì í` = E0–EF) shows, with no continuation byte after it: `và\u00A0Hà`, text
 * whose spaces became no-break ones, not mojibake. Byte A0 after a lead of three starts no
 * Latin or Vietnamese letter, and the sequence would need a third byte.
 */
function endsNoSequence(line: string, i: number): boolean {
  if (line.charCodeAt(i) !== 0xa0) return false;
  const lead = line.charCodeAt(i - 1);
  return lead >= 0xe0 && lead <= 0xef && (i + 1 >= line.length || !SHOWN_CONTINUATION[line.charCodeAt(i + 1)]);
}

/** char code → whether Windows-1252, Windows-1258, Latin-1 or another code page shows it for a continuation byte (or U+FFFD for one). */
const SHOWN_CONTINUATION = (() => {
  const table = Uint8Array.from(SOME_CONTINUATION);
  for (const map of [CP1252_BYTE, CP1258_BYTE]) for (const [ch, b] of map) if (b >= 0x80 && b <= 0xbf) table[ch.charCodeAt(0)] = 1;
  for (let c = 0x80; c <= 0xbf; c++) table[c] = 1;
  table[0xfffd] = 1;
  return table;
})();

/**
 * {@link SCAN} over every code unit (none above it starts or ends a pair, and all are
 * {@link FOREIGN}), with a bit for the code units the Unicode stage acts on, and three for the
 * code pages' test: the clean-line tests of both stages in one pass.
 */
const UNICODE_SUSPICIOUS = 1 << 25;
const CODE_PAGE_LEAD = 1 << 26;
const CODE_PAGE_CONTINUATION = CODE_PAGE_LEAD << 1;
const CODE_PAGE_OTHERWISE = 1 << 28;
const CLEAN_SCAN = new Uint32Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  CLEAN_SCAN[c] =
    (c < SCAN_SIZE ? SCAN[c] : FOREIGN) |
    (isSuspiciousUnit(c) ? UNICODE_SUSPICIOUS : 0) |
    (SOME_VIETNAMESE_LEAD[c] ? CODE_PAGE_LEAD : 0) |
    (SOME_CONTINUATION[c] ? CODE_PAGE_CONTINUATION : 0) |
    (SHOWN_OTHERWISE_IN_SEQUENCE[c] ? CODE_PAGE_OTHERWISE : 0);
}
// U+FFFD, never correct text: a letter or a byte a decoder could not read (see replaced-letters.ts).
CLEAN_SCAN[0xfffd] |= SINGLE;

/**
 * Combining marks no Latin orthography writes (overlays, phonetic marks below, the medieval
 * superscript letters U+0363-U+036F). Windows-1252 shows their UTF-8 as a capital `Ì` or `Í`
 * and a symbol (`Í©` is U+0369), so a correct word in capitals with a symbol after it
 * (`ARIGUANÍ©`) would decode to one: such a decoding is no repair.
 */
const RARE_MARK = /[\u030D-\u031A\u031C-\u0322\u0324\u0325\u0329-\u036F]/;

/**
 * The badness of a re-decoded line, or `undefined` where it still looks damaged or holds
 * text of no language: a line of Vietnamese letters and punctuation alone has none.
 */
function judgeDecoded(text: string): number | undefined {
  if (RARE_MARK.test(text)) return undefined;
  // The clean-line test of the stage: the reading taken is the line the stage is asked of next.
  // (U+FFFD is a sign of damage there, and no text of any language either way.)
  const found = cleanScan(text);
  if (found & SIGN_OF_DAMAGE) return undefined;
  if ((found & FOREIGN_SEEN) === 0) return 0;
  return isAnyLanguageText(text) ? badness(text) : undefined;
}

/** A word of the line: the text between ASCII spaces / tabs. */
interface Word {
  start: number;
  end: number;
  text: string;
  /** Set once a pass has fixed the word. */
  fixed: boolean;
  /** The fixed word, when a pass fixed it. */
  after: string | undefined;
  /** Position in the line's word list. */
  index: number;
  /** What the passes judge of the word's text alone (see {@link WordFacts}). */
  facts: WordFacts;
}

/**
 * What the passes judge of a word's text alone, whatever its line: the tests that pick the
 * words a pass looks at, and, once a pass has needed them, the word's mojibake readings and
 * its reading in each legacy encoding. The same words come back line after line in a file,
 * so each word is judged once ({@link factsOf}) and a line costs one look-up per word.
 */
interface WordFacts {
  nonAscii: boolean;
  /** Non-ASCII or a C0 control: VISCII and VPS put capitals at 0x00-0x1F. */
  mayBeLegacy: boolean;
  /** Every character is one Windows-1252 shows for some byte. */
  windows1252View: boolean;
  /** Holds a Vietnamese letter only Unicode has (see {@link VIETNAMESE_UNICODE}). */
  unicodeOnly: boolean;
  /** Holds a byte TCVN3 writes its own letters with (see {@link legacyPass}). */
  tcvn3Sign: boolean;
  /** Ends in a UTF-8 sequence that lacks only its last byte (see {@link endsInOpenSequence}). */
  endsOpen: boolean;
  /** Turned back into bytes, holds a UTF-8 lead byte and a continuation byte. */
  utf8Pair: boolean;
  /** {@link utf8Pair} or an open UTF-8 sequence: only such a word has a first-round mojibake reading. */
  mojibakeSign: boolean;
  /** {@link mojibakeOutcome} of rounds 0 and 1, once asked. */
  mojibake: [MojibakeOutcome | null | undefined, MojibakeOutcome | null | undefined];
  /** The word with its mojibake undone, needing a gain of 0 or 1, or as it is: once asked. */
  undone: [string | undefined, string | undefined];
  /** {@link undoAnyLanguage} of the word, once asked. */
  anyLanguage: MojibakeFix | null | undefined;
  /** {@link lostNoBreakSpace} of the word, once asked. */
  beforeSpaces: MojibakeFix | null | undefined;
  /** The reading in each of {@link LEGACY_VIEWS}, once asked (`null`: none). */
  readings: Array<LegacyReading | null | undefined>;
  /** The numbers of all its legacy readings in one array, once asked (see {@link legacyNumbers}). */
  legacy: Int32Array | undefined;
  /** Its TCVN3 reading with the case restored, within a sentence and at its start, once asked. */
  tcvn3Cased: [string | undefined, string | undefined];
  analysis: Analysis | undefined;
  /** Whether another language of {@link foreignIn} lists the word, asked of those profiles. */
  foreignIn: LanguageProfiles | undefined;
  foreign: boolean;
  /** {@link readsAsWritten} of the word, once asked. */
  readsAsWritten: boolean | undefined;
}

function newFacts(text: string, plain: boolean): WordFacts {
  return {
    nonAscii: !plain && hasNonAscii(text),
    mayBeLegacy: !plain && mayBeLegacy(text),
    windows1252View: plain || isWindows1252View(text),
    unicodeOnly: !plain && VIETNAMESE_UNICODE.test(text),
    tcvn3Sign: !plain && TCVN3_SIGN.test(text),
    endsOpen: !plain && endsInOpenSequence(text),
    utf8Pair: !plain && hasUtf8Pair(text),
    mojibakeSign: !plain && (hasUtf8Pair(text) || hasOpenSequence(text)),
    mojibake: [undefined, undefined],
    undone: [undefined, undefined],
    anyLanguage: plain ? null : undefined,
    beforeSpaces: plain ? null : undefined,
    readings: plain ? [null, null, null, null, null] : [undefined, undefined, undefined, undefined, undefined],
    legacy: plain ? NO_READINGS : undefined,
    tcvn3Cased: [undefined, undefined],
    analysis: undefined,
    foreignIn: undefined,
    foreign: false,
    readsAsWritten: plain ? true : undefined,
  };
}

/** Numbers of a word with no legacy reading (see {@link legacyNumbers}). */
const NO_READINGS = new Int32Array(17).fill(-1, 16);

/** Facts of a word of printable ASCII: no pass has anything to read in it. */
const PLAIN_ASCII: WordFacts = newFacts('a', true);

/** TCVN3's bytes for ă â ê ô ơ ư đ and the a's with tones (see {@link legacyPass}). */
const TCVN3_SIGN = /[\u00a8-\u00ae\u00b5-\u00bf]/;

/** Facts of the words seen, by text; a pure function's results, emptied when it grows large. */
const FACTS = new Map<string, WordFacts>();
const FACTS_LIMIT = 50_000;

function factsOf(text: string): WordFacts {
  let facts = FACTS.get(text);
  if (facts === undefined) {
    facts = newFacts(text, false);
    if (FACTS.size >= FACTS_LIMIT) FACTS.clear();
    FACTS.set(detached(text), facts);
  }
  return facts;
}

/** The word with its mojibake undone (`undoMojibake(text, minGain)`), or as it is. */
function undone(w: Word, minGain: 0 | 1): string {
  return undoneText(w.facts, w.text, minGain);
}

/** {@link undone} of a word's facts and text. */
function undoneText(facts: WordFacts, word: string, minGain: 0 | 1): string {
  if (facts === PLAIN_ASCII) return word;
  let text = facts.undone[minGain];
  if (text === undefined) text = facts.undone[minGain] = undoMojibake(word, minGain)?.text ?? word;
  return text;
}

/** A word whose mojibake reading rests on a guessed lost byte, with the readings as good. */
interface Guess {
  word: Word;
  alternatives: string[];
  detail: string;
  confidence: number;
  /** The word reads less bad with the guess (`thá»a`, `KÃch`): evidence of its own. */
  lowered: boolean;
}

const NO_GUESSES: readonly Guess[] = Object.freeze([]);

/**
 * Signs the words of a line show between them, gathered as the line is split (see
 * {@link lineSigns}): a pass whose sign no word shows has nothing to read in the line.
 */
const ENDS_OPEN = 1;
const MOJIBAKE_SIGN = 2;
const UTF8_PAIR = 4;

/** The signs of the words {@link splitWords} split last. */
let lineSigns = 0;

function splitWords(line: string): Word[] {
  const words: Word[] = [];
  let signs = 0;
  let start = -1;
  let plain = true; // the word so far is printable ASCII
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 0x20;
    const space = c === 0x20 || c === 0x09 || c === 0x0d;
    if (space) {
      if (start >= 0) {
        const text = line.slice(start, i);
        const facts = plain ? PLAIN_ASCII : factsOf(text);
        if (facts.endsOpen) signs |= ENDS_OPEN;
        if (facts.mojibakeSign) signs |= MOJIBAKE_SIGN;
        if (facts.utf8Pair) signs |= UTF8_PAIR;
        // Every field from the start: one object shape for all words, whatever the passes set.
        words.push({ start, end: i, text, fixed: false, after: undefined, index: words.length, facts });
      }
      start = -1;
      plain = true;
    } else {
      if (start < 0) start = i;
      if (c >= 0x80 || c < 0x20) plain = false;
    }
  }
  lineSigns = signs;
  return words;
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

/** Non-ASCII or a C0 control: VISCII and VPS put capitals at 0x00-0x1F. */
function mayBeLegacy(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || (c < 0x20 && c !== 0x09)) return true;
  }
  return false;
}

function isMark(c: number): boolean {
  return c >= 0x300 && c <= 0x36f;
}

/** An edit replacing `before` by `after` at `start`, trimmed to the part that differs. */
function trimmedEdit(
  start: number,
  before: string,
  after: string,
  kind: StageEdit['kind'],
  confidence: number,
  detail: string,
): StageEdit {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let q = 0;
  while (q < max - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  // Do not cut a letter from the combining marks that follow it.
  while (p > 0 && isMark(before.charCodeAt(p))) p--;
  return {
    start: start + p,
    end: start + before.length - q,
    after: after.slice(p, after.length - q),
    kind,
    confidence,
    detail,
  };
}

function confidenceOf(gain: number, base: number): number {
  return Math.min(0.99, base + 0.05 * gain);
}

/**
 * Characters Vietnamese text is made of: Latin-1 and Latin Extended-A letters, ơ ư, the
 * Vietnamese block, combining marks, general punctuation and symbols, emoji. A mojibake reading that yields anything else
 * (`ngß¶i`, VISCII, read as UTF-8 gives an N'Ko letter) is not taken.
 */
const EXPECTED = /^[\u0000-\u017F\u01A0\u01A1\u01AF\u01B0\u0300-\u0303\u0306\u0309\u031B\u0323\u1E00-\u1EFF\u2000-\u2BFF\u{1F000}-\u{1FAFF}]*$/u;

/** Whether every letter of `s` is a capital (an acronym or an initial: `HĐQT`, `Đ.`). */
function allCapitals(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** The detail of a reading through Windows-1258 (see `WINDOWS_VIEW`). */
const CP1258_VIEW = 'utf8-as-cp1258';

/** Characters that start a UTF-8 sequence shown as Windows-1252 (`Ã`, `Ä`, `Æ`, `á`…) or Windows-1258 (`Ă`). */
const LEAD_BYTE_CHAR = /[\u00c2-\u00f4\u0102]/;

/** A word's mojibake reading as {@link mojibakePass} takes it, with its confidence. */
interface MojibakeOutcome {
  fix: MojibakeFix;
  confidence: number;
}

/**
 * Whether and how {@link mojibakePass} undoes a word in round 0 (a decodable byte pair or a
 * sequence that lost its last byte, reading better) or round 1 (a lead byte, no worse): a
 * judgement of the word alone, kept in its {@link WordFacts}.
 */
function mojibakeOutcome(facts: WordFacts, text: string, round: 0 | 1, questionAtEnd = false, view: ByteView = WINDOWS_VIEW): MojibakeOutcome | null {
  // A word's judgement through the Windows view is its own; through another, the line's.
  const cached = !questionAtEnd && view === WINDOWS_VIEW;
  const known = cached ? facts.mojibake[round] : undefined;
  if (known !== undefined) return known;
  let outcome: MojibakeOutcome | null = null;
  if (round === 0 ? hasUtf8Pair(text) || hasOpenSequence(text) : LEAD_BYTE_CHAR.test(text)) {
    const fix = undoMojibake(text, round === 0 ? 1 : 0, questionAtEnd, view);
    if (
      fix &&
      !(round === 0 && !fix.guessed && !fix.lowered) &&
      !(fix.guessed && vietnameseScore(fix.text) < 1 && !allCapitals(fix.text)) &&
      // A no-break space read as a byte of a letter must give words in a plausible case:
      // French and other Latin-1 text writes it after `»` (`«suratá»\u00a0Abbrände` is no
      // `suratỠAbbrände`, though `á»\u00a0` is `Ỡ` in `NGỠ`).
      !(noBreakSpaces(fix.text) < noBreakSpaces(text) && !lettersInPlausibleCase(fix.text)) &&
      EXPECTED.test(fix.text)
    ) {
      outcome = { fix, confidence: confidenceOf(fix.gain, fix.guessed || round === 1 ? 0.6 : 0.8) };
    }
  }
  if (cached) facts.mojibake[round] = outcome;
  return outcome;
}

/** Whether every run of letters of `s` is in lower case, upper case or title case. */
function lettersInPlausibleCase(s: string): boolean {
  for (const m of s.matchAll(/\p{L}+/gu)) if (!plausibleCase(m[0])) return false;
  return true;
}

function noBreakSpaces(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\u00a0'); i >= 0; i = s.indexOf('\u00a0', i + 1)) n++;
  return n;
}

/**
 * Whether a word of the line shows `?` written for a byte inside it (`NgÆ°á»?i`): the line
 * went through a converter that writes `?` for what it cannot show, so a `?` ending a word
 * after a broken sequence (`há»?`) is such a byte too.
 */
function questionReplacesInLine(words: readonly Word[]): boolean {
  for (const w of words) if (w.facts.nonAscii && w.text.includes('?') && hasReplacedByte(w.text)) return true;
  return false;
}

/**
 * Undoes mojibake word by word; a word is fixed only where it reads better, into the letters
 * Vietnamese text is made of, and less bad (see {@link badness}). A guessed lost byte must
 * yield a syllable, or an acronym: those are returned for later, to be used where the word
 * itself or the rest of the line shows mojibake for certain and no legacy reading fits. Once
 * a line has shown mojibake, words that read no worse undone (`Ã` alone: the lost byte of
 * `Á`) are undone too; `shown`: the words the line's no-break spaces shown as spaces already
 * showed (`NgÃ y lá»…`).
 */
function mojibakePass(line: string, words: Word[], edits: StageEdit[], shown: number): { fallback: Guess[]; sure: number; vouched: boolean } {
  const fallback: Guess[] = [];
  let sure = 0;
  const questionAtEnd = questionReplacesInLine(words);
  const view = lostBytesView(line);
  let vouched = false;
  let shownByGuesses = 0;
  for (let round = 0; round < 2; round++) {
    // A word that lost a byte but shows a whole UTF-8 sequence and reads less bad with the byte
    // guessed (`Äá»©ng`) shows the line's mojibake as well as a word undone for certain.
    if (round === 1 && sure + shown === 0 && fallback.some(showsSequence)) shown = shownByGuesses = 1;
    // A line of correct Vietnamese is evidence for the one word of mojibake left in it.
    if (round === 1 && sure + shown === 0 && !(vouched = vouchesForResidue(words.map((w) => w.text)))) break;
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      if (w.fixed || !w.facts.nonAscii) continue;
      if (round === 1 && sure + shown === 0 && !mayBeResidue(w)) continue;
      // Without a byte pair or an open sequence a word has no reading in round 0 (a legacy
      // line's words): asked of the word's facts before anything else.
      if (round === 0 && !w.facts.mojibakeSign) continue;
      // Alone, such a word is no evidence: it is taken in round 1, once the line has shown some.
      if (round === 0 && readsAsWritten(w.facts, w.text)) continue;
      // A `?` ending a word (not one in capitals: `WÄ?`, `NGÃ?`) before a small letter closes no
      // question: it replaced a byte.
      const question = w.text.includes('?') && (questionAtEnd || (startsSmall(words[k + 1]?.text) && /\p{Ll}/u.test(w.text)));
      let outcome = mojibakeOutcome(w.facts, w.text, round as 0 | 1, question, view);
      // Where no byte a decoder replaces fits (`Náº?`), the `?` is a question mark after all.
      if (outcome === null && question && !questionAtEnd) outcome = mojibakeOutcome(w.facts, w.text, round as 0 | 1, false, view);
      if (outcome === null) continue;
      const { fix, confidence } = outcome;
      if (round === 1 && sure + shown === 0 && !isResidueReading(fix.text)) continue;
      if (fix.guessed) {
        if (!fallback.some((f) => f.word === w)) {
          fallback.push({ word: w, alternatives: fix.alternatives, detail: fix.detail, confidence, lowered: fix.lowered });
        }
        continue;
      }
      w.fixed = true;
      w.after = fix.text;
      edits.push(trimmedEdit(w.start, w.text, fix.text, 'mojibake', confidence, fix.detail));
      sure++;
    }
  }
  return { fallback, sure: sure + shownByGuesses, vouched };
}

/** A guess whose word shows a whole UTF-8 sequence and reads less bad with the byte guessed. */
function showsSequence(g: Guess): boolean {
  return g.lowered && g.word.facts.utf8Pair;
}

/**
 * Whether a word may be the one word of mojibake a line of Vietnamese vouches for: it shows a
 * UTF-8 pair (`Há»`), or a broken sequence next to a letter only Vietnamese writes (`Äảng`, the
 * rest of a word undone before), and is no Vietnamese as written (`ĐÃ`, `NĂM` are), nor a
 * syllable in capitals before a symbol (`CÃ¹`).
 */
function mayBeResidue(w: Word): boolean {
  return (w.facts.utf8Pair || (w.facts.mojibakeSign && hasVietnameseOnlyLetter(w.text))) && !readsAsSyllables(w.text) && !capitalsThenSymbol(w.text);
}

/** Letters up to the first other character, and that character (`CÃ` and `¹` in `CÃ¹`). */
const LEADING_LETTERS = /^[\p{P}\p{S}]*([\p{L}\p{M}]+)[^\p{L}\p{M}]/u;

/**
 * Whether a word is a syllable in capitals followed by a symbol (`CÃ¹`, `LÃ©`, `ĐÃ®`): as
 * correct a word as `CÙ` would be mojibake of, and no evidence on its own.
 */
function capitalsThenSymbol(text: string): boolean {
  const m = LEADING_LETTERS.exec(text);
  return m !== null && m[1] === m[1].toUpperCase() && readsAsSyllables(m[1]);
}

/** Whether a word starts with a small letter (after opening punctuation). */
function startsSmall(text: string | undefined): boolean {
  const m = text === undefined ? null : /\p{L}/u.exec(text);
  return m !== null && m[0] !== m[0].toUpperCase();
}

/** {@link mojibakePass} on a line without a word it could read (no guesses: nothing to add to). */
const NO_MOJIBAKE: { fallback: Guess[]; sure: number; vouched: boolean } = Object.freeze({ fallback: Object.freeze([]) as unknown as Guess[], sure: 0, vouched: false });

/**
 * A word of letters with punctuation before them and, after them, a mark or symbol that follows
 * words in correct text (a closing quote, an ellipsis, a dash, `®`, `©`, `°`, `²`, `½`, `£`),
 * then more. Signs that follow no word (`‰`, `†`, `ˆ`, `Š`) are left out: after `Ã` or `Ì` they
 * are far likelier the second byte of `É`, `Ì`, `Ỳ`. So are `™`, `€`, `•`, the second bytes of
 * `Ù`, `À`, `Õ`: all-capital mojibake (`TRÃ™` for `TRÙ`) shows them after `Ã`.
 */
const LETTERS_IN_PUNCTUATION = /^[\p{P}\p{S}]*([\p{L}\p{M}]+)[…”’»›–—®©°±²³¹¼½¾£¥¢¤§¶·][\p{P}\p{S}\p{No}]*$/u;

/**
 * Whether the word reads well as it is written: a Vietnamese syllable in capitals between
 * punctuation and symbols (`“ĐÃ”`, `NGÃ…`, `THÌ®`, `KHÍ°`). Windows-1252 shows UTF-8 `Ô`, `Å`,
 * `U+0300` as `Ã”`, `Ã…`, `Ì€`: every character of 0x80-0xBF after a capital that starts a
 * two-byte sequence completes it. Such a word is also mojibake of another word, and only the
 * rest of its line can tell which. Mojibake of lower-case text shows a capital after small
 * letters (`vÃ `, `Ä‘`), never a word all in capitals that reads as a syllable.
 */
function readsAsWritten(facts: WordFacts, text: string): boolean {
  let reads = facts.readsAsWritten;
  if (reads === undefined) {
    const letters = LETTERS_IN_PUNCTUATION.exec(text)?.[1];
    // The last letter must start a two-byte sequence, so the mojibake reading ends at the mark
    // after it (`á»‚` is `ể` whatever `Ná` reads as). One letter (`Ã…`) is no word: `Ã` and `Â`
    // alone are only ever lead bytes.
    const lead = letters === undefined ? undefined : CP1252_BYTE.get(letters[letters.length - 1]);
    reads = facts.readsAsWritten =
      (lead !== undefined &&
        lead >= 0xc2 &&
        lead <= 0xdf &&
        letters!.length > 1 &&
        allCapitals(letters!) &&
        syllableCount(letters!) === 1) ||
      quotedAsWritten(text);
  }
  return reads;
}

/**
 * A word of letters between quotes of one pair, then punctuation (`„IRMÃ”`, `»MÅ«`, `‚NÃ‘`):
 * the closing quote is a continuation byte after a lead letter, but it closes the quote the
 * word opens, as correct text in any language does. Mojibake would have garbled the opening
 * quote too (`â€œ`).
 */
const QUOTED_WORD = /^[\p{P}\p{S}]*?([“„‚‘«»‹›”])([\p{L}\p{M}]+)([”“‘’»«›‹])[\p{P}\p{S}\p{No}]*$/u;

/** The closing quotes each opening quote takes, in the languages that use it. */
const CLOSING_QUOTES: Readonly<Record<string, string>> = {
  '“': '”',
  '„': '“”',
  '‚': '‘’',
  '‘': '’',
  '«': '»',
  '»': '«»',
  '‹': '›',
  '›': '‹›',
  '”': '”',
};

function quotedAsWritten(text: string): boolean {
  const m = QUOTED_WORD.exec(text);
  if (m === null) return false;
  const [, opening, letters, closing] = m;
  const lead = CP1252_BYTE.get(letters[letters.length - 1]);
  return lead !== undefined && lead >= 0xc2 && lead <= 0xdf && CLOSING_QUOTES[opening].includes(closing);
}

/**
 * Whether every word of the line that may be mojibake {@link readsAsWritten} (`“ĐÃ” rồi`,
 * `NGÃ…`): the line as a whole is then no evidence of mojibake. Its words as {@link splitWords}
 * makes them, read from the line without making them: most lines of mojibake are settled at
 * their first word beyond ASCII.
 */
function onlyLookalikes(line: string): boolean {
  let any = false;
  let start = -1;
  let plain = true; // the word so far is printable ASCII
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 0x20;
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      if (start >= 0 && !plain) {
        const text = line.slice(start, i);
        const facts = factsOf(text);
        if (facts.utf8Pair) {
          if (!readsAsWritten(facts, text)) return false;
          any = true;
        }
      }
      start = -1;
      plain = true;
    } else {
      if (start < 0) start = i;
      if (c >= 0x80 || c < 0x20) plain = false;
    }
  }
  return any;
}

/**
 * Whether the word ends in a Vietnamese syllable in capitals whose last letter starts a
 * two-byte sequence (`MÃ`, `--from-code=MÃ`): before spaces it reads as written, and equally
 * as the lead byte of `Mà` whose no-break space became a space. The same bytes either way.
 */
function endsInCapitalSyllable(text: string): boolean {
  const letters = /[\p{L}\p{M}]+$/u.exec(text)?.[0];
  return letters !== undefined && letters.length > 1 && allCapitals(letters) && syllableCount(letters) === 1;
}

/**
 * Whether the line, apart from `word`, is correct Unicode Vietnamese: some word holds a letter
 * only Unicode has (`bảng`, `đầu`) and no other word shows a sign of mojibake. Then the line
 * gives no evidence for reading an ambiguous word as mojibake (see {@link endsInCapitalSyllable}).
 */
function correctUnicodeBesides(words: readonly Word[], word: Word): boolean {
  let unicode = false;
  for (const w of words) {
    if (w === word || w.facts === PLAIN_ASCII) continue;
    if (w.facts.endsOpen || (w.facts.mojibakeSign && !readsAsWritten(w.facts, w.text))) return false;
    if (w.facts.unicodeOnly) unicode = true;
  }
  return unicode;
}

/** End of a sentence: the next word starts a new one. */
const SENTENCE_END = /[.!?…]["'”’)\]»]*$/;

/**
 * TCVN3 (ABC) fonts have no capitals with tone marks: `Ấn` was typed with the code of `ấn`.
 * The case comes back where the text itself says so: a word that starts a sentence gets a
 * capital, and a word whose other letters are capitals is all capitals (`VIệT` → `VIỆT`).
 */
function restoreTcvn3Case(decoded: string, raw: string, sentenceStart: boolean): string {
  let upper = 0;
  let lowerAscii = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper++;
    else if (c >= 0x61 && c <= 0x7a) lowerAscii++;
  }
  // Capitals TCVN3 has (Ă Â Ê Ô Ơ Ư Đ, bytes 0xA1-0xA7 shown as ¡-§) count as capitals too.
  for (const ch of raw) if (ch >= '\u00a1' && ch <= '\u00a7') upper++;
  if (upper >= 2 && lowerAscii === 0) return decoded.toUpperCase();
  if (!sentenceStart) return decoded;
  const m = /\p{L}/u.exec(decoded);
  if (!m) return decoded;
  const first = decoded[m.index];
  const rawFirst = raw[m.index];
  // Only a letter TCVN3 wrote in lower case for want of a capital (never an ASCII a-z).
  if (rawFirst === undefined || rawFirst.charCodeAt(0) < 0x80) return decoded;
  return decoded.slice(0, m.index) + first.toUpperCase() + decoded.slice(m.index + 1);
}

/** Precomposed letters only Unicode has (no Windows-1252 byte shows them). */
const VIETNAMESE_UNICODE = /[ăđĩũơưĂĐĨŨƠƯ\u1EA0-\u1EF9]/;

/** A word read in a legacy encoding: the text, its gain, the syllables it gains, its runs that are none. */
interface LegacyReading {
  after: string;
  gain: number;
  syllables: number;
  invalid: number;
}

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 represents a substring
 * of 13 characters or more as a view into its parent string, so a cached word would otherwise
 * hold on to its whole line, or the whole chunk of a streamed file, for as long as the cache
 * lives. Concatenating and slicing again makes a fresh string of the word's own size.
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * A word read in a legacy encoding and the gain, or `undefined` when the reading changes
 * nothing or reads worse in any language (`l´abbrände` is no VNI `lƠabbrảnde`).
 */
function legacyReading(facts: WordFacts, text: string, encoding: number): LegacyReading | undefined {
  let r = facts.readings[encoding];
  if (r === undefined) {
    const after = decodeLegacyView(text, LEGACY_VIEWS[encoding]);
    // Compared without case: TCVN3 has no capitals with tone marks (`VIệT` becomes `VIỆT`).
    if (after === undefined || after === text || badness(after.toLowerCase()) > badness(text.toLowerCase())) r = null;
    else {
      const before = (facts.analysis ??= analyse(text));
      const read = analyse(after);
      r = { after, gain: syllableGain(text, after, before), syllables: read.syllables - before.syllables, invalid: read.invalid };
    }
    facts.readings[encoding] = r;
  }
  return r ?? undefined;
}

/** Number of {@link LEGACY_VIEWS}. */
const VIEWS = LEGACY_VIEWS.length;
/** Offsets into {@link legacyNumbers} and {@link RUN_COUNTS}: one slot per encoding each. */
const GAIN = 0;
const SYLLABLES = VIEWS;
const INVALID = 2 * VIEWS;
/** In {@link legacyNumbers}: a bit per encoding that has a reading, and per encoding read. */
const PRESENT = 3 * VIEWS;
const READ = 3 * VIEWS + 1;
/** In {@link RUN_COUNTS}: the words that read better, worse. */
const IMPROVED = 3 * VIEWS;
const WORSE = 4 * VIEWS;
/** The counts of the run {@link legacyPass} is judging, per encoding. */
const RUN_COUNTS = new Int32Array(5 * VIEWS);

/**
 * The gain, syllables gained and invalid runs of the word's reading in the legacy encodings of
 * `wanted` (a bit per encoding), packed in one array with a bit per encoding that reads it:
 * the judgement of a run adds them up for all encodings in one pass over its words, instead
 * of asking each word five times. Encodings are read once each, when first wanted.
 */
function legacyNumbers(facts: WordFacts, text: string, wanted: number): Int32Array {
  let numbers = facts.legacy;
  if (numbers === undefined) numbers = facts.legacy = new Int32Array(3 * VIEWS + 2);
  const missing = wanted & ~numbers[READ];
  if (missing !== 0) {
    for (let e = 0; e < VIEWS; e++) {
      if ((missing & (1 << e)) === 0) continue;
      const reading = legacyReading(facts, text, e);
      if (reading === undefined) continue;
      numbers[GAIN + e] = reading.gain;
      numbers[SYLLABLES + e] = reading.syllables;
      numbers[INVALID + e] = reading.invalid;
      numbers[PRESENT] |= 1 << e;
    }
    numbers[READ] |= missing;
  }
  return numbers;
}

/** Adds a word's numbers (at `at` in `numbers`) for the encodings of `wanted` to {@link RUN_COUNTS}. */
function addToRun(numbers: Int32Array, at: number, wanted: number): void {
  const present = numbers[at + PRESENT] & wanted;
  if (present === 0) return;
  for (let e = 0; e < VIEWS; e++) {
    if ((present & (1 << e)) === 0) continue;
    const g = numbers[at + GAIN + e];
    RUN_COUNTS[GAIN + e] += g;
    RUN_COUNTS[SYLLABLES + e] += numbers[at + SYLLABLES + e];
    RUN_COUNTS[INVALID + e] += numbers[at + INVALID + e];
    if (g > 0) RUN_COUNTS[IMPROVED + e]++;
    if (g < 0) RUN_COUNTS[WORSE + e]++;
  }
}

/**
 * Whether the run's counts ({@link RUN_COUNTS}) make encoding `e`'s reading a clear gain: more
 * syllables than invalid runs, two words or more reading better (or one much better and none
 * worse), and more of them than the words that speak against a legacy font.
 */
function clearInRun(e: number, against: number): boolean {
  const gain = RUN_COUNTS[GAIN + e];
  const improved = RUN_COUNTS[IMPROVED + e];
  const worse = RUN_COUNTS[WORSE + e];
  return (
    RUN_COUNTS[SYLLABLES + e] > RUN_COUNTS[INVALID + e] &&
    (improved >= 2 ? gain >= 2 : improved === 1 && worse === 0 && gain >= 3) &&
    improved > against &&
    (against === 0 || improved >= 3)
  );
}

/** Every encoding of {@link LEGACY_VIEWS}, and all but TCVN3 (see {@link legacyPass}). */
const ALL_VIEWS = (1 << VIEWS) - 1;
const WITHOUT_TCVN3 = ALL_VIEWS & ~(1 << LEGACY_VIEWS.indexOf('tcvn3'));

/** Whether a word is listed, as it is written, in one of the other languages' profiles. */
function isForeignWord(facts: WordFacts, text: string, languages: LanguageProfiles | undefined): boolean {
  if (languages === undefined) return false;
  if (facts.foreignIn !== languages) {
    facts.foreignIn = languages;
    facts.foreign = listedElsewhere(text, languages);
  }
  return facts.foreign;
}

const PUNCTUATION = /\p{P}/u;

/** The word without the punctuation around it (`Può,`, `«può»`), as word lists hold it. */
function withoutPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PUNCTUATION.test(text[start])) start++;
  while (end > start && PUNCTUATION.test(text[end - 1])) end--;
  return text.slice(start, end);
}

function listedElsewhere(text: string, languages: LanguageProfiles): boolean {
  const lower = withoutPunctuation(text).toLowerCase();
  for (let k = 1; k < languages.codes.length; k++) {
    if (!Number.isNaN(languages.listedLogProb(k, lower))) return true;
  }
  return false;
}

/** What a word of a legacy reading is: a Vietnamese word, a word of another language, or neither. */
const VIETNAMESE_WORD = 1;
const OTHER_WORD = 2;
const NO_WORD = 0;

const WORD_LETTER = /[\p{L}\p{M}]/u;

/** A word's letters between the punctuation, digits and symbols around it (one scan from each end). */
function wordCore(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && !WORD_LETTER.test(text[start])) start++;
  while (end > start && !WORD_LETTER.test(text[end - 1])) end--;
  return text.slice(start, end);
}
/** Letters, joined by hyphens or apostrophes at most: a word of some language (`Hà-nội`, `l’eau`). */
const LETTER_WORD = /^[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*$/u;
/** Letters joined by the punctuation of names and paths as well (`văn_lệnh`, `đường/dẫn`). */
const JOINED_LETTERS = /^[\p{L}\p{M}]+(?:[-'’_/.][\p{L}\p{M}]+)*$/u;
/** Signs of code before a word (`--print-bytes`, `<url>`, `$HOME`, `%zu`). */
const CODE_START = /^[-<$@#&=%\\]/;

/** {@link wordKind} of the words seen, by text: as written, and as a reading made them. */
const WORD_KINDS = [new Map<string, number>(), new Map<string, number>()];

/**
 * What `text` (a word between spaces) is, its punctuation around it set aside: a Vietnamese
 * word when its letters, joined as in names and paths at most, are syllables (`Hà-nội`,
 * `văn_lệnh`); a word of another language when they are letters that are not (`gång`,
 * `djathta`), bar a short acronym in ASCII capitals (`UBND`); neither for one letter or for
 * code (`%s`, `__c6xabi`, `--print-bytes`). A legacy reading that glues letters to code
 * (`ỡ%sữ`, `ỡ0xữ`, from `«%s»`, `«0x»`) made no word at all: with `decoded`, that counts as
 * another language's word.
 */
function wordKind(text: string, decoded: boolean): number {
  const cache = WORD_KINDS[decoded ? 1 : 0];
  let kind = cache.get(text);
  if (kind === undefined) {
    kind = NO_WORD;
    const core = wordCore(text);
    if (core.length >= 2 && JOINED_LETTERS.test(core)) {
      const parts = core.split(/[-'’_/.]/);
      let syllables = 0;
      for (const part of parts) if (isValidSyllable(part.normalize('NFC').toLowerCase())) syllables++;
      if (syllables === parts.length) kind = VIETNAMESE_WORD;
      else if (LETTER_WORD.test(core) && !CODE_START.test(text) && !(core.length <= 4 && /^[A-Z]+$/.test(core))) kind = OTHER_WORD;
    } else if (decoded && core.length > 0) kind = OTHER_WORD;
    if (cache.size >= FACTS_LIMIT) cache.clear();
    cache.set(detached(text), kind);
  }
  return kind;
}

/**
 * Whether the line reads as Vietnamese text with its words `i` to `j` read in legacy encoding
 * `e`: at least two Vietnamese words for every word of another language, its ASCII words and
 * the words around the run counted as well, and more Vietnamese words than others among the
 * words the reading changes. A reading is earned by the Vietnamese it produces, not by what
 * it clears away: Swedish `på` and Albanian `të` read as syllables (`pạ`, `tẻ`) among words
 * that read as none, German `»%s«` as `Ừ%sề`.
 */
function readsAsVietnamese(words: readonly Word[], i: number, j: number, e: number): boolean {
  let vietnamese = 0;
  let other = 0;
  // The same counts for the words the reading changes: most of them must become Vietnamese.
  let readVietnamese = 0;
  let readOther = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    let text = w.after ?? w.text;
    let decoded = false;
    if (k >= i && k < j && w.facts.mayBeLegacy) {
      const numbers = w.facts.legacy;
      if (numbers !== undefined && (numbers[PRESENT] & (1 << e)) !== 0 && numbers[GAIN + e] >= 0) {
        text = w.facts.readings[e]!.after;
        decoded = true;
      }
    }
    const kind = wordKind(text, decoded);
    if (kind === VIETNAMESE_WORD) {
      vietnamese++;
      if (decoded) readVietnamese++;
    } else if (kind === OTHER_WORD) {
      other++;
      if (decoded) readOther++;
    }
  }
  return readVietnamese > readOther && vietnamese >= 2 * other;
}

/**
 * Legacy-font text: for each run of words that could all be such text, every legacy encoding
 * is tried; the one whose reading gains most is kept when the gain is clear (two words or more
 * read better, or one reads much better and nothing reads worse).
 */
function legacyPass(words: Word[], edits: StageEdit[], languages: LanguageProfiles | undefined, mojibake: readonly Guess[]): void {
  const reserved = (w: Word): boolean => mojibake.length > 0 && mojibake.some((g) => g.word === w);
  // Words with characters no Windows-1252 byte shows cannot be legacy-font text: Vietnamese
  // letters only Unicode has (ă đ ơ ư, ạ…ỹ) show a Unicode line, other ones (č ī, as OCR
  // makes) a noisy one. A legacy reading elsewhere in the line must outweigh them.
  let against = 0;
  for (const w of words) {
    const facts = w.facts;
    if (facts.unicodeOnly) against++;
    else if (!facts.windows1252View) against += 2;
    // A word another language writes as it stands (Italian `può`, which Windows-1258 would
    // read as `pụ`) is no sign of a legacy font either.
    else if (facts.mayBeLegacy && isForeignWord(facts, w.text, languages)) against++;
  }
  let i = 0;
  while (i < words.length) {
    if (words[i].fixed || !words[i].facts.mayBeLegacy || reserved(words[i])) {
      i++;
      continue;
    }
    // A run: consecutive words that every legacy reading can take (ASCII words included).
    let j = i;
    while (j < words.length && !words[j].fixed && words[j].facts.windows1252View && !reserved(words[j])) j++;
    if (j === i) {
      i++;
      continue;
    }
    let best = -1;
    let bestGain = 0;
    // TCVN3 writes ă â ê ô ơ ư đ and every a with a tone at 0xA8-0xAE, 0xB5-0xBF (`¨ © ª « ¬ ­ ® µ ¸ ¶ · ¹`):
    // Vietnamese text in it without one of those is next to impossible, while OCR noise read
    // through its letters (`é` → `ộ`) is not.
    let tcvn3Signs = false;
    for (let k = i; k < j && !tcvn3Signs; k++) tcvn3Signs = words[k].facts.tcvn3Sign;
    // The run's counts for every encoding at once, from each word's packed numbers.
    RUN_COUNTS.fill(0);
    const wanted = tcvn3Signs ? ALL_VIEWS : WITHOUT_TCVN3;
    for (let k = i; k < j; k++) {
      const w = words[k];
      if (!w.facts.mayBeLegacy) continue;
      addToRun(legacyNumbers(w.facts, w.text, wanted), 0, wanted);
    }
    for (let e = 0; e < VIEWS; e++) {
      if ((wanted & (1 << e)) === 0) continue;
      const gain = RUN_COUNTS[GAIN + e];
      if (clearInRun(e, against) && gain > bestGain && readsAsVietnamese(words, i, j, e)) {
        best = e;
        bestGain = gain;
      }
    }
    if (best >= 0) {
      // The readings of the encoding chosen, taken again from the words' facts.
      const bestEncoding = LEGACY_VIEWS[best];
      const detail = LEGACY_DETAIL[bestEncoding];
      for (let k = i; k < j; k++) {
        const w = words[k];
        if (!w.facts.mayBeLegacy) continue;
        // The numbers the run was judged from say which words the reading gains or keeps.
        const numbers = w.facts.legacy!;
        if ((numbers[PRESENT] & (1 << best)) === 0 || numbers[GAIN + best] < 0) continue;
        let after = w.facts.readings[best]!.after;
        if (bestEncoding === 'tcvn3') {
          const prev = words[k - 1];
          const start = prev === undefined || SENTENCE_END.test(prev.text) ? 1 : 0;
          const cased = w.facts.tcvn3Cased;
          after = cased[start] ??= restoreTcvn3Case(after, w.text, start === 1);
        }
        if (after === w.text) continue;
        w.fixed = true;
        w.after = after;
        edits.push(trimmedEdit(w.start, w.text, after, 'legacy-encoding', confidenceOf(bestGain, 0.7), detail));
      }
    }
    i = j;
  }
}

/*
 * The legacy pass on a whole line without Word objects: the common case of an archive in one
 * legacy font, where nearly every line is only legacy-font words and ASCII. The words of the
 * line are interned as it is scanned (a hash of the code units, compared in place, so a word
 * seen before costs no substring and no Map look-up), and everything the legacy pass reads of a
 * word sits in one record by its id: its flags, its packed legacy numbers, the edits its
 * readings make, the kind of word it is as written and as each reading makes it.
 *
 * Why the result is the one {@link runOnce} gives: the judgements are the same functions of the
 * same word texts (only where they are kept differs: every one is a pure function of the text,
 * cached), and {@link legacyLineFast} is the same procedure as {@link legacyPass} step by step.
 * It is taken only on a line where every other pass of {@link runOnce} provably changes nothing:
 * - `nbspSpacePass` edits only a word that ends in an open UTF-8 sequence before a space: such a
 *   word must have no reading before two spaces or at the line's end ({@link lostNoBreakSpace}),
 *   and none joined to the word one space after it ({@link joinedAtNoBreakSpace}).
 * - `mojibakePass` round 0 edits or keeps a guess only for a word with a UTF-8 sign that does
 *   not read as written and has a reading ({@link mojibakeOutcome}); round 1 runs only when
 *   round 0 edited one, or for a word with a UTF-8 pair whose round-1 reading a line of
 *   Vietnamese may vouch for (`vouchesForResidue`). A word with a sign must have no reading
 *   (and no `?`, whose reading depends on the line), and no word a residue reading, so no word
 *   is edited, no guess kept, and `sure` is 0.
 * - `anyLanguagePass` edits only a word with a UTF-8 pair, that (with `sure` 0) does not read as
 *   written, with an {@link undoAnyLanguage} reading: none may have one.
 * - With `sure` 0 the legacy pass runs, no word is fixed before it, and there are no guesses.
 * - The question-letter, VIQR and U+FFFD passes need `?` between letters (with no VIQR mark but
 *   the hook), a VIQR sign or U+FFFD in the line: the line has none.
 * A line of VIQR (a VIQR sign, every word printable ASCII) is the VIQR pass's alone: no word shows
 * a sign of mojibake or may be legacy-font text, so only `viqrPass` can change it.
 * Otherwise the line goes the general way (`undefined`).
 */

/** Flags of an interned word (see {@link WordFacts}), and what was asked of it since. */
const I_NON_ASCII = 1 << 0;
const I_MAY_LEGACY = 1 << 1;
const I_W1252 = 1 << 2;
const I_UNICODE_ONLY = 1 << 3;
const I_TCVN3_SIGN = 1 << 4;
const I_ENDS_OPEN = 1 << 5;
const I_MOJIBAKE_SIGN = 1 << 6;
const I_UTF8_PAIR = 1 << 7;
/** The word ends a sentence ({@link SENTENCE_END}): the next one starts a new one. */
const I_SENTENCE_END = 1 << 8;
/** {@link isForeignWord} asked (of {@link internLanguages}), and its answer. */
const I_FOREIGN_KNOWN = 1 << 9;
const I_FOREIGN = 1 << 10;
/** {@link quietWord} asked, and its answer. */
const I_QUIET_KNOWN = 1 << 11;
const I_QUIET = 1 << 12;
/** {@link lostNoBreakSpace} asked, and whether it gave nothing. */
const I_SPACES_KNOWN = 1 << 13;
const I_SPACES_QUIET = 1 << 14;
/**
 * {@link viqrReading} asked, and what `viqrPass` counts of it: an ASCII letter, a VIQR reading,
 * one with marks that reads as Vietnamese, one of those with a strong mark, a reading that
 * changes the word.
 */
const I_VIQR_KNOWN = 1 << 16;
const I_VIQR_LETTERS = 1 << 17;
const I_VIQR_READ = 1 << 18;
const I_VIQR_MARKED = 1 << 19;
const I_VIQR_STRONG = 1 << 20;
const I_VIQR_EDIT = 1 << 21;

/** Slots of the open-addressing table (a power of two) and the words it holds before it starts over. */
const INTERN_SLOTS = 1 << 16;
const INTERN_LIMIT = 1 << 15;
/** Ints of {@link legacyNumbers} per word. */
const NUMBERS = 3 * VIEWS + 2;
/**
 * The edit each reading makes of the word, trimmed as {@link trimmedEdit} trims it: in each
 * encoding, in TCVN3 at a sentence's start (slot {@link VIEWS}), and in VIQR ({@link VIQR_SLOT}).
 */
const EDIT_SLOTS = VIEWS + 2;
/** The edit slot of the word's VIQR reading. */
const VIQR_SLOT = VIEWS + 1;

/**
 * One record of ints per interned word, everything the fast path reads of it side by side (a
 * line's words are scattered over the table, and each record is then read from memory once):
 * its flags, hash, length and place in {@link internPool}, its {@link legacyNumbers}, its edits
 * and its word kinds.
 */
const RECORD = 32;
const R_FLAGS = 0;
const R_HASH = 1;
const R_LENGTH = 2;
const R_OFFSET = 3;
const R_NUMBERS = 4;
/**
 * Per edit slot: the span the edit replaces within the word, its start | its end << 16 (a
 * word of a line the fast path takes is shorter than 2^15); −1 until asked, −2 where the reading
 * is the word as written. The replacing text is in {@link internEditText}.
 */
const R_EDITS = R_NUMBERS + NUMBERS;
/** {@link wordKind} as written, then as each encoding's reading makes it: two bits each, 3 until asked. */
const R_KINDS = R_EDITS + EDIT_SLOTS;
const UNASKED_KINDS = (1 << (2 * (VIEWS + 1))) - 1;
const NOT_ASKED = -1;
const NO_EDIT = -2;

/** Slot → id of the word there (−1: free). */
let internSlots = new Int32Array(0);
let records = new Int32Array(0);
/** The words' code units, compared in this one array rather than in strings all over the heap. */
const POOL_SIZE = 1 << 20;
let internPool = new Uint16Array(0);
let pooled = 0;
const internText: string[] = [];
const internFacts: WordFacts[] = [];
/**
 * Per edit slot: the text that replaces the span, and the whole reading (made whole at the
 * start: an array written at scattered places would fall back to a slow dictionary).
 */
let internEditText: string[] = [];
let internEditReading: string[] = [];
let interned = 0;
/** The language profiles the {@link I_FOREIGN} flags were asked of. */
let internLanguages: LanguageProfiles | undefined | null = null;

/** The words of the line being judged: span, id, and the edit slot whose reading the legacy pass gave it (−1: none). */
let lineStart = new Int32Array(256);
let lineEnd = new Int32Array(256);
let lineId = new Int32Array(256);
let lineSlot = new Int32Array(256);
/** Whether every word {@link internWords} interned last is printable ASCII. */
let linePlain = true;

/**
 * The tables of interned words, made on the first line the fast path reads (about 14 MB, which
 * text without legacy fonts never needs: each worker thread has its own).
 */
function allocateInterned(): void {
  internSlots = new Int32Array(INTERN_SLOTS).fill(-1);
  records = new Int32Array(INTERN_LIMIT * RECORD);
  internPool = new Uint16Array(POOL_SIZE);
  internEditText = Array.from({ length: INTERN_LIMIT * EDIT_SLOTS }, () => '');
  internEditReading = Array.from({ length: INTERN_LIMIT * EDIT_SLOTS }, () => '');
  pairKeys = new Int32Array(PAIR_SLOTS).fill(-1);
  pairQuietness = new Uint8Array(PAIR_SLOTS);
}

function clearInterned(): void {
  pairKeys.fill(-1);
  pairs = 0;
  internSlots.fill(-1);
  pooled = 0;
  internText.length = 0;
  internFacts.length = 0;
  interned = 0;
}

/** The id of `line.slice(start, end)`, whose code units hash to `hash`; interned when new. */
function wordId(line: string, start: number, end: number, hash: number, plain: boolean): number {
  const length = end - start;
  let slot = (hash ^ (hash >>> 15)) & (INTERN_SLOTS - 1);
  for (;;) {
    const id = internSlots[slot];
    if (id < 0) break;
    const at = id * RECORD;
    if (records[at + R_HASH] === hash && records[at + R_LENGTH] === length) {
      const offset = records[at + R_OFFSET];
      let k = 0;
      while (k < length && internPool[offset + k] === line.charCodeAt(start + k)) k++;
      if (k === length) return id;
    }
    slot = (slot + 1) & (INTERN_SLOTS - 1);
  }
  const id = interned++;
  const text = detached(line.slice(start, end));
  const facts = plain ? PLAIN_ASCII : factsOf(text);
  internSlots[slot] = id;
  internText[id] = text;
  internFacts[id] = facts;
  const at = id * RECORD;
  records[at + R_FLAGS] =
    (facts.nonAscii ? I_NON_ASCII : 0) |
    (facts.mayBeLegacy ? I_MAY_LEGACY : 0) |
    (facts.windows1252View ? I_W1252 : 0) |
    (facts.unicodeOnly ? I_UNICODE_ONLY : 0) |
    (facts.tcvn3Sign ? I_TCVN3_SIGN : 0) |
    (facts.endsOpen ? I_ENDS_OPEN : 0) |
    (facts.mojibakeSign ? I_MOJIBAKE_SIGN : 0) |
    (facts.utf8Pair ? I_UTF8_PAIR : 0) |
    (SENTENCE_END.test(text) ? I_SENTENCE_END : 0);
  records[at + R_HASH] = hash;
  records[at + R_LENGTH] = length;
  records[at + R_OFFSET] = pooled;
  for (let k = 0; k < length; k++) internPool[pooled++] = text.charCodeAt(k);
  if (facts.legacy !== undefined) records.set(facts.legacy, at + R_NUMBERS);
  else records.fill(0, at + R_NUMBERS, at + R_NUMBERS + NUMBERS);
  records.fill(NOT_ASKED, at + R_EDITS, at + R_EDITS + EDIT_SLOTS);
  records[at + R_KINDS] = UNASKED_KINDS;
  return id;
}

/**
 * Splits the line into words as {@link splitWords} does (runs between spaces, tabs and CRs),
 * interning each: the number of words, or −1 for a line too long for the table or, as soon as
 * a word shows it, one the fast path gives up (a word a mojibake pass may read, see
 * {@link quietWord}, or a word of Unicode text). A line of mojibake is given up at its first
 * such word, before the rest of it is interned. {@link linePlain}: every word printable ASCII.
 */
function internWords(line: string): number {
  const most = (line.length >> 1) + 1;
  if (most > INTERN_LIMIT >> 2) return -1;
  if (records.length === 0) allocateInterned();
  // Room for every word of the line, so that no id of the line is lost to a fresh start.
  if (interned + most > INTERN_LIMIT || pooled + line.length > POOL_SIZE) clearInterned();
  if (lineStart.length < most) {
    lineStart = new Int32Array(most);
    lineEnd = new Int32Array(most);
    lineId = new Int32Array(most);
    lineSlot = new Int32Array(most);
  }
  let n = 0;
  let start = -1;
  let hash = 0;
  let plain = true;
  linePlain = true;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line.charCodeAt(i) : 0x20;
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      if (start >= 0) {
        const id = wordId(line, start, i, hash, plain);
        const flags = records[id * RECORD + R_FLAGS];
        // Not the fast path's case either: a word no Windows-1252 byte shows (a line of Unicode
        // text with a damaged part); the general path judges such a line the same way.
        if ((flags & (I_UNICODE_ONLY | I_W1252)) !== I_W1252) return -1;
        if (flags & (I_MOJIBAKE_SIGN | I_UTF8_PAIR) && !quietWord(id)) return -1;
        if (!plain) linePlain = false;
        lineStart[n] = start;
        lineEnd[n] = i;
        lineId[n] = id;
        lineSlot[n] = -1;
        n++;
      }
      start = -1;
      plain = true;
    } else {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5 | 0;
      }
      hash = Math.imul(hash ^ c, 0x01000193);
      if (c >= 0x80 || c < 0x20) plain = false;
    }
  }
  return n;
}

/** {@link isForeignWord} of an interned word, kept in its flags. */
function foreignWord(id: number, languages: LanguageProfiles | undefined): boolean {
  if (languages !== internLanguages) {
    for (let k = 0; k < interned; k++) records[k * RECORD + R_FLAGS] &= ~(I_FOREIGN_KNOWN | I_FOREIGN);
    internLanguages = languages;
  }
  const flags = records[id * RECORD + R_FLAGS];
  if (flags & I_FOREIGN_KNOWN) return (flags & I_FOREIGN) !== 0;
  const foreign = isForeignWord(internFacts[id], internText[id], languages);
  records[id * RECORD + R_FLAGS] |= I_FOREIGN_KNOWN | (foreign ? I_FOREIGN : 0);
  return foreign;
}

/**
 * Whether none of the mojibake passes would touch the word, with no other word of its line
 * edited by them (see the proof above): a word with a UTF-8 sign that reads as written, or that
 * has neither a first-round mojibake reading nor a foreign one, nor a `?`; and no residue
 * reading a line may vouch for.
 */
function quietWord(id: number): boolean {
  const flags = records[id * RECORD + R_FLAGS];
  if (flags & I_QUIET_KNOWN) return (flags & I_QUIET) !== 0;
  const facts = internFacts[id];
  const text = internText[id];
  let quiet = true;
  if (!readsAsWritten(facts, text)) {
    if (flags & I_NON_ASCII && flags & I_MOJIBAKE_SIGN && (text.includes('?') || mojibakeOutcome(facts, text, 0) !== null)) quiet = false;
    if (quiet && flags & I_UTF8_PAIR) {
      let fix = facts.anyLanguage;
      if (fix === undefined) fix = facts.anyLanguage = undoAnyLanguage(text) ?? null;
      if (fix !== null) quiet = false;
    }
  }
  // A word a line of Vietnamese may vouch for (see `vouchesForResidue`) goes the general way.
  if (quiet && flags & I_NON_ASCII && flags & I_UTF8_PAIR) {
    const residue = mojibakeOutcome(facts, text, 1);
    if (residue !== null && isResidueReading(residue.fix.text)) quiet = false;
  }
  records[id * RECORD + R_FLAGS] |= I_QUIET_KNOWN | (quiet ? I_QUIET : 0);
  return quiet;
}

/**
 * Whether `nbspSpacePass` leaves the interned word `k` of the line (one that ends in an open
 * UTF-8 sequence, before a space) as it is: before two spaces or at the line's end it has no
 * {@link lostNoBreakSpace} reading; before one space and a word, the two joined have none.
 */
function openWordQuiet(line: string, n: number, k: number): boolean {
  const id = lineId[k];
  const gap = (k + 1 < n ? lineStart[k + 1] : line.length) - lineEnd[k];
  if (gap >= 2 || k + 1 === n) {
    const flags = records[id * RECORD + R_FLAGS];
    if (flags & I_SPACES_KNOWN) return (flags & I_SPACES_QUIET) !== 0;
    const facts = internFacts[id];
    let fix = facts.beforeSpaces;
    if (fix === undefined) fix = facts.beforeSpaces = lostNoBreakSpace(internText[id]);
    records[id * RECORD + R_FLAGS] |= I_SPACES_KNOWN | (fix === null ? I_SPACES_QUIET : 0);
    return fix === null;
  }
  return pairQuiet(id, lineId[k + 1]);
}

/** Pairs of interned words (`first * INTERN_LIMIT + next`) asked of {@link pairQuiet}, and the answers. */
const PAIR_SLOTS = 1 << 16;
let pairKeys = new Int32Array(0);
let pairQuietness = new Uint8Array(0);
let pairs = 0;

/** Whether `nbspSpacePass` does not join word `first` to the word `next` one space after it. */
function pairQuiet(first: number, next: number): boolean {
  const key = first * INTERN_LIMIT + next;
  let slot = Math.imul(key, 0x9e3779b1) >>> 16;
  for (;;) {
    const k = pairKeys[slot];
    if (k === key) return pairQuietness[slot] === 1;
    if (k < 0) break;
    slot = (slot + 1) & (PAIR_SLOTS - 1);
  }
  const nextText = internText[next];
  const quiet =
    !GOES_ON.test(undoneText(internFacts[next], nextText, 0)) || joinedAtNoBreakSpace(internText[first] + '\u00a0' + nextText) === null;
  if (pairs >= PAIR_SLOTS >> 1) {
    pairKeys.fill(-1);
    pairs = 0;
    slot = Math.imul(key, 0x9e3779b1) >>> 16;
  }
  pairKeys[slot] = key;
  pairQuietness[slot] = quiet ? 1 : 0;
  pairs++;
  return quiet;
}

/** {@link wordKind} of an interned word as written (`e` −1) or as its reading in encoding `e` makes it. */
function internedKind(id: number, e: number): number {
  const at = id * RECORD + R_KINDS;
  const shift = 2 * (e + 1);
  let kind = (records[at] >>> shift) & 3;
  if (kind === 3) {
    kind = e < 0 ? wordKind(internText[id], false) : wordKind(internFacts[id].readings[e]!.after, true);
    records[at] = (records[at] & ~(3 << shift)) | (kind << shift);
  }
  return kind;
}

/** {@link readsAsVietnamese} over the interned words of the line ({@link internWords}). */
function readsAsVietnameseInterned(n: number, i: number, j: number, e: number): boolean {
  let vietnamese = 0;
  let other = 0;
  let readVietnamese = 0;
  let readOther = 0;
  for (let k = 0; k < n; k++) {
    const id = lineId[k];
    const at = id * RECORD;
    let kind = -1;
    let decoded = false;
    if (k >= i && k < j && records[at + R_FLAGS] & I_MAY_LEGACY) {
      if ((records[at + R_NUMBERS + PRESENT] & (1 << e)) !== 0 && records[at + R_NUMBERS + GAIN + e] >= 0) {
        kind = internedKind(id, e);
        decoded = true;
      }
    }
    if (!decoded) {
      const slot = lineSlot[k];
      kind = slot < 0 ? internedKind(id, -1) : wordKind(internEditReading[slot], false);
    }
    if (kind === VIETNAMESE_WORD) {
      vietnamese++;
      if (decoded) readVietnamese++;
    } else if (kind === OTHER_WORD) {
      other++;
      if (decoded) readOther++;
    }
  }
  return readVietnamese > readOther && vietnamese >= 2 * other;
}

/** Keeps the edit `after` makes of interned word `id` in its edit slot `slot` (`after` undefined: none). */
function keepEdit(id: number, slot: number, after: string | undefined): void {
  const text = internText[id];
  const k = id * EDIT_SLOTS + slot;
  if (after === undefined || after === text) {
    records[id * RECORD + R_EDITS + slot] = NO_EDIT;
    return;
  }
  const edit = trimmedEdit(0, text, after, 'legacy-encoding', 0, '');
  records[id * RECORD + R_EDITS + slot] = edit.start | (edit.end << 16);
  internEditText[k] = edit.after;
  internEditReading[k] = after;
}

/** The reading of interned word `id` in encoding `e`, TCVN3 with the case restored as {@link legacyPass} restores it. */
function legacyAfter(id: number, e: number, sentenceStart: boolean): string {
  const facts = internFacts[id];
  const after = facts.readings[e]!.after;
  if (LEGACY_VIEWS[e] !== 'tcvn3') return after;
  const start = sentenceStart ? 1 : 0;
  return (facts.tcvn3Cased[start] ??= restoreTcvn3Case(after, internText[id], sentenceStart));
}

/** The flags `viqrPass` reads of an interned word (see {@link I_VIQR_KNOWN}), asked once. */
function viqrFlags(id: number): number {
  let flags = records[id * RECORD + R_FLAGS];
  if (flags & I_VIQR_KNOWN) return flags;
  const text = internText[id];
  const reading = viqrReading(text);
  const d = reading.decoded;
  flags |= I_VIQR_KNOWN | (reading.letters ? I_VIQR_LETTERS : 0);
  if (d !== null) {
    flags |= I_VIQR_READ;
    if (d.ok && d.marks > 0) flags |= I_VIQR_MARKED | (d.strong ? I_VIQR_STRONG : 0);
    if (d.ok && d.text !== text) flags |= I_VIQR_EDIT;
  }
  keepEdit(id, VIQR_SLOT, flags & I_VIQR_EDIT ? d!.text : undefined);
  records[id * RECORD + R_FLAGS] = flags;
  return flags;
}

/** Pushes the edit kept in slot `slot` of the word `k` of the line. */
function pushEdit(edits: StageEdit[], k: number, slot: number, confidence: number, detail: string): void {
  const id = lineId[k];
  const span = records[id * RECORD + R_EDITS + slot];
  const start = lineStart[k];
  edits.push({
    start: start + (span & 0xffff),
    end: start + (span >>> 16),
    after: internEditText[id * EDIT_SLOTS + slot],
    kind: 'legacy-encoding',
    confidence,
    detail,
  });
  lineSlot[k] = id * EDIT_SLOTS + slot;
}

/**
 * `viqrPass` over a line of printable ASCII words (no other pass has anything to read in them:
 * no word shows a sign of mojibake or may be legacy-font text), step by step.
 */
function viqrLineFast(n: number): StageEdit[] {
  let strongWords = 0;
  let markedWords = 0;
  let letterWords = 0;
  for (let k = 0; k < n; k++) {
    const flags = viqrFlags(lineId[k]);
    if (flags & I_VIQR_LETTERS) letterWords++;
    if (flags & I_VIQR_MARKED) {
      markedWords++;
      if (flags & I_VIQR_STRONG) strongWords++;
    }
  }
  const edits: StageEdit[] = [];
  if (strongWords < 2 || markedWords < 0.3 * letterWords) return edits;
  for (let k = 0; k < n; k++) if (records[lineId[k] * RECORD + R_FLAGS] & I_VIQR_EDIT) pushEdit(edits, k, VIQR_SLOT, 0.9, 'viqr');
  return edits;
}

/**
 * {@link runOnce} of a line where only the legacy pass, or only the VIQR pass, can apply (see
 * the proof above), or `undefined` where another pass may.
 */
function legacyLineFast(line: string, languages: LanguageProfiles | undefined): StageEdit[] | undefined {
  // Every word quiet to the mojibake passes (a line of mojibake is given up first, at its first
  // word that shows it, before the tests of the whole line below).
  const n = internWords(line);
  if (n < 0) return undefined;
  // Letters lost to U+FFFD or `?` (as runOnce asks): their passes may apply.
  if (line.includes('\ufffd') || (mayHaveQuestionLetters(line) && !VIQR_SIGNS_BUT_HOOK.test(line))) return undefined;
  // A VIQR line: every word printable ASCII, VIQR's alone.
  if (VIQR_SIGNS.test(line)) return linePlain ? viqrLineFast(n) : undefined;
  for (let k = 0; k < n; k++) {
    const flags = records[lineId[k] * RECORD + R_FLAGS];
    if (flags & I_ENDS_OPEN && line.charCodeAt(lineEnd[k]) === 0x20 && !openWordQuiet(line, n, k)) return undefined;
  }
  const edits: StageEdit[] = [];
  // From here on, legacyPass step by step.
  let against = 0;
  for (let k = 0; k < n; k++) {
    const id = lineId[k];
    const flags = records[id * RECORD + R_FLAGS];
    if (flags & I_UNICODE_ONLY) against++;
    else if ((flags & I_W1252) === 0) against += 2;
    else if (flags & I_MAY_LEGACY && foreignWord(id, languages)) against++;
  }
  let i = 0;
  while (i < n) {
    if (lineSlot[i] >= 0 || (records[lineId[i] * RECORD + R_FLAGS] & I_MAY_LEGACY) === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && lineSlot[j] < 0 && records[lineId[j] * RECORD + R_FLAGS] & I_W1252) j++;
    if (j === i) {
      i++;
      continue;
    }
    let best = -1;
    let bestGain = 0;
    let tcvn3Signs = false;
    for (let k = i; k < j && !tcvn3Signs; k++) tcvn3Signs = (records[lineId[k] * RECORD + R_FLAGS] & I_TCVN3_SIGN) !== 0;
    RUN_COUNTS.fill(0);
    const wanted = tcvn3Signs ? ALL_VIEWS : WITHOUT_TCVN3;
    for (let k = i; k < j; k++) {
      const id = lineId[k];
      const at = id * RECORD;
      if ((records[at + R_FLAGS] & I_MAY_LEGACY) === 0) continue;
      if ((wanted & ~records[at + R_NUMBERS + READ]) !== 0) records.set(legacyNumbers(internFacts[id], internText[id], wanted), at + R_NUMBERS);
      addToRun(records, at + R_NUMBERS, wanted);
    }
    for (let e = 0; e < VIEWS; e++) {
      if ((wanted & (1 << e)) === 0) continue;
      const gain = RUN_COUNTS[GAIN + e];
      if (clearInRun(e, against) && gain > bestGain && readsAsVietnameseInterned(n, i, j, e)) {
        best = e;
        bestGain = gain;
      }
    }
    if (best >= 0) {
      const tcvn3 = LEGACY_VIEWS[best] === 'tcvn3';
      const detail = LEGACY_DETAIL[LEGACY_VIEWS[best]];
      const confidence = confidenceOf(bestGain, 0.7);
      for (let k = i; k < j; k++) {
        const id = lineId[k];
        const at = id * RECORD;
        if ((records[at + R_FLAGS] & I_MAY_LEGACY) === 0) continue;
        if ((records[at + R_NUMBERS + PRESENT] & (1 << best)) === 0 || records[at + R_NUMBERS + GAIN + best] < 0) continue;
        const sentenceStart = tcvn3 && (k === 0 || (records[lineId[k - 1] * RECORD + R_FLAGS] & I_SENTENCE_END) !== 0);
        const slot = sentenceStart ? VIEWS : best;
        if (records[at + R_EDITS + slot] === NOT_ASKED) keepEdit(id, slot, legacyAfter(id, best, sentenceStart));
        if (records[at + R_EDITS + slot] === NO_EDIT) continue;
        pushEdit(edits, k, slot, confidence, detail);
      }
    }
    i = j;
  }
  return edits;
}

/** Whether {@link runOnce} takes {@link legacyLineFast} where it can (off: every line the general way, to compare). */
let legacyFastPath = true;
/** Lines {@link legacyLineFast} has judged: tests check that they reach it. */
let legacyFastLines = 0;

/**
 * Turns the fast legacy path on or off (for tests that compare it with the general path), and
 * tells how many lines it has judged so far.
 */
export function setLegacyFastPath(on: boolean): number {
  legacyFastPath = on;
  return legacyFastLines;
}

/**
 * VIQR: decided for the whole line, since its marks are plain ASCII punctuation. The line
 * must carry marks no other text makes (shape marks, tone marks inside a word) on two words
 * or more and on a good share of its words; then each word whose reading is Vietnamese is
 * decoded, and anything else (`don't`, URLs, code, names) stays.
 */
/** Signs of VIQR: a shape mark after its vowel, or a tone mark inside a word. */
const VIQR_SIGNS = /[aeouAEOU][(^+]|[aeiouyAEIOUY][`'?~.][A-Za-z]/;
/** {@link VIQR_SIGNS} but the hook above (`?`), which text that lost letters to `?` shows too. */
const VIQR_SIGNS_BUT_HOOK = /[aeouAEOU][(^+]|[aeiouyAEIOUY][`'~.][A-Za-z]|\b[dD][dD]/;

/** {@link showsQuestionLetters} for the words as the passes so far left them. */
function showsQuestionLettersIn(words: readonly Word[], model: LanguageModel | undefined): boolean {
  const lm = model ?? bundledModel();
  return lm !== undefined && showsQuestionLetters(words.map((w) => w.after ?? w.text), lm);
}

function viqrPass(line: string, words: Word[], edits: StageEdit[]): void {
  if (!VIQR_SIGNS.test(line)) return;
  let strongWords = 0;
  let markedWords = 0;
  let letterWords = 0;
  const decoded: Array<ViqrReading | null> = [];
  for (const w of words) {
    const reading = viqrReading(w.text);
    if (reading.letters) letterWords++;
    if (w.fixed || reading.decoded === null) {
      decoded.push(null);
      continue;
    }
    const d = reading.decoded;
    if (d.ok && d.marks > 0) {
      markedWords++;
      if (d.strong) strongWords++;
    }
    decoded.push(reading);
  }
  if (strongWords < 2 || markedWords < 0.3 * letterWords) return;
  for (let k = 0; k < words.length; k++) {
    const d = decoded[k]?.decoded;
    const w = words[k];
    if (!d || !d.ok || d.text === w.text) continue;
    w.fixed = true;
    w.after = d.text;
    edits.push(trimmedEdit(w.start, w.text, d.text, 'legacy-encoding', 0.9, 'viqr'));
  }
}

/** What {@link viqrPass} reads in a word alone. */
interface ViqrReading {
  /** The word has an ASCII letter. */
  letters: boolean;
  /** The word read as VIQR, where it has marks or escapes and no letters beyond ASCII. */
  decoded: { text: string; ok: boolean; marks: number; strong: boolean } | null;
}

/** VIQR readings of the words seen, by text: VIQR words are ASCII, which the word facts leave out. */
const VIQR_WORDS = new Map<string, ViqrReading>();

function viqrReading(text: string): ViqrReading {
  let reading = VIQR_WORDS.get(text);
  if (reading === undefined) {
    let decoded: ViqrReading['decoded'] = null;
    if (!hasNonAsciiLetters(text)) {
      const d = decodeViqrWord(text);
      if (d.marks > 0 || d.escapes > 0) decoded = { text: d.text, ok: d.marks > 0 ? readsAsViqrWord(d.text) : allRunsValid(d.text), marks: d.marks, strong: d.strong > 0 };
    }
    reading = { letters: /[A-Za-z]/.test(text), decoded };
    if (VIQR_WORDS.size >= FACTS_LIMIT) VIQR_WORDS.clear();
    VIQR_WORDS.set(detached(text), reading);
  }
  return reading;
}

/** Letters, marks, punctuation and symbols a re-decoded line may hold (no CJK, no private use). */
const ANY_LANGUAGE_TEXT = /^[\u0000-\u024F\u0300-\u036F\u0370-\u03FF\u0400-\u04FF\u1E00-\u1FFF\u2000-\u2BFF\u{1F000}-\u{1FAFF}]*$/u;

/** Whether a re-decoded line holds only text of some language (see {@link readsAsWords}). */
function isAnyLanguageText(s: string): boolean {
  if (!ANY_LANGUAGE_TEXT.test(s)) return false;
  // Past Latin Extended-B and the combining marks: IPA, Greek, Cyrillic, each word checked.
  if (!/[\u0250-\u02FF\u0370-\u04FF]/.test(s)) return true;
  return s.split(' ').every(readsAsWords);
}

function hasNonAsciiLetters(s: string): boolean {
  return /[^\x00-\x7F“”‘’–—…«»]/.test(s);
}

/**
 * Whether every letter run of `s` is a valid syllable, a word of plain ASCII letters, an
 * acronym in Vietnamese capitals (`VĐV`) or a capitalised name in Vietnamese letters (`Kông`).
 */
function allRunsValid(s: string): boolean {
  let any = false;
  for (const m of s.matchAll(/[\p{L}\p{M}]+/gu)) {
    any = true;
    const w = m[0];
    if (/^[A-Za-z]+$/.test(w)) continue;
    if (vietnameseScore(w) >= 0 && (vietnameseScore(w) > 0 || /^\p{Lu}/u.test(w))) continue;
    if (/^\p{Lu}\p{Ll}+$/u.test(w) && vietnameseScore(w) === -1) continue;
    return false;
  }
  return any;
}

/**
 * Mojibake of any language (`MÃ¼nchen`, `SeÃ±or`, `FranÃ§ois`): a word the Vietnamese passes
 * left is re-decoded where that makes it less bad and it reads as words (see
 * {@link undoAnyLanguage}).
 */
function anyLanguagePass(words: Word[], edits: StageEdit[], guesses: readonly Guess[], sure: number): void {
  for (const w of words) {
    if (w.fixed || !w.facts.utf8Pair || guesses.some((g) => g.word === w)) continue;
    if (sure === 0 && readsAsWritten(w.facts, w.text)) continue;
    let fix = w.facts.anyLanguage;
    if (fix === undefined) fix = w.facts.anyLanguage = undoAnyLanguage(w.text) ?? null;
    if (!fix) continue;
    w.fixed = true;
    w.after = fix.text;
    edits.push(trimmedEdit(w.start, w.text, fix.text, 'mojibake', confidenceOf(fix.gain, 0.7), fix.detail));
  }
}

/**
 * Whether `text` ends in a UTF-8 sequence that lacks only its last byte, as `Ã` or `Ă` (C3) or
 * `á»` (E1 BB) do once the no-break space (A0) of `à` or `Ợ` has become a space.
 */
function endsInOpenSequence(text: string): boolean {
  // Through every page of the Windows view: Windows-1258 shows C3 A0 as `Ă` and a no-break space.
  const last = WINDOWS_VIEW.byteOf.get(text[text.length - 1]);
  if (last === undefined) return false;
  let bytes: number[];
  if (last >= 0xc2 && last <= 0xdf) bytes = [last, 0xa0];
  else {
    const lead = text.length >= 2 ? WINDOWS_VIEW.byteOf.get(text[text.length - 2]) : undefined;
    if (!(last >= 0x80 && last <= 0xbf && lead !== undefined && lead >= 0xe0 && lead <= 0xef)) return false;
    bytes = [lead, last, 0xa0];
  }
  // Only a letter (`à Ơ Ạ Ợ`): `†` (E2 80 A0) is no reason to join words.
  return /^\p{L}$/u.test(LENIENT_UTF8.decode(Uint8Array.from(bytes)));
}

const LENIENT_UTF8 = new TextDecoder('utf-8');

/** Whether every letter run of `s` is a valid syllable (`thành`, not `HàNội`). */
function allSyllablesValid(s: string): boolean {
  let runs = 0;
  for (const _ of s.matchAll(/[\p{L}\p{M}]+/gu)) runs++;
  return runs > 0 && syllableCount(s) === runs;
}

/**
 * The no-break space of `à` (C3 A0) and of `Ợ`, `Ạ`, `Ơ`, turned into an ordinary space when
 * the text was copied: the word breaks after the lead byte (`HÃ  Ná»™i`, `thÃ nh`). Where two
 * spaces follow (or the line ends), the first was the no-break space; where one space
 * follows, the two words are one where every syllable is then valid (`thành`, not `thà nh`;
 * `HàNội` is not, so `HÃ Ná»™i` lost its no-break space instead).
 */
/** The word and the no-break space it lost before two spaces or the line's end, read as one: taken where it reads as words. */
function lostNoBreakSpace(text: string): MojibakeFix | null {
  const joined = text + '\u00a0';
  const fix = undoMojibake(joined, 1) ?? undoAnyLanguage(joined);
  if (!fix || fix.guessed || !fix.lowered || !EXPECTED.test(fix.text) || !readsAsWords(fix.text)) return null;
  return fix;
}

/** Two words joined again at the no-break space they lost, read as one, by the joined text. */
const JOINED = new Map<string, MojibakeFix | null>();

function joinedAtNoBreakSpace(joined: string): MojibakeFix | null {
  let fix = JOINED.get(joined);
  if (fix === undefined) {
    fix = undoMojibake(joined, 1) ?? null;
    if (fix !== null && (fix.guessed || !fix.lowered || !EXPECTED.test(fix.text) || !allSyllablesValid(fix.text))) fix = null;
    if (JOINED.size >= FACTS_LIMIT) JOINED.clear();
    JOINED.set(joined, fix);
  }
  return fix;
}

/** The start of a word that goes on the word before it (a letter) or closes it (`!`), not one that opens (`“`). */
const GOES_ON = /^[\p{L}.,;:!?…”’)\]»]/u;

function nbspSpacePass(line: string, words: Word[], edits: StageEdit[]): number {
  let fixed = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w.fixed || !w.facts.endsOpen || line.charCodeAt(w.end) !== 0x20) continue;
    const next = words[k + 1];
    const gap = (next === undefined ? line.length : next.start) - w.end;
    if (gap >= 2 || next === undefined) {
      // `MÃ  bảng mã`: a capital syllable as written in a line of correct Vietnamese.
      if (endsInCapitalSyllable(w.text) && correctUnicodeBesides(words, w)) continue;
      let fix = w.facts.beforeSpaces;
      if (fix === undefined) fix = w.facts.beforeSpaces = lostNoBreakSpace(w.text);
      if (fix === null) continue;
      w.fixed = true;
      w.after = fix.text;
      edits.push(trimmedEdit(w.start, w.text + ' ', fix.text, 'mojibake', confidenceOf(fix.gain, 0.7), fix.detail));
      fixed++;
      continue;
    }
    if (gap !== 1 || next.fixed) continue;
    // Joined, the words need no guessed byte: taken where every syllable is then valid and the
    // next word goes on the first (a letter) or closes it (`!`), not where it opens (`“`).
    if (!GOES_ON.test(undone(next, 0))) continue;
    const fix = joinedAtNoBreakSpace(w.text + '\u00a0' + next.text);
    if (fix === null) continue;
    w.fixed = true;
    next.fixed = true;
    w.after = fix.text;
    next.after = '';
    edits.push(trimmedEdit(w.start, line.slice(w.start, next.end), fix.text, 'mojibake', confidenceOf(fix.gain, 0.7), fix.detail));
    fixed++;
    k++;
  }
  return fixed;
}

/** Whether the edits are sorted by start (as a stable sort would leave them). */
function inOrder(edits: readonly StageEdit[]): boolean {
  for (let k = 1; k < edits.length; k++) if (edits[k].start < edits[k - 1].start) return false;
  return true;
}

/**
 * Letters lost to U+FFFD (`Vi�t Nam`), or with `question` to `?` (`Vi?t Nam`), in the words the
 * other passes left: filled where the language model makes one reading clearly the best (see
 * {@link readReplacedLetters}); whether any was.
 */
function replacedLetterPass(words: Word[], edits: StageEdit[], model: LanguageModel | undefined, question = false): boolean {
  const lm = model ?? bundledModel();
  if (!lm) return false;
  const texts = words.map((w) => w.after ?? w.text);
  let filled = false;
  for (const r of question ? readQuestionLetters(texts, lm) : readReplacedLetters(texts, lm)) {
    const w = words[r.word];
    if (w.fixed) continue;
    w.fixed = true;
    w.after = r.text;
    edits.push(trimmedEdit(w.start, w.text, r.text, 'mojibake', Math.min(0.99, r.share), 'replaced-letter'));
    filled = true;
  }
  return filled;
}

/** HTML character references of letters, decoded. */
function htmlEdits(line: string): StageEdit[] {
  return findLetterReferences(line).map((ref) => ({
    start: ref.start,
    end: ref.end,
    after: ref.text,
    kind: 'mojibake' as const,
    confidence: 0.95,
    detail: 'html-entity',
  }));
}

/** The line's words undone through a code page other than Windows-1252/1258, where one reads it. */
function codePageLine(line: string): ReturnType<typeof codePageReading> {
  const views = codePageViews(line);
  return views === 0 ? undefined : codePageReading(line, views);
}

/**
 * Passes a line may take to settle. Nearly every line settles in its first pass; a second is
 * needed where undoing mojibake leaves legacy-font words or uncovers damage next to an edit.
 */
const SETTLE_ROUNDS = 4;

/**
 * The encoding-repair stage. See the module comment; each edit has kind `mojibake`
 * (`detail`: `utf8-as-cp1252`, `utf8-as-latin1`, `utf8-as-cp1258`, `…-twice`, `html-entity`,
 * `replaced-letter` for a letter read where U+FFFD or `?` stood) or
 * `legacy-encoding` (`detail`: `tcvn3`, `vni`, `viscii`, `vps`, `cp1258`, `viqr`).
 */
export function encodingStage(options: EncodingStageOptions = {}): Stage {
  const html = options.htmlEntities === true;
  const model = options.model;
  const languages = options.languages;
  return {
    name: 'encoding',
    mayApply,
    run(line: string): StageEdit[] {
      // The result must be a fixed point of the stage: what one pass leaves is judged by the
      // same pass again, as a second run would judge it. Undoing mojibake changes the evidence
      // for the rest of the line (a line that showed mojibake is not read as a legacy font; once
      // undone, its legacy words are), so only the line as it then reads can settle it. A pass
      // whose result shows no damage is settled at once: the stage would not run on it.
      // A quoted example of the damage beside its correct spelling is kept as written.
      return withoutMentions(line, settleEdits(line, pass(line), SETTLE_ROUNDS, (text) => (mayApply(text) ? pass(text) : [])));
    },
  };

  function mayApply(line: string): boolean {
    const found = cleanScan(line);
    return (
      (found & SIGN_OF_DAMAGE) !== 0 ||
      (html && mayHaveReference(line)) ||
      mayHaveQuestionLetters(line) ||
      ((found & CODE_PAGE_SIGN) !== 0 && codePageLine(line) !== undefined)
    );
  }

  /** One pass over the line, as a first run makes it. */
  function pass(line: string): StageEdit[] {
    const damaged = mayBeDamaged(line);
    // Mojibake through another code page (Mac Roman, Windows-1250…) first: the Windows passes
    // would read the words it shares with Windows-1252 and leave the rest (`Tiáşżng Việt`). A
    // page can read a line otherwise only where one of its characters stands for another byte
    // than in Windows-1252, inside a sequence that decodes into Vietnamese (most lines of
    // Windows-1252 mojibake have none, and skip this: see code-page-views.ts).
    // A guessed byte is only as sure as the reading the word list prefers.
    const codePage = codePageLine(line);
    if (codePage) return codePage.map((w) => trimmedEdit(w.start, w.word, w.fix.text, 'mojibake', confidenceOf(w.fix.gain, w.fix.guessed ? 0.6 : 0.7), w.fix.detail));
    // A line whose mojibake-like words all read well as written (`“ĐÃ” rồi`) is not mojibake
    // (asked only of a line that decodes whole: most lines do not).
    const decoded = html || !damaged ? undefined : undoWholeLine(line, judgeDecoded, badness);
    const whole = decoded && !onlyLookalikes(line) ? decoded : undefined;
    // A line that is one run of mojibake is one edit (from its first to its last damaged
    // character).
    if (whole) return [trimmedEdit(0, line, whole.text, 'mojibake', 0.95, whole.detail)];
    // A line whose only sign is `?` between letters: nothing but letters lost to `?` to read.
    if (!damaged && !(html && mayHaveReference(line))) {
      const edits: StageEdit[] = [];
      replacedLetterPass(splitWords(line), edits, model, true);
      // Read in passes, not in order: sorted as every stage's edits are.
      return inOrder(edits) ? edits : edits.sort((a, b) => a.start - b.start);
    }
    // HTML references first: what they hide (`&#7871;áº¿`) is then read with the rest.
    const references = html && mayHaveReference(line) ? htmlEdits(line) : [];
    if (references.length === 0) return runOnce(line);
    const tracker = new EditTracker(line);
    tracker.apply(references);
    tracker.apply(runOnce(tracker.text));
    return tracker.edits().map(({ start, end, after, kind, confidence, detail }) => ({ start, end, after, kind, confidence, detail }));
  }

  /** One reading of the line's words: mojibake, foreign mojibake, legacy fonts, VIQR. */
  function runOnce(line: string): StageEdit[] {
    // A line only the legacy pass can change (most of a legacy-font archive): judged from its
    // interned words, without Word objects.
    if (legacyFastPath) {
      const fast = legacyLineFast(line, languages ?? availableLanguageProfiles());
      if (fast !== undefined) {
        legacyFastLines++;
        return fast;
      }
    }
    const edits: StageEdit[] = [];
    const words = splitWords(line);
    // The mojibake passes only where a word shows their sign (not on a legacy-font line).
    const signs = lineSigns;
    const joined = signs & ENDS_OPEN ? nbspSpacePass(line, words, edits) : 0;
    const pass = signs & MOJIBAKE_SIGN ? mojibakePass(line, words, edits, joined) : NO_MOJIBAKE;
    const fallback = pass.fallback;
    const sure = pass.sure + joined;
    // Before legacy fonts: their readings also clear debris from foreign mojibake (`Ã¤`).
    if (signs & UTF8_PAIR) anyLanguagePass(words, edits, fallback, sure);
    // A line that is plainly mojibake is not also legacy-font text. Once it shows some (see
    // `mojibakePass`), a word that reads as mojibake with a byte lost (`LÄng`: `ă`'s second
    // byte, a C1 control, stripped) is that, not a legacy font's letter (TCVN3 `Ä` is `ẩ`).
    if (sure < 2) legacyPass(words, edits, languages ?? availableLanguageProfiles(), sure > 0 ? fallback : NO_GUESSES);
    // Guessed lost bytes only where the word itself or the line elsewhere shows mojibake for
    // certain; among readings as good, the neighbours choose (left to right, so a choice
    // informs the next).
    for (const f of fallback) {
      if (f.word.fixed || (sure === 0 && !f.lowered && !(pass.vouched && mayBeResidue(f.word)))) continue;
      // Read through Windows-1258 alone (`Ăn` as `Án`: C3 shown as `Ă`, its second byte lost)
      // where no other word of the line was: beside mojibake through Windows-1252, which shows
      // C3 as `Ã`, an `Ă` is the letter.
      if (f.detail.startsWith(CP1258_VIEW) && !edits.some((e) => e.detail?.startsWith(CP1258_VIEW))) continue;
      const k = words.indexOf(f.word);
      const before = words.slice(Math.max(0, k - 2), k).map((w) => w.after ?? w.text);
      const next = words[k + 1];
      const nextText = next === undefined ? undefined : (next.after ?? undone(next, 1));
      // The context reads syllables, not their case: a guessed letter's case follows the word and the sentence.
      const fitting = fittingCase(f.alternatives, before[before.length - 1]);
      const chosen = chooseInContext(fitting, before, nextText, model);
      const text = inCaseOfSentence(fitting, chosen.text, before[before.length - 1], nextText);
      const share = chosen.share;
      f.word.fixed = true;
      f.word.after = text;
      // Several readings: only as sure as the context makes the one chosen.
      edits.push(trimmedEdit(f.word.start, f.word.text, text, 'mojibake', f.confidence * share, f.detail));
    }
    // Letters lost to `?` before VIQR, whose hook above is `?` too (`nhi?u` is `nhiều`, not
    // `nhỉu`), in a line with no other VIQR mark: a line read so, or one that shows them, is
    // not VIQR.
    const question = !line.includes('\ufffd') && mayHaveQuestionLetters(line) && !VIQR_SIGNS_BUT_HOOK.test(line);
    const lostToQuestion = question && replacedLetterPass(words, edits, model, true);
    const notViqr = lostToQuestion || (question && showsQuestionLettersIn(words, model));
    if (!notViqr) viqrPass(line, words, edits);
    if (line.includes('\ufffd')) replacedLetterPass(words, edits, model);
    // Most lines' edits come from one pass, in order already.
    if (!inOrder(edits)) edits.sort((a, b) => a.start - b.start);
    return edits;
  }
}
