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

describe('lines of paths whose names spell Vietnamese syllables', () => {
  // `Files: doc/*.texi doc/*.info …` (a Debian copyright file) read as Vietnamese without marks
  // made `doc` `đọc`: a path's names are names of files, whatever they spell.
  const name = fc.constantFrom('doc', 'tin', 'ban', 'con', 'lib', 'man', 'mot', 'bin', 'cache', 'share', 'test', 'data');
  const glob = fc.constantFrom('*', '*.texi', '*.info', '*.html', '*.[03]', '*.pdf', '', '.');
  // Two names and one slash (`lib/cache`) are left out: prose writes pairs so (`đúng/sai`).
  const pathLike = fc.oneof(
    fc.tuple(name, glob).map(([dir, tail]) => `${dir}/${tail}`),
    fc.array(name, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('/')),
    fc.tuple(fc.constantFrom('./', '../', '~/'), name).map(([dot, dir]) => dot + dir),
  );
  it('keep every name', () => {
    fc.assert(
      fc.property(fc.constantFrom('Files:', 'Xem', 'Trong', ''), fc.array(pathLike, { minLength: 1, maxLength: 8 }), (head, paths) => {
        const line = [head, ...paths].filter(Boolean).join(' ');
        expect(fix(line).text, line).toBe(line);
      }),
      { numRuns: 300 },
    );
  });

  it('still restore words joined by a slash in prose without marks', () => {
    expect(fix('Chon va/hoac bo chon muc nay').text).toContain('và/hoặc');
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

/** `catalogue \t line` rows of a fixture (the line itself may hold tabs). */
function rowsOf(file: string): string[] {
  return readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((row) => row.slice(row.indexOf('\t') + 1));
}

describe('gettext catalogue lines with words in capitals that end in Ã, Â, Ê, Ô…', () => {
  // `--from-code=MÃ   bảng mã`: `MÃ` before spaces is also the mojibake of `Mà` whose
  // no-break space became a space; in a line of correct Vietnamese it is the word as written.
  const lines = rowsOf('gettext-capital-lines.tsv');

  it('has the lines it claims to hold', () => {
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.filter((l) => /MÃ {2,}\S/.test(l)).length).toBeGreaterThanOrEqual(4);
  });

  it('come out byte-identical, each line and as one document', () => {
    expect(changedLines(lines)).toEqual([]);
    const text = lines.join('\n');
    expect(fix(text).text).toBe(text);
  });
});

/** Lines of Vim's Vietnamese tutor that tell the reader what to type (see the fixture README). */
const TUTOR_LINES = readFileSync(new URL('vim-tutor-vi.txt', FIXTURES), 'utf8').split('\n').filter(Boolean);

describe("Vim's Vietnamese tutor: one-letter commands after `gõ` (type)", () => {
  it('has the lines it claims to hold', () => {
    expect(TUTOR_LINES.length).toBeGreaterThanOrEqual(100);
    expect(TUTOR_LINES.some((l) => /Gõ\tp/.test(l))).toBe(true);
    expect(TUTOR_LINES.some((l) => /gõ p\./.test(l))).toBe(true);
  });

  it('come out byte-identical, each line and as one document', () => {
    expect(changedLines(TUTOR_LINES)).toEqual([]);
    const text = TUTOR_LINES.join('\n');
    expect(fix(text).text).toBe(text);
  });

  it('a word and a letter after a tab are never joined, even in OCR output', () => {
    for (const line of TUTOR_LINES.filter((l) => /\p{L}\t\p{L}/u.test(l))) {
      const out = fix(line, { ocr: true }).text;
      // Each tab between a word and a letter is still there.
      expect(out.match(/\t/g)?.length, line).toBe(line.match(/\t/g)?.length);
    }
  });
});

/** Syllables of the real sentences, and consonants a split cuts off a syllable's end. */
const PROSE_SYLLABLES = [...new Set(PROSE.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{M}]+/u)))].filter((w) => w.length >= 2 && isValidSyllable(w));
const FINAL_LETTERS = ['c', 'm', 'n', 'p', 't'];

describe('Vietnamese sentences with a one-letter command inserted', () => {
  const sentence = fc.constantFrom(...PROSE).filter((s) => fix(s).text === s);

  it('keep a letter after a tab, whatever the word before', () => {
    fc.assert(
      fc.property(sentence, fc.nat(), fc.constantFrom(...PROSE_SYLLABLES), fc.constantFrom(...FINAL_LETTERS), (text, at, word, letter) => {
        const words = text.split(' ');
        words.splice(at % (words.length + 1), 0, `${word}\t${letter}`);
        const line = words.join(' ');
        expect(fix(line).text, line).toBe(line);
      }),
      { numRuns: 300 },
    );
  });

  it('keep a lone letter apart from a syllable it does not join as written', () => {
    // (The letter still makes the line look split by OCR, so other words may be read again.)
    // `gõ p` (type p): `gõp` is no syllable; only a changed mark would make one (`góp`).
    const pair = fc
      .tuple(fc.constantFrom(...PROSE_SYLLABLES), fc.constantFrom(...FINAL_LETTERS))
      .filter(([word, letter]) => !isValidSyllable(word + letter));
    fc.assert(
      fc.property(sentence, fc.nat(), pair, (text, at, [word, letter]) => {
        const words = text.split(' ');
        const k = at % (words.length + 1);
        words.splice(k, 0, word, letter);
        // Nor the word after it (`c ô` is `cô`, an onset cut off).
        fc.pre(!isValidSyllable(letter + (words[k + 2] ?? '').toLowerCase().replace(/[^\p{L}\p{M}]+$/u, '')));
        const line = words.join(' ');
        // The space between the word and the letter: no edit joins across it.
        const gap = words.slice(0, k + 1).join(' ').length;
        const joins = fix(line).edits.filter((e) => e.start <= gap && e.end > gap);
        expect(joins, line).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
