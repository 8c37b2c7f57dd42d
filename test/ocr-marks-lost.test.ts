/**
 * A reading that loses the marks of some words of a line and not of others (`dieu hoa`, `nguon
 * khong khi` among marked words): such a word is no syllable as printed, only a syllable's
 * skeleton. Several of them in a line of OCR output are words that lost their marks; one alone
 * is as likely a word of another language that Vietnamese news prints (`nhạc rap`, `tin hot`).
 * The lines are real documents (Vim's Vietnamese tutor, LibreOffice's Vietnamese glossary,
 * Debian's New Maintainers' Guide).
 */
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { isValidSyllable } from '../src/orthography/index.js';
import { glossaryLines, maintGuideLines, vimTutorLines } from './support/documents.js';
import { restoredInOcr } from './support/sentences.js';

const LINES = [...vimTutorLines, ...glossaryLines, ...maintGuideLines].filter((l) => l.split(' ').length >= 8);

/** Every other lower-case marked syllable whose skeleton is no syllable, its marks lost; lines with three or more. */
function marksLostInPlaces(lines: readonly string[]): { references: string[]; damaged: string[] } {
  const references: string[] = [];
  const damaged: string[] = [];
  for (const line of lines) {
    let seen = 0;
    let lost = 0;
    const words = line.split(' ').map((w) => {
      const bare = stripDiacritics(w);
      if (w === bare || w !== w.toLowerCase() || !isValidSyllable(w) || isValidSyllable(bare) || seen++ % 2 !== 0) return w;
      lost++;
      return bare;
    });
    if (lost < 3) continue;
    references.push(line);
    damaged.push(words.join(' '));
  }
  return { references, damaged };
}

describe('words of an OCR line that lost their marks in places', () => {
  it('get their marks back', () => {
    const { references, damaged } = marksLostInPlaces(LINES);
    const { words, right } = restoredInOcr(references, damaged);
    expect(words).toBeGreaterThan(300);
    // Measured: 557 of 603 (92 %); 234 (39 %) before.
    expect(right / words, `${right} of ${words} restored`).toBeGreaterThanOrEqual(0.85);
  });

  it('one such word alone is left: a word of another language', () => {
    const lines = ['Anh ấy là một ca sĩ nhạc rap nổi tiếng ở Hà Nội.', 'Đây là tin hot nhất trong tuần này của chúng tôi.', 'Sản phẩm này đang đứng top đầu về doanh số.'];
    expect(fix(lines.join('\n'), { ocr: true }).text).toBe(lines.join('\n'));
  });
});
