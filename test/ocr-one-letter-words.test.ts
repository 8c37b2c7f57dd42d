/**
 * OCR misreads the marks of one-letter words as of any other (`ớ`, `ợ`, `ờ`, `ò` for `ở`). A lone
 * letter is left alone in OCR text (it is more often a list mark or an initial), but one with a
 * Vietnamese mark is no list mark and is read like other words. The lines are real documents
 * (Vim's Vietnamese tutor, LibreOffice's Vietnamese glossary, Debian's New Maintainers' Guide).
 */
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { glossaryLines, maintGuideLines, vimTutorLines } from './support/documents.js';
import { restoredInOcr } from './support/sentences.js';

const LINES = [...vimTutorLines, ...glossaryLines, ...maintGuideLines].filter((l) => l.split(' ').length >= 6 && l.split(' ').includes('ở'));

/** The marks of `ở` a reading gets wrong, in turn. */
const MISREAD = ['ớ', 'ợ', 'ờ', 'ơ', 'ò', 'ỡ'];

describe('a one-letter word whose marks OCR misread', () => {
  it('is read again like other words', () => {
    let k = 0;
    const damaged = LINES.map((line) => line.split(' ').map((w) => (w === 'ở' ? MISREAD[k++ % MISREAD.length] : w)).join(' '));
    const { words, right } = restoredInOcr(LINES, damaged);
    expect(words).toBeGreaterThan(30);
    // Measured: 25 of 42; none before (a lone letter was never read again in OCR text).
    expect(right / words, `${right} of ${words} restored`).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves lone letters without marks: list marks and initials', () => {
    const lines = ['Chọn một trong các mục a, b hoặc c ở bên dưới.', 'Ông Nguyễn Văn A và bà Trần Thị B đã đến.', 'Tại điểm x và y của đồ thị ở hình 2.'];
    expect(fix(lines.join('\n'), { ocr: true }).text).toBe(lines.join('\n'));
  });
});
