/**
 * Typed without marks, a word whose letters spell no syllable but are the skeleton of one
 * (`vuong`, `nhien`, `khong`, `duoc`) is a syllable that lost its marks. Kept as written, it
 * used to count as a word of another language, and a run of those is likely: names and
 * neighbouring skeletons stayed without marks together (`Vuong Cuong`, `Hoang Nhien`). Now it
 * counts as an unknown syllable, unless the training text writes it as a word (`top`, `cup`).
 * The lines are real documents (LibreOffice's Vietnamese help and glossary, Vim's tutor,
 * Debian's New Maintainers' Guide) stripped of their marks.
 */
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { isValidSyllable, syllablesForSkeleton } from '../src/orthography/index.js';
import { WRITTEN_SKELETONS } from '../src/repair/written-skeleton-table.js';
import { glossaryLines, maintGuideLines, vimTutorLines } from './support/documents.js';
import { helpSentences, restoredWords } from './support/sentences.js';

const LINES = [...helpSentences(40, 400), ...vimTutorLines, ...glossaryLines, ...maintGuideLines].filter((l) => l.split(' ').length >= 6);
const DAMAGED = LINES.map((line) => stripDiacritics(line));
const REPAIRED = DAMAGED.map((line) => fix(line).text);

const letters = (w: string) => w.replace(/[^\p{L}]/gu, '').toLowerCase();

/** A word that lost its marks and whose letters spell no syllable, only the skeleton of one. */
function isSkeleton(damaged: string, reference: string): boolean {
  const word = letters(damaged);
  return word !== letters(reference) && word.length > 0 && !isValidSyllable(word) && syllablesForSkeleton(word).length > 0;
}

describe('a word typed without marks whose letters spell no syllable', () => {
  it('gets its marks back, in real documents', () => {
    const { words, right } = restoredWords(LINES, DAMAGED, REPAIRED, isSkeleton);
    expect(words).toBeGreaterThan(3000);
    // Measured: 3,622 of 3,928 (3,510 while kept words counted as another language's).
    expect(right / words, `${right} of ${words} restored`).toBeGreaterThanOrEqual(0.91);
  });

  it('leaves the words the documents write without marks as they are', () => {
    const { words, right } = restoredWords(LINES, DAMAGED, REPAIRED, (damaged, reference) => damaged === reference);
    expect(words).toBeGreaterThan(3000);
    // Measured: 4,077 of 4,133 (4,080 before).
    expect(right / words, `${right} of ${words} kept`).toBeGreaterThanOrEqual(0.98);
  });

  it('is, where the training text writes it as a word, a loan as likely (the table holds no syllable)', () => {
    for (const [word] of WRITTEN_SKELETONS) {
      expect(isValidSyllable(word), word).toBe(false);
      expect(syllablesForSkeleton(word).length, word).toBeGreaterThan(0);
    }
    expect(WRITTEN_SKELETONS.map(([word]) => word)).toEqual(expect.arrayContaining(['top', 'cup', 'hot']));
  });
});
