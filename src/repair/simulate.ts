/**
 * A simulator of the damage old scans and OCR do to Vietnamese text, for property tests and
 * for tuning on corpus text: syllables split before their final consonants (`những` →
 * `nhố ng`), a vowel or final glide dropped (`việc` → `vịc`), two syllables run together, a
 * tone or vowel mark misread (`Đức` → `Đốc`), and wrong-language readings of marked letters
 * (`tổ` → `t6`, `của` → `cua`). Deterministic for a given seed.
 */
import { applyCase, composeSyllable, parseSyllable, removeMarks, removeTone, type Tone } from '../orthography/index.js';
import { scanTokens } from '../tokenize/index.js';

/** The kinds of damage {@link simulateDamage} can do. */
export type DamageKind = 'split' | 'drop' | 'merge' | 'tone' | 'mark' | 'ascii';

/** Options of {@link simulateDamage}. */
export interface DamageOptions {
  /** Share of syllables damaged, 0..1 (default 0.1). */
  rate?: number;
  /** Seed of the pseudo-random generator (default 1). */
  seed?: number;
  /** Which kinds to draw from (default all but `ascii`). */
  kinds?: readonly DamageKind[];
}

/** mulberry32: a small, fast, deterministic generator. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vowel-mark misreadings: each marked nucleus letter and what it is taken for. */
const MARK_SWAPS: Record<string, string[]> = {
  â: ['a', 'ă'], ă: ['a', 'â'], a: ['â', 'ă'], ê: ['e'], e: ['ê'],
  ô: ['o', 'ơ'], ơ: ['o', 'ô'], o: ['ô', 'ơ'], ư: ['u'], u: ['ư'],
};

/** Wrong-language readings of marked letters (what an English model prints for them). */
const ASCII_READINGS: Record<string, string[]> = {
  ô: ['6', 'é', 'o'], ơ: ['o', 'd'], ư: ['u', 'w'], ă: ['a', 'i'], â: ['a', 'i'], ê: ['e', 'é'], đ: ['d'],
};

function withTone(parts: ReturnType<typeof parseSyllable>, tone: Tone): string {
  return composeSyllable({ ...parts!, tone });
}

/** One syllable damaged one way; `undefined` when that kind does not apply to it. */
function damageSyllable(text: string, kind: DamageKind, rnd: () => number): string | undefined {
  const parts = parseSyllable(text);
  if (parts === undefined) return undefined;
  const lower = text.toLowerCase();
  switch (kind) {
    case 'tone': {
      const tone = ((parts.tone + 1 + Math.floor(rnd() * 5)) % 6) as Tone;
      return applyCase(text, withTone(parts, tone));
    }
    case 'mark': {
      const n = parts.nucleus;
      for (let i = 0; i < n.length; i++) {
        const swaps = MARK_SWAPS[n[i]];
        if (swaps === undefined) continue;
        const nucleus = n.slice(0, i) + swaps[Math.floor(rnd() * swaps.length)] + n.slice(i + 1);
        const out = composeSyllable({ ...parts, nucleus });
        if (parseSyllable(out) !== undefined && out !== lower) return applyCase(text, out);
      }
      return undefined;
    }
    case 'split': {
      if (parts.final === '' || lower.length < 3) return undefined;
      const cut = lower.length - parts.final.length;
      let head = lower.slice(0, cut);
      if (rnd() < 0.6) {
        // The mark over the cut-off head is often misread.
        const base = removeTone(head);
        const tones = [0, 1, 2, 3, 4, 5].filter((t) => t !== parts.tone);
        const h = parseSyllable(base);
        if (h !== undefined) head = composeSyllable({ ...h, tone: tones[Math.floor(rnd() * tones.length)] as Tone });
      }
      return applyCase(text, head) + ' ' + lower.slice(cut);
    }
    case 'drop': {
      const n = parts.nucleus;
      if (n.length >= 2) {
        const i = rnd() < 0.5 ? 1 : 0;
        const nucleus = n.slice(0, i) + n.slice(i + 1);
        const out = withTone({ ...parts, nucleus }, parts.tone);
        return out === lower ? undefined : applyCase(text, out);
      }
      if (parts.final === 'i' || parts.final === 'y' || parts.final === 'o' || parts.final === 'u') {
        return applyCase(text, withTone({ ...parts, final: '' }, parts.tone));
      }
      return undefined;
    }
    case 'ascii': {
      let out = '';
      for (const ch of lower.normalize('NFC')) {
        const base = removeTone(ch);
        const readings = ASCII_READINGS[base];
        out += readings ? readings[Math.floor(rnd() * readings.length)] : removeMarks(ch);
      }
      return applyCase(text, out);
    }
    default:
      return undefined;
  }
}

/**
 * `text` with OCR-like damage on about `rate` of its syllables. Only valid syllables are
 * damaged; everything else (numbers, names that are not syllables, punctuation, spaces) stays.
 *
 * @example
 * simulateDamage('những câu chuyện xúc động', { rate: 0.5, seed: 3 });
 */
export function simulateDamage(text: string, options: DamageOptions = {}): string {
  const rate = options.rate ?? 0.1;
  const kinds = options.kinds ?? ['split', 'drop', 'merge', 'tone', 'mark'];
  const rnd = generator(options.seed ?? 1);
  const out: string[] = [];
  let last = 0;
  let mergeNext = false;
  scanTokens(text, (kind, start, end) => {
    if (kind === 'space' && mergeNext && end - start === 1) {
      out.push(text.slice(last, start));
      last = end;
      mergeNext = false;
      return;
    }
    if (kind !== 'syllable') return;
    mergeNext = false;
    if (rnd() >= rate) return;
    const k = kinds[Math.floor(rnd() * kinds.length)];
    if (k === 'merge') {
      mergeNext = true;
      return;
    }
    const damaged = damageSyllable(text.slice(start, end), k, rnd);
    if (damaged === undefined) return;
    out.push(text.slice(last, start), damaged);
    last = end;
  });
  out.push(text.slice(last));
  return out.join('');
}

/**
 * `text` typed without marks: every diacritic removed (`all`, `đ` → `d`) or only the five tone
 * marks (`tones`).
 */
export function stripDiacritics(text: string, what: 'all' | 'tones' = 'all'): string {
  return what === 'all' ? removeMarks(text) : removeTone(text);
}
