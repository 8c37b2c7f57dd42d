// The stage memo that lets the OCR judge and the repair after it share the encoding and Unicode
// repair of a document's head: it must change nothing but the work done. `fix` is compared
// with the composition it stands for (judge the head, then run the chosen stages without a
// memo), and the memo with the stages it keeps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodingStage } from '../src/encoding/index.js';
import { DocumentRepairs, repairStage } from '../src/repair/index.js';
import { fix, headOf, isOcrDocument, OCR_WINDOW, planStages, runStages, type FixOptions } from '../src/fix.js';
import { StageMemo } from '../src/stage-memo.js';
import type { Stage } from '../src/stage.js';
import { IncrementalFixer } from '../src/stream/index.js';
import type { FixResult } from '../src/types.js';
import { unicodeStage } from '../src/unicode/index.js';
import { combiningRuns, lines, mojibakePieces, options, vietnamesePieces } from './support/fuzz-inputs.js';

/** `stage` with a count of its runs. */
function counted(stage: Stage): Stage & { runs: number } {
  const wrapped = {
    name: stage.name,
    mayApply: stage.mayApply,
    runs: 0,
    run(line: string) {
      wrapped.runs++;
      return stage.run(line);
    },
  };
  return wrapped;
}

/** `fix` as the judge and the stages define it, each run on its own (no memo). */
function composed(input: string, opts: FixOptions): FixResult {
  const plan = planStages(opts);
  if (plan.judgeOcr === undefined) return runStages(input, plan.ocrStagesFor ? plan.ocrStagesFor(headOf(input)) : plan.stages);
  if (!isOcrDocument(input, plan)) return runStages(input, plan.stages);
  return { ...runStages(input, plan.ocrStagesFor!(headOf(input))), ocr: true };
}

const damaged = fc.oneof(lines(mojibakePieces), lines(vietnamesePieces), lines(combiningRuns));

describe('StageMemo', () => {
  it("gives each stage's own edits, and runs a kept stage once per text", () => {
    fc.assert(
      fc.property(damaged, (text) => {
        const encoding = counted(encodingStage());
        const unicode = counted(unicodeStage());
        const stages = [encoding, unicode];
        const alone = runStages(text, stages);
        const runsAlone = encoding.runs + unicode.runs;
        const memo = new StageMemo(stages, OCR_WINDOW);
        expect(runStages(text, stages, memo)).toEqual(alone);
        const runsKept = encoding.runs + unicode.runs - runsAlone;
        // A text met twice (two equal lines) is run once.
        expect(runsKept).toBeLessThanOrEqual(runsAlone);
        // Read again: every run is a kept one.
        expect(runStages(text, stages, memo)).toEqual(alone);
        expect(encoding.runs + unicode.runs).toBe(runsAlone + runsKept);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps only the stages named, and no more text than its capacity', () => {
    fc.assert(
      fc.property(lines(mojibakePieces), (text) => {
        const kept = counted(encodingStage());
        const other = counted(unicodeStage());
        const full = new StageMemo([kept], 0);
        runStages(text, [kept, other], full);
        const first = { kept: kept.runs, other: other.runs };
        runStages(text, [kept, other], full);
        // Capacity 0: nothing kept, every run made again.
        expect(kept.runs).toBe(2 * first.kept);
        const roomy = new StageMemo([kept], OCR_WINDOW);
        runStages(text, [kept, other], roomy);
        const afterFirst = kept.runs;
        expect(afterFirst).toBeLessThanOrEqual(3 * first.kept);
        runStages(text, [kept, other], roomy);
        expect(kept.runs).toBe(afterFirst);
        // A stage not named runs every time.
        expect(other.runs).toBe(4 * first.other);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fix with the judge reading the head once', () => {
  it('repairs and judges as the judge and the stages run apart do', () => {
    fc.assert(
      fc.property(damaged, options, (text, opts) => {
        expect(fix(text, opts)).toEqual(composed(text, opts));
      }),
      { numRuns: 80 },
    );
  });

  it('does so on a text longer than the judged head, whole and in pieces', () => {
    // Generated lines past the window: the head ends inside a line, and lines after it are read past the head.
    const text = fc.sample(damaged, { seed: 20, numRuns: 4000 }).join('\n');
    expect(text.length).toBeGreaterThan(2 * OCR_WINDOW);
    for (const opts of [{}, { ocr: true }] as FixOptions[]) {
      const expected = composed(text, opts);
      const whole = fix(text, opts);
      expect(whole).toEqual(expected);
      const fixer = new IncrementalFixer(opts);
      let out = '';
      const edits = [];
      // Pieces short enough for lines to be tried before the decision (see IncrementalFixer).
      for (let at = 0; at < text.length; at += 1500) {
        const piece = fixer.write(text.slice(at, at + 1500));
        out += piece.text;
        edits.push(...piece.edits);
      }
      const last = fixer.end();
      expect(out + last.text).toBe(expected.text);
      expect([...edits, ...last.edits]).toEqual(expected.edits);
    }
  }, 120_000);
});

describe('fix with its default plan kept between calls', () => {
  it('repairs each text as a plan of its own does, whatever it repaired before', () => {
    // `{ ocr: 'auto' }` is the default, but an option set builds a plan for the call alone.
    fc.assert(
      fc.property(fc.array(damaged, { minLength: 2, maxLength: 5 }), (texts) => {
        for (const text of texts) expect(fix(text)).toEqual(fix(text, { ocr: 'auto' }));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the OCR stages of a head that teaches no word', () => {
  it('repair as the OCR stages untaught do, the head read once', () => {
    const plan = planStages({ ocr: true });
    const pre = [encodingStage(), unicodeStage()];
    let untaught = 0;
    fc.assert(
      fc.property(damaged, (text) => {
        const learn = new DocumentRepairs();
        runStages(headOf(text), [...pre, repairStage({ ocr: true, learn })]);
        if (learn.words.size > 0) return;
        untaught++;
        expect(runStages(text, plan.ocrStagesFor!(headOf(text)))).toEqual(runStages(text, plan.ocrStages!));
      }),
      { numRuns: 80 },
    );
    expect(untaught).toBeGreaterThan(0);
  });
});
