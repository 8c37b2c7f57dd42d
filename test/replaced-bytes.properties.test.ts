/**
 * Mojibake whose undefined bytes were replaced rather than dropped: UTF-8 shown as Windows-1252
 * by a decoder that writes U+FFFD (or `?`) for the five bytes Windows-1252 leaves undefined
 * (0x81 0x8D 0x8F 0x90 0x9D, the last bytes of `ề ọ ỏ Ố ờ`, the second of `Đ`). Every
 * Vietnamese letter holding such a byte, in generated sentences and in real documents, must
 * come back; correct text with `?` and `�` elsewhere must come out byte-identical.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodingStage, fix, runStages } from '../src/index.js';
import { badness } from '../src/encoding/badness.js';
import { undoMojibake } from '../src/encoding/mojibake.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables, isValidSyllable } from '../src/orthography/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';
import { asCp1252 } from './support/byte-views.js';
import { glossaryLines, manpage } from './support/documents.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const model = defaultModel();
const utf8 = (s: string) => new TextEncoder().encode(s);
const repairEncoding = (s: string) => runStages(s, [encodingStage()]).text;

/** The bytes Windows-1252 leaves undefined. */
const UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** UTF-8 shown as Windows-1252, each undefined byte written as `replacement`. */
function replacing(s: string, replacement: string): string {
  let out = '';
  for (const b of utf8(s)) out += UNDEFINED.includes(b) ? replacement : CP1252[b];
  return out;
}

/** Every letter whose UTF-8 holds an undefined byte, with the byte's place. */
function hasUndefinedByte(ch: string): boolean {
  return utf8(ch).some((b) => UNDEFINED.includes(b));
}

/**
 * The other letters with the same bytes but an undefined one in its place (`ọ` for `ờ`):
 * once the byte is replaced, only the meaning can tell them apart.
 */
function lookAlikes(ch: string): string[] {
  const bytes = utf8(ch);
  const at = bytes.findIndex((b) => UNDEFINED.includes(b));
  if (at < 0) return [];
  const out: string[] = [];
  for (const b of UNDEFINED) {
    if (b === bytes[at]) continue;
    const other = Uint8Array.from(bytes);
    other[at] = b;
    const text = new TextDecoder().decode(other);
    if ([...text].length === 1 && /\p{L}/u.test(text)) out.push(text);
  }
  return out;
}

/** Whether another spelling of a word, with a look-alike letter, is a syllable in use. */
function ambiguous(sentence: string): boolean {
  for (const m of sentence.matchAll(/\p{L}+/gu)) {
    const chars = [...m[0]];
    for (let i = 0; i < chars.length; i++) {
      for (const other of lookAlikes(chars[i])) {
        const alt = [...chars.slice(0, i), other, ...chars.slice(i + 1)].join('');
        if (isValidSyllable(alt) && model.has(alt.toLowerCase())) return true;
      }
    }
  }
  return false;
}

const CASES = ['lower', 'title', 'upper'] as const;
function inCase(w: string, c: (typeof CASES)[number]): string {
  return c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w;
}

/** Syllables in use (the model's vocabulary) with a letter outside ASCII, in every case. */
const POOL = allSyllables()
  .filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s))
  .flatMap((s) => CASES.map((c) => inCase(s, c)));
/** The syllables with a letter a replaced byte damages, and no look-alike in use. */
const TARGETS = POOL.filter((w) => [...w].some(hasUndefinedByte) && !ambiguous(w));
/** The letters themselves, for the record: every one of them occurs among the targets. */
const LETTERS = [...new Set(POOL.flatMap((w) => [...w].filter(hasUndefinedByte)))];

const word = fc.constantFrom(...POOL);
const token = fc
  .tuple(word, fc.constantFrom('', '', '', '“…”', '…,', '….', '…!', '…?', '(…)', '…:'))
  .map(([w, p]) => (p === '' ? w : p.replace('…', w)));
/** A sentence with one to three target words anywhere in it. */
const sentence = fc
  .tuple(
    fc.array(token, { minLength: 4, maxLength: 10 }),
    fc.array(fc.constantFrom(...TARGETS), { minLength: 1, maxLength: 3 }),
    fc.nat(),
  )
  .map(([tokens, targets, at]) => {
    const out = [...tokens];
    for (const t of targets) out.splice(at % (out.length + 1), 0, t);
    return out.join(' ');
  });

describe('property: mojibake with replaced undefined bytes comes back exactly', () => {
  it(`the letters a replaced byte damages are all covered (${LETTERS.join(' ')})`, () => {
    for (const ch of LETTERS) expect(TARGETS.some((w) => w.includes(ch)) || POOL.filter((w) => w.includes(ch)).every((w) => ambiguous(w))).toBe(true);
    expect(LETTERS).toEqual(expect.arrayContaining(['ề', 'ọ', 'ỏ', 'Ố', 'ờ', 'Đ']));
  });

  it('each undefined byte as U+FFFD', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        fc.pre(badness(s) === 0 && !ambiguous(s));
        expect(repairEncoding(replacing(s, '\ufffd'))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('each undefined byte as U+FFFD, then shown as Windows-1252 again', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        fc.pre(badness(s) === 0 && !ambiguous(s));
        expect(repairEncoding(asCp1252(utf8(replacing(s, '\ufffd'))))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('each undefined byte as `?`, where the line shows one inside a word', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        const damaged = replacing(s, '?');
        // A `?` that ends a word may be a question mark after a dropped byte: only a line that
        // shows `?` for a byte inside a word says which.
        fc.pre(badness(s) === 0 && !ambiguous(s) && /\?\p{L}/u.test(damaged));
        expect(repairEncoding(damaged)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('a guess among look-alikes is reported with less confidence than a word with one reading', () => {
    // `há»�` is `hề`, `họ`, `hỏ` or `hờ`: context chooses, and says how sure it is; `Ä�i` can
    // only be `Đi`.
    // The words whose readings score alike, so that the spelling alone cannot choose.
    const ambiguousWords = POOL.filter(
      (w) => w === w.toLowerCase() && [...w].some(hasUndefinedByte) && (undoMojibake(replacing(w, '\ufffd'))?.alternatives.length ?? 0) > 1,
    );
    const sureWords = TARGETS.filter((w) => w === w.toLowerCase());
    fc.assert(
      fc.property(fc.constantFrom(...ambiguousWords), fc.constantFrom(...sureWords), (amb, sure) => {
        const damaged = replacing(`${sure} ${amb}`, '\ufffd');
        const edits = runStages(damaged, [encodingStage()]).edits;
        const sureEnd = replacing(sure, '\ufffd').length;
        const onSure = edits.filter((e) => e.start < sureEnd);
        const onAmbiguous = edits.filter((e) => e.start > sureEnd);
        expect(onSure.length).toBeGreaterThan(0);
        expect(onAmbiguous).toHaveLength(1);
        expect(onAmbiguous[0].kind).toBe('mojibake');
        expect(onAmbiguous[0].confidence).toBeGreaterThan(0);
        expect(onAmbiguous[0].confidence).toBeLessThan(Math.min(...onSure.map((e) => e.confidence)));
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });
});

describe('real documents with replaced undefined bytes', () => {
  const lines = [...glossaryLines, ...manpage.split('\n')].filter((l) => [...l].some(hasUndefinedByte) && badness(l) === 0);
  for (const [name, damage] of [
    ['U+FFFD', (l: string) => replacing(l, '\ufffd')],
    ['U+FFFD shown again', (l: string) => asCp1252(utf8(replacing(l, '\ufffd')))],
  ] as const) {
    it(`${name}: no replacement character is left, and the lines without look-alikes come back (${lines.length} lines)`, () => {
      for (const line of lines) {
        const out = fix(damage(line)).text;
        expect(out).not.toContain('\ufffd');
        if (!ambiguous(line)) expect(out).toBe(fix(line).text);
      }
    });
  }
});

/** Words of another language with `?` or `�` where a Vietnamese letter would break. */
const foreignToken = fc.constantFrom(
  'NGÃ?',
  'KHÁ?',
  'CAFÉ?',
  'WÄ?',
  'España?',
  'M\ufffdnchen',
  'Espa\ufffda',
  'Fran\ufffdois',
  '???',
  'what?!',
  'é?',
  'Ý?',
  'Â?',
  'Ô?',
  'Ê?',
);

describe('property: `?` and `�` elsewhere stay as they are', () => {
  it('in clean Vietnamese sentences, with words of other languages', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: token }, { weight: 1, arbitrary: foreignToken }), { minLength: 1, maxLength: 12 }), (tokens) => {
        const s = tokens.join(' ');
        expect(repairEncoding(s)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('next to mojibake that needs no guess: the question mark after a whole letter stays', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 8 }), (ws) => {
        const s = ws.map((w) => w + '?').join(' ');
        fc.pre(badness(s) === 0 && !ws.some((w) => [...w].some(hasUndefinedByte)));
        expect(repairEncoding(replacing(s, '\ufffd'))).toBe(s);
        expect(repairEncoding(replacing(s, '?'))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});
