/**
 * Splits one line into tokens with UTF-16 offsets and a kind. The tokens cover the line
 * exactly: concatenating their texts gives the line back. One pass over the char codes, no
 * backtracking regular expressions; the only look-ahead (e-mail addresses) is remembered so
 * that no character is scanned more than a bounded number of times.
 *
 * Rules, in the order they are tried at the start of a token:
 * - `space`: a run of whitespace (any Unicode space, NBSP included).
 * - `url`: `http://`, `https://`, `ftp://` or `www.` up to the next space or quote/angle
 *   bracket, without trailing sentence punctuation; e-mail addresses `name@domain.tld`; bare
 *   domains with a common top-level domain (`vnexpress.net`, `chinhphu.gov.vn/...`), so that
 *   `net` or `com` is never taken for a damaged syllable.
 * - `number`: a token that starts with a digit is a number: digits, and the separators
 *   `. , / : -` when a digit follows them (`28/8/2014`, `1.000`, `3,5`, `10:30`). Letters right
 *   after a number start a new token (`5km` → `5` + `km`, `485-CV` → `485` + `-` + `CV`).
 * - a word: a token that starts with a letter or combining mark runs through letters, marks
 *   and digits (`t6`, `H5N1`, `mp3` stay whole, because OCR often puts digits inside words),
 *   through invisible format characters that sit between two of those (a zero-width space or
 *   soft hyphen inside a damaged word), and through `&` between upper-case letters (`TTTT&TV`).
 *   Its kind: `syllable` when it is a valid Vietnamese syllable in any case (`việt`, `VIỆT`);
 *   else `acronym` when it has no lower-case letter and at least two upper-case letters, or one
 *   with a digit (`TW`, `CBNV`, `VPĐUK`, `H5N1`, `F1`); else `foreign` (`the`, `vịc`, `t6`).
 * - `punct`: any other code point (punctuation, symbols, emoji, controls, lone surrogates,
 *   format characters outside words), one token each.
 */
import type { SyllableAutomaton } from '../orthography/automaton.js';
import { syllableAutomaton } from '../orthography/syllable.js';

/** What a token is. */
export type TokenKind = 'syllable' | 'foreign' | 'number' | 'url' | 'acronym' | 'punct' | 'space';

/** A span of a line: `text === line.slice(start, end)`, offsets in UTF-16 code units. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

// Character classes, looked up per UTF-16 code unit in a table filled on demand (each code
// unit is classified by a Unicode property regex once). They live in this module, not in one
// of their own, so that the hot loops below read local constants and call local functions.

const OTHER = 0;
/** A letter that is not upper case: Ll, Lm, Lo. */
const LETTER = 1;
/** An upper-case or title-case letter: Lu, Lt. */
const UPPER = 2;
/** A combining mark: Mn, Mc, Me. */
const MARK = 3;
/** A decimal digit, any script. */
const DIGIT = 4;
/** Whitespace, including NBSP and the other Unicode spaces. */
const SPACE = 5;
/** An invisible format character: zero-width space/joiners, soft hyphen, word joiner, BOM. */
const FORMAT = 6;
/** Half of a surrogate pair (or a lone surrogate). */
const SURROGATE = 7;

const UNKNOWN = 255;

const IS_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{Nd}$/u;
const IS_FORMAT = /^\p{Cf}$/u;
const IS_SPACE = /^\s$/u;

/** The class of one code point given as a string (one or two code units). */
function classify(ch: string): number {
  if (IS_UPPER.test(ch)) return UPPER;
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_MARK.test(ch)) return MARK;
  if (IS_DIGIT.test(ch)) return DIGIT;
  if (IS_FORMAT.test(ch)) return FORMAT; // before SPACE: U+FEFF matches \s in JavaScript
  if (IS_SPACE.test(ch)) return SPACE;
  return OTHER;
}

const table = new Uint8Array(0x10000).fill(UNKNOWN).fill(SURROGATE, 0xd800, 0xe000);

/** The class of the BMP code unit `code` (surrogates give {@link SURROGATE}). */
function classOf(code: number): number {
  const known = table[code];
  if (known !== UNKNOWN) return known;
  const computed = classify(String.fromCharCode(code));
  table[code] = computed;
  return computed;
}

const astral = new Map<number, number>();
/** Bound on the astral cache, so that text full of distinct emoji or CJK cannot grow it without end. */
const ASTRAL_CACHE_SIZE = 4096;

/** The class of a supplementary-plane code point. */
function classOfAstral(codePoint: number): number {
  let known = astral.get(codePoint);
  if (known === undefined) {
    known = classify(String.fromCodePoint(codePoint));
    if (astral.size < ASTRAL_CACHE_SIZE) astral.set(codePoint, known);
  }
  return known;
}

/**
 * Class of the code point starting at `i`, packed with its width in code units:
 * `class | width << 4` (width 2 for a surrogate pair, else 1).
 */
function classAt(line: string, i: number): number {
  const code = line.charCodeAt(i);
  const cls = classOf(code);
  if (cls !== SURROGATE) return cls | (1 << 4);
  if (code <= 0xdbff && i + 1 < line.length) {
    const low = line.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      return classOfAstral(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) | (2 << 4);
    }
  }
  return OTHER | (1 << 4); // a lone surrogate
}

function isWordClass(cls: number): boolean {
  return cls === LETTER || cls === UPPER || cls === MARK || cls === DIGIT;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAsciiAlnum(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  );
}

/** Characters that may appear in the local part of an e-mail address. */
function isEmailLocal(code: number): boolean {
  return isAsciiAlnum(code) || code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d;
}

/** Characters that end a URL: controls, spaces (checked apart), quotes and angle brackets. */
function endsUrl(code: number): boolean {
  return (
    code < 0x21 ||
    code === 0x22 || // "
    code === 0x3c || // <
    code === 0x3e || // >
    code === 0x60 || // `
    code === 0xab || // «
    code === 0xbb || // »
    (code >= 0x2018 && code <= 0x201f) // curly quotes
  );
}

/** Trailing characters that belong to the sentence rather than to a URL. */
function isUrlTrailer(code: number): boolean {
  return (
    code === 0x2e || code === 0x2c || code === 0x3b || code === 0x3a || code === 0x21 ||
    code === 0x3f || code === 0x27 || code === 0x29 || code === 0x5d || code === 0x7d
  );
}

const URL_PREFIXES = ['https://', 'http://', 'ftp://', 'www.'];

/** Whether `line` has `prefix` (lower-case ASCII) at `i`, ignoring ASCII case. */
function hasPrefixAt(line: string, i: number, prefix: string): boolean {
  if (i + prefix.length > line.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    const code = line.charCodeAt(i + k);
    const want = prefix.charCodeAt(k);
    if (code !== want && !(want >= 0x61 && want <= 0x7a && code === want - 0x20)) return false;
  }
  return true;
}

/** End of a URL starting at `i`, or `i` when there is none. */
function matchUrl(line: string, i: number): number {
  const first = line.charCodeAt(i) | 0x20;
  if (first !== 0x68 && first !== 0x66 && first !== 0x77) return i; // h, f, w
  let prefix = 0;
  for (const p of URL_PREFIXES) {
    if (hasPrefixAt(line, i, p)) {
      prefix = p.length;
      break;
    }
  }
  if (prefix === 0) return i;
  // Something must follow the prefix, and it must start with a letter or digit. (Checked
  // before the scan, so that failed candidates cost nothing: `http:///http:///…` stays linear.)
  if (i + prefix >= line.length || !isWordClass(classAt(line, i + prefix) & 15)) return i;
  let end = i + prefix;
  let opened = 0;
  let closed = 0;
  while (end < line.length) {
    const code = line.charCodeAt(end);
    if (endsUrl(code) || classOf(code) === SPACE) break;
    if (code === 0x28) opened++;
    else if (code === 0x29) closed++;
    end++;
  }
  // A closing parenthesis belongs to the URL only when it closes one opened inside it.
  while (end > i + prefix) {
    const code = line.charCodeAt(end - 1);
    if (!isUrlTrailer(code) || (code === 0x29 && closed <= opened)) break;
    if (code === 0x29) closed--;
    end--;
  }
  return end;
}

/**
 * An e-mail address starting at `i`: returns its end, or the negated position where the scan
 * of the local part stopped (no address starts anywhere before that position either).
 */
function matchEmail(line: string, i: number): number {
  let j = i;
  while (j < line.length && isEmailLocal(line.charCodeAt(j))) j++;
  if (j === line.length || line.charCodeAt(j) !== 0x40) return -j;
  // Domain: labels of letters, digits and '-', separated by single dots; at least two labels,
  // the last one of two or more letters.
  let k = j + 1;
  let end = -1;
  let labels = 0;
  while (k < line.length) {
    const labelStart = k;
    let lettersOnly = true;
    while (k < line.length) {
      const code = line.charCodeAt(k);
      if (isAsciiAlnum(code)) {
        if (isAsciiDigit(code)) lettersOnly = false;
      } else if (code === 0x2d) lettersOnly = false;
      else break;
      k++;
    }
    if (k === labelStart) break;
    labels++;
    if (labels >= 2 && lettersOnly && k - labelStart >= 2) end = k;
    if (k < line.length && line.charCodeAt(k) === 0x2e) k++;
    else break;
  }
  return end > 0 ? end : -j;
}

/**
 * Top-level domains that make a bare `name.tld` a URL. Only common ones, and none that is also
 * a short word or initial in Vietnamese text (`co`, `ai`, `me`, `tv`).
 */
const TOP_LEVEL_DOMAINS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'info', 'biz', 'int', 'mil', 'asia', 'io',
  'vn', 'uk', 'us', 'de', 'fr', 'jp', 'cn', 'kr', 'ru', 'au', 'ca',
]);

function isDomainChar(code: number): boolean {
  return isAsciiAlnum(code) || code === 0x2d;
}

/**
 * A bare domain starting at `i` (`vnexpress.net`, `chinhphu.gov.vn/tin-tuc`): returns its end,
 * or the negated end of the dotted run scanned (no domain starts anywhere before it either:
 * every start inside the run sees the same last label).
 */
function matchDomain(line: string, i: number): number {
  const n = line.length;
  let j = i;
  let labels = 0;
  let firstLabel = 0;
  let lastLabelStart = i;
  for (;;) {
    const labelStart = j;
    while (j < n && isDomainChar(line.charCodeAt(j))) j++;
    if (j === labelStart) return -j;
    if (labels === 0) firstLabel = j - labelStart;
    labels++;
    lastLabelStart = labelStart;
    if (j + 1 < n && line.charCodeAt(j) === 0x2e && isDomainChar(line.charCodeAt(j + 1))) j++;
    else break;
  }
  // A letter or mark right after the run (`abc.comé`) means it is no domain.
  if (labels < 2 || firstLabel < 2 || (j < n && isWordClass(classAt(line, j) & 15))) return -j;
  if (!TOP_LEVEL_DOMAINS.has(line.slice(lastLabelStart, j).toLowerCase())) return -j;
  if (j < n && line.charCodeAt(j) === 0x2f) {
    // a path: up to the next space or quote, without trailing sentence punctuation
    while (j < n && !endsUrl(line.charCodeAt(j)) && classOf(line.charCodeAt(j)) !== SPACE) j++;
    while (isUrlTrailer(line.charCodeAt(j - 1))) j--;
  }
  return j;
}

/** Separators that may sit between the digit groups of one number. */
function isNumberSeparator(code: number): boolean {
  return code === 0x2e || code === 0x2c || code === 0x2f || code === 0x3a || code === 0x2d;
}

/** End of the number starting at `i` (a digit). */
function scanNumber(line: string, i: number): number {
  let j = i;
  for (;;) {
    // Whole code points: astral digits (e.g. U+16B55) are two code units wide.
    while (j < line.length) {
      const packed = classAt(line, j);
      if ((packed & 15) !== DIGIT) break;
      j += packed >> 4;
    }
    if (
      j + 1 < line.length &&
      isNumberSeparator(line.charCodeAt(j)) &&
      (classAt(line, j + 1) & 15) === DIGIT
    ) {
      j++;
      continue;
    }
    return j;
  }
}

/** Flags gathered while scanning a word, packed below its end offset. */
const HAS_LOWER = 1;
const ONE_UPPER = 2;
const TWO_UPPER = 4;
const HAS_DIGIT = 8;
const SYLLABLE = 16;
const FLAG_SPAN = 32;

/**
 * Scans the word starting at `i` (a letter or mark): returns `end * FLAG_SPAN + flags`.
 * The syllable automaton is stepped along, so telling a syllable costs no second pass.
 */
function scanWord(line: string, i: number, automaton: SyllableAutomaton): number {
  const { next, width, letterOf, start } = automaton;
  const limit = letterOf.length;
  const n = line.length;
  let state = start;
  let j = i;
  let flags = 0;
  while (j < n) {
    const code = line.charCodeAt(j);
    const packed = classAt(line, j);
    const cls = packed & 15;
    if (cls === UPPER) flags |= flags & ONE_UPPER ? TWO_UPPER : ONE_UPPER;
    else if (cls === LETTER) flags |= HAS_LOWER;
    else if (cls === DIGIT) flags |= HAS_DIGIT;
    else if (cls === MARK) {
      // a combining mark belongs to the letter before it
    } else if (cls === FORMAT) {
      // Invisible characters inside a word stay in it; at its edge they do not.
      let k = j + 1;
      while (k < n && classOf(line.charCodeAt(k)) === FORMAT) k++;
      if (k === n || !isWordClass(classAt(line, k) & 15)) break;
      state = 0;
      j = k;
      continue;
    } else if (
      code === 0x26 && // & between upper-case letters: TTTT&TV, R&D
      (flags & (HAS_LOWER | ONE_UPPER)) === ONE_UPPER &&
      j + 1 < n &&
      (classAt(line, j + 1) & 15) === UPPER
    ) {
      // joined acronyms; '&' is no syllable letter, so the automaton dies below
    } else break;
    state = code < limit ? next[state * width + letterOf[code]] : 0;
    j += packed >> 4;
  }
  if (automaton.accepting[state] === 1) flags |= SYLLABLE;
  return j * FLAG_SPAN + flags;
}

/** The kind of a word scanned with `flags`. */
function wordKind(flags: number): TokenKind {
  if (flags & SYLLABLE) return 'syllable';
  if ((flags & HAS_LOWER) === 0 && flags & ONE_UPPER && flags & (TWO_UPPER | HAS_DIGIT)) return 'acronym';
  return 'foreign';
}

/** Receives the tokens of a line from {@link scanTokens}; returning `false` stops the scan. */
export type TokenVisitor = (kind: TokenKind, start: number, end: number) => boolean | void;

/**
 * Walks the tokens of `line` in order without allocating them: `visit(kind, start, end)` for
 * each, the same tokens as {@link tokenize}. Stops early when `visit` returns `false`. Meant
 * for cheap tests on the clean path, e.g. whether a line has any `foreign` word at all.
 */
export function scanTokens(line: string, visit: TokenVisitor): void {
  const automaton = syllableAutomaton();
  const n = line.length;
  // E-mail addresses are looked for from this offset on; a failed look-ahead moves it past
  // every start that would fail the same way. No '@' in the line: never.
  let emailFrom = line.indexOf('@') >= 0 ? 0 : n;
  // The same for bare domains; a line without '.' has none.
  let domainFrom = line.indexOf('.') >= 0 ? 0 : n;
  let i = 0;
  while (i < n) {
    const packed = classAt(line, i);
    const cls = packed & 15;
    let end = 0;
    let kind: TokenKind;
    if (cls === SPACE) {
      end = i + 1;
      while (end < n && classOf(line.charCodeAt(end)) === SPACE) end++;
      kind = 'space';
    } else if (!isWordClass(cls)) {
      end = i + (packed >> 4);
      kind = 'punct';
    } else {
      end = matchUrl(line, i);
      if (end <= i && i >= emailFrom && isAsciiAlnum(line.charCodeAt(i))) {
        end = matchEmail(line, i);
        if (end < 0) emailFrom = -end;
      }
      if (end <= i && i >= domainFrom && isAsciiAlnum(line.charCodeAt(i))) {
        end = matchDomain(line, i);
        if (end < 0) domainFrom = -end;
      }
      if (end > i) {
        kind = 'url';
      } else if (cls === DIGIT) {
        end = scanNumber(line, i);
        kind = 'number';
      } else {
        const scanned = scanWord(line, i, automaton);
        end = Math.floor(scanned / FLAG_SPAN);
        kind = wordKind(scanned % FLAG_SPAN);
      }
    }
    if (visit(kind, i, end) === false) return;
    i = end;
  }
}

/**
 * Splits `line` into tokens that cover it exactly, with UTF-16 offsets and a kind: `syllable`,
 * `foreign`, `number`, `url` (also e-mail), `acronym`, `punct` or `space`. A letter run glued to
 * digits is one word (`t6`, `H5N1`); a number stops before letters (`5km` → `5`, `km`).
 *
 * @example
 * tokenize('Số 485-CV').map((t) => t.kind);
 * // ['syllable', 'space', 'number', 'punct', 'acronym']
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  scanTokens(line, (kind, start, end) => {
    tokens.push({ kind, start, end, text: line.slice(start, end) });
  });
  return tokens;
}
