/**
 * Language identification: which runs of a line are Vietnamese (see `runs.ts`). Repair works
 * only on those; the runs and their evidence tell a user why the rest was left alone.
 */
export { defaultLanguageProfiles, DEFAULT_LANGUAGES_FILE } from './default.js';
export { loadLanguageProfiles } from './load.js';
export { LanguageProfiles } from './model.js';
export {
  FOREIGN_MIN,
  languageRuns,
  VIETNAMESE_MIN,
  WORD_CLIP,
  type LanguageEvidence,
  type LanguageRun,
  type LanguageRunsOptions,
  type LanguageVerdict,
} from './runs.js';
