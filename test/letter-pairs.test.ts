/**
 * An OCR reading prints two letters for one (`rn` for `m`, `cl` for `d`; Tesseract's `eng`
 * model `ir`, `it`, `tr` for `ư`): one change of the channel, though two of letters. Short
 * words so misread were out of the candidate search's reach (`ern` is two letters from `em`).
 * The lines are real documents (Vim's Vietnamese tutor, LibreOffice's Vietnamese glossary).
 */
import { describe, expect, it } from 'vitest';
import { isValidSyllable } from '../src/orthography/index.js';
import { glossaryLines, vimTutorLines } from './support/documents.js';
import { restoredInOcr } from './support/sentences.js';

const LINES = [...vimTutorLines, ...glossaryLines].filter((l) => l.split(' ').length >= 5);

/** Every other lower-case syllable with the letter `from`, that letter printed as `pair`. */
function printedAsPair(lines: readonly string[], from: string, pair: string): string[] {
  let seen = 0;
  return lines.map((line) =>
    line
      .split(' ')
      .map((w) => (w === w.toLowerCase() && isValidSyllable(w) && w.includes(from) && seen++ % 2 === 0 ? w.replace(from, pair) : w))
      .join(' '),
  );
}

describe('two letters printed for one', () => {
  for (const [from, pair, least, measured] of [
    ['m', 'rn', 0.95, '114 of 118; 109 before'],
    ['d', 'cl', 0.8, '64 of 74; 45 before'],
  ] as const) {
    it(`\`${pair}\` for \`${from}\` is read as \`${from}\``, () => {
      const damaged = printedAsPair(LINES, from, pair);
      const { words, right } = restoredInOcr(LINES, damaged);
      expect(words).toBeGreaterThan(60);
      expect(right / words, `${right} of ${words} restored (measured: ${measured})`).toBeGreaterThanOrEqual(least);
    });
  }
});
