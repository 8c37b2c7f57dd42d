import type { FixOptions } from '../fix.js';
import type { Edit } from '../types.js';

/** Options of the repair streams: those of `fix`, and where the edits go. */
export interface FixStreamOptions extends FixOptions {
  /**
   * Called with the edits of each piece of output, just before the piece is passed on. Offsets
   * are UTF-16 offsets into the whole input, as `fix` of the whole input reports them.
   */
  onEdits?: (edits: Edit[]) => void;
}
