/**
 * Vietnamese names written without marks in English credits are written so on purpose: the
 * author lines of source files, READMEs and papers (`Authors: Nguyen Van An, Tran Thi Bich and
 * Le Minh Tuan`, `// Team members: Le Van Thanh, Vo Thi Mai`). They come out as written.
 *
 * The names are generated: a family name, up to two middle names and a given name that is a
 * syllable of the LibreOffice help glossary's Vietnamese sentences (`fixtures/bilingual/`,
 * MPL-2.0), Title case, marks taken off. The credit labels are those of real files' headers.
 * The control: the same names inside the glossary's Vietnamese sentences typed without marks
 * are still restored there, names and all.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, isValidSyllable, stripDiacritics } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const rows = readFileSync(new URL('./fixtures/bilingual/libreoffice-glossary.tsv', import.meta.url), 'utf8').split('\n');
const VIETNAMESE = rows
  .filter((row) => row.startsWith('vi\t'))
  .map((row) => row.slice(3))
  .filter((s) => s.split(' ').length >= 6);
const GIVEN = [...new Set(VIETNAMESE.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{M}]+/u)))].filter((w) => w.length >= 2 && isValidSyllable(w));

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Quốc', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Hữu', 'Gia', 'Hoàng', 'Thái', 'Kim'];
/** Labels and frames of credits in real source headers, READMEs and papers. */
const FRAMES: readonly ((names: string) => string)[] = [
  (n) => `Authors: ${n}`,
  (n) => `// Authors: ${n}`,
  (n) => ` * authors: ${n}`,
  (n) => `Team members: ${n}`,
  (n) => `Contributors: ${n}`,
  (n) => `Maintainers: ${n}`,
  (n) => `Translated by ${n}.`,
  (n) => `Special thanks to ${n}.`,
];

const title = (word: string) => word[0].toUpperCase() + word.slice(1);
/** A Vietnamese name as English text writes it: Title case, no marks. */
const name = fc
  .tuple(fc.constantFrom(...FAMILY), fc.array(fc.constantFrom(...MIDDLE), { maxLength: 2 }), fc.constantFrom(...GIVEN))
  .map(([family, middle, given]) => stripDiacritics([family, ...middle, title(given)].join(' ')));
/** One to four names, listed as English lists them. */
const names = fc.array(name, { minLength: 1, maxLength: 4 }).map((ns) => (ns.length === 1 ? ns[0] : `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`));

describe('property: Vietnamese names without marks in English credits come out as written', () => {
  it('has real syllables to make names of', () => {
    expect(GIVEN.length).toBeGreaterThanOrEqual(100);
  });

  it('author and team lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FRAMES), names, (frame, list) => {
        const line = frame(list);
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('control: the names inside Vietnamese sentences typed without marks are restored', () => {
    const lines = VIETNAMESE.map((s, i) => {
      const words = stripDiacritics(s).split(' ');
      const person = stripDiacritics(`${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} An`);
      return [...words.slice(0, 3), person, ...words.slice(3)].join(' ');
    });
    const restoredNames = lines.filter((line, i) => fix(line).text.includes(`${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]}`));
    expect(restoredNames.length).toBeGreaterThanOrEqual(0.65 * lines.length);
  });
});
