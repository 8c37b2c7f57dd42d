/** Repairing text that arrives in pieces, with bounded memory: Node and web streams. */
export { type FixedPiece, IncrementalFixer } from './fixer.js';
export { createFixStream } from './node.js';
export { createFixTransformStream } from './web.js';
export type { FixStreamOptions } from './options.js';
