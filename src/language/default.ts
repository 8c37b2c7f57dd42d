/**
 * The bundled language profiles (`data/languages.bin` at the package root,
 * `vietfix/languages.bin` to bundlers), read on first use through `src/bundled.ts`, as the
 * model is. In a browser, load the file with `loadLanguageProfiles` (`load.ts`).
 */
import { bundledFile, readBundledFile } from '../bundled.js';
import { LanguageProfiles } from './model.js';

/** File name of the bundled profiles inside the package's `data/` folder. */
export const DEFAULT_LANGUAGES_FILE = 'languages.bin';

let cached: LanguageProfiles | undefined;

/** Whether {@link defaultLanguageProfiles} can load the bundled file here (the file is not read). */
export function defaultLanguageProfilesAvailable(): boolean {
  return cached !== undefined || bundledFile(DEFAULT_LANGUAGES_FILE) !== null;
}

/**
 * The bundled profiles where they can be read (Node), else `undefined`: for the callers that
 * can do without them.
 */
export function availableLanguageProfiles(): LanguageProfiles | undefined {
  return defaultLanguageProfilesAvailable() ? defaultLanguageProfiles() : undefined;
}

/**
 * The bundled language profiles, loaded the first time they are asked for and then shared.
 * Node only (≥ 20.16); elsewhere use `loadLanguageProfiles`.
 */
export function defaultLanguageProfiles(): LanguageProfiles {
  cached ??= LanguageProfiles.fromBuffer(
    readBundledFile(
      DEFAULT_LANGUAGES_FILE,
      'load vietfix/languages.bin with `await loadLanguageProfiles(url)` and pass it as the `languages` option',
    ),
  );
  return cached;
}
