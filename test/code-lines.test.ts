/**
 * Lines of program code in text (a README or a note saved as `.txt`, a string handed to `fix`)
 * hold comments and strings typed without marks by convention, and names of the program between
 * them: they come out as written. The comments and strings are the LibreOffice help glossary's
 * Vietnamese sentences and clauses (`fixtures/bilingual/`, MPL-2.0) with their marks taken off;
 * the statements are the common shapes of JavaScript, Python, C and shell lines.
 * The controls: the same text as prose is restored, also when it shows one sign of code alone
 * (a list item ending in `;`).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { isCodeLine } from '../src/repair/code-line.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const rows = readFileSync(new URL('./fixtures/bilingual/libreoffice-glossary.tsv', import.meta.url), 'utf8').split('\n');
/** Clauses of four to nine words of the glossary's Vietnamese, without marks or punctuation. */
const CLAUSES = rows
  .filter((row) => row.startsWith('vi\t'))
  .flatMap((row) => row.slice(3).split(/[,;:.()“”"]+/))
  .map((c) => stripDiacritics(c).trim().replace(/\s+/g, ' '))
  .filter((c) => c.split(' ').length >= 4 && c.split(' ').length <= 9 && /^[\p{L} ]+$/u.test(c));

/** Statements with a comment or a string of text, as the common languages write them. */
const STATEMENTS: readonly ((text: string, name: string) => string)[] = [
  (t, n) => `console.log("${t}", ${n}); // ${t}`,
  (t, n) => `const ${n}List = await fetch${n[0].toUpperCase()}${n.slice(1)}("${t}");`,
  (t, n) => `    ${n} = get_${n}()  # ${t}`,
  (t, n) => `print("${t}")  # ${n}`,
  (t, n) => `  printf("${t}\\n", ${n});`,
  (t, n) => `if (${n} == null) { // ${t}`,
  (t) => `// ${t}`,
  (t, n) => `${n}_count = 0  # ${t}`,
  (t, n) => `  return ${n}.filter((x) => x.ok); // ${t}`,
];
const NAMES = ['ten', 'dem', 'tong', 'ketqua', 'nguoiDung', 'danh_sach', 'gia', 'so', 'mang', 'dong'];

describe('property: lines of code with comments and strings without marks come out as written', () => {
  it('has real clauses to write with', () => {
    expect(CLAUSES.length).toBeGreaterThanOrEqual(50);
  });

  it('statements of several languages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATEMENTS), fc.constantFrom(...CLAUSES), fc.constantFrom(...NAMES), (statement, text, name) => {
        const line = statement(text, name);
        expect(isCodeLine(line)).toBe(true);
        expect(fix(line).text).toBe(line);
        // Among lines of prose too, and in a block of code.
        const block = `Chạy đoạn mã sau để thử.\n${line}\n${statement(text, name)}\nSau đó mở trình duyệt.`;
        expect(fix(block).text).toBe(block);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('control: the same text as prose is restored, also with one sign of code', () => {
    const long = CLAUSES.filter((c) => c.split(' ').length >= 6);
    const prose = long.filter((c) => fix(c).text !== c);
    expect(prose.length).toBeGreaterThanOrEqual(0.8 * long.length);
    const listItems = prose.map((c) => `- ${c};`);
    expect(listItems.some((c) => isCodeLine(c))).toBe(false);
    const restoredItems = listItems.filter((c) => fix(c).text !== c);
    expect(restoredItems.length).toBeGreaterThanOrEqual(0.9 * listItems.length);
  });
});
