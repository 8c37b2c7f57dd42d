/**
 * Mojibake as it comes in real files, beyond the plain Windows-1252 view: UTF-8 shown as
 * ISO-8859-1 with its C1 controls (0x80-0x9F) stripped, shown as Windows-1258 by a decoder that
 * replaces what it cannot show and with the no-break space of `à` turned into a space, one word
 * of mojibake left in a line of correct Vietnamese, and a lost byte whose letter's case only the
 * word and the sentence can tell. Correct text that merely looks like mojibake stays as it is.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodingStage, fix, runStages } from '../src/index.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables, isValidSyllable } from '../src/orthography/index.js';
import { CP1252, CP1258 } from '../src/encoding/tables/single-byte.js';
import { helpSentences } from './support/sentences.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const model = defaultModel();
const utf8 = (s: string) => new TextEncoder().encode(s);
const repairEncoding = (s: string) => runStages(s, [encodingStage()]).text;

/** UTF-8 shown as ISO-8859-1, every C1 control stripped (as editors and web forms do). */
function c1Stripped(s: string): string {
  let out = '';
  for (const b of utf8(s)) if (b < 0x80 || b >= 0xa0) out += String.fromCharCode(b);
  return out;
}

/** The bytes Windows-1252 leaves undefined, and Windows-1258. */
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
/** The bytes a Windows-1252 line may have lost: its undefined ones, the no-break space, the soft hyphen. */
const LOST_1252 = [...UNDEFINED_1252, 0xa0, 0xad];
const UNDEFINED_1258 = [...Array(32).keys()].map((k) => 0x80 + k).filter((b) => CP1258.charCodeAt(b) === b || CP1258[b] === '\ufffd');

/** UTF-8 shown as Windows-1258, undefined bytes replaced by U+FFFD, no-break spaces as spaces. */
function asCp1258Replacing(s: string): string {
  let out = '';
  for (const b of utf8(s)) out += UNDEFINED_1258.includes(b) ? '\ufffd' : b === 0xa0 ? ' ' : CP1258[b];
  return out;
}

/** UTF-8 shown as Windows-1252 with a set of bytes dropped on the way. */
function asCp1252Dropping(s: string, dropped: readonly number[]): string {
  let out = '';
  for (const b of utf8(s)) if (!dropped.includes(b)) out += CP1252[b];
  return out;
}

/**
 * The spellings a word may have had once the bytes `lost` were dropped from its UTF-8 (each
 * dropped byte put back as any of `putBack`), that are syllables in use, in lower case.
 */
function readingsAfterLoss(word: string, lost: readonly number[], putBack: readonly number[] = lost): Set<string> {
  const bytes = [...utf8(word)];
  let readings: number[][] = [[]];
  for (const b of bytes) {
    if (!lost.includes(b)) readings = readings.map((r) => [...r, b]);
    else readings = readings.flatMap((r) => putBack.map((l) => [...r, l]));
    if (readings.length > 5000) return new Set(['many', 'more']);
  }
  const out = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const r of readings) {
    try {
      const text = decoder.decode(Uint8Array.from(r)).toLowerCase();
      if (isValidSyllable(text) && model.has(text)) out.add(text);
    } catch {
      // not UTF-8: no reading
    }
  }
  return out;
}

const STRIPPED = [...Array(32).keys()].map((k) => 0x80 + k);

/** How often a syllable is written with a capital inside sentences (the model's title count). */
function titleShare(syllable: string): number {
  const id = model.id(syllable);
  return model.titleCount(id) / Math.max(1, model.count(id));
}

/** Syllables in use with a letter beyond ASCII, lower case. */
const MARKED = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));

/**
 * Syllables that C1 stripping damages and leaves one reading in use (lower case): the others
 * only the meaning can choose between. Syllables mostly written with a capital are left out
 * (their case is the model's call).
 */
const STRIPPED_TARGETS = MARKED.filter((s) => {
  if (c1Stripped(s) === new TextDecoder('latin1').decode(utf8(s))) return false;
  const readings = readingsAfterLoss(s, [...STRIPPED, 0xa0, 0xad]);
  return readings.size === 1 && readings.has(s) && titleShare(s) <= 0.6;
});

/** Sentences of marked syllables with two to four targets; the first word capitalised. */
function sentenceOf(targets: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.constantFrom(...MARKED), { minLength: 4, maxLength: 10 }), fc.array(fc.constantFrom(...targets), { minLength: 2, maxLength: 4 }), fc.nat())
    .map(([words, chosen, at]) => {
      const out = [...words];
      for (const t of chosen) out.splice(at % (out.length + 1), 0, t);
      const s = out.join(' ') + '.';
      return s[0].toUpperCase() + s.slice(1);
    });
}

/**
 * Targets with a two-byte letter that loses its second byte (`ă` C4 83, `đ` C4 91): only the
 * lead byte is left (`Ä`), a letter of its own in the legacy fonts.
 */
const TWO_BYTE_TARGETS = STRIPPED_TARGETS.filter((w) => [...w].some((ch) => utf8(ch).length === 2 && utf8(ch)[1] < 0xa0));

/** Sentences that open with two to four of `opening` in a row, then four to ten of `rest`. */
function sentenceOpeningWith(opening: readonly string[], rest: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.constantFrom(...opening), { minLength: 2, maxLength: 4 }), fc.array(fc.constantFrom(...rest), { minLength: 4, maxLength: 10 }))
    .map(([chosen, words]) => {
      const s = [...chosen, ...words].join(' ') + '.';
      return s[0].toUpperCase() + s.slice(1);
    });
}

/**
 * The letters of a sentence whose UTF-8 is broken by the stripping of C1 controls and those left
 * whole (beyond ASCII); none when a damaged word has more than one reading in use, in the case
 * the sentence gives it (a syllable mostly capitalised is one only at the start).
 */
function strippedTrace(s: string): { broken: number; whole: number } | undefined {
  const words = s.replace(/\.$/, '').split(' ');
  const damaged = words.filter((w) => c1Stripped(w) !== new TextDecoder('latin1').decode(utf8(w)));
  if (!damaged.every((w) => readingsAfterLoss(w, [...STRIPPED, 0xa0, 0xad]).size === 1 && (w === words[0] || titleShare(w) <= 0.6))) return undefined;
  const letters = [...words.join('')];
  const broken = letters.filter((ch) => utf8(ch).some((b) => b >= 0x80 && b < 0xa0)).length;
  const whole = letters.filter((ch) => utf8(ch).length > 1 && utf8(ch).every((b) => b < 0x80 || b >= 0xa0)).length;
  return { broken, whole };
}

describe('property: UTF-8 shown as ISO-8859-1 with its C1 controls stripped', () => {
  it(`syllables with one reading in use come back exactly (${STRIPPED_TARGETS.length} targets)`, () => {
    // Every Vietnamese letter whose UTF-8 holds a byte 0x80-0x9F occurs among the targets.
    const letters = new Set(STRIPPED_TARGETS.flatMap((s) => [...s].filter((ch) => utf8(ch).some((b) => b >= 0x80 && b < 0xa0))));
    expect([...letters]).toEqual(expect.arrayContaining(['đ', 'ộ', 'ờ', 'ố', 'ề', 'ọ', 'ỏ']));
    fc.assert(
      fc.property(sentenceOf(STRIPPED_TARGETS), (s) => {
        const trace = strippedTrace(s);
        // The line shows the channel's trace: four broken sequences or more, two whole ones.
        fc.pre(trace !== undefined && trace.broken >= 4 && trace.whole >= 2);
        expect(repairEncoding(c1Stripped(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('a short line comes back when a letter only a stripped C1 byte completes shows the channel', () => {
    // Fewer than four broken sequences is no trace of the channel by itself; `ă` inside a word
    // (C4 83) is: every byte Windows-1252 loses completes C4 into no small Vietnamese letter.
    fc.assert(
      fc.property(sentenceOf(STRIPPED_TARGETS), (s) => {
        const trace = strippedTrace(s);
        fc.pre(trace !== undefined && trace.broken < 4 && trace.whole >= 2 && /\p{L}ă/u.test(s));
        expect(repairEncoding(c1Stripped(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('words that lost a byte are read as mojibake, not as a legacy font, wherever they stand', () => {
    // Two broken words in a row (`LÄng khÄn`) also read as TCVN3 (`Ä` is its `ẩ`); in a line
    // that shows mojibake for certain they are its words with a byte lost.
    fc.assert(
      fc.property(sentenceOpeningWith(TWO_BYTE_TARGETS, STRIPPED_TARGETS), (s) => {
        const trace = strippedTrace(s);
        fc.pre(trace !== undefined && trace.broken >= 4 && trace.whole >= 2);
        expect(repairEncoding(c1Stripped(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  const sentences = helpSentences(60, 240).filter((s) => c1Stripped(s) !== new TextDecoder('latin1').decode(utf8(s)));
  it(`real documentation: most damaged words come back, no line reads worse (${sentences.length} sentences)`, () => {
    let damaged = 0;
    let right = 0;
    for (const s of sentences) {
      const want = s.split(' ');
      const input = c1Stripped(s).split(' ');
      const out = repairEncoding(c1Stripped(s)).split(' ');
      expect(out.length).toBe(want.length);
      want.forEach((w, k) => {
        if (input[k] === w) {
          expect(out[k]).toBe(w);
          return;
        }
        damaged++;
        if (out[k] === w) right++;
      });
    }
    expect(damaged).toBeGreaterThan(1000);
    expect(right / damaged).toBeGreaterThan(0.9);
  });
});

/** Syllables with `à` (C3 A0) inside, and with a letter Windows-1258 replaces (`Úc`, C3 9A). */
const NBSP_TARGETS = MARKED.filter((s) => /à./.test(s));
const REPLACED_1258 = MARKED.flatMap((s) => [s, s[0].toUpperCase() + s.slice(1), s.toUpperCase()]).filter((s) => {
  if (!utf8(s).some((b) => UNDEFINED_1258.includes(b))) return false;
  const readings = readingsAfterLoss(s, UNDEFINED_1258);
  return readings.size === 1 && readings.has(s.toLowerCase());
});

/** Syllables Windows-1258 shows whole (no byte it leaves undefined): the targets' neighbours. */
const SHOWN_1258 = MARKED.filter((s) => !utf8(s).some((b) => UNDEFINED_1258.includes(b)));

describe('property: UTF-8 shown as Windows-1258, undefined bytes replaced, no-break spaces as spaces', () => {
  it(`\`thĂ nh\` and \`Ă�c\` come back, in every case (${NBSP_TARGETS.length} + ${REPLACED_1258.length} targets)`, () => {
    // Capitals Windows-1258 replaces a byte of (`Ú` C3 9A, `Ê` C3 8A) are among the targets.
    expect(REPLACED_1258.filter((s) => /[ÚÊ]/.test(s)).length).toBeGreaterThan(10);
    const cased = fc.oneof(
      fc.tuple(fc.constantFrom(...NBSP_TARGETS), fc.constantFrom('lower', 'title', 'upper')).map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w)),
      fc.constantFrom(...REPLACED_1258),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SHOWN_1258), { minLength: 3, maxLength: 8 }), fc.array(cased, { minLength: 1, maxLength: 3 }), fc.nat(), (words, targets, at) => {
        const out = [...words];
        for (const t of targets) out.splice(1 + (at % out.length), 0, t);
        const s = out.join(' ') + '.';
        // No word ends in `à` (its no-break space and the real one make two spaces, read alike),
        // and the line shows the page: `Ă` for the lead byte C3.
        fc.pre(!out.some((w) => /à$/i.test(w)) && asCp1258Replacing(s).includes('Ă'));
        expect(repairEncoding(asCp1258Replacing(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Syllables with a letter Windows-1252 drops a byte of (`ờ` E1 BB 9D), and one reading left. */
const DROPPED_TARGETS = MARKED.filter((s) => {
  if (!utf8(s).some((b) => UNDEFINED_1252.includes(b))) return false;
  const readings = readingsAfterLoss(s, UNDEFINED_1252, LOST_1252);
  // A word as damaged that still shows a UTF-8 pair (`há»`), and that reads as no syllable.
  return readings.size === 1 && readings.has(s) && /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(asCp1252Dropping(s, UNDEFINED_1252));
});

/** Correct sentences with two words or more that only Vietnamese writes. */
const OWN = MARKED.filter((s) => /[ăđơư\u1ea0-\u1ef9]/.test(s) && titleShare(s) < 0.5);

describe('property: one word of mojibake left in a line of correct Vietnamese', () => {
  it(`comes back (${DROPPED_TARGETS.length} targets)`, () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...OWN), { minLength: 3, maxLength: 8 }), fc.constantFrom(...DROPPED_TARGETS), fc.nat(), fc.boolean(), (words, target, at, capital) => {
        const out = [...words];
        const k = at % (out.length + 1);
        const t = k === 0 || capital ? target[0].toUpperCase() + target.slice(1) : target;
        out.splice(k, 0, t);
        const s = out.join(' ');
        const damaged = out.map((w, i) => (i === k ? asCp1252Dropping(w, UNDEFINED_1252) : w)).join(' ');
        expect(repairEncoding(damaged)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Syllables whose UTF-8 ends in a byte Windows-1252 shows as closing punctuation (`ễ` E1 BB 85: `dá»…`). */
const PUNCTUATION_ENDED = MARKED.filter((s) => /[…’”»›]$/.test(asCp1252Dropping(s, [])) && titleShare(s) <= 0.6);
/** Syllables ending in `à` (C3 A0): with the no-break space shown as a space, `NgÃ y`. */
const A_GRAVE_ENDED = MARKED.filter((s) => s.endsWith('à') && titleShare(s) <= 0.6);

describe('property: a short line whose no-break spaces became spaces', () => {
  it(`its last word ending in a byte shown as punctuation comes back (${PUNCTUATION_ENDED.length} targets)`, () => {
    expect(PUNCTUATION_ENDED.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...A_GRAVE_ENDED), { minLength: 1, maxLength: 2 }), fc.constantFrom(...PUNCTUATION_ENDED), (words, target) => {
        const s = [...words, target].join(' ');
        const damaged = asCp1252Dropping(s, []).replaceAll('\u00a0', ' ');
        expect(repairEncoding(damaged)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * Syllables that start with `í` (C3 AD): with the soft hyphen lost, `Ã` + the rest, where `Í`
 * (C3 8D, dropped as undefined) reads the same. Context may choose another syllable (`át`);
 * the case of the guessed letter is the word's and the sentence's whatever it chooses.
 */
const SOFT_HYPHEN = MARKED.filter((s) => s.startsWith('í') && titleShare(s) <= 0.6);

describe('property: the case of a letter whose byte was lost follows the word and the sentence', () => {
  it(`a soft hyphen lost from \`í\`: small mid-sentence, capital at the start and in capitals (${SOFT_HYPHEN.join(' ')})`, () => {
    expect(SOFT_HYPHEN.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...OWN), { minLength: 3, maxLength: 8 }),
        fc.constantFrom(...SOFT_HYPHEN),
        fc.nat(),
        fc.constantFrom('start', 'lower', 'upper'),
        (words, target, at, c) => {
          const out = [...words];
          const k = c === 'start' ? 0 : 1 + (at % out.length);
          out.splice(k, 0, c === 'upper' ? target.toUpperCase() : c === 'start' ? 'Í' + target.slice(1) : target);
          if (k === 0) out[1] = out[1].toLowerCase();
          // Mojibake through the whole line: the context vouches for the guess.
          const damaged = asCp1252Dropping(out.join(' '), [0xad]);
          const got = repairEncoding(damaged).split(' ')[k];
          expect(got).not.toBe(damaged.split(' ')[k]);
          // Mid-sentence, `Í` is no reading of the word (`Ánh` may be, a name context chose).
          if (c === 'lower') expect(got).not.toBe('Í' + target.slice(1));
          else if (c === 'upper') expect(got).toBe(got.toUpperCase());
          else expect(got[0]).toBe(got[0].toUpperCase());
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** Lines of other languages that hold `Ã`, `Â`, `Ă`, `»`, `®`, `©` or `™` as they should. */
const FOREIGN = readFileSync(new URL('./fixtures/foreign/foreign-catalogue-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .map((row) => row.split('\t').slice(2).join('\t'))
  .filter((line) => /[ÃÂĂ»®©™]/.test(line));

describe('correct text that merely looks like mojibake stays byte-identical', () => {
  it(`catalogue lines of other languages with Ã Â Ă » ® © ™ (${FOREIGN.length} lines)`, () => {
    expect(FOREIGN.length).toBeGreaterThan(20);
    for (const line of FOREIGN) expect(fix(line).text).toBe(line);
  });

  it('Vietnamese documentation as written', () => {
    const sentences = helpSentences(40, 200);
    for (const s of sentences) expect(repairEncoding(s)).toBe(s);
  });

  // (`™` after `Ã` is left out: `CÃ™` is how `CÙ` in capitals comes out, and is read so; so is
  // a `»` closing a quotation opened on another line: `ná»` in a line of Vietnamese is `nọ`.)
  it('property: sentences of marked syllables in every case, with « », ® and © about them, never change', () => {
    const token = fc
      .tuple(fc.constantFrom(...MARKED), fc.constantFrom('lower', 'title', 'upper'), fc.constantFrom('', '', '«…»', '…®', '…©', '“…”', '…:'))
      .map(([w, c, p]) => {
        const cased = c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w;
        return p === '' ? cased : p.replace('…', cased);
      });
    fc.assert(
      fc.property(fc.array(token, { minLength: 2, maxLength: 10 }), (tokens) => {
        const s = tokens.join(' ');
        expect(repairEncoding(s)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});
