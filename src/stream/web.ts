/** The repair as a web `TransformStream` (browsers, Deno, Node, workers). */
import { IncrementalFixer, textOf, utf8Decoder } from './fixer.js';
import type { FixStreamOptions } from './options.js';

/**
 * A `TransformStream` that repairs the text written to it: strings, or UTF-8 bytes, in pieces
 * of any size. What it yields, joined, is `fix(input).text`; `onEdits` receives the edits.
 * Memory stays bounded on any input, one long line included.
 *
 * @example
 * ```ts
 * const response = await fetch(url);
 * const repaired = response.body!.pipeThrough(createFixTransformStream({ model }));
 * ```
 */
export function createFixTransformStream(options: FixStreamOptions = {}): TransformStream<string | Uint8Array, string> {
  const fixer = new IncrementalFixer(options);
  const decoder = utf8Decoder();
  const { onEdits } = options;
  return new TransformStream<string | Uint8Array, string>({
    transform(piece, controller) {
      const { text, edits } = fixer.write(textOf(piece, decoder));
      if (onEdits !== undefined && edits.length > 0) onEdits(edits);
      if (text.length > 0) controller.enqueue(text);
    },
    flush(controller) {
      const rest = fixer.write(decoder.decode());
      const last = fixer.end();
      const edits = rest.edits.concat(last.edits);
      if (onEdits !== undefined && edits.length > 0) onEdits(edits);
      const text = rest.text + last.text;
      if (text.length > 0) controller.enqueue(text);
    },
  });
}
