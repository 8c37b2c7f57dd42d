import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitCurve } from '../data/build/ocr/calibrate.js';
import { judgePage, readReadings } from '../data/build/ocr/judge.js';
import { CURVE_GROUPS, curveGroup, repairConfidence } from '../src/repair/confidence.js';
import { CALIBRATION } from '../src/repair/confidence-table.js';
import { fix } from '../src/index.js';

describe('fitCurve', () => {
  it('gives a non-decreasing share right, each point between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 12, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 400 }), (points) => {
        const curve = fitCurve(points);
        for (let k = 0; k < curve.length; k++) {
          expect(curve[k][1]).toBeGreaterThan(0);
          expect(curve[k][1]).toBeLessThan(1);
          if (k > 0) {
            expect(curve[k][0]).toBeGreaterThanOrEqual(curve[k - 1][0]);
            expect(curve[k][1]).toBeGreaterThanOrEqual(curve[k - 1][1]);
          }
        }
      }),
    );
  });

  it('finds the share right of changes whose rightness rises with the margin', () => {
    // Right when the margin is above 2: the curve is low below and high above.
    const points: [number, number][] = [];
    for (let k = 0; k < 400; k++) points.push([k / 100, k / 100 > 2 ? 1 : 0]);
    const curve = fitCurve(points);
    expect(curve[0][1]).toBeLessThan(0.05);
    expect(curve[curve.length - 1][1]).toBeGreaterThan(0.95);
  });
});

describe('repairConfidence', () => {
  it('has a learned curve or the decoder margin for every group, and rises with the margin', () => {
    for (const group of CURVE_GROUPS) expect(CALIBRATION[group]).toBeDefined();
    const cases: [Parameters<typeof repairConfidence>[1], string][] = [
      ['diacritics', 'ban'],
      ['diacritics', 'nhiéu'],
      ['spelling', 'tien'],
      ['spelling', 'tiếx'],
      ['split', 'nhữ ng'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), ([kind, before], a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const p = repairConfidence(lo, kind, before);
        const q = repairConfidence(hi, kind, before);
        expect(p).toBeGreaterThan(0);
        expect(q).toBeLessThanOrEqual(1);
        expect(q).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('tells changes of valid words from changes of damaged ones', () => {
    expect(curveGroup('diacritics', 'Ban')).toBe('marks-valid');
    expect(curveGroup('diacritics', 'nhiéu')).toBe('marks-damaged');
    expect(curveGroup('spelling', 'vịc')).toBe('letters-damaged');
    expect(curveGroup('merge', 'củaông')).toBe('words');
  });
});

describe('judgePage', () => {
  const readings = readReadings('data/build/ocr/heldout.jsonl.gz').slice(0, 12);

  it('finds a page left alone as wrong as before, and a page read back to its text right', () => {
    for (const reading of readings) {
      const kept = judgePage(reading, (text) => ({ text, edits: [] }));
      if (kept === undefined) continue;
      expect(kept.wrongAfter).toBe(kept.wrongBefore);
      const restored = judgePage(reading, () => ({ text: reading.ref, edits: [] }));
      expect(restored!.wrongAfter).toBe(0);
    }
  });

  it('judges a change right exactly when it gives the text printed', () => {
    for (const reading of readings) {
      const page = judgePage(reading, (text) => fix(text, { ocr: true, minConfidence: 0 }));
      if (page === undefined) continue;
      for (const { edit, want, right } of page.edits) {
        expect(right).toBe(edit.after.toLowerCase() === want.toLowerCase());
        expect(reading.ref.normalize('NFC')).toContain(want);
      }
    }
  });
});
