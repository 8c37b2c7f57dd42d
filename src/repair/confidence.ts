/**
 * The confidence of a context repair: how often a change like it is right. The decoder's margin
 * (log10: how much likelier the chosen reading of the line is than the best one that keeps the
 * word) is no probability by itself: the channel and the language model are both approximate,
 * and a margin of 2 turned out right far less often than 99 times in 100. The margin is mapped
 * through a curve learned per group of changes (`confidence-table.ts`, made by
 * `data/build/ocr/calibrate.ts` from the repairs of the OCR pages the channel was learned from,
 * and of the same paragraphs with simulated scan damage, judged against the text printed).
 */
import { isValidSyllable } from '../orthography/index.js';
import type { EditKind } from '../types.js';
import { CALIBRATION } from './confidence-table.js';

/**
 * Changes less sure than this are not made by default. Below it are the weakest changes of a
 * valid word into another (the decoder barely prefers them): on the pages the curves were
 * learned from they were right less than one time in four, and on held-out pages they made a
 * right word wrong far more often than a wrong one right (a name `Tr’hy` read as `hay`). A caller
 * may ask for more (`minConfidence: 0.5`: only changes more often right than not) or for every
 * change the decoder prefers (`0`).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.3;

/**
 * The groups of changes with a curve of their own: marks or letters changed, of a word that is
 * a valid syllable (a wrong-but-valid reading is harder to be sure of) or not; splits and merges.
 */
export const CURVE_GROUPS = ['marks-valid', 'marks-damaged', 'letters-valid', 'letters-damaged', 'words'] as const;
export type CurveGroup = (typeof CURVE_GROUPS)[number];

/** The group of a change of `kind` to the input text `before`. */
export function curveGroup(kind: EditKind, before: string): CurveGroup {
  if (kind !== 'diacritics' && kind !== 'spelling') return 'words';
  return groupOf(kind, isValidSyllable(before.toLowerCase()));
}

/** The group of a change of `kind` to a word that is a valid syllable or not. */
function groupOf(kind: EditKind, valid: boolean): CurveGroup {
  if (kind !== 'diacritics' && kind !== 'spelling') return 'words';
  return kind === 'diacritics' ? (valid ? 'marks-valid' : 'marks-damaged') : valid ? 'letters-valid' : 'letters-damaged';
}

/**
 * The share of changes of this kind and margin that are right: the learned curve (margin,
 * share) interpolated linearly, flat beyond its ends. A group the pages showed too rarely to
 * learn keeps the decoder's own reading of its margin, `1 / (1 + 10^-m)`.
 */
export function repairConfidence(margin: number, kind: EditKind, before: string): number {
  return confidenceOf(margin, kind, isValidSyllable(before.toLowerCase()));
}

/**
 * {@link repairConfidence} of a change to a word whose validity as a syllable the caller
 * knows already (the repair stage reads it once per word form, not once per change).
 */
export function confidenceOf(margin: number, kind: EditKind, valid: boolean): number {
  const curve = CURVES[groupOf(kind, valid)];
  if (curve.length === 0) return 1 / (1 + Math.pow(10, -margin));
  if (margin <= curve[0][0]) return curve[0][1];
  for (let k = 1; k < curve.length; k++) {
    const [m1, p1] = curve[k];
    if (margin <= m1) {
      const [m0, p0] = curve[k - 1];
      return m1 === m0 ? p1 : p0 + ((p1 - p0) * (margin - m0)) / (m1 - m0);
    }
  }
  return curve[curve.length - 1][1];
}

/** Each group's curve, read once from the table (a group without one has none). */
const CURVES: Readonly<Record<CurveGroup, readonly (readonly [number, number])[]>> = {
  'marks-valid': CALIBRATION['marks-valid'] ?? [],
  'marks-damaged': CALIBRATION['marks-damaged'] ?? [],
  'letters-valid': CALIBRATION['letters-valid'] ?? [],
  'letters-damaged': CALIBRATION['letters-damaged'] ?? [],
  words: CALIBRATION.words ?? [],
};
