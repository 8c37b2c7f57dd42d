/**
 * Punctuation a reading garbles (`src/repair/punctuation.ts`): only a full stop between a
 * known syllable and a lower-case syllable changes, to a comma or to nothing, a comma before a
 * word that starts sentences rather than names to a full stop, and a curly quote in a line of
 * straight ones is straightened; abbreviations, numbers, URLs and code are left as they are;
 * nothing changes in text not read as OCR output.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runStages } from '../src/fix.js';
import { fix } from '../src/index.js';
import { defaultModel } from '../src/model/index.js';
import { ocrPunctuationStage } from '../src/repair/punctuation.js';
import { judgePage, readReadings } from '../data/build/ocr/judge.js';
import { ROOT } from './cli-helpers.js';
import { glossaryLines, manpage, vimTutorLines } from './support/documents.js';

const lines = [...glossaryLines, ...manpage.split('\n')].filter((l) => l.split(' ').length >= 4);

/** Text whose full stops must stay whatever follows them. */
const KEPT = ['v.v.', 'TP.', 'Mr.', '1.000', '3,5', 'https://vi.wikipedia.org/wiki/Hà_Nội.', 'cp -a.', 'A.'];
/** Quotes a reading prints, straight or curly. */
const QUOTES = ['"', '"', '\u201c', '\u201d'];

/** A real line with full stops and kept tokens put between some of its words, as a reading adds them. */
const pointed = fc
  .record({
    line: fc.constantFrom(...lines),
    marks: fc.array(fc.record({ at: fc.nat(), what: fc.oneof(fc.constant('.'), fc.constantFrom(...KEPT.map((k) => ` ${k}`)), fc.constantFrom(...QUOTES)) }), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .map(({ line, marks }) => {
    const words = line.split(' ');
    for (const { at, what } of marks) {
      const k = at % (words.length - 1);
      words[k] += what;
    }
    return words.join(' ');
  });

const stage = ocrPunctuationStage({ model: defaultModel, minConfidence: 0 });

describe('OCR punctuation', () => {
  it('changes only a full stop between a known syllable and a lower-case syllable, to a comma or nothing, and curly quotes among straight ones', () => {
    fc.assert(
      fc.property(pointed, (line) => {
        const edits = stage.mayApply!(line) ? stage.run(line) : [];
        const count = (re: RegExp) => (line.match(re) ?? []).length;
        for (const e of edits) {
          expect(e.kind).toBe('punctuation');
          if (e.after === '"') {
            // A curly quote in a line that holds more straight ones.
            expect(['\u201c', '\u201d']).toContain(line.slice(e.start, e.end));
            expect(count(/"/g)).toBeGreaterThan(count(/[\u201c\u201d]/g));
            continue;
          }
          expect(line.slice(e.start - 1, e.start)).toMatch(/\p{L}/u);
          if (e.after === '.') {
            // A comma before a capitalised word that starts sentences rather than names.
            expect(line.slice(e.start, e.end)).toBe(',');
            expect(line.slice(e.end)).toMatch(/^ \p{Lu}\p{Ll}/u);
            continue;
          }
          expect(line.slice(e.start, e.end)).toBe('.');
          expect([',', '']).toContain(e.after);
          expect(line.slice(e.end)).toMatch(/^ \p{Ll}/u);
        }
        const out = runStages(line, [stage]).text;
        for (const kept of KEPT) if (line.includes(` ${kept} `)) expect(out).toContain(` ${kept} `);
        // Its own output offers it nothing more.
        expect(runStages(out, [stage]).edits).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a comma before a word that starts sentences as the full stop it was printed from', () => {
    // Real lines of two sentences or more, each full stop before a capital printed as a comma.
    const sentences = [...lines, ...vimTutorLines].filter((l) => /[^\s.]\. \p{Lu}/u.test(l));
    let stops = 0;
    let restored = 0;
    let names = 0;
    for (const line of sentences) {
      const misread = line.replace(/([^\s.])\. (?=\p{Lu})/gu, '$1, ');
      const out = runStages(misread, [stage]).text;
      stops += (line.match(/[^\s.]\. \p{Lu}/gu) ?? []).length;
      restored += [...out.matchAll(/[^\s.]\. \p{Lu}/gu)].length;
      // The line as printed: its commas before capitals (names, titles) stay commas.
      names += runStages(line, [stage]).edits.filter((e) => e.after === '.').length;
    }
    expect(stops).toBeGreaterThanOrEqual(20);
    // Measured: 34 of 148. The rest start with words capitalised inside sentences too (`Vim`,
    // `Gõ` in a manual's headings) or follow a command, not a syllable: left as printed.
    expect(restored / stops, `${restored} of ${stops}`).toBeGreaterThanOrEqual(0.2);
    expect(names).toBe(0);
  });

  it('is right more often than not on Tesseract readings of held-out rendered pages', () => {
    // Pages the OCR channel was not learned from (shipped for bench/reliability.ts): the stage alone.
    let changes = 0;
    let right = 0;
    for (const reading of readReadings(join(ROOT, 'data', 'build', 'ocr', 'heldout.jsonl.gz'))) {
      if (!reading.ocr.split('\n').some((l) => stage.mayApply!(l))) continue;
      const judged = judgePage(reading, (text) => runStages(text, [stage]));
      for (const e of judged?.edits ?? []) {
        changes++;
        if (e.right) right++;
      }
    }
    expect(changes).toBeGreaterThanOrEqual(10);
    expect(right / changes).toBeGreaterThan(0.5);
  });

  it('changes nothing in text not read as OCR output', () => {
    fc.assert(
      fc.property(pointed, (line) => {
        expect(fix(line, { ocr: false }).edits.filter((e) => e.kind === 'punctuation')).toEqual([]);
        const judged = fix(line);
        if (judged.ocr !== true) expect(judged.edits.filter((e) => e.kind === 'punctuation')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('is idempotent with the rest of the OCR repair', () => {
    fc.assert(
      fc.property(pointed, (line) => {
        const once = fix(line, { ocr: true }).text;
        expect(fix(once, { ocr: true }).text).toBe(once);
      }),
      { numRuns: 100 },
    );
  });
});
