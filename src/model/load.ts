/**
 * Loading the model where the package's files cannot be read (a browser, a worker, an edge
 * runtime): from a URL, a fetched response or bytes already at hand.
 */
import { LanguageModel } from './language-model.js';

/** What {@link loadModel} accepts: a URL to fetch, a response, or the file's bytes. */
export type ModelSource = string | URL | Response | Blob | ArrayBuffer | ArrayBufferView;

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
  return LanguageModel.fromBuffer(await bytesOf(source));
}

async function bytesOf(source: ModelSource): Promise<Uint8Array> {
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`vietfix: loading the model from ${String(source)} failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new Error(`vietfix: loading the model from ${source.url || 'a response'} failed: HTTP ${source.status}`);
    return new Uint8Array(await source.arrayBuffer());
  }
  return new Uint8Array(await source.arrayBuffer());
}
