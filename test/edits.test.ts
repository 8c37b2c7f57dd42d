import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditTracker, applyEdits } from '../src/edits.js';
import type { StageEdit } from '../src/types.js';

/** Random sorted, non-overlapping stage edits over a string of length n. */
function stageEdits(n: number) {
  return fc
    .array(fc.tuple(fc.nat(n), fc.nat(4), fc.string({ maxLength: 4 }), repairs), { maxLength: 6 })
    .map((raw) => {
      const edits: StageEdit[] = [];
      let pos = 0;
      for (const [gap, len, after, repair] of raw.sort((a, b) => a[0] - b[0])) {
        const start = Math.max(pos, Math.min(gap, n));
        const end = Math.min(n, start + len);
        if (start < pos) continue;
        edits.push({ start, end, after, ...repair });
        pos = end === start ? end + 1 : end;
      }
      return edits.filter((e) => e.start <= n);
    });
}

/** What an edit says it is: a few kinds and confidences, with or without a `detail`. */
const repairs = fc.record(
  {
    kind: fc.constantFrom<StageEdit['kind']>('unicode', 'unicode', 'diacritics'),
    confidence: fc.constantFrom(1, 0.99, 0.6),
    detail: fc.constantFrom('nfc', 'composite'),
  },
  { requiredKeys: ['kind', 'confidence'] },
);

describe('EditTracker', () => {
  it('reports a single replacement in input coordinates', () => {
    const t = new EditTracker('abc def');
    t.apply([{ start: 4, end: 7, after: 'XYZW', kind: 'spelling', confidence: 0.8 }]);
    expect(t.text).toBe('abc XYZW');
    expect(t.edits()).toEqual([{ start: 4, end: 7, before: 'def', after: 'XYZW', kind: 'spelling', confidence: 0.8 }]);
  });

  it('merges a later edit that touches an earlier one, keeping the first kind and the lowest confidence', () => {
    const t = new EditTracker('xx Tiáº¿ng yy');
    t.apply([{ start: 3, end: 10, after: 'Tiếng', kind: 'mojibake', confidence: 0.99, detail: 'utf8-as-cp1252' }]);
    expect(t.text).toBe('xx Tiếng yy');
    t.apply([{ start: 5, end: 6, after: 'ê', kind: 'spelling', confidence: 0.7 }]);
    expect(t.text).toBe('xx Tiêng yy');
    expect(t.edits()).toEqual([
      { start: 3, end: 10, before: 'Tiáº¿ng', after: 'Tiêng', kind: 'mojibake', confidence: 0.7, detail: 'utf8-as-cp1252' },
    ]);
  });

  it('drops an edit that a later stage undid', () => {
    const t = new EditTracker('hoa');
    t.apply([{ start: 1, end: 2, after: 'ò', kind: 'diacritics', confidence: 0.6 }]);
    t.apply([{ start: 1, end: 2, after: 'o', kind: 'spelling', confidence: 0.6 }]);
    expect(t.text).toBe('hoa');
    expect(t.edits()).toEqual([]);
  });

  it('applying the reported edits to the input gives the text, after any number of stages', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }).chain((s) =>
          fc.tuple(fc.constant(s), fc.array(fc.nat(), { maxLength: 3 })),
        ),
        fc.infiniteStream(fc.nat()),
        ([input], seeds) => {
          const t = new EditTracker(input);
          const it = seeds[Symbol.iterator]();
          for (let round = 0; round < 3; round++) {
            const sample = fc.sample(stageEdits(t.text.length), { numRuns: 1, seed: it.next().value as number })[0];
            t.apply(sample);
          }
          const edits = t.edits();
          expect(applyEdits(input, edits)).toBe(t.text);
          for (let i = 0; i < edits.length; i++) {
            expect(edits[i].before).toBe(input.slice(edits[i].start, edits[i].end));
            if (i > 0) expect(edits[i].start).toBeGreaterThanOrEqual(edits[i - 1].end);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports the first stage's edits as they are, with the input they replace", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).chain((s) => fc.tuple(fc.constant(s), stageEdits(s.length))), ([input, stage]) => {
        const t = new EditTracker(input);
        t.apply(stage);
        expect(t.text).toBe(applyEdits(input, stage));
        const expected = stage
          .map(({ start, end, after, kind, confidence, detail }) => {
            const before = input.slice(start, end);
            return detail === undefined ? { start, end, before, after, kind, confidence } : { start, end, before, after, kind, confidence, detail };
          })
          .filter((e) => e.before !== e.after);
        expect(t.edits()).toStrictEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reports the same edits whether a later stage changed nothing or there was none', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).chain((s) => fc.tuple(fc.constant(s), stageEdits(s.length))), ([input, stage]) => {
        const alone = new EditTracker(input);
        alone.apply(stage);
        const followed = new EditTracker(input);
        followed.apply(stage);
        followed.apply([{ start: 0, end: 0, after: '', kind: 'spelling', confidence: 0.5 }]);
        expect(followed.text).toBe(alone.text);
        expect(followed.edits()).toStrictEqual(alone.edits());
      }),
      { numRuns: 1000 },
    );
  });
});
