/**
 * Loading the language profiles where the package's files cannot be read (a browser, a worker,
 * an edge runtime): from a URL, a fetched response or bytes already at hand.
 */
import { bytesOf, type DataSource } from '../bundled.js';
import { LanguageProfiles } from './model.js';

/**
 * The language profiles from `data/languages.bin` (the package subpath
 * `vietfix/languages.bin`), for the `languages` option of `fix` and the streams.
 *
 * @example
 * ```ts
 * const [model, languages] = await Promise.all([loadModel(modelUrl), loadLanguageProfiles(languagesUrl)]);
 * fix(text, { model, languages });
 * ```
 */
export async function loadLanguageProfiles(source: DataSource): Promise<LanguageProfiles> {
  return LanguageProfiles.fromBuffer(await bytesOf(source, 'the language profiles'));
}
