/**
 * Repairs learned from an OCR document's head (`DocumentRepairs`): only sure repairs of words
 * that are not syllables are learned; a line without such a word is repaired alike with and
 * without them (what lets a stream answer it before the head is complete); every reader of the
 * document (whole, in pieces cut anywhere, forced or judged OCR output) repairs it alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixLine, headOf, planStages, runStages } from '../src/fix.js';
import { fix, simulateDamage } from '../src/index.js';
import { isValidSyllable, setToneStyle } from '../src/orthography/index.js';
import { DocumentRepairs, mayRecall, repairStage } from '../src/repair/index.js';
import { IncrementalFixer } from '../src/stream/fixer.js';
import { glossary, manpage } from './support/documents.js';


/** OCR-like damage of real documents: splits, dropped letters, wrong marks and tones, words run together. */
const damaged = fc
  .record({
    doc: fc.constantFrom(glossary, manpage),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    rate: fc.double({ min: 0.05, max: 0.2, noNaN: true }),
  })
  .map(({ doc, seed, rate }) => simulateDamage(doc, { rate, seed, kinds: ['split', 'drop', 'mark', 'tone', 'merge'] }));

describe('repairs learned from an OCR document', () => {
  it('learns only sure repairs of words that are no syllable, each as the document repaired it', () => {
    fc.assert(
      fc.property(damaged, (doc) => {
        const learn = new DocumentRepairs();
        const result = runStages(doc, [repairStage({ ocr: true, learn })]);
        const repaired = new Map<string, Set<string>>();
        for (const e of result.edits) {
          if (e.confidence < 0.5) continue;
          const before = doc.slice(e.start, e.end).toLowerCase();
          if (!repaired.has(before)) repaired.set(before, new Set());
          repaired.get(before)!.add(setToneStyle(e.after.toLowerCase(), 'old'));
        }
        for (const [word, reading] of learn.words) {
          expect(isValidSyllable(word)).toBe(false);
          expect([...(repaired.get(word) ?? [])]).toContain(setToneStyle(reading.text, 'old'));
        }
      }),
      { numRuns: 3 },
    );
  });

  it('repairs a line without such a word alike, whatever the head taught', () => {
    fc.assert(
      fc.property(damaged, (doc) => {
        const plan = planStages({ ocr: true });
        const taught = plan.ocrStagesFor!(headOf(doc));
        for (const line of doc.split('\n')) {
          if (plan.mayRecall!(line)) continue;
          expect(fixLine(line, taught)).toEqual(fixLine(line, plan.ocrStages!));
        }
      }),
      { numRuns: 3 },
    );
  });

  it('is read alike by every reader: pieces cut anywhere, forced or judged OCR output', () => {
    fc.assert(
      fc.property(damaged, fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), (doc, cuts) => {
        const whole = fix(doc);
        // Light damage of the man page can leave too few signs to judge it OCR output.
        fc.pre(whole.ocr === true);
        expect(fix(doc, { ocr: true }).text).toBe(whole.text);
        for (const ocr of ['auto', true] as const) {
          const fixer = new IncrementalFixer({ ocr });
          let text = '';
          let at = 0;
          for (const n of cuts) {
            text += fixer.write(doc.slice(at, at + n)).text;
            at = Math.min(doc.length, at + n);
          }
          text += fixer.write(doc.slice(at)).text + fixer.end().text;
          expect(text).toBe(whole.text);
        }
        expect(fix(whole.text).text).toBe(whole.text);
      }),
      { numRuns: 3 },
    );
  });

  it('mayRecall is true exactly where a word is no syllable', () => {
    for (const line of glossary.split('\n').slice(0, 40)) {
      const words = line.split(/[^\p{L}]+/u).filter((w) => w.length > 0);
      if (!words.some((w) => !isValidSyllable(w.toLowerCase()))) expect(mayRecall(line)).toBe(false);
    }
  });
});
