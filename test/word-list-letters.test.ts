/**
 * OCR text: a syllable misread as another valid syllable one letter away (`đồng chí` read
 * `đảng chí`, `phụ thuộc` read `phy thuộc`) is repaired where the word as read makes no word of
 * the word list with its neighbours and the repair makes one. The lines are real documents
 * (Vim's Vietnamese tutor, LibreOffice's Vietnamese glossary; see fixtures/bilingual/README.md);
 * every two-syllable word of the word list in them gets, one at a time, one letter of one of its
 * syllables changed so that it is still a syllable the model knows but no longer a word with
 * either neighbour: the whole class of one-letter misreadings, not a chosen few.
 */
import { describe, expect, it } from 'vitest';
import { glossaryLines, vimTutorLines } from './support/documents.js';
import { fix } from '../src/index.js';
import { defaultModel } from '../src/model/index.js';
import { isValidSyllable, removeMarks } from '../src/orthography/index.js';

const lm = defaultModel();
const LINES = [...vimTutorLines, ...glossaryLines].map((l) => l.trim()).filter((l) => l.split(' ').length >= 4);

const LETTERS = 'abcdđeghiklmnopqrstuvxyăâêôơư';
const isWord = (a: string, b: string) => lm.isPairWord(lm.id(a), lm.id(b));

/** Known syllables one base letter away from `syllable`, its tone and other letters kept. */
function oneLetterAway(syllable: string): string[] {
  const out: string[] = [];
  const chars = [...syllable.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    if (!LETTERS.includes(chars[i])) continue;
    for (const letter of 'bcdđghklmnpqrstvx') {
      if (letter === chars[i]) continue;
      const damaged = [...chars.slice(0, i), letter, ...chars.slice(i + 1)].join('').normalize('NFC');
      if (damaged !== syllable && isValidSyllable(damaged) && lm.has(damaged) && removeMarks(damaged) !== removeMarks(syllable)) out.push(damaged);
    }
  }
  return out;
}

interface Case {
  reference: string;
  damaged: string;
  word: string;
}

/** Every word of the word list in the lines, one syllable misread, the misreading making no word. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const line of LINES) {
    const words = line.split(' ');
    for (let k = 0; k + 1 < words.length; k++) {
      const [a, b] = [words[k], words[k + 1]];
      if (a !== a.toLowerCase() || b !== b.toLowerCase() || !isWord(a, b)) continue;
      for (const side of [0, 1]) {
        const at = k + side;
        for (const misread of oneLetterAway(words[at])) {
          const left = words[at - 1];
          const right = words[at + 1];
          if ((left !== undefined && isWord(left, misread)) || (right !== undefined && isWord(misread, right))) continue;
          const damaged = [...words.slice(0, at), misread, ...words.slice(at + 1)].join(' ');
          out.push({ reference: line, damaged, word: `${words[at]}→${misread}` });
          break;
        }
      }
    }
  }
  return out;
}

describe('a valid syllable misread one letter away, in OCR text', () => {
  const all = cases();

  it('is repaired where the word list shows the word it was', () => {
    expect(all.length).toBeGreaterThan(100);
    let restored = 0;
    let wrong = 0;
    for (const c of all) {
      const out = fix(c.damaged, { ocr: true }).text;
      if (out === c.reference) restored++;
      else if (out !== c.damaged && fix(c.reference, { ocr: true }).text === c.reference) wrong++;
    }
    // Measured: 503 of 1,210 restored, 96 changed to another wrong reading (91 before the
    // word-list test of letters, which restored none: only marks were doubted).
    expect(restored / all.length, `${restored} of ${all.length} restored`).toBeGreaterThanOrEqual(0.35);
    expect(wrong / all.length, `${wrong} of ${all.length} changed wrongly`).toBeLessThanOrEqual(0.1);
  });
});
