/**
 * Repairing text that arrives in pieces: the pieces are joined into lines, and each line is
 * repaired window by window as soon as its windows are decided (see `windows.ts`), so that
 * the result is exactly `fix` of the whole input while memory stays bounded on any line.
 */
import { fixLine, type FixOptions, planStages, type StagePlan } from '../fix.js';
import type { Stage } from '../stage.js';
import type { Edit, FixResult, SkippedRepair } from '../types.js';
import { windowEnd } from '../windows.js';

/** What {@link IncrementalFixer} repaired of the input so far: the next part of `fix`'s result. */
export interface FixedPiece extends FixResult {
  /** The input this piece repairs (`text` is its repair; identical when `edits` is empty). */
  input: string;
}

/**
 * `fix` for input that comes in pieces. Each {@link write} returns the repaired text of
 * everything that can be decided so far, and its edits with offsets into the whole input (as
 * `fix` of the whole input would report them); {@link end} returns the rest. The text
 * returned, joined, is `fix(input).text`, and the edits, joined, are `fix(input).edits`.
 */
export class IncrementalFixer {
  /** Repairs the options asked for that cannot run here (see `FixResult.skipped`). */
  readonly skipped: readonly SkippedRepair[];
  private readonly stages: Stage[];
  /** Input not yet repaired: the rest of the current line from the start of a window. */
  private pending = '';
  /** Offset of `pending` in the whole input. */
  private offset = 0;
  /** Whether `pending` starts a line. */
  private atLineStart = true;
  private ended = false;

  /**
   * `plan`: the stages of `planStages(options)`, when they are already built (building them
   * takes milliseconds; a program that repairs many inputs builds them once).
   */
  constructor(options: FixOptions = {}, plan: StagePlan = planStages(options)) {
    this.stages = plan.stages;
    this.skipped = plan.skipped;
  }

  /** Takes the next piece of the input (any length; it may end inside a line or a surrogate pair). */
  write(piece: string): FixedPiece {
    if (this.ended) throw new Error('vietfix: write after end');
    this.pending = this.pending.length === 0 ? piece : this.pending + piece;
    return this.repair(false);
  }

  /** Ends the input: repairs its last line. */
  end(): FixedPiece {
    if (this.ended) throw new Error('vietfix: end called twice');
    this.ended = true;
    const result = this.repair(true);
    this.pending = '';
    return result;
  }

  /** Repairs every window of `pending` that is decided; `final`: the input ends with it. */
  private repair(final: boolean): FixedPiece {
    const text = this.pending;
    const edits: Edit[] = [];
    let output = '';
    // The start of the first window not yet repaired.
    let start = 0;
    let lineStart = this.atLineStart ? 0 : -1;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const lineEnd = newline < 0 ? text.length : newline;
      const lineEnds = newline >= 0 || final;
      do {
        const end = windowEnd(text, start, lineEnd, lineEnds, start === lineStart);
        if (end === undefined) break;
        const window = text.slice(start, end);
        const fixed = fixLine(window, this.stages);
        if (fixed) {
          output += fixed.text;
          const shift = this.offset + start;
          for (const e of fixed.edits) {
            e.start += shift;
            e.end += shift;
            edits.push(e);
          }
        } else {
          output += window;
        }
        start = end;
      } while (start < lineEnd);
      if (newline < 0 || start < lineEnd) break;
      output += '\n';
      start = newline + 1;
      lineStart = start;
      if (start === text.length && !final) break;
    }
    const input = text.slice(0, start);
    this.pending = text.slice(start);
    this.offset += start;
    this.atLineStart = start === lineStart;
    return { input, text: output, edits };
  }
}

/** The code point decoder of a stream that may be fed bytes: UTF-8, a BOM kept as text (as `Buffer#toString`). */
export function utf8Decoder(): TextDecoder {
  return new TextDecoder('utf-8', { ignoreBOM: true });
}

/** A piece as text: strings as they are, bytes decoded as UTF-8 (a sequence cut between pieces is joined). */
export function textOf(piece: string | ArrayBufferView | ArrayBuffer, decoder: TextDecoder): string {
  return typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
}

