/**
 * The bundled model (`data/model.bin` at the package root), read on first use. Only this module
 * touches the file system, and only through `process.getBuiltinModule` at call time, so a
 * browser bundle that never calls {@link defaultModel} needs no `fs`. In a browser, load the
 * file yourself: `fetch(url).then((r) => r.arrayBuffer()).then(LanguageModel.fromBuffer)`.
 */
import { LanguageModel } from './language-model.js';

/** File name of the bundled model inside the package's `data/` folder. */
export const DEFAULT_MODEL_FILE = 'model.bin';

interface NodeFs {
  existsSync(path: URL): boolean;
  readFileSync(path: URL): Uint8Array;
}

let cached: LanguageModel | undefined;

/** Where the bundled file may be: `dist/` → `../data/`, `src/model/` → `../../data/`. */
function candidateUrls(): URL[] {
  const here = import.meta.url;
  const folder = 'data';
  return [['..', folder, DEFAULT_MODEL_FILE], ['..', '..', folder, DEFAULT_MODEL_FILE]].map(
    (parts) => new URL(parts.join('/'), here),
  );
}

/**
 * The bundled Vietnamese model, loaded the first time it is asked for and then shared. Node
 * only (≥ 20.16, for `process.getBuiltinModule`); elsewhere use {@link LanguageModel.fromBuffer}.
 */
export function defaultModel(): LanguageModel {
  cached ??= LanguageModel.fromBuffer(defaultModelBytes());
  return cached;
}

/** The bytes of the bundled model file (read anew at every call). Node only, as {@link defaultModel}. */
export function defaultModelBytes(): Uint8Array {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (fs === undefined) {
    throw new Error(
      'vietfix: defaultModel() reads the bundled file and needs Node ≥ 20.16; elsewhere load ' +
        'data/model.bin yourself and call LanguageModel.fromBuffer(bytes)',
    );
  }
  for (const url of candidateUrls()) {
    if (fs.existsSync(url)) return fs.readFileSync(url);
  }
  throw new Error(`vietfix: the bundled model data/${DEFAULT_MODEL_FILE} was not found next to the package`);
}
