/**
 * Text typed without marks writes the acronyms spelt with `Đ` with a `D` (`HDND`, `GD&DT`,
 * `VDV`, `ND-CP`). They are no syllables, so the language model has no reading of them: the
 * acronyms the training text writes with `Đ` far more often than with `D` are restored, in lines
 * typed without marks only. The sentences are real typed documentation (LibreOffice's
 * Vietnamese help) stripped of their marks, each with one acronym of the table put at a word
 * boundary of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { isValidSyllable } from '../src/orthography/index.js';
import { ACRONYMS } from '../src/repair/acronym-table.js';
import './support/fast-check-seed.js';
import { helpSentences } from './support/sentences.js';

/** Sentences of Vietnamese words only: a word of another language makes its run another language's. */
const SENTENCES = helpSentences(60, 200).filter((s) => s.split(' ').length >= 8 && s.split(' ').every((w) => isValidSyllable(w.replace(/[^\p{L}]/gu, '').toLowerCase())));

/** `sentence` with `word` put before its `at`-th word (counted from the second). */
function withWordAt(sentence: string, word: string, at: number): string {
  const words = sentence.split(' ');
  const k = 1 + (at % (words.length - 1));
  return [...words.slice(0, k), word, ...words.slice(k)].join(' ');
}

describe('acronyms typed with D for Đ', () => {
  it('are restored in every line typed without marks, each acronym of the table', () => {
    expect(SENTENCES.length).toBeGreaterThan(40);
    fc.assert(
      fc.property(fc.constantFrom(...ACRONYMS), fc.constantFrom(...SENTENCES), fc.nat(), ([typed, acronym], sentence, at) => {
        const line = withWordAt(stripDiacritics(sentence), typed, at);
        const words = fix(line).text.split(' ');
        expect(words).toContain(acronym);
        expect(words).not.toContain(typed);
      }),
      { numRuns: 200 },
    );
  });

  it('are restored inside a longer acronym joined by a hyphen (`QD-UBND`), and as a whole (`ND-CP`)', () => {
    const sentence = stripDiacritics(SENTENCES[0]);
    expect(fix(withWordAt(sentence, 'QD-UBND', 3)).text).toContain(' QĐ-UBND ');
    expect(fix(withWordAt(sentence, '15/ND-CP', 3)).text).toContain(' 15/NĐ-CP ');
    expect(fix(withWordAt(sentence, '123/2020/QD-TTG,', 3)).text).toContain(' 123/2020/QĐ-TTG, ');
    // A path is no document number.
    expect(fix(withWordAt(sentence, 'docs/QD/', 3)).text).toContain(' docs/QD/ ');
  });

  it('leave the acronyms that are written with D alike, lines typed with marks, and code', () => {
    // With `D` in the training text too, or only so: a compact disc, the currency code, an
    // English acronym, a decree written `NĐ` as often as `ND`.
    for (const typed of ['CD', 'VND', 'DNA', 'DVD', 'PDF', 'USD', 'HD', 'DN', 'ND', 'DT', 'DB']) {
      for (const sentence of SENTENCES.slice(0, 20)) {
        const line = withWordAt(stripDiacritics(sentence), typed, 4);
        expect(fix(line).text.split(' ')).toContain(typed);
      }
    }
    // Typed with marks, `D` is how the writer spelt it: nothing says a mark was lost.
    for (const sentence of SENTENCES.slice(0, 40)) {
      expect(fix(withWordAt(sentence, 'HDND', 2)).text.split(' ')).toContain('HDND');
    }
    // Code in a line typed without marks keeps its spelling.
    const code = withWordAt(stripDiacritics(SENTENCES[1]), '--don-vi=HDND', 2);
    expect(fix(code).text).toContain(' --don-vi=HDND ');
  });
});
