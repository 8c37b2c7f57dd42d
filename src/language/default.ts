/**
 * The bundled language profiles (`data/languages.bin` at the package root), read on first use,
 * as `src/model/default.ts` reads the model: only through `process.getBuiltinModule` at call
 * time, so a browser bundle needs no `fs`. In a browser, fetch the file and call
 * `LanguageProfiles.fromBuffer(bytes)`.
 */
import { LanguageProfiles } from './model.js';

/** File name of the bundled profiles inside the package's `data/` folder. */
export const DEFAULT_LANGUAGES_FILE = 'languages.bin';

interface NodeFs {
  existsSync(path: URL): boolean;
  readFileSync(path: URL): Uint8Array;
}

let cached: LanguageProfiles | undefined;

function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
}

/**
 * The bundled profiles where they can be read (Node), else `undefined`: for the callers that
 * can do without them.
 */
export function availableLanguageProfiles(): LanguageProfiles | undefined {
  return cached !== undefined || nodeFs() !== undefined ? defaultLanguageProfiles() : undefined;
}

/** Where the bundled file may be: `dist/` → `../data/`, `src/language/` → `../../data/`. */
function candidateUrls(): URL[] {
  const here = import.meta.url;
  return [['..', 'data', DEFAULT_LANGUAGES_FILE], ['..', '..', 'data', DEFAULT_LANGUAGES_FILE]].map(
    (parts) => new URL(parts.join('/'), here),
  );
}

/**
 * The bundled language profiles, loaded the first time they are asked for and then shared.
 * Node only (≥ 20.16); elsewhere use {@link LanguageProfiles.fromBuffer}.
 */
export function defaultLanguageProfiles(): LanguageProfiles {
  if (cached !== undefined) return cached;
  const fs = nodeFs();
  if (fs === undefined) {
    throw new Error(
      'vietfix: the bundled language profiles need Node ≥ 20.16; elsewhere load data/languages.bin ' +
        'yourself and pass LanguageProfiles.fromBuffer(bytes) as the `profiles` option',
    );
  }
  for (const url of candidateUrls()) {
    if (fs.existsSync(url)) {
      cached = LanguageProfiles.fromBuffer(fs.readFileSync(url));
      return cached;
    }
  }
  throw new Error(`vietfix: the bundled language profiles data/${DEFAULT_LANGUAGES_FILE} were not found next to the package`);
}
