/**
 * No-break spaces that typography sets (after chapter and section numbers and labels, before
 * an address, in an empty table cell) are kept; no-break spaces that stand for the word spaces
 * of a line (a copy from a web page) become spaces. The first kind is real (the Vietnamese
 * Debian New Maintainers' Guide, see `fixtures/bilingual/README.md`); the second is made from
 * known syllables.
 */
import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { KNOWN_SYLLABLES } from './support/sentences.js';

const NBSP = '\u00a0';
const GUIDE_LINES = readFileSync(new URL('./fixtures/bilingual/maint-guide-nbsp-lines.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const spaceEdits = (line: string) => fix(line).edits.filter((e) => e.detail === 'space');

describe('no-break spaces', () => {
  it('keeps those of a real DocBook guide (numbers, labels, addresses, cells)', () => {
    expect(GUIDE_LINES.length).toBeGreaterThan(900);
    expect(GUIDE_LINES.filter((line) => spaceEdits(line).length > 0)).toEqual([]);
  });

  const syllables = fc.array(fc.constantFrom(...KNOWN_SYLLABLES), { minLength: 4, maxLength: 14 });
  const label = fc.oneof(fc.integer({ min: 1, max: 99 }).map((n) => `${n}.`), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 20 })).map(([a, b]) => `${a}.${b}.`), fc.constantFrom('A.', 'B.', 'C.'));

  it('keeps those between a heading word, its number and its title', () => {
    fc.assert(
      fc.property(fc.constantFrom('Chương', 'Mục', 'Phụ lục', 'Hình', 'Bảng', 'Phần'), label, syllables, (word, number, title) => {
        const line = `${word}${NBSP}${number}${NBSP}${title.join(' ')}`;
        expect(spaceEdits(line)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('makes spaces of those that stand for word spaces', () => {
    fc.assert(
      fc.property(syllables, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (words, gaps) => {
        const spaces = words.slice(1).map(() => ' ');
        for (const g of gaps) spaces[g % spaces.length] = NBSP;
        const line = words.map((w, i) => (i === 0 ? w : spaces[i - 1] + w)).join('');
        expect(fix(line).text).not.toContain(NBSP);
      }),
      { numRuns: 200 },
    );
  });
});
