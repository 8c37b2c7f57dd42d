import type { Stage } from './stage.js';
import type { StageEdit } from './types.js';

/**
 * The edits some stages made of lines, kept so that another run over the same lines reuses
 * them. The OCR judge reads a document's head as the encoding and Unicode stages repair it,
 * and the repair of the document then runs the same stages over the same lines first: with
 * one memo for both, each line's encoding and Unicode repair is made once.
 *
 * A stage's edits are a function of the line alone (a stage mutates nothing, and nothing
 * mutates the edits it returns: the tracker only reads them), so a kept result is exactly
 * what running the stage again would give. Kept: only the stages named (a stage that learns
 * from what it sees must see every line), only lines a stage is run on (its cheap test,
 * which clean lines fail, costs less than a look-up), and at most `capacity` code units of
 * lines, so that a memo handed a long input holds its first part only.
 */
export class StageMemo {
  private readonly kept = new Map<Stage, Map<string, StageEdit[]>>();
  private room: number;

  constructor(stages: readonly Stage[], capacity: number) {
    for (const stage of stages) this.kept.set(stage, new Map());
    this.room = capacity;
  }

  /** `stage.run(line)`, made once for a line while there is room. */
  run(stage: Stage, line: string): StageEdit[] {
    const lines = this.kept.get(stage);
    if (lines === undefined) return stage.run(line);
    let edits = lines.get(line);
    if (edits === undefined) {
      edits = stage.run(line);
      if (line.length <= this.room) {
        lines.set(line, edits);
        this.room -= line.length;
      }
    }
    return edits;
  }
}
