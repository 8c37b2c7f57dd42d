/**
 * Character-level tables for Vietnamese letters: which base letter and tone a precomposed
 * character carries, and how to put a tone on a base letter. Everything is built once from
 * `String.prototype.normalize`, so the tables cannot disagree with Unicode.
 */

/** Tone: 0 ngang (none), 1 huyền `à`, 2 sắc `á`, 3 hỏi `ả`, 4 ngã `ã`, 5 nặng `ạ`. */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

/** The combining mark of each tone 1–5 (index = tone). */
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

/** Base vowels that can carry a tone, lower and upper case. */
const TONE_BEARERS = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';

/** Vowel letters with their modifier marks (breve, circumflex, horn) but no tone, lower case. */
export const VOWELS = 'aăâeêioôơuưy';

/** toned char → toneless char (vowel marks kept), for the 5 × 24 precomposed toned vowels. */
const untoned = new Map<string, string>();
/** toned char → its tone. */
const toneOfChar = new Map<string, Tone>();
/** toneless char → the char in each tone 0–5. */
const withTone = new Map<string, string[]>();
/** every Vietnamese letter with a mark (tone, vowel mark or đ) → plain ASCII letter. */
const plain = new Map<string, string>();

for (const base of TONE_BEARERS) {
  const ascii = base.normalize('NFD')[0];
  if (base !== ascii) plain.set(base, ascii);
  withTone.set(base, [base]);
  for (let tone = 1 as Tone; tone <= 5; tone++) {
    const toned = (base + TONE_MARKS[tone]).normalize('NFC');
    untoned.set(toned, base);
    toneOfChar.set(toned, tone);
    withTone.get(base)!.push(toned);
    plain.set(toned, ascii);
  }
}
plain.set('đ', 'd');
plain.set('Đ', 'D');

/** Whether a code point lies in a block of combining diacritical marks. */
function isCombiningDiacritic(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

const TONE_MARK_CODES = new Set([0x0300, 0x0301, 0x0309, 0x0303, 0x0323, 0x0340, 0x0341]);

/** The tone of one character (0 for anything that is not a toned vowel). */
export function charTone(ch: string): Tone {
  return toneOfChar.get(ch) ?? 0;
}

/** A toneless vowel (any case) with `tone` put on it; other characters come back unchanged. */
export function putTone(ch: string, tone: Tone): string {
  if (tone === 0) return ch;
  return withTone.get(ch)?.[tone] ?? ch;
}

/** Per code unit: what a mark-removing function does with it. */
const UNKNOWN = 0;
const KEEP = 1;
const DROP = 2;

/**
 * A code unit → code unit rewrite: the Vietnamese table, loose combining marks dropped, and any
 * other precomposed letter decomposed with its marks dropped (ñ → n), classified on first sight.
 */
class CharRewrite {
  /** UNKNOWN, KEEP, DROP, or the replacement code unit (always above DROP). */
  private readonly actions = new Uint16Array(0x10000);

  constructor(
    vietnamese: ReadonlyMap<string, string>,
    private readonly isDroppedMark: (code: number) => boolean,
  ) {
    this.actions.fill(KEEP, 0, 0xc0);
    this.actions.fill(KEEP, 0xd800, 0xe000); // surrogates: nothing to strip in astral letters
    for (const [from, to] of vietnamese) this.actions[from.charCodeAt(0)] = to.charCodeAt(0);
  }

  action(code: number): number {
    const known = this.actions[code];
    if (known !== UNKNOWN) return known;
    let action = KEEP;
    if (this.isDroppedMark(code)) action = DROP;
    else {
      const nfd = String.fromCharCode(code).normalize('NFD');
      if (nfd.length > 1 && this.isDroppedMark(nfd.charCodeAt(nfd.length - 1))) {
        let kept = '';
        for (const c of nfd) if (!this.isDroppedMark(c.charCodeAt(0))) kept += c;
        kept = kept.normalize('NFC');
        if (kept.length === 1 && kept.charCodeAt(0) > DROP) action = kept.charCodeAt(0);
      }
    }
    this.actions[code] = action;
    return action;
  }

  /** `s` rewritten; `s` itself when nothing changes, so clean ASCII costs one scan. */
  apply(s: string): string {
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const code = s.charCodeAt(i);
      if (code >= 0xc0 && this.action(code) !== KEEP) break;
    }
    if (i === n) return s;
    return n <= SHORT ? this.rewriteShort(s, i) : this.rewriteLong(s, i);
  }

  /** Rewrites `s`, whose first change is at `i`, by appending pieces to a string. */
  private rewriteShort(s: string, i: number): string {
    let out = s.slice(0, i);
    let runStart = i;
    for (; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code < 0xc0) continue;
      const action = this.action(code);
      if (action === KEEP) continue;
      out += s.slice(runStart, i);
      if (action !== DROP) out += String.fromCharCode(action);
      runStart = i + 1;
    }
    return out + s.slice(runStart);
  }

  /**
   * Rewrites `s`, whose first change is at `i`, through a code-unit buffer (never longer than
   * the input): appending millions of pieces to a string is slow for long lines full of marks.
   */
  private rewriteLong(s: string, i: number): string {
    const n = s.length;
    const out = new Uint16Array(n);
    let length = 0;
    for (let k = 0; k < i; k++) out[length++] = s.charCodeAt(k);
    for (; i < n; i++) {
      const code = s.charCodeAt(i);
      const action = code < 0xc0 ? KEEP : this.action(code);
      if (action === KEEP) out[length++] = code;
      else if (action !== DROP) out[length++] = action;
    }
    return decodeUnits(out, length);
  }
}

/** The string of `units[0..length)`, lone surrogates kept (unlike a UTF-16 TextDecoder). */
function decodeUnits(units: Uint16Array, length: number): string {
  const CHUNK = 8192; // stays well within the argument limit of fromCharCode.apply
  let text = '';
  for (let k = 0; k < length; k += CHUNK) {
    text += String.fromCharCode.apply(null, units.subarray(k, Math.min(length, k + CHUNK)) as unknown as number[]);
  }
  return text;
}

/** Up to this length a rewritten string is built by appending; longer ones go through a buffer. */
const SHORT = 4096;

let toneRemover: CharRewrite | undefined;
let markRemover: CharRewrite | undefined;

/**
 * `s` with its tone marks removed; vowel marks (ă â ê ô ơ ư) and đ stay, case is kept.
 * Loose combining tone marks (decomposed text) are removed too.
 *
 * @example
 * removeTone('Tiếng Việt'); // 'Tiêng Viêt'
 */
export function removeTone(s: string): string {
  toneRemover ??= new CharRewrite(untoned, (code) => TONE_MARK_CODES.has(code));
  return toneRemover.apply(s);
}

/**
 * `s` with every diacritic removed (tones, breve, circumflex, horn, and other combining marks)
 * and đ/Đ turned into d/D; case is kept. Characters without marks are left as they are.
 *
 * @example
 * removeMarks('Đường phố'); // 'Duong pho'
 */
export function removeMarks(s: string): string {
  markRemover ??= new CharRewrite(plain, isCombiningDiacritic);
  return markRemover.apply(s);
}

/**
 * The tone of `s`: that of its first toned vowel (precomposed or combining), 0 if it has none.
 *
 * @example
 * toneOf('việt'); // 5 (nặng)
 * toneOf('ba'); // 0 (ngang)
 */
export function toneOf(s: string): Tone {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0xc0) continue;
    const t = toneOfChar.get(s[i]);
    if (t !== undefined) return t;
    switch (code) {
      case 0x0300:
      case 0x0340:
        return 1;
      case 0x0301:
      case 0x0341:
        return 2;
      case 0x0309:
        return 3;
      case 0x0303:
        return 4;
      case 0x0323:
        return 5;
    }
  }
  return 0;
}
