/**
 * The Vietnamese syllable language model: n-gram probabilities with back-off, syllable counts
 * and a word list, read from the compact binary file in `data/`.
 */
export { LanguageModel, type ModelMeta } from './language-model.js';
export { defaultModel, DEFAULT_MODEL_FILE } from './default.js';
export { loadModel, type ModelSource } from './load.js';
export {
  BOS,
  BOS_ID,
  classUnit,
  EOS,
  EOS_ID,
  FOREIGN,
  FOREIGN_ID,
  lineSentences,
  normalizeSyllable,
  NUM,
  NUM_ID,
  PUNCT,
  PUNCT_ID,
  SPECIAL_UNITS,
  UNK,
  UNK_ID,
} from './units.js';
export { WORD_FROM_CORPUS, WORD_FROM_DICTIONARY } from './format.js';
