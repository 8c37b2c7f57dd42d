/**
 * The bundled model (`data/model.bin` at the package root, `vietfix/model.bin` to bundlers),
 * read on first use through `src/bundled.ts`, so a browser bundle that never calls
 * {@link defaultModel} needs no `fs`. In a browser, load the file with `loadModel` (`load.ts`).
 */
import { bundledFile, readBundledFile } from '../bundled.js';
import { LanguageModel } from './language-model.js';

/** File name of the bundled model inside the package's `data/` folder. */
export const DEFAULT_MODEL_FILE = 'model.bin';

let cached: LanguageModel | undefined;

/**
 * Whether {@link defaultModel} can load the bundled file here (Node with the package's `data/`
 * folder): a cheap test, the file is not read.
 */
export function defaultModelAvailable(): boolean {
  return cached !== undefined || bundledFile(DEFAULT_MODEL_FILE) !== null;
}

/**
 * The bundled Vietnamese model, loaded the first time it is asked for and then shared. Node
 * only (≥ 20.16, for `process.getBuiltinModule`); elsewhere use `loadModel`.
 */
export function defaultModel(): LanguageModel {
  cached ??= LanguageModel.fromBuffer(defaultModelBytes());
  return cached;
}

/** The bytes of the bundled model file (read anew at every call). Node only, as {@link defaultModel}. */
export function defaultModelBytes(): Uint8Array {
  return readBundledFile(DEFAULT_MODEL_FILE, "load vietfix/model.bin with `await loadModel(url)` and pass it as the `model` option");
}
