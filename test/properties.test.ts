import fc from 'fast-check';
// @ts-expect-error unorm ships no type declarations
import unormModule from 'unorm';
import { describe, expect, it } from 'vitest';
import { allSyllables, fix, runStages } from '../src/index.js';
import { unicodeStage } from '../src/unicode/index.js';
import { checkResult } from './support/check-result.js';

/** An independent NFC/NFD implementation, the oracle for the native one used by the library. */
const unorm = unormModule as { nfc(s: string): string; nfd(s: string): string };

const RUNS = { numRuns: 150 };

// ---- generators ---------------------------------------------------------------------------

const syllables = allSyllables();

/**
 * A valid syllable in lower, Title or UPPER case. No word in use starts with `ã`, and `Ã` before
 * lower-case letters is what `Á` or `Í` shows as once the second byte of its UTF-8 was lost
 * (`Ãi` is `Ái`), so those Title-case forms are not clean text.
 */
const word = fc
  .tuple(fc.integer({ min: 0, max: syllables.length - 1 }), fc.integer({ min: 0, max: 19 }))
  .map(([i, c]) => {
    const s = syllables[i];
    if (c === 0) return s.toUpperCase();
    if (c <= 3 && !s.startsWith('ã')) return s[0].toUpperCase() + s.slice(1);
    return s;
  });

const NAMES = ['Nguyễn Văn An', 'TP.HCM', 'Covid-19', 'Facebook', 'UNESCO', 'iPhone 15', 'Đà Nẵng', 'H5N1', 'Paris'];
const number = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.integer({ min: 1, max: 999 }).map((n) => `${n}.000`),
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2030 })).map(
    ([d, m, y]) => `${d}/${m}/${y}`,
  ),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n},5%`),
);
const separator = fc.constantFrom(' ', ' ', ' ', ' ', ', ', '. ', '; ', ': ', ' - ', ' – ', '… ');

/** A clean Vietnamese sentence: syllables with punctuation, numbers and names, NFC. */
const cleanSentence = fc
  .array(fc.oneof({ weight: 12, arbitrary: word }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) }), {
    minLength: 1,
    maxLength: 30,
  })
  .chain((words) => fc.tuple(fc.constant(words), fc.array(separator, { minLength: words.length, maxLength: words.length })))
  .chain(([words, seps]) =>
    fc.constantFrom('', '“', '(').map((open) => {
      let s = open;
      words.forEach((w, i) => (s += w + (i < words.length - 1 ? seps[i] : '')));
      return s + (open === '“' ? '.”' : open === '(' ? ').' : '.');
    }),
  );

const cleanText = fc.array(cleanSentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const SPACES = ['\u00A0', '\u202F'];

/** Clean text damaged the ways the Unicode stage repairs: NFD words, invisibles, no-break spaces. */
const damagedText = fc
  .tuple(cleanText, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.nat()), { maxLength: 8 }))
  .map(([text, damage]) => {
    let s = text;
    for (const [at, kind, pick] of damage) {
      const i = at % (s.length + 1);
      if (kind === 0) s = s.slice(0, i) + INVISIBLES[pick % INVISIBLES.length] + s.slice(i);
      else if (kind === 1 && s[i] === ' ') s = s.slice(0, i) + SPACES[pick % SPACES.length] + s.slice(i + 1);
      else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + 12).normalize('NFD') + s.slice(i + 12);
      else s = s.normalize('NFD');
    }
    return s;
  });

/** Vietnamese-ish strings: letters and combining marks in any order, spaces, a few look-alikes. */
const MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031B', '\u0308', '\u030C'];
const vietnameseish = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...'aeiouyAEOUdgnhtcmpVN') },
      { weight: 3, arbitrary: fc.constantFrom(...'âêôơưăđàáảãạếờữ') },
      { weight: 5, arbitrary: fc.constantFrom(...MARKS) },
      { weight: 2, arbitrary: fc.constant(' ') },
      { weight: 1, arbitrary: fc.constantFrom('ð', 'Ð', 'с', 'о', 'ο', '\u200B', '\u00A0') },
    ),
    { maxLength: 60 },
  )
  .map((chars) => chars.join(''));

const arbitraryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0085', '\r', '\n', '\t', '\uFFFE', '\uD800', '\uDC00', 'a', '\u0301'), maxLength: 40 }),
  vietnameseish,
  damagedText,
);

// ---- properties on fix --------------------------------------------------------------------

describe('fix properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => {
        const once = fix(input).text;
        expect(fix(once).text).toBe(once);
      }),
      RUNS,
    );
  });

  it('is idempotent when a later stage leaves work for an earlier one', () => {
    // The stray mark goes in the last stage; what is left reads as VISCII shown as Latin-1.
    for (const input of ['\u0301a\u0085\u0085', '\u0301\u0301a', 'a\u0301\u0085a\u0085']) {
      const once = fix(input).text;
      expect(fix(once).text, JSON.stringify(input)).toBe(once);
    }
  });

  it('leaves clean Vietnamese text byte-identical', () => {
    fc.assert(
      fc.property(cleanText, (input) => {
        const result = fix(input);
        expect(result.edits).toEqual([]);
        expect(result.text).toBe(input);
      }),
      RUNS,
    );
  });

  it('reports edits that replay the input into the output', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => checkResult(input, fix(input))),
      RUNS,
    );
  });

  it('is idempotent and replays its edits with the ocr option too', () => {
    // Every line with words goes through the decoder then, so this covers it on any input.
    fc.assert(
      fc.property(arbitraryText, (input) => {
        const once = fix(input, { ocr: true });
        checkResult(input, once);
        expect(fix(once.text, { ocr: true }).text).toBe(once.text);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        checkResult(input, fix(input));
      }),
      RUNS,
    );
  });

  it('copes with a 1 MB line', () => {
    // Clean prose with Unicode damage every few hundred characters (NFD, NBSP, zero-width space).
    const clean = 'Người dân đổ về quảng trường từ sáng sớm để xem lễ hội, '.repeat(8);
    const damaged = 'Ngu\u031Bo\u031B\u0300i\u00A0dân\u200B đo\u0302\u0309 về quảng\u00A0trường từ sáng sớm, ';
    const repaired = 'Người dân đổ về quảng trường từ sáng sớm, ';
    const times = Math.ceil(1_000_000 / (clean.length + damaged.length));
    const line = (clean + damaged).repeat(times);
    const result = fix(line);
    checkResult(line, result);
    expect(result.text).toBe((clean + repaired).repeat(times));
  });
});

// ---- unorm as an oracle for the Unicode stage ---------------------------------------------

describe('unicode stage against unorm', () => {
  const stages = [unicodeStage({})];

  it('outputs NFC text, or leaves the line as written (a line that is not Vietnamese)', () => {
    fc.assert(
      fc.property(vietnameseish, (input) => {
        const { text } = runStages(input, stages);
        if (text !== input) expect(unorm.nfc(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it('makes nfc edits that are exactly NFC, and equals NFC where only that rule applied', () => {
    fc.assert(
      fc.property(vietnameseish, (input) => {
        const result = runStages(input, stages);
        for (const e of result.edits) if (e.detail === 'nfc') expect(e.after).toBe(unorm.nfc(e.before));
        if (result.edits.length > 0 && result.edits.every((e) => e.detail === 'nfc')) expect(result.text).toBe(unorm.nfc(input));
      }),
      RUNS,
    );
  });

  it('makes composite edits that only reorder and compose marks', () => {
    const sortedNfd = (s: string) => [...unorm.nfd(s)].sort().join('');
    fc.assert(
      fc.property(vietnameseish, (input) => {
        for (const e of runStages(input, stages).edits) {
          if (e.detail === 'composite') expect(sortedNfd(e.after)).toBe(sortedNfd(e.before));
        }
      }),
      RUNS,
    );
  });

  it('agrees with unorm on fully decomposed Vietnamese (a line with a letter no other language writes)', () => {
    fc.assert(
      fc.property(cleanText, (clean) => {
        fc.pre(/[ăâđêôơưạảẹẻẽịỉọỏụủỳỵỷỹấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]/iu.test(clean));
        const input = unorm.nfd(clean);
        expect(runStages(input, stages).text).toBe(unorm.nfc(input));
      }),
      RUNS,
    );
  });
});
