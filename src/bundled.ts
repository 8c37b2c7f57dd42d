/**
 * The data files bundled in the package's `data/` folder (`model.bin`, `languages.bin`). Only
 * this module touches the file system, and only through `process.getBuiltinModule` at call
 * time, so a browser bundle that never reads a bundled file needs no `fs`. Elsewhere the
 * files are loaded with `loadModel` / `loadLanguageProfiles` (`load.ts`).
 */

interface NodeFs {
  existsSync(path: URL): boolean;
  readFileSync(path: URL): Uint8Array;
}

function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
}

/** Where each bundled file is, `null` where it cannot be read; looked up once per file. */
const located = new Map<string, URL | null>();

/** Where a bundled file would be: this module is `dist/*.js` when built, `src/bundled.ts` in the tests. */
function dataUrl(name: string): URL {
  return new URL(`../data/${name}`, import.meta.url);
}

/** Where the bundled file `name` is, or `null` where it cannot be read (a browser). */
export function bundledFile(name: string): URL | null {
  let url = located.get(name);
  if (url === undefined) {
    const fs = nodeFs();
    const candidate = dataUrl(name);
    url = fs !== undefined && fs.existsSync(candidate) ? candidate : null;
    located.set(name, url);
  }
  return url;
}

/**
 * The bytes of the bundled file `name` (read anew at every call). `elsewhere` tells the caller
 * what to do where the package's files cannot be read.
 */
export function readBundledFile(name: string, elsewhere: string): Uint8Array {
  const fs = nodeFs();
  if (fs === undefined) throw new Error(`vietfix: data/${name} is read from the package in Node ≥ 20.16; elsewhere ${elsewhere}`);
  const url = bundledFile(name);
  if (url === null) throw new Error(`vietfix: the bundled data/${name} was not found next to the package`);
  return fs.readFileSync(url);
}

/** What the loaders accept: a URL to fetch, a fetched response, or the file's bytes. */
export type DataSource = string | URL | Response | Blob | ArrayBuffer | ArrayBufferView;

/** The bytes of a data file from a URL, a response, a blob or bytes at hand. */
export async function bytesOf(source: DataSource, what: string): Promise<Uint8Array> {
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`vietfix: loading ${what} from ${String(source)} failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`vietfix: loading ${what} from ${source.url || 'a response'} failed: HTTP ${source.status}`);
    return new Uint8Array(await source.arrayBuffer());
  }
  return new Uint8Array(await source.arrayBuffer());
}
