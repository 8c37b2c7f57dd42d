/**
 * Vietnamese orthography: the parts of a syllable, the spelling rules that tell a valid
 * syllable from an invalid one, tone placement styles, and mark removal.
 */
export { removeMarks, removeTone, toneOf, type Tone } from './marks.js';
export {
  allSyllables,
  composeSyllable,
  isValidSyllable,
  MAX_SYLLABLE_LENGTH,
  parseSyllable,
  syllablesForSkeleton,
  type SyllableParts,
  type ToneStyle,
} from './syllable.js';
export { setToneStyle } from './style.js';
export { applyCase } from './case.js';
