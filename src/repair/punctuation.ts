/**
 * Punctuation a reading garbles, in text read as OCR output only. Tesseract prints a full stop
 * for a comma (their glyphs differ by a tail a few pixels long) and for a speck of ink between
 * two words. A full stop between a word and a lower-case word is rare in clean Vietnamese
 * (`../shared/corpus`: 1 for every 36 commas in that place in the literature, 1 for every 115 in
 * the news, mostly after abbreviations), and in Tesseract's readings of rendered corpus pages
 * (`data/build/ocr/work/pairs.jsonl`) such a stop between two known syllables was printed from
 * a comma or from nothing 3 times in 4. So that stop goes; the language model, whose one
 * punctuation token stands for the comma, tells whether a comma stood there or nothing.
 *
 * Quotes: Tesseract reads a straight double quote as a curly one now and then. A line that holds
 * more straight quotes than curly ones was printed with straight quotes, so its curly ones are
 * misread (a tie tells nothing: the print's style is the corpus's, and Vietnamese books use
 * curly quotes as often as the news uses straight ones). The ellipsis is left alone: Tesseract
 * never printed `…` on the training pages (49 `...` read for 38 `...` and 7 `…` printed), so a
 * reading's own usage cannot tell which the print had.
 *
 * A comma for a full stop before a capital is too rare against the commas read right there (under
 * 1 in 4 on those pages) to change on that evidence alone: names follow commas. But a word that
 * the training text writes with a capital inside a sentence under 2 % of the times (`Những`,
 * `Các`, `Kết quả`) starts a sentence after it, not a name: that comma was a full stop.
 *
 * Left alone: stops after anything but a known syllable (abbreviations `TP.`, `Mr.`, `v.v.`,
 * `Trin.`, numbers `1.000`, codes), stops not followed by a space and a lower-case syllable,
 * stops glued to other punctuation (`...`), runs in other languages, `:` for `.` (as rare).
 */
import { FOREIGN_ID, LanguageModel, NUM_ID, PUNCT_ID, SPECIAL_UNITS } from '../model/index.js';
import { isValidSyllable } from '../orthography/index.js';
import type { Stage } from '../stage.js';
import { DEFAULT_MIN_CONFIDENCE } from './confidence.js';
import { tokenize, type Token } from '../tokenize/index.js';
import type { StageEdit } from '../types.js';
import { defaultLanguageProfiles, languageRuns, type LanguageProfiles } from '../language/index.js';

const FIRST_SYLLABLE_ID = SPECIAL_UNITS.length;

/**
 * The share of these changes found right on the training pages (`npx tsx
 * data/build/ocr/punctuation.ts`: 17 of 31; a stop made a comma 5 of 9, dropped 12 of 22, too
 * few to tell the two apart). Wrong ones: a stop that did end a sentence whose next capital
 * the reading lost (7), a comma dropped (6).
 */
export const STOP_CONFIDENCE = 0.55;

/**
 * How often a curly quote so straightened was printed straight: 6 of 6 on the training pages
 * (`npx tsx data/build/ocr/punctuation.ts`; 24 of 27 when a tie counted too), so few that the
 * confidence is the share had the next one been wrong.
 */
export const QUOTE_CONFIDENCE = 0.85;

/**
 * A comma before a word that starts sentences far more often than it is capitalised inside one
 * (see {@link startsSentenceRather}) was printed from a full stop about this share of the time
 * (on the held-out pages of `bench/reliability.ts` 2 of 2; in the dev set's OCR lines 11 of 15).
 */
export const COMMA_STOP_CONFIDENCE = 0.7;
/** The share of a syllable's occurrences inside a sentence written with a capital, below which a capital says "sentence start". */
const TITLE_SHARE = 0.02;

/** Words of context either side that the language model weighs the two readings with. */
const CONTEXT = 2;

/** Options of {@link ocrPunctuationStage}. */
export interface PunctuationOptions {
  model: () => LanguageModel;
  languages?: LanguageProfiles;
  /** Changes less sure than this are not made. */
  minConfidence?: number;
}

/** A full stop between a word and a lower-case letter: the only stops the stage reads. */
const STOP_BEFORE_LOWER = /[^\s.]\. +\p{Ll}/u;
/** A comma between a word and a capital: the only commas the stage reads. */
const COMMA_BEFORE_UPPER = /[^\s,], +\p{Lu}/u;

const STRAIGHT = 0x22;
const OPENING = 0x201c;
const CLOSING = 0x201d;

/** Whether the line's curly double quotes are misread straight ones: it holds more straight ones. */
function curlyMisread(line: string): boolean {
  let straight = 0;
  let curly = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === STRAIGHT) straight++;
    else if (c === OPENING || c === CLOSING) curly++;
  }
  return curly > 0 && straight > curly;
}

/** The punctuation stage of text read as OCR output (see the module's comment). */
export function ocrPunctuationStage(options: PunctuationOptions): Stage {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  let profiles = options.languages;
  const quotes = QUOTE_CONFIDENCE >= minConfidence;
  return {
    name: 'punctuation',
    mayApply: (line) => STOP_BEFORE_LOWER.test(line) || COMMA_BEFORE_UPPER.test(line) || (quotes && line.includes('"')),
    run(line: string): StageEdit[] {
      const lm = options.model();
      const tokens = tokenize(line);
      const edits: StageEdit[] = [];
      const straighten = quotes && curlyMisread(line);
      if (straighten) {
        for (let i = 0; i < line.length; i++) {
          const c = line.charCodeAt(i);
          if (c === OPENING || c === CLOSING) edits.push({ start: i, end: i + 1, after: '"', kind: 'punctuation', confidence: QUOTE_CONFIDENCE });
        }
      }
      let runs: ReturnType<typeof languageRuns> | undefined;
      for (let i = 1; i + 2 < tokens.length; i++) {
        const stop = tokens[i];
        if (stop.kind !== 'punct' || stop.text !== '.') continue;
        const before = tokens[i - 1];
        const space = tokens[i + 1];
        const after = tokens[i + 2];
        if (before.end !== stop.start || space.kind !== 'space' || !knownSyllable(lm, before)) continue;
        if (i >= 2 && tokens[i - 2].kind !== 'space') continue; // `v.v.`, `M.Bieb.`, `(đó.`
        if (after.kind !== 'syllable' || after.text[0] === after.text[0].toUpperCase() || !knownSyllable(lm, after)) continue;
        runs ??= languageRuns(line, { tokens, profiles: (profiles ??= defaultLanguageProfiles()), verdictsOnly: true });
        if (!inVietnamese(runs, before.start) || !inVietnamese(runs, after.start)) continue;
        const comma = prefersComma(lm, tokens, i);
        const confidence = STOP_CONFIDENCE;
        if (confidence < minConfidence) continue;
        edits.push({ start: stop.start, end: stop.end, after: comma ? ',' : '', kind: 'punctuation', confidence });
      }
      for (let i = 1; i + 2 < tokens.length; i++) {
        const comma = tokens[i];
        if (comma.kind !== 'punct' || comma.text !== ',') continue;
        const before = tokens[i - 1];
        const space = tokens[i + 1];
        const after = tokens[i + 2];
        if (before.end !== comma.start || before.kind !== 'syllable' || space.kind !== 'space') continue;
        if (after.kind !== 'syllable' || !startsSentenceRather(lm, after, tokens[i + 4])) continue;
        runs ??= languageRuns(line, { tokens, profiles: (profiles ??= defaultLanguageProfiles()), verdictsOnly: true });
        if (!inVietnamese(runs, before.start) || !inVietnamese(runs, after.start)) continue;
        if (COMMA_STOP_CONFIDENCE < minConfidence) continue;
        edits.push({ start: comma.start, end: comma.end, after: '.', kind: 'punctuation', confidence: COMMA_STOP_CONFIDENCE });
      }
      return edits.sort((a, b) => a.start - b.start);
    },
  };
}

/**
 * Whether a capitalised word after a comma more likely starts a sentence: a syllable the
 * training text writes with a capital inside a sentence under {@link TITLE_SHARE} of the times
 * (`Những`, `Các`, `Nghiên`; not `Hà`, `Nguyễn`), not followed by another capitalised word (a
 * name's second syllable: `Tờ Marca`).
 */
function startsSentenceRather(lm: LanguageModel, t: Token, next: Token | undefined): boolean {
  const text = t.text;
  if (text.length < 2 || text[0] === text[0].toLowerCase() || text.slice(1) !== text.slice(1).toLowerCase()) return false;
  if (next !== undefined && next.kind === 'syllable' && next.text[0] !== next.text[0].toLowerCase()) return false;
  const id = lm.id(text);
  if (id < FIRST_SYLLABLE_ID) return false;
  return (lm.titleCount(id) + 0.5) / (lm.count(id) + 1) < TITLE_SHARE;
}

/** A syllable the model knows, of two letters or more (one letter is an initial: `A. Smith`). */
function knownSyllable(lm: LanguageModel, t: Token): boolean {
  return t.kind === 'syllable' && t.text.length >= 2 && isValidSyllable(t.text.toLowerCase()) && lm.id(t.text) >= FIRST_SYLLABLE_ID;
}

function inVietnamese(runs: ReturnType<typeof languageRuns>, at: number): boolean {
  for (const r of runs) if (r.start <= at && at < r.end) return r.verdict === 'vi';
  return true;
}

/** The model's id of a token as the decoder reads it. */
function idOf(lm: LanguageModel, t: Token): number {
  if (t.kind === 'syllable') return lm.id(t.text);
  if (t.kind === 'number') return NUM_ID;
  if (t.kind === 'punct') return PUNCT_ID;
  return FOREIGN_ID;
}

/**
 * Whether the model likes the words around the stop at `stop` better with a punctuation mark
 * between them than with none, each reading scored from the word before the stop to
 * {@link CONTEXT} words after it, after the same {@link CONTEXT} words before.
 */
function prefersComma(lm: LanguageModel, tokens: readonly Token[], stop: number): boolean {
  const left: number[] = [];
  for (let k = stop - 1; k >= 0 && left.length <= CONTEXT; k--) if (tokens[k].kind !== 'space') left.unshift(idOf(lm, tokens[k]));
  const right: number[] = [];
  for (let k = stop + 1; k < tokens.length && right.length <= CONTEXT; k++) if (tokens[k].kind !== 'space') right.push(idOf(lm, tokens[k]));
  const from = left.length;
  const withMark = lm.sequenceLogProb([...left, PUNCT_ID, ...right], from);
  const without = lm.sequenceLogProb([...left, ...right], from);
  return withMark > without;
}
