/**
 * Repairing text that arrives in pieces: the pieces are joined into lines, and each line is
 * repaired window by window as soon as its windows are decided (see `windows.ts`), so that
 * the result is exactly `fix` of the whole input while memory stays bounded on any line.
 */
import { fixLine, type FixOptions, OCR_WINDOW, planStages, type StagePlan } from '../fix.js';
import type { Stage } from '../stage.js';
import type { StageMemo } from '../stage-memo.js';
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
 *
 * With `ocr: 'auto'` (the default) whether the input is OCR output is decided, as `fix` decides
 * it, from its first `OCR_WINDOW` characters: until they have come (or the input ends), only
 * lines that both decisions repair alike (and that hold no word the repairs learned from the
 * head could apply to) are returned, and only while little is held back
 * (input typed line by line is answered line by line); the rest waits for the decision.
 */
export class IncrementalFixer {
  /** Repairs the options asked for that cannot run here (see `FixResult.skipped`). */
  readonly skipped: readonly SkippedRepair[];
  private readonly plan: StagePlan;
  /** The stages of the decided document; `undefined` while the OCR decision waits. */
  private stages: Stage[] | undefined;
  /** Whether the input is repaired as OCR output (`undefined` while undecided, or without context repair). */
  private judged: boolean | undefined;
  /** The input's first characters, while the OCR decision waits for them. */
  private head = '';
  /** Input not yet repaired: the rest of the current line from the start of a window. */
  private pending = '';
  /** Offset of `pending` in the whole input. */
  private offset = 0;
  /** Whether `pending` starts a line. */
  private atLineStart = true;
  private ended = false;
  /** Whether held lines may still be returned before the decision (not once some differed). */
  private tryEarly = true;
  /**
   * While the input's head is read: the encoding and Unicode repairs of its lines, made once
   * for the judge, the lines tried early and the repair of the head (see `StageMemo`).
   */
  private memo: StageMemo | undefined;

  /**
   * `plan`: the stages of `planStages(options)`, when they are already built (building them
   * takes milliseconds; a program that repairs many inputs builds them once).
   */
  constructor(options: FixOptions = {}, plan: StagePlan = planStages(options)) {
    this.plan = plan;
    this.skipped = plan.skipped;
    if (plan.judgeOcr === undefined && plan.ocrStagesFor === undefined) {
      this.stages = plan.stages;
      // Forced: the input is repaired as OCR output or not, as asked (when it is repaired at all).
      if (typeof options.ocr === 'boolean' && plan.stages.some((s) => s.name === 'repair')) this.judged = options.ocr;
    } else if (plan.judgeOcr === undefined) {
      // Forced OCR reading: its stages wait for the head they learn from.
      this.judged = true;
    }
    if (this.stages === undefined) this.memo = plan.memo?.();
  }

  /**
   * Whether the input is repaired as OCR output: judged so (see `FixResult.ocr`) or forced by
   * the `ocr` option; `undefined` before the decision, or without context repair.
   */
  get ocr(): boolean | undefined {
    return this.judged;
  }

  /** Takes the next piece of the input (any length; it may end inside a line or a surrogate pair). */
  write(piece: string): FixedPiece {
    if (this.ended) throw new Error('vietfix: write after end');
    this.pending = this.pending.length === 0 ? piece : this.pending + piece;
    if (this.stages === undefined) {
      if (this.head.length < OCR_WINDOW) this.head += piece.length > OCR_WINDOW ? piece.slice(0, OCR_WINDOW) : piece;
      if (this.head.length < OCR_WINDOW) return this.tryEarly && piece.includes('\n') ? this.early() : nothing();
      this.decide();
    }
    return this.repair(false, this.stages!);
  }

  /**
   * Decides now, on the input so far, whether it is OCR output, and returns what that decides:
   * for a reader that stops early (the rest of the input cannot be read), so that the whole
   * lines before the stop are not held back for a decision that would wait for more.
   */
  decideNow(): FixedPiece {
    if (this.ended) throw new Error('vietfix: decideNow after end');
    if (this.stages === undefined) this.decide();
    return this.repair(false, this.stages!);
  }

  /** Ends the input: repairs its last line. */
  end(): FixedPiece {
    if (this.ended) throw new Error('vietfix: end called twice');
    this.ended = true;
    if (this.stages === undefined) this.decide();
    const result = this.repair(true, this.stages!);
    this.pending = '';
    return result;
  }

  private decide(): void {
    const head = this.head.length > OCR_WINDOW ? this.head.slice(0, OCR_WINDOW) : this.head;
    // Forced (`ocr: true`: no judge) or judged, OCR stages learn from the head.
    this.judged = this.plan.judgeOcr === undefined || this.plan.judgeOcr(head, undefined, this.memo);
    this.stages = this.judged ? this.plan.ocrStagesFor!(head, this.memo) : this.plan.stages;
    this.head = '';
  }

  /**
   * Before the OCR decision: the whole lines held back, repaired now if they are few and both
   * decisions repair them alike (else nothing: they wait).
   */
  private early(): FixedPiece {
    const lastNewline = this.pending.lastIndexOf('\n');
    if (lastNewline < 0) return nothing();
    if (lastNewline >= EARLY_LIMIT) {
      this.tryEarly = false;
      return nothing();
    }
    const rest = this.pending.slice(lastNewline + 1);
    this.pending = this.pending.slice(0, lastNewline + 1);
    const { offset, atLineStart } = this;
    const plain = this.repair(false, this.plan.stages);
    const asPlain = { offset: this.offset, atLineStart: this.atLineStart };
    this.offset = offset;
    this.atLineStart = atLineStart;
    this.pending = plain.input;
    const ocr = this.repair(false, this.plan.ocrStages!);
    // Alike, and out of reach of what the head may teach the OCR stages (not known yet).
    if (ocr.text === plain.text && sameEdits(ocr.edits, plain.edits) && !this.plan.mayRecall!(plain.input, this.memo)) {
      this.pending = rest;
      this.offset = asPlain.offset;
      this.atLineStart = asPlain.atLineStart;
      return plain;
    }
    // They differ: everything waits for the decision (and no more lines are tried twice).
    this.tryEarly = false;
    this.offset = offset;
    this.atLineStart = atLineStart;
    this.pending = plain.input + rest;
    return nothing();
  }

  /** Repairs every window of `pending` that is decided with `stages`; `final`: the input ends with it. */
  private repair(final: boolean, stages: readonly Stage[]): FixedPiece {
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
        const fixed = fixLine(window, stages, this.memo);
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
    // Past the head once decided: its lines are not read again.
    if (this.stages !== undefined && this.offset >= OCR_WINDOW) this.memo = undefined;
    this.atLineStart = start === lineStart;
    return { input, text: output, edits };
  }
}

/** A piece of nothing: no input decided yet. */
function nothing(): FixedPiece {
  return { input: '', text: '', edits: [] };
}

/**
 * Lines held back before the OCR decision are tried early only while they are shorter than
 * this: input typed or piped line by line. A file read in large pieces simply waits.
 */
const EARLY_LIMIT = 4096;

function sameEdits(a: readonly Edit[], b: readonly Edit[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.start !== y.start || x.end !== y.end || x.after !== y.after || x.kind !== y.kind || x.confidence !== y.confidence || x.detail !== y.detail) return false;
  }
  return true;
}

/** The code point decoder of a stream that may be fed bytes: UTF-8, a BOM kept as text (as `Buffer#toString`). */
export function utf8Decoder(): TextDecoder {
  return new TextDecoder('utf-8', { ignoreBOM: true });
}

/** A piece as text: strings as they are, bytes decoded as UTF-8 (a sequence cut between pieces is joined). */
export function textOf(piece: string | ArrayBufferView | ArrayBuffer, decoder: TextDecoder): string {
  return typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
}

