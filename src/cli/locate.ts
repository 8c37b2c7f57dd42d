/** Line and column numbers for edits, carried across the pieces of a streamed file. */
import type { Edit } from '../types.js';
import type { LocatedEdit } from './report.js';

/**
 * Feeds on consecutive pieces of one text and turns each piece's edits (in piece
 * coordinates) into file-wide offsets with 1-based line and column numbers.
 */
export class Locator {
  /** 1-based line where the next piece starts. */
  private line = 1;
  /** 0-based column where the next piece starts (non-zero only after a split inside a line). */
  private column0 = 0;
  /** Offset of the next piece in the whole text. */
  private offset = 0;

  /** 1-based line number where the next piece starts. */
  get nextLine(): number {
    return this.line;
  }

  locate(piece: string, edits: readonly Edit[]): LocatedEdit[] {
    const out: LocatedEdit[] = [];
    let line = this.line;
    let lineStart = -this.column0; // offset in `piece` where the current line starts
    // The next newline is found once and kept: searched again per edit, a long line with many
    // edits cost edits × line length.
    let nextNewline = piece.indexOf('\n');
    for (const e of edits) {
      while (nextNewline >= 0 && nextNewline < e.start) {
        line++;
        lineStart = nextNewline + 1;
        nextNewline = piece.indexOf('\n', nextNewline + 1);
      }
      out.push(located(e, this.offset, line, e.start - lineStart + 1));
    }
    this.advance(piece);
    return out;
  }

  private advance(piece: string): void {
    let count = 0;
    let last = -1;
    for (let nl = piece.indexOf('\n'); nl >= 0; nl = piece.indexOf('\n', nl + 1)) {
      count++;
      last = nl;
    }
    this.line += count;
    this.column0 = last >= 0 ? piece.length - last - 1 : this.column0 + piece.length;
    this.offset += piece.length;
  }
}

/**
 * `e` moved by `offset`, with its line and column, made whole in one of two shapes. Spread
 * (`{ ...e, start, … }`) copied the edit through the runtime's generic path for every edit and
 * was most of the CLI's time on text with many small repairs. The keys keep the spread's order
 * (the `--report` sample is written as it is).
 */
function located(e: Edit, offset: number, line: number, column: number): LocatedEdit {
  const { before, after, kind, confidence, detail } = e;
  const start = e.start + offset;
  const end = e.end + offset;
  return detail === undefined
    ? { start, end, before, after, kind, confidence, line, column }
    : { start, end, before, after, kind, confidence, detail, line, column };
}
