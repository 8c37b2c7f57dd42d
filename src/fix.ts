import { EditTracker } from './edits.js';
import { encodingStage } from './encoding/index.js';
import { defaultLanguageProfilesAvailable } from './language/default.js';
import type { LanguageProfiles } from './language/index.js';
import { defaultModelAvailable } from './model/default.js';
import { defaultModel, type LanguageModel } from './model/index.js';
import { DocumentRepairs, mayRecall, ocrDocumentEvidence, repairStage } from './repair/index.js';
import { ocrPunctuationStage } from './repair/punctuation.js';
import type { Stage } from './stage.js';
import { StageMemo } from './stage-memo.js';
import type { Edit, FixResult, SkippedRepair } from './types.js';
import { unicodeStage } from './unicode/index.js';
import { MAX_LINE_SENTENCES, MAX_WINDOW, windowEnd } from './windows.js';

/** Options of {@link fix}. Every stage is on unless switched off. */
export interface FixOptions {
  /**
   * Undo mojibake (UTF-8 read as Windows-1252 / Latin-1 / Windows-1258, once or twice) and
   * legacy Vietnamese encodings shown as Windows-1252 (TCVN3, VNI, VISCII, VPS, Windows-1258)
   * or typed as VIQR. Default `true`.
   */
  encoding?: boolean;
  /**
   * Decode HTML character references to letters (`&#7871;`, `&#x1EBF;`, `&ecirc;`) as part of
   * encoding repair. `&amp;`, `&lt;` and other markup references stay. Default `false`.
   */
  htmlEntities?: boolean;
  /**
   * Normalise Unicode: NFC, composite forms, look-alikes, invisible characters, no-break
   * spaces between words of Vietnamese prose. Default `true`.
   */
  unicode?: boolean;
  /**
   * Where the tone mark goes in open `oa`, `oe`, `uy` syllables: keep the input's choice
   * (`preserve`, default), the traditional style (`old`: `hòa`, `thủy`) or the new style
   * (`new`: `hoà`, `thuỷ`). Part of the Unicode stage: has no effect with `unicode: false`.
   */
  toneStyle?: 'preserve' | 'old' | 'new';
  /**
   * Context repair with the language model: OCR errors (`vịc` → `việc`, `nhố ng` → `những`,
   * `t6 chic` → `tổ chức`) and missing diacritics, only in lines that show such damage.
   * Default `true`.
   */
  repair?: boolean;
  /**
   * Restore missing diacritics: `'auto'` (default) on lines written without marks (six or
   * more words, most without any mark) or without tones (eight or more, most toneless);
   * `true` also on shorter lines whose words mostly lack marks; `false` never.
   */
  diacritics?: boolean | 'auto';
  /**
   * Whether the text is OCR output. In OCR output every Vietnamese line is repaired as OCR
   * text: valid words that their context makes improbable (`đỏ` for `đó`) are repaired in every
   * line, not only in lines that show damage of their own. `'auto'` (default) decides it from the
   * document itself: the density of OCR damage (misread marks, digits for letters, split
   * syllables) in its first {@link OCR_WINDOW} characters, as the repair stage sees them; the
   * result's `ocr` is `true` when it is. `true` and `false` force it. Correct text is never
   * judged OCR output (in it the same test would change rare but correct words).
   */
  ocr?: boolean | 'auto';
  /**
   * Names of people and organisations, one entry each (`Quỹ TYM`): never changed where they
   * occur, and near misses of them (`Quốc TYM`) are repaired to them.
   */
  lexicon?: Iterable<string>;
  /** Context repairs less sure than this (0..1, default 0.3: right less than one time in four) are not made. */
  minConfidence?: number;
  /**
   * The language model for context repair and for choosing between readings of a lost byte;
   * default: the bundled `data/model.bin` (Node). Elsewhere load it with `loadModel`.
   */
  model?: LanguageModel;
  /**
   * The language profiles that tell Vietnamese runs of a line from runs in other languages
   * (only Vietnamese runs are repaired); default: the bundled `data/languages.bin` (Node).
   * Elsewhere load them with `loadLanguageProfiles`.
   */
  languages?: LanguageProfiles;
}

/** The stages for a set of options and the repairs left out because they cannot run here. */
export interface StagePlan {
  stages: Stage[];
  skipped: SkippedRepair[];
  /**
   * With `ocr: 'auto'` or `true`: the stages for a document read as OCR output (with `'auto'`,
   * `stages` are for the others, and the judge, given the document's first {@link OCR_WINDOW}
   * characters, tells which).
   */
  ocrStages?: Stage[];
  judgeOcr?: (head: string, plainlyRepaired?: string | (() => string), memo?: StageMemo) => boolean;
  /**
   * With `ocr: 'auto'` or `true`: the stages for a document read as OCR output whose first
   * {@link OCR_WINDOW} characters are `head`: `ocrStages`, taught the sure repairs of the head
   * (see `DocumentRepairs`). A function of the head alone, so that every reader of the document
   * (whole, in pieces, part by part) repairs it alike.
   */
  ocrStagesFor?: (head: string, memo?: StageMemo) => Stage[];
  /**
   * Whether `ocrStagesFor` may repair some line of `text` otherwise than `ocrStages` do,
   * whatever the head: whether it holds a word that repairs learned from a head apply to.
   */
  mayRecall?: (text: string, memo?: StageMemo) => boolean;
  /**
   * With `ocr: 'auto'` or `true`: a memo of the stages that every reading of a document's head
   * runs first (encoding, Unicode), for the runs over one document's head to share (see
   * {@link StageMemo}): the judge, the repair it chooses and what the OCR stages learn. With
   * `'auto'` it also keeps the plain repair stage, which the judge runs over the head before
   * the document is repaired.
   */
  memo?: () => StageMemo;
}

/** A document is judged OCR output or not from this many of its first characters (UTF-16 code units). */
export const OCR_WINDOW = 64 << 10;

const NO_MODEL: SkippedRepair = {
  stage: 'repair',
  reason:
    'context repair (OCR errors, missing diacritics) needs a language model, and the bundled one ' +
    "cannot be read here: pass `model: await loadModel(url)` (the file is 'vietfix/model.bin')",
};

const NO_LANGUAGES: SkippedRepair = {
  stage: 'repair',
  reason:
    'context repair needs the language profiles that keep it off text in other languages, and the ' +
    "bundled ones cannot be read here: pass `languages: await loadLanguageProfiles(url)` (the file is 'vietfix/languages.bin')",
};

/** Builds the stage list for a set of options, in pipeline order. */
export function buildStages(options: FixOptions = {}): Stage[] {
  return planStages(options).stages;
}

/**
 * The stages for a set of options, in pipeline order. Context repair is left out (and named
 * in `skipped`) when no model is passed and the bundled one cannot be read.
 */
export function planStages(options: FixOptions = {}): StagePlan {
  const stages: Stage[] = [];
  const skipped: SkippedRepair[] = [];
  const model = options.model;
  if (options.encoding !== false) stages.push(encodingStage({ htmlEntities: options.htmlEntities === true, model, languages: options.languages }));
  if (options.unicode !== false) stages.push(unicodeStage({ toneStyle: options.toneStyle, languages: options.languages }));
  if (options.repair === false) {
    // nothing asked for
  } else if (model === undefined && !defaultModelAvailable()) {
    skipped.push(NO_MODEL);
  } else if (options.languages === undefined && !defaultLanguageProfilesAvailable()) {
    skipped.push(NO_LANGUAGES);
  } else {
    const pre = stages.slice();
    const repairOptions = {
      diacritics: options.diacritics,
      lexicon: options.lexicon === undefined ? undefined : [...options.lexicon],
      minConfidence: options.minConfidence,
      model,
      languages: options.languages,
    };
    // The OCR stages, and the same taught the sure repairs of a document's head.
    // Punctuation a reading garbles is repaired in OCR output only, after its words.
    const punctuation = ocrPunctuationStage({ model: () => model ?? defaultModel(), languages: options.languages, minConfidence: options.minConfidence });
    const ocrStages = [...pre, repairStage({ ...repairOptions, ocr: true }), punctuation];
    const ocrStagesFor = (head: string, memo?: StageMemo): Stage[] => {
      const learn = new DocumentRepairs();
      runStages(head, [...pre, repairStage({ ...repairOptions, ocr: true, learn })], memo);
      // Taught nothing, the head's lines are still repaired: their edits are reused (the
      // stage that recalls them repairs every other line as `ocrStages` do).
      return learn.lines.size === 0 ? ocrStages : [...pre, repairStage({ ...repairOptions, ocr: true, recall: learn }), punctuation];
    };
    // Learned repairs apply to the words the repair stage sees: after encoding and Unicode repair.
    const recallable = (text: string, memo?: StageMemo) => mayRecall(pre.length > 0 ? runStages(text, pre, memo).text : text);
    // The head is read by the judge and by each repair: its lines' pre-stage repairs are kept
    // for a few times its length (the pre-stages' texts of a line and of its repaired forms).
    const memo = () => new StageMemo(pre, 4 * OCR_WINDOW);
    if (options.ocr === true) return { stages: ocrStages, skipped, ocrStages, ocrStagesFor, mayRecall: recallable, memo };
    if (options.ocr === false) {
      stages.push(repairStage({ ...repairOptions, ocr: false }));
    } else {
      const plainRepair = repairStage({ ...repairOptions, ocr: false });
      stages.push(plainRepair);
      const isOcr = (text: string) => ocrDocumentEvidence(text, model, options.languages).ocr;
      // Judged on the text as the repair stage sees it: mojibake and legacy encodings are no OCR
      // damage. And judged alike on the text repaired without the OCR reading: a repair can make
      // OCR damage plain (a word given its marks beside debris), and `fix` of its own output
      // must decide as it did, or a second run would repair what the first one left.
      // The plain repair may be given as a function: it is needed only when the text as seen is no OCR output.
      const judgeOcr = (head: string, plainlyRepaired?: string | (() => string), memo?: StageMemo): boolean => {
        const seen = pre.length > 0 ? runStages(head, pre, memo).text : head;
        if (isOcr(seen)) return true;
        const repaired =
          typeof plainlyRepaired === 'function' ? plainlyRepaired() : (plainlyRepaired ?? runStages(head, stages, memo).text);
        return repaired !== seen && isOcr(repaired);
      };
      // The judge's plain repair of the head is also the start of the repair of a document it
      // judges no OCR output: kept too, so that a reader that judges before it repairs (the
      // streams, the command line) repairs the head once. The plain repair learns nothing from
      // the lines it sees (only the OCR stages do), so its edits are a function of the line.
      const judgedMemo = () => new StageMemo([...pre, plainRepair], 5 * OCR_WINDOW);
      return { stages, skipped, ocrStages, judgeOcr, ocrStagesFor, mayRecall: recallable, memo: judgedMemo };
    }
  }
  return { stages, skipped };
}

/**
 * Repairs damaged Vietnamese text and explains every change.
 *
 * Clean text comes back unchanged (`text === input`, no edits). The result is
 * deterministic and idempotent: `fix(fix(x).text).text === fix(x).text`.
 *
 * @example
 * ```ts
 * const { text, edits } = fix('Tiáº¿ng Viá»‡t');
 * // text === 'Tiếng Việt'; edits[0].kind === 'mojibake'
 * ```
 */
export function fix(input: string, options: FixOptions = {}): FixResult {
  const plan = planFor(options);
  const result =
    plan.judgeOcr !== undefined
      ? judgedRun(input, plan)
      : plan.ocrStagesFor !== undefined // `ocr: true`
        ? ocrRun(input, plan, plan.memo?.())
        : runStages(input, plan.stages);
  return plan.skipped.length > 0 ? { ...result, skipped: plan.skipped } : result;
}

/**
 * The plan of `fix` with default options, built once. A plan's stages keep nothing between
 * documents but caches of pure functions (the command line and the streams repair every
 * document with one plan): building them anew at each call would also build their lazy
 * indexes and fill their caches anew, a cost of the order of the repair of a page.
 */
let defaultPlan: StagePlan | undefined;

/** The plan for `options`: the one default plan when no option is set. */
function planFor(options: FixOptions): StagePlan {
  for (const value of Object.values(options)) if (value !== undefined) return planStages(options);
  return (defaultPlan ??= planStages());
}

/**
 * `input` repaired as the judge of a plan with `ocr: 'auto'` decides. Lines are repaired
 * independently, so the plain repair of the head's whole lines, which the judge reads, is also
 * the start of the plain repair of the whole text: it is made once. (Only the head's last,
 * partial line is repaired apart for the judge, as the head alone ends it.) The judge's
 * encoding and Unicode repair of the head is kept (a {@link StageMemo}) for the repair that
 * follows, which runs the same stages over the same lines first.
 */
function judgedRun(input: string, plan: StagePlan): FixResult {
  const judge = plan.judgeOcr!;
  const memo = plan.memo?.();
  let plain: FixResult | undefined;
  let ocr: boolean;
  const cut = input.length > OCR_WINDOW ? input.lastIndexOf('\n', OCR_WINDOW - 1) : -1;
  if (input.length <= OCR_WINDOW) {
    ocr = judge(input, () => (plain = runStages(input, plan.stages, memo)).text, memo);
  } else if (cut < 0) {
    ocr = isOcrDocument(input, plan);
  } else {
    let wholeLines: FixResult | undefined;
    ocr = judge(
      input.slice(0, OCR_WINDOW),
      () => {
        wholeLines = runStages(input.slice(0, cut), plan.stages, memo);
        return `${wholeLines.text}\n${runStages(input.slice(cut + 1, OCR_WINDOW), plan.stages, memo).text}`;
      },
      memo,
    );
    if (!ocr && wholeLines !== undefined) plain = joinAtNewline(input, cut, wholeLines, runStagesFrom(input, cut + 1, plan.stages));
  }
  if (!ocr) return plain ?? runStages(input, plan.stages);
  const result = ocrRun(input, plan, memo);
  result.ocr = true;
  return result;
}

/** `input` repaired as OCR output: by the OCR stages taught its head's sure repairs (the head's first stages read once). */
function ocrRun(input: string, plan: StagePlan, memo: StageMemo | undefined): FixResult {
  return runStages(input, plan.ocrStagesFor!(headOf(input), memo), memo);
}

/**
 * The repair of `input` from the repairs of its two parts on either side of the newline at
 * `cut`: `after`'s edits are already in the coordinates of `input` (see {@link runStagesFrom}).
 */
function joinAtNewline(input: string, cut: number, before: FixResult, after: FixResult): FixResult {
  if (before.edits.length === 0 && after.edits.length === 0) return { text: input, edits: [] };
  return { text: `${before.text}\n${after.text}`, edits: after.edits.length === 0 ? before.edits : before.edits.concat(after.edits) };
}

/**
 * The stages a plan repairs a document with, given its head (see {@link headOf}), and whether
 * they read it as OCR output.
 */
export function documentStages(plan: StagePlan, head: string): { stages: Stage[]; ocr: boolean } {
  if (plan.ocrStagesFor === undefined) return { stages: plan.stages, ocr: false };
  const ocr = plan.judgeOcr === undefined || plan.judgeOcr(head);
  return { stages: ocr ? plan.ocrStagesFor(head) : plan.stages, ocr };
}

/** Whether a plan with `ocr: 'auto'` judges `input` OCR output (`false` for other plans). */
export function isOcrDocument(input: string, plan: StagePlan): boolean {
  return plan.judgeOcr !== undefined && plan.judgeOcr(headOf(input));
}

/** The part of a document its OCR judgement and learned repairs come from. */
export function headOf(input: string): string {
  return input.length > OCR_WINDOW ? input.slice(0, OCR_WINDOW) : input;
}

/**
 * Runs prepared stages over the text line by line (lines split at `\n` only); a line longer
 * than a paragraph ({@link MAX_WINDOW} code units, {@link MAX_LINE_SENTENCES} sentences) is
 * repaired sentence by sentence (see `windows.ts`).
 */
export function runStages(input: string, stages: readonly Stage[], memo?: StageMemo): FixResult {
  return runStagesFrom(input, 0, stages, memo);
}

/**
 * {@link runStages} of `input.slice(from)` (`from` starts a line), its edits given in the
 * coordinates of `input`: the rest of a document after a part repaired apart, without a
 * second pass over its edits to move them.
 */
function runStagesFrom(input: string, from: number, stages: readonly Stage[], memo?: StageMemo): FixResult {
  const edits: Edit[] = [];
  // The output is built from the changed windows and the unchanged text between them, copied
  // in one piece each: most lines are unchanged.
  let output = '';
  let copied = from;
  forEachWindow(input, from, (start, end) => {
    const fixed = fixLine(input.slice(start, end), stages, memo);
    if (fixed === undefined) return;
    output += input.slice(copied, start) + fixed.text;
    copied = end;
    for (const e of fixed.edits) {
      e.start += start;
      e.end += start;
      edits.push(e);
    }
  });
  return edits.length > 0 ? { text: output + input.slice(copied), edits } : { text: from === 0 ? input : input.slice(from), edits: [] };
}

/**
 * Whether {@link runStages} would make an edit of at least `minConfidence`: the windows are
 * tried in order and the first such edit ends the test (windows are repaired independently,
 * so the rest cannot undo it).
 */
export function wouldChange(input: string, stages: readonly Stage[], minConfidence = 0): boolean {
  let found = false;
  forEachWindow(input, 0, (start, end) => {
    const fixed = fixLine(input.slice(start, end), stages);
    found = fixed !== undefined && fixed.edits.some((e) => e.confidence >= minConfidence);
    return found;
  });
  return found;
}

/**
 * Calls `visit` with the span of every window of every line from `from` (a line start), in
 * order; a line's `\n` follows its last window. `visit` returns `true` to stop.
 */
function forEachWindow(input: string, from: number, visit: (start: number, end: number) => boolean | void): void {
  let lineStart = from;
  while (lineStart <= input.length) {
    let lineEnd = input.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = input.length;
    let start = lineStart;
    do {
      const end = windowEnd(input, start, lineEnd, true, start === lineStart) as number;
      if (visit(start, end) === true) return;
      start = end;
    } while (start < lineEnd);
    if (lineEnd === input.length) break;
    lineStart = lineEnd + 1;
  }
}

/** Passes over the stages at most (each stage that leaves work for an earlier one needs one more). */
const MAX_PASSES = 4;

/**
 * One line (or one window of a long line) through every stage; `undefined` when nothing changed. A change can give an earlier
 * stage something to do (a stray mark removed leaves a line that reads as a legacy encoding),
 * so the stages that have not seen the latest text are run again until none changes it: that
 * makes `fix` idempotent. Lines nothing changes (nearly all) take one pass.
 */
export function fixLine(line: string, stages: readonly Stage[], memo?: StageMemo): FixResult | undefined {
  let tracker: EditTracker | undefined;
  // The number of changes made to the line when each stage last looked at it.
  let seenAt: number[] | undefined;
  let changes = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let ran = false;
    for (let k = 0; k < stages.length; k++) {
      if (seenAt !== undefined && seenAt[k] === changes) continue;
      ran = true;
      const stage = stages[k];
      const text = tracker ? tracker.text : line;
      if (!stage.mayApply || stage.mayApply(text)) {
        // The memo's result is the stage's own: it only spares running a stage twice on one text.
        const stageEdits = memo === undefined ? stage.run(text) : memo.run(stage, text);
        if (stageEdits.length > 0) {
          tracker ??= new EditTracker(line);
          tracker.apply(stageEdits);
          changes++;
        }
      }
      // A stage's own output is final for it (each stage settles its own changes).
      if (tracker !== undefined) (seenAt ??= new Array<number>(stages.length).fill(-1))[k] = changes;
    }
    if (!tracker || !ran) break;
  }
  if (!tracker) return undefined;
  const edits = tracker.edits();
  return edits.length > 0 ? { text: tracker.text, edits } : undefined;
}
