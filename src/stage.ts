import type { StageEdit } from './types.js';

/**
 * One step of the repair pipeline. A stage sees one line at a time (no `\n` inside)
 * and proposes edits in that line's coordinates; it never mutates anything.
 */
export interface Stage {
  readonly name: string;
  /**
   * A cheap test run before {@link run}: `false` means the stage certainly has nothing to
   * change in this line. It keeps the clean path fast; omit it to always run.
   */
  mayApply?(line: string): boolean;
  /** Edits for this line: sorted by `start`, non-overlapping. */
  run(line: string): StageEdit[];
}
