/**
 * The bundled model (`data/model.bin` at the package root, `vietfix/model.bin` to bundlers),
 * read on first use. Only this module touches the file system, and only through
 * `process.getBuiltinModule` at call time, so a browser bundle that never calls
 * {@link defaultModel} needs no `fs`. In a browser, load the file with `loadModel` (`load.ts`).
 */
import { LanguageModel } from './language-model.js';

/** File name of the bundled model inside the package's `data/` folder. */
export const DEFAULT_MODEL_FILE = 'model.bin';

interface NodeFs {
  existsSync(path: URL): boolean;
  readFileSync(path: URL): Uint8Array;
}

function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
}

/** Where the bundled file is, `null` where it cannot be read; looked up once. */
let bundledUrl: URL | null | undefined;

function findBundled(): URL | null {
  if (bundledUrl === undefined) {
    const fs = nodeFs();
    bundledUrl = fs === undefined ? null : (candidateUrls().find((url) => fs.existsSync(url)) ?? null);
  }
  return bundledUrl;
}

/**
 * Whether {@link defaultModel} can load the bundled file here (Node with the package's `data/`
 * folder): a cheap test, the file is not read.
 */
export function defaultModelAvailable(): boolean {
  return cached !== undefined || findBundled() !== null;
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
  const fs = nodeFs();
  if (fs === undefined) {
    throw new Error(
      'vietfix: defaultModel() reads the bundled file and needs Node ≥ 20.16; elsewhere load ' +
        "vietfix/model.bin with `await loadModel(url)` and pass it as the `model` option",
    );
  }
  const url = findBundled();
  if (url === null) throw new Error(`vietfix: the bundled model data/${DEFAULT_MODEL_FILE} was not found next to the package`);
  return fs.readFileSync(url);
}
