/**
 * The damaged text of the long-line benchmarks, made while it is read: news and treebank
 * sentences of the shared corpus, each pass over the corpus damaged anew (OCR-like damage from
 * `simulateDamage`), joined by a space (one line) or a newline (a sentence a line).
 */
import { simulateDamage } from '../src/index.js';
import { CLEAN_FILES, corpusLines } from './corpus-sample.js';

/** The damaged text in pieces of about `piece` characters: sentences joined by `joint`, about `bytes` of UTF-8 in all. */
export function* damagedPieces(bytes: number, rate: number, joint: string, piece = 64 * 1024): Generator<string> {
  const sentences = CLEAN_FILES.flatMap(corpusLines);
  let size = 0;
  let text = '';
  for (let i = 0; size < bytes; i++) {
    const sentence = sentences[i % sentences.length];
    // Each pass over the corpus is damaged anew, as real damage does not repeat itself.
    const damaged = rate > 0 ? simulateDamage(sentence, { rate, seed: i + 1 }) : sentence;
    const next = (i === 0 ? '' : joint) + damaged;
    text += next;
    size += Buffer.byteLength(next);
    if (text.length >= piece) {
      yield text;
      text = '';
    }
  }
  if (text.length > 0) yield text;
}
