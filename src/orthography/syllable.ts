/**
 * Syllables: composing parts into written form, and the inventory of every valid syllable,
 * generated once (lazily) from the rules, with the indexes that make validity, parsing and
 * skeleton lookup cheap.
 */
import { accepts, loadAutomaton, type SyllableAutomaton } from './automaton.js';
import { SYLLABLE_AUTOMATON } from './automaton-data.js';
import { putTone, removeMarks, type Tone } from './marks.js';
import {
  GI_MERGED_RHYMES,
  INITIALS,
  initialFits,
  O_RHYMES,
  PLAIN_RHYMES,
  QU_RHYMES,
  STOP_FINALS,
  U_RHYMES,
} from './rules.js';

/** Where the tone mark goes in `oa`, `oe`, `uy` without a final: old `hòa`, `thủy`; new `hoà`, `thuỷ`. */
export type ToneStyle = 'old' | 'new';

/**
 * A syllable split into its parts, all lower case. The nucleus keeps its vowel marks
 * (ă â ê ô ơ ư) but no tone and is in written form (`iê`/`ia`, `yê`/`ya`, `uô`/`ua`, `ươ`/`ưa`, `oo`).
 * For `qu` the medial is `u` (written inside the initial); for `gì`, `giếng` the initial is `gi`
 * and the nucleus `i`, `iê` (the two i's are written once).
 */
export interface SyllableParts {
  initial: string;
  medial: '' | 'o' | 'u';
  nucleus: string;
  final: string;
  tone: Tone;
}

/** Offset, inside the nucleus, of the letter that carries the tone. */
function toneOffsetInNucleus(nucleus: string): number {
  switch (nucleus) {
    case 'iê':
    case 'yê':
    case 'uô':
    case 'ươ':
    case 'oo':
      return 1;
    default:
      return 0;
  }
}

/** The toneless written form of some parts and where each style puts the tone in it. */
interface Spelling {
  word: string;
  oldToneAt: number;
  newToneAt: number;
}

/** How `parts` are written without their tone. */
function spell(parts: Omit<SyllableParts, 'tone'>): Spelling {
  const { initial, medial, nucleus, final } = parts;
  const writtenMedial = initial === 'qu' ? '' : medial;
  let body = writtenMedial + nucleus + final;
  let toneAt = initial.length + writtenMedial.length + toneOffsetInNucleus(nucleus);
  let oldToneAt = toneAt;
  if (initial === 'gi' && nucleus.startsWith('i')) {
    // gi + in → gin, gi + iêng → giêng: the i is written once.
    body = body.slice(1);
    toneAt -= 1;
    oldToneAt = toneAt;
  } else if (
    writtenMedial !== '' &&
    final === '' &&
    (nucleus === 'a' || nucleus === 'e' || nucleus === 'y')
  ) {
    oldToneAt = initial.length; // hòa, khỏe, thủy (new style: hoà, khoẻ, thuỷ)
  }
  return { word: initial + body, oldToneAt, newToneAt: toneAt };
}

/** `word` with `tone` on its letter at `at`. */
function placeTone(word: string, at: number, tone: Tone): string {
  if (tone === 0) return word;
  return word.slice(0, at) + putTone(word[at], tone) + word.slice(at + 1);
}

/**
 * Writes `parts` as a lower-case syllable, the tone placed in `style`. The parts are not
 * checked: use {@link isValidSyllable} on the result when they may be wrong.
 *
 * @example
 * const p = { initial: 'h', medial: 'o', nucleus: 'a', final: '', tone: 1 } as const;
 * composeSyllable(p); // 'hòa'
 * composeSyllable(p, 'new'); // 'hoà'
 */
export function composeSyllable(parts: SyllableParts, style: ToneStyle = 'old'): string {
  const sp = spell(parts);
  return placeTone(sp.word, style === 'old' ? sp.oldToneAt : sp.newToneAt, parts.tone);
}

type TonelessParts = Omit<SyllableParts, 'tone'>;

/** Every valid combination of parts, toneless, in a fixed order (preferred parse first). */
function validToneless(): TonelessParts[] {
  const out: TonelessParts[] = [];
  for (const initial of INITIALS) {
    const tables: Array<['' | 'o' | 'u', Readonly<Record<string, readonly string[]>>]> = [];
    if (initial === 'qu') tables.push(['u', QU_RHYMES]);
    // gi takes the medial o of loans (gioăng) but no medial u.
    else if (initial === 'gi') tables.push(['', GI_MERGED_RHYMES], ['', PLAIN_RHYMES], ['o', O_RHYMES]);
    else {
      tables.push(['', PLAIN_RHYMES]);
      // /k/ before a glide is spelled qu, so c and k take no medial.
      if (initial !== 'c' && initial !== 'k') tables.push(['o', O_RHYMES], ['u', U_RHYMES]);
    }
    for (const [medial, table] of tables) {
      for (const nucleus in table) {
        if (medial === '' && table === PLAIN_RHYMES) {
          // yê is written without an initial (yên), iê with one (tiên).
          if (nucleus === 'yê' && initial !== '') continue;
          if (nucleus === 'iê' && initial === '') continue;
          // gi's own i: gia, giữa, giục; gì, giếng come from the merged table.
          if (initial === 'gi' && (nucleus[0] === 'i' || nucleus[0] === 'y')) continue;
        }
        if (!initialFits(initial, medial || nucleus[0])) continue;
        for (const final of table[nucleus]) {
          out.push({ initial, medial, nucleus, final });
        }
      }
    }
  }
  return out;
}

const ALL_TONES: readonly Tone[] = [0, 1, 2, 3, 4, 5];
const STOP_TONES: readonly Tone[] = [2, 5];

/**
 * Every valid syllable written out, in the order of {@link validToneless} and then of tone:
 * entry k is `toneless[codes[k] >> 3]` with tone `codes[k] & 7`, in the old style (`oldForms[k]`)
 * and the new one (`newForms[k]`, the same string for most syllables). A written form can occur
 * twice (gi + ê + t and gi + iê + t are both `giêt`); the first entry is the preferred parse.
 */
interface Forms {
  toneless: readonly TonelessParts[];
  codes: Int32Array;
  oldForms: string[];
  newForms: string[];
}

let forms: Forms | undefined;

function getForms(): Forms {
  if (forms) return forms;
  const toneless = validToneless();
  const codes: number[] = [];
  const oldForms: string[] = [];
  const newForms: string[] = [];
  for (let i = 0; i < toneless.length; i++) {
    const { word, oldToneAt, newToneAt } = spell(toneless[i]);
    const tones = STOP_FINALS.has(toneless[i].final) ? STOP_TONES : ALL_TONES;
    for (const tone of tones) {
      const old = placeTone(word, oldToneAt, tone);
      codes.push(i * 8 + tone);
      oldForms.push(old);
      newForms.push(newToneAt === oldToneAt ? old : placeTone(word, newToneAt, tone));
    }
  }
  forms = { toneless, codes: Int32Array.from(codes), oldForms, newForms };
  return forms;
}

// Each index below is built on first use; validity needs only the stored automaton.
let automaton: SyllableAutomaton | undefined;
let codeByForm: Map<string, number> | undefined;
let oldStyle: readonly string[] | undefined;
let bySkeleton: Map<string, readonly string[]> | undefined;

/** The automaton that accepts every valid syllable, either style, in any case. */
export function syllableAutomaton(): SyllableAutomaton {
  automaton ??= loadAutomaton(SYLLABLE_AUTOMATON);
  return automaton;
}

/**
 * Every valid lower-case form in both tone styles, generated from the rules (with repeats):
 * what the stored automaton must accept, checked by the tests.
 */
export function generatedForms(): readonly string[] {
  const { oldForms, newForms } = getForms();
  return oldForms.concat(newForms);
}

/** Every valid lower-case form, either style → its code (toneless index × 8 + tone). */
function getCodeByForm(): Map<string, number> {
  if (codeByForm) return codeByForm;
  const { codes, oldForms, newForms } = getForms();
  codeByForm = new Map();
  for (let k = 0; k < codes.length; k++) {
    if (!codeByForm.has(oldForms[k])) codeByForm.set(oldForms[k], codes[k]);
    if (!codeByForm.has(newForms[k])) codeByForm.set(newForms[k], codes[k]);
  }
  return codeByForm;
}

/** Longest valid syllable (`nghiêng`, `khuyếch`): longer strings are rejected at once. */
export const MAX_SYLLABLE_LENGTH = 7;

/**
 * Whether `s` is a valid Vietnamese syllable by the spelling rules alone (no dictionary):
 * any case, NFC, tone in either placement style. Costs one table step per character.
 *
 * @example
 * isValidSyllable('Việt'); // true
 * isValidSyllable('hoà') && isValidSyllable('hòa'); // true
 * isValidSyllable('ce'); // false: c before e is spelled k
 * isValidSyllable('vịc'); // false: no rhyme `ic`
 */
export function isValidSyllable(s: string): boolean {
  return s.length <= MAX_SYLLABLE_LENGTH && accepts(automaton ?? syllableAutomaton(), s, 0, s.length);
}

/**
 * The parts of `s` (any case, NFC, either tone style), or `undefined` when it is not a valid syllable.
 *
 * @example
 * parseSyllable('Quốc'); // { initial: 'qu', medial: 'u', nucleus: 'ô', final: 'c', tone: 2 }
 * parseSyllable('giữa'); // { initial: 'gi', medial: '', nucleus: 'ưa', final: '', tone: 4 }
 */
export function parseSyllable(s: string): SyllableParts | undefined {
  if (!isValidSyllable(s)) return undefined;
  const code = getCodeByForm().get(s.toLowerCase());
  if (code === undefined) return undefined; // unreachable: the automaton accepts exactly these forms
  return { ...getForms().toneless[code >> 3], tone: (code & 7) as Tone };
}

/** Every valid lower-case syllable, tones in the old style. */
export function allSyllables(): readonly string[] {
  oldStyle ??= Object.freeze([...new Set(getForms().oldForms)]);
  return oldStyle;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Every valid lower-case syllable (old tone style) whose {@link removeMarks} is `skeleton`
 * lower-cased: the candidates for restoring the diacritics of a stripped syllable. Empty when
 * there is none.
 *
 * @example
 * syllablesForSkeleton('viet'); // ['viết', 'việt']: stop finals take only sắc or nặng
 * syllablesForSkeleton('Do').includes('đỗ'); // true
 */
export function syllablesForSkeleton(skeleton: string): readonly string[] {
  if (bySkeleton === undefined) {
    const index = new Map<string, string[]>();
    for (const syllable of allSyllables()) {
      const key = removeMarks(syllable);
      const list = index.get(key);
      if (list) list.push(syllable);
      else index.set(key, [syllable]);
    }
    for (const list of index.values()) Object.freeze(list);
    bySkeleton = index;
  }
  return bySkeleton.get(skeleton.toLowerCase()) ?? EMPTY;
}
