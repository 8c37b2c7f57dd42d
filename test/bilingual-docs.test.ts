/**
 * Correct bilingual technical text comes out unchanged: Vietnamese prose with command-line
 * options, format directives, identifiers with digits, paths and hyphenated transliterations.
 * The lines are real (Debian's gettext catalogues, see `fixtures/bilingual/README.md`); the
 * property inserts code of each kind into real Vietnamese paragraphs.
 */
import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, isValidSyllable, removeMarks, syllablesForSkeleton } from '../src/index.js';
import { lineMode } from '../src/repair/detect.js';
import { mayShowDamage } from '../src/repair/prefilter.js';

const FIXTURES = new URL('./fixtures/bilingual/', import.meta.url);

/** `catalogue \t line`; the line itself may hold tabs. */
const CATALOGUE_LINES = readFileSync(new URL('gettext-catalogue-lines.tsv', FIXTURES), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => {
    const tab = row.indexOf('\t');
    return { catalogue: row.slice(0, tab), line: row.slice(tab + 1) };
  });

/** Sentences of the Vietnamese paragraphs of the LibreOffice help fixtures. */
const PROSE = ['libreoffice-glossary.tsv', 'libreoffice-compatibility.tsv']
  .flatMap((file) => readFileSync(new URL(file, FIXTURES), 'utf8').split('\n'))
  .filter((row) => row.startsWith('vi\t'))
  .flatMap((row) => row.slice(3).split(/(?<=[.:;?!])\s+/))
  .filter((sentence) => sentence.length >= 20 && sentence.length <= 160);

/** The lines of `text` that `fix` changes, with what it made of them. */
function changedLines(lines: readonly string[], options = {}): string[] {
  const changed: string[] = [];
  for (const line of lines) {
    const out = fix(line, options).text;
    if (out !== line) changed.push(`${line}\n  → ${out}`);
  }
  return changed;
}

describe('gettext catalogue lines', () => {
  const lines = CATALOGUE_LINES.map((r) => r.line);

  it('has lines of every kind of code', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(lines.some((l) => /(^|\s)--[a-z]/.test(l))).toBe(true);
    expect(lines.some((l) => /%[a-z]/.test(l))).toBe(true);
    expect(lines.some((l) => /[a-z][0-9]/.test(l))).toBe(true);
    expect(lines.some((l) => /\p{L}-\p{L}/u.test(l))).toBe(true);
  });

  it('come out byte-identical', () => {
    expect(changedLines(lines)).toEqual([]);
  });

  it('come out byte-identical read as one document, and with OCR judged per document', () => {
    const text = lines.join('\n');
    expect(fix(text).text).toBe(text);
    expect(fix(text, { ocr: 'auto' }).text).toBe(text);
  });
});

// Code of the kinds technical documentation puts inside Vietnamese sentences.
const asciiWord = fc.stringMatching(/^[a-z]{1,7}$/);
/** Letters a digit looks like in print: a generous list, wider than any OCR channel's. */
const LOOKALIKES: Record<string, string> = { '0': 'o', '1': 'lit', '2': 'z', '3': 'e', '4': 'a', '5': 's', '6': 'ob', '7': 't', '8': 'beg', '9': 'gq' };

/** Whether some reading of the digits of `word` as look-alike letters is a syllable or its skeleton. */
function mayBeMisreadSyllable(word: string): boolean {
  let readings = [''];
  for (const ch of word) readings = readings.flatMap((r) => [...(LOOKALIKES[ch] ?? ch)].map((c) => r + c));
  return readings.some((r) => isValidSyllable(r) || syllablesForSkeleton(removeMarks(r)).length > 0);
}

/**
 * `fp16`, `tin1`, `x86`: letters numbered by digits. Those that a reading of their digits as
 * look-alike letters makes a syllable (`r4` as `ra`) are left out: a line alone cannot tell them
 * from a misread word.
 */
const identifierWithDigits = fc
  .tuple(asciiWord, fc.stringMatching(/^[0-9]{1,3}$/), fc.constantFrom('', '()', '.h', '.o'))
  .filter(([letters, digits]) => !mayBeMisreadSyllable(letters + digits))
  .map(([letters, digits, tail]) => letters + digits + tail);
const formatDirective = fc
  .tuple(fc.constantFrom('', '-', '0', '#', '.*'), fc.constantFrom('', '5', '10', '2.2'), fc.constantFrom('', 'l', 'll', 'h', 'z'), fc.constantFrom(...'sdiuxXfcpB'))
  .map(([flag, width, length, conversion]) => `%${flag}${width}${length}${conversion}`);
const option = fc.oneof(
  fc.stringMatching(/^[a-zA-Z]$/).map((c) => `-${c}`),
  fc
    .tuple(fc.array(asciiWord, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '=SỐ', '=TẬP_TIN', '[=KIỂU]'))
    .map(([parts, value]) => `--${parts.join('-')}${value}`),
);
const path = fc.array(fc.oneof(asciiWord, identifierWithDigits), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const dollar = fc.tuple(asciiWord, fc.nat(9)).map(([name, n]) => `${name}$${n}`);

describe('Vietnamese sentences with code inserted', () => {
  it('keep every word', () => {
    const sentence = fc.constantFrom(...PROSE).filter((s) => fix(s).text === s);
    fc.assert(
      fc.property(
        sentence,
        fc.array(fc.tuple(fc.nat(), fc.oneof(identifierWithDigits, formatDirective, option, path, dollar)), { minLength: 1, maxLength: 4 }),
        (text, inserts) => {
          const words = text.split(' ');
          for (const [at, code] of inserts) words.splice(at % (words.length + 1), 0, code);
          const line = words.join(' ');
          expect(fix(line).text, line).toBe(line);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep words glued to a format directive, an escape or an underscore', () => {
    const sentence = fc.constantFrom(...PROSE).filter((s) => fix(s).text === s);
    fc.assert(
      fc.property(sentence, fc.nat(), fc.constantFrom('%s', '%d', '\\n', '\\t', '_', '$'), (text, at, glue) => {
        const words = text.split(' ');
        const k = at % words.length;
        words[k] = glue === '_' || glue === '$' ? `${words[k]}${glue}${words[(k + 1) % words.length]}` : `${glue}${words[k]}`;
        const line = words.join(' ');
        expect(fix(line).text, line).toBe(line);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the clean-line prefilter on text with code', () => {
  // Words of code are no evidence for the full test, so they must not let the prefilter count
  // the marks of the words beside them (`việc-việc`, `%sviệc`) as proof of a clean line.
  const WORDS = ['việc', 'Việt', 'năm', 'người', 'trong', 'viec', 'nguoi', 'tiêng', 'vịc', 'ră', 'hđnd', 't6', 'fp16', 'r4', 'chuỗi1', 'c6é', 'ng'];
  const GLUE = [' ', ' ', ' ', '-', '_', '%', '%s', '\\', '$', '=', '/', ' --', ' -', '\t'];
  const line = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { maxLength: 24 })
    .map((parts) => parts.map(([w, g]) => w + g).join(''));
  it('never clears a line the full test flags', () => {
    const anySkeleton = (): boolean => true;
    const knownSkeleton = (s: string): boolean => syllablesForSkeleton(s).length > 0;
    fc.assert(
      fc.property(line, (text) => {
        for (const minWords of [6, 1]) {
          for (const hasSkeleton of [knownSkeleton, anySkeleton]) {
            if (lineMode(text, hasSkeleton, minWords) !== undefined) expect(mayShowDamage(text, minWords), text).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
