/**
 * The repair as a Node `Transform`. `node:stream` is reached through `process.getBuiltinModule`
 * when a stream is made, so that a browser bundle of the package needs no Node modules.
 */
import type { Transform, TransformOptions } from 'node:stream';
import { IncrementalFixer, textOf, utf8Decoder } from './fixer.js';
import type { FixStreamOptions } from './options.js';

interface NodeStream {
  Transform: new (options: TransformOptions) => Transform;
}

function nodeStream(): NodeStream {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const stream = proc?.getBuiltinModule?.('node:stream') as NodeStream | undefined;
  if (stream === undefined) {
    throw new Error('vietfix: createFixStream() needs Node ≥ 20.16; elsewhere use createFixTransformStream()');
  }
  return stream;
}

/**
 * A Node `Transform` that repairs the text written to it: strings, or UTF-8 `Buffer`s, in
 * pieces of any size. It yields strings; joined, they are `fix(input).text`, and `onEdits`
 * receives the edits. Memory stays bounded on any input, one long line included.
 *
 * @example
 * ```ts
 * await pipeline(createReadStream('in.txt'), createFixStream({ onEdits: (e) => log.push(...e) }), createWriteStream('out.txt'));
 * ```
 */
export function createFixStream(options: FixStreamOptions = {}): Transform {
  const { Transform } = nodeStream();
  const fixer = new IncrementalFixer(options);
  const decoder = utf8Decoder();
  const { onEdits } = options;
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(piece: string | Uint8Array, _encoding, callback) {
      try {
        const { text, edits } = fixer.write(textOf(piece, decoder));
        if (onEdits !== undefined && edits.length > 0) onEdits(edits);
        callback(null, text.length > 0 ? text : undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        const rest = fixer.write(decoder.decode());
        const last = fixer.end();
        const edits = rest.edits.concat(last.edits);
        if (onEdits !== undefined && edits.length > 0) onEdits(edits);
        const text = rest.text + last.text;
        callback(null, text.length > 0 ? text : undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
