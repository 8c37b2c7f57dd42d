export { fix, runStages, buildStages } from './fix.js';
export type { FixOptions } from './fix.js';
export type { Edit, EditKind, FixResult, SkippedRepair, StageEdit } from './types.js';

// Repair of text that arrives in pieces (files, HTTP bodies), with bounded memory.
export { createFixStream, createFixTransformStream, IncrementalFixer } from './stream/index.js';
export type { FixedPiece, FixStreamOptions } from './stream/index.js';
export type { Stage } from './stage.js';
export { applyEdits, EditTracker } from './edits.js';

// Encoding repair: bytes in any Vietnamese encoding, mojibake and legacy-font text in strings.
export { canonicalEncodingName, decode, encode, encodingStage, SUPPORTED_ENCODINGS } from './encoding/index.js';
export type { Decoded, DecodeOptions, EncodingName, EncodingStageOptions, LegacyEncoding } from './encoding/index.js';

// Vietnamese orthography: syllable structure, spelling rules, tone styles, marks, case.
export {
  allSyllables,
  applyCase,
  composeSyllable,
  isValidSyllable,
  parseSyllable,
  removeMarks,
  removeTone,
  setToneStyle,
  syllablesForSkeleton,
  toneOf,
} from './orthography/index.js';
export type { SyllableParts, Tone, ToneStyle } from './orthography/index.js';

// Tokens of a line, with offsets and kinds.
export { scanTokens, tokenize } from './tokenize/index.js';
export type { Token, TokenKind, TokenVisitor } from './tokenize/index.js';

// The syllable language model and word list (data/model.bin, CC BY-SA 4.0).
export { defaultModel, LanguageModel, loadModel } from './model/index.js';
export type { ModelMeta, ModelSource } from './model/index.js';
export type { DataSource } from './bundled.js';

// Context repair: OCR errors and missing diacritics (noisy-channel decoder), damage simulator.
export { DEFAULT_COSTS, Lexicon, repairStage, simulateDamage, stripDiacritics } from './repair/index.js';
export type { ChannelCosts, DamageOptions, RepairOptions } from './repair/index.js';

// Language identification: the runs of a line that are Vietnamese (only those are repaired),
// each with its evidence (data/languages.bin).
export {
  defaultLanguageProfiles,
  FOREIGN_MIN,
  LanguageProfiles,
  languageRuns,
  loadLanguageProfiles,
  VIETNAMESE_MIN,
  WORD_CLIP,
} from './language/index.js';
export type { LanguageEvidence, LanguageRun, LanguageRunsOptions, LanguageVerdict } from './language/index.js';
