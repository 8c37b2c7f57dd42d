/** What kind of damage an edit repaired. */
export type EditKind =
  | 'mojibake'
  | 'legacy-encoding'
  | 'unicode'
  | 'split'
  | 'merge'
  | 'spelling'
  | 'diacritics'
  /** Punctuation a reading garbled (OCR output only): a full stop read for a comma or for nothing. */
  | 'punctuation';

/**
 * One change made by {@link fix}, in the coordinates of the caller's input string.
 * Applying every edit of a result to the input (right to left) yields the output text.
 */
export interface Edit {
  /** UTF-16 offset of the first replaced code unit in the input. */
  start: number;
  /** UTF-16 offset just past the replaced span in the input. */
  end: number;
  /** The input text of the span (`input.slice(start, end)`). */
  before: string;
  /** The replacement text. */
  after: string;
  /** The damage this edit repaired. When stages touched the same span, the first stage's kind. */
  kind: EditKind;
  /** How sure the stage was, 0..1. When stages touched the same span, the lowest. */
  confidence: number;
  /** A short machine-readable detail, e.g. the encoding undone (`utf8-as-cp1252`) or the rule (`nfc`). */
  detail?: string;
}

/**
 * An edit proposed by one stage, in the coordinates of that stage's input string.
 * A stage returns its edits sorted by `start` and non-overlapping.
 */
export interface StageEdit {
  start: number;
  end: number;
  after: string;
  kind: EditKind;
  confidence: number;
  detail?: string;
}

/** The result of {@link fix}. */
export interface FixResult {
  /** The repaired text. Identical to the input when `edits` is empty. */
  text: string;
  /** Every change, sorted by `start`, non-overlapping, in input coordinates. */
  edits: Edit[];
  /**
   * Repairs the options asked for that could not run, with why; absent when every one ran.
   * Context repair needs a language model: where the bundled one cannot be read (a browser)
   * and none is passed as the `model` option, it is left out and named here.
   */
  skipped?: SkippedRepair[];
  /**
   * `true` when the text was judged OCR output (option `ocr: 'auto'`, the default) and its
   * Vietnamese lines were repaired as OCR text; absent otherwise.
   */
  ocr?: boolean;
}

/** A repair {@link FixResult.skipped} names. */
export interface SkippedRepair {
  /** The stage left out: `repair`, context repair (OCR errors, missing diacritics). */
  stage: 'repair';
  /** Why, and what to do about it. */
  reason: string;
}
