/**
 * Loading the model where the package's files cannot be read (a browser, a worker, an edge
 * runtime): from a URL, a fetched response or bytes already at hand.
 */
import { bytesOf, type DataSource } from '../bundled.js';
import { LanguageModel } from './language-model.js';

/** What {@link loadModel} accepts: a URL to fetch, a response, or the file's bytes. */
export type ModelSource = DataSource;

/**
 * The language model from `data/model.bin` (the package subpath `vietfix/model.bin`), for the
 * `model` option of `fix` and the streams.
 *
 * @example
 * ```ts
 * import modelUrl from 'vietfix/model.bin?url'; // Vite; esbuild: loader { '.bin': 'file' }
 * const model = await loadModel(modelUrl);
 * fix(text, { model });
 * ```
 */
export async function loadModel(source: ModelSource): Promise<LanguageModel> {
  return LanguageModel.fromBuffer(await bytesOf(source, 'the model'));
}
