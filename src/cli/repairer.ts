/** The library's `fix`, prepared once per thread and adapted to what files contain. */
import { applyEdits } from '../edits.js';
import { documentStages, headOf, isOcrDocument, planStages, wouldChange, type FixOptions, type StagePlan } from '../fix.js';
import { IncrementalFixer, type FixedPiece } from '../stream/fixer.js';
import type { Edit, FixResult } from '../types.js';

/** Repair settings that travel to worker threads (plain data only). */
export interface RepairSettings {
  fix: FixOptions;
  /** Edits below this confidence are left out (applied here, on the library's edits). */
  minConfidence?: number;
}

/** A repaired piece of one input: the source text it covers, and its repair with edits in that text's coordinates. */
export interface RepairedPiece {
  input: string;
  result: FixResult;
}

/**
 * Repairs text with stages built once (the model loads lazily on first use, once per thread).
 * Every repair goes through the library's {@link IncrementalFixer}: a whole text is one piece.
 */
export class Repairer {
  private readonly plan: StagePlan;
  /** The repairers of documents judged OCR output and not (see {@link forDocument}), made on first use. */
  private decided: [Repairer | undefined, Repairer | undefined] = [undefined, undefined];
  /** The repairer of source and data files (see {@link forCode}), made on first use. */
  private code: Repairer | undefined;

  /**
   * `plan`: prepared stages; `ocr`: the decision they stand for, when this repairer is the one
   * of a decided document.
   */
  constructor(
    private readonly settings: RepairSettings,
    plan?: StagePlan,
    readonly ocr?: boolean,
  ) {
    this.plan = plan ?? planStages(settings.fix);
  }

  /** A repair of one input that arrives in pieces (see {@link PieceRepairer}). */
  pieces(): PieceRepairer {
    return new PieceRepairer(new IncrementalFixer(this.settings.fix, this.plan), this.settings.minConfidence, this.ocr);
  }

  /**
   * The repairer of a document whose parts are repaired one by one (the prose runs of a
   * Markdown or HTML file): with `ocr` auto, the OCR decision is taken once, on the whole
   * document's first characters, and holds for all its parts.
   */
  forDocument(text: string): Repairer {
    if (this.plan.ocrStagesFor === undefined) return this;
    const head = headOf(text);
    const ocr = this.plan.judgeOcr === undefined || isOcrDocument(head, this.plan);
    if (!ocr) return (this.decided[0] ??= new Repairer(this.settings, { stages: this.plan.stages, skipped: this.plan.skipped }, false));
    // The OCR stages learn from the document's head: its own repairer.
    return new Repairer(this.settings, { stages: this.plan.ocrStagesFor!(head), skipped: this.plan.skipped }, true);
  }

  /**
   * The repairer of source and data files (`--format code`): the same settings without context
   * repair, so that only mojibake, legacy encodings and Unicode damage are repaired.
   */
  forCode(): Repairer {
    if (this.settings.fix.repair === false) return this;
    return (this.code ??= new Repairer({ ...this.settings, fix: { ...this.settings.fix, repair: false } }));
  }

  /** Repairs `text` (any number of lines); edits are in `text` coordinates. */
  repair(text: string): FixResult {
    const pieces = this.pieces();
    const first = pieces.write(text);
    const rest = pieces.end();
    const ocr = pieces.ocr === true ? { ocr: true } : {};
    if (rest.input.length === 0) return first.result.edits.length === 0 ? { text, edits: [], ...ocr } : { ...first.result, ...ocr };
    const edits = first.result.edits;
    const shift = first.input.length;
    for (const e of rest.result.edits) edits.push({ ...e, start: e.start + shift, end: e.end + shift });
    return edits.length === 0 ? { text, edits: [], ...ocr } : { text: first.result.text + rest.result.text, edits, ...ocr };
  }

  /**
   * Whether {@link repair} would change `text`, found faster: it stops at the first line with
   * a change. (A `\r` before `\n` is left out of each line's sight, as in `repair`.)
   */
  wouldChange(text: string): boolean {
    const stripped = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
    const stages = documentStages(this.plan, headOf(stripped)).stages;
    return wouldChange(stripped, stages, this.settings.minConfidence);
  }
}

/**
 * One input through an {@link IncrementalFixer}, in pieces of any length (a piece may end
 * inside a line). Each call returns what the fixer could decide so far, with edits in the
 * coordinates of that piece's own input; the inputs returned, joined, are the text written.
 *
 * The `\r` of a `\r\n` line end is kept out of the stages' sight (a line then reads the same
 * whatever its line ends) and put back in the output, with edit offsets mapped back to the
 * input. Edits below `minConfidence` are dropped piece by piece.
 */
export class PieceRepairer {
  /** The text written so far ended with `\r`: held back until it is known whether `\n` follows. */
  private heldCr = false;
  /** Offsets, in the text given to the fixer, of each `\n` whose `\r` was taken out; not yet returned. */
  private crlf: number[] = [];
  /** Length of the text given to the fixer so far, and of the part of it returned. */
  private given = 0;
  private returned = 0;

  constructor(
    private readonly fixer: IncrementalFixer,
    private readonly minConfidence?: number,
    private readonly decided?: boolean,
  ) {}

  /** Whether the input was judged OCR output (`undefined` before the decision or when not judged). */
  get ocr(): boolean | undefined {
    return this.decided ?? this.fixer.ocr;
  }

  /** The next piece of the input. */
  write(text: string): RepairedPiece {
    if (this.heldCr) text = '\r' + text;
    this.heldCr = text.endsWith('\r');
    if (this.heldCr) text = text.slice(0, -1);
    return this.adapt(this.fixer.write(this.withoutCr(text)));
  }

  /** The input stops here, unfinished (see {@link IncrementalFixer.decideNow}): what can be repaired of it. */
  decideNow(): RepairedPiece {
    return this.adapt(this.fixer.decideNow());
  }

  /** Ends the input: the rest of it. */
  end(): RepairedPiece {
    if (!this.heldCr) return this.adapt(this.fixer.end());
    this.heldCr = false;
    const before = this.adapt(this.fixer.write(this.withoutCr('\r')));
    const last = this.adapt(this.fixer.end());
    const shift = before.input.length;
    for (const e of last.result.edits) {
      e.start += shift;
      e.end += shift;
    }
    return {
      input: before.input + last.input,
      result: { text: before.result.text + last.result.text, edits: [...before.result.edits, ...last.result.edits] },
    };
  }

  /** `text` without the `\r` of each `\r\n`, noting where each was. */
  private withoutCr(text: string): string {
    let at = text.indexOf('\r\n');
    if (at < 0) {
      this.given += text.length;
      return text;
    }
    let out = '';
    let from = 0;
    for (; at >= 0; at = text.indexOf('\r\n', at + 2)) {
      out += text.slice(from, at);
      this.crlf.push(this.given + out.length);
      from = at + 1;
    }
    out += text.slice(from);
    this.given += out.length;
    return out;
  }

  /** A piece of the fixer's output in the input's own terms: `\r` put back, offsets from the piece's start, edits filtered. */
  private adapt(piece: FixedPiece): RepairedPiece {
    const start = this.returned;
    this.returned += piece.input.length;
    let taken = 0;
    while (taken < this.crlf.length && this.crlf[taken] < this.returned) taken++;
    const crlf = taken === 0 ? [] : this.crlf.slice(0, taken).map((p) => p - start);
    if (taken > 0) this.crlf = this.crlf.slice(taken);
    const input = crlf.length === 0 ? piece.input : withCrAt(piece.input, crlf);
    if (piece.edits.length === 0) return { input, result: { text: input, edits: [] } };
    for (const e of piece.edits) {
      e.start -= start;
      e.end -= start;
    }
    const result = crlf.length === 0 ? { text: piece.text, edits: piece.edits } : putBackCr(piece, crlf);
    return { input, result: this.filtered(input, result) };
  }

  private filtered(input: string, result: FixResult): FixResult {
    const min = this.minConfidence;
    if (min === undefined || result.edits.every((e) => e.confidence >= min)) return result;
    const kept = result.edits.filter((e) => e.confidence >= min);
    return kept.length === 0 ? { text: input, edits: [] } : { text: applyEdits(input, kept), edits: kept };
  }
}

/** `text` with `\r` put back before the `\n` at each offset of `crlf` (ascending). */
function withCrAt(text: string, crlf: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const at of crlf) {
    out += text.slice(from, at) + '\r';
    from = at;
  }
  return out + text.slice(from);
}

/**
 * The repair of a piece whose input had `\r` before the `\n` at the offsets `crlf`: the same
 * line ends in the output (repairs never add or remove lines), and edit offsets moved right
 * by the `\r` removed strictly before them.
 */
function putBackCr(piece: FixedPiece, crlf: readonly number[]): FixResult {
  const edits: Edit[] = piece.edits;
  let text = '';
  let next = 0;
  let outFrom = 0;
  for (let nl = piece.input.indexOf('\n'); nl >= 0; nl = piece.input.indexOf('\n', nl + 1)) {
    const outNl = piece.text.indexOf('\n', outFrom);
    if (outNl < 0) throw new Error('a repair stage changed the number of lines');
    const cr = next < crlf.length && crlf[next] === nl;
    if (cr) next++;
    text += piece.text.slice(outFrom, outNl) + (cr ? '\r\n' : '\n');
    outFrom = outNl + 1;
  }
  if (piece.text.indexOf('\n', outFrom) >= 0) throw new Error('a repair stage changed the number of lines');
  text += piece.text.slice(outFrom);
  let k = 0;
  const shift = (p: number): number => {
    while (k < crlf.length && crlf[k] < p) k++;
    return p + k;
  };
  for (const e of edits) {
    e.start = shift(e.start);
    e.end = shift(e.end);
  }
  return { text, edits };
}
