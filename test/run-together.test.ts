/**
 * Two syllables run together, the space between them lost by a scan or a reading (`ngườivợ`,
 * `tạinhà`), with a letter only Vietnamese writes: no word of another language. Kept, such a
 * word counted as one foreign word in the language model, one factor fewer than its two
 * syllables, and so was kept beside its neighbours. The lines are real documents (Vim's
 * Vietnamese tutor, LibreOffice's Vietnamese glossary, Debian's New Maintainers' Guide).
 */
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { isValidSyllable } from '../src/orthography/index.js';
import { glossaryLines, maintGuideLines, vimTutorLines } from './support/documents.js';

const LINES = [...vimTutorLines, ...glossaryLines, ...maintGuideLines].filter((l) => l.split(' ').length >= 6);
const VIETNAMESE_ONLY = /[ăđơưĩũ\u1ea0-\u1ef9]/u;

/** Every fifth pair of lower-case syllables, one with a letter only Vietnamese writes, run together. */
function runTogether(lines: readonly string[]): Array<{ line: string; damaged: string; pair: string }> {
  const out: Array<{ line: string; damaged: string; pair: string }> = [];
  let seen = 0;
  for (const line of lines) {
    const words = line.split(' ');
    for (let k = 0; k + 1 < words.length; k++) {
      const [a, b] = [words[k], words[k + 1]];
      if (!isValidSyllable(a) || !isValidSyllable(b) || a !== a.toLowerCase() || b !== b.toLowerCase()) continue;
      if (!VIETNAMESE_ONLY.test(a + b) || seen++ % 5 !== 0) continue;
      out.push({ line, damaged: [...words.slice(0, k), a + b, ...words.slice(k + 2)].join(' '), pair: `${a} ${b}` });
      break;
    }
  }
  return out;
}

describe('two syllables run together', () => {
  const cases = runTogether(LINES);

  it('are read as two in OCR text', () => {
    expect(cases.length).toBeGreaterThan(100);
    const repaired = fix(cases.map((c) => c.damaged).join('\n'), { ocr: true }).text.split('\n');
    const right = cases.filter((c, k) => repaired[k].includes(c.pair)).length;
    // Measured: 513 of 659 (78 %); 366 (56 %) before.
    expect(right / cases.length, `${right} of ${cases.length} split`).toBeGreaterThanOrEqual(0.75);
  });

  it('leave hashtags and handles written run together on purpose', () => {
    const pairs = cases.slice(0, 40).map((c) => c.pair.replace(' ', ''));
    const lines = pairs.map((tag) => `Theo dõi #${tag} và @${tag} trên mạng xã hội.`);
    for (const ocr of [true, false]) {
      const repaired = fix(lines.join('\n'), { ocr }).text.split('\n');
      expect(repaired.filter((line, k) => !line.includes(`#${pairs[k]} và @${pairs[k]} `))).toEqual([]);
    }
  });
});
