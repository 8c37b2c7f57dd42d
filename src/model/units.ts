/**
 * The units the language model counts: normalised syllables, a few class tokens, and sentence
 * boundaries. The builder and every caller that scores text must cut lines into units the same
 * way, so this module is the one place that decides it.
 */
import { setToneStyle } from '../orthography/index.js';
import { scanTokens, type TokenKind } from '../tokenize/index.js';

/** A syllable that is not in the model's vocabulary (rare in the training text). */
export const UNK = '<unk>';
/** Start of a sentence: only ever a context, never predicted. */
export const BOS = '<s>';
/** End of a sentence. */
export const EOS = '</s>';
/** Any number (`1990`, `28/8/2014`, `3,5`). */
export const NUM = '<num>';
/** A letter run that is not a Vietnamese syllable: foreign words, names, acronyms, URLs. */
export const FOREIGN = '<foreign>';
/** A run of punctuation inside a sentence (commas, quotes, brackets, dashes, …). */
export const PUNCT = '<p>';

/** The class tokens, in id order: they take ids 0..5 in every model. */
export const SPECIAL_UNITS: readonly string[] = [UNK, BOS, EOS, NUM, FOREIGN, PUNCT];
export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const NUM_ID = 3;
export const FOREIGN_ID = 4;
export const PUNCT_ID = 5;

/**
 * The model's form of a syllable: NFC, lower case, tone in the old place (`hoà` → `hòa`,
 * `thuỷ` → `thủy`), so that both tone styles share one id.
 */
export function normalizeSyllable(syllable: string): string {
  return setToneStyle(syllable.normalize('NFC').toLowerCase(), 'old');
}

/** The class unit of a token that is not a syllable; `undefined` for spaces. */
export function classUnit(kind: TokenKind): string | undefined {
  switch (kind) {
    case 'number':
      return NUM;
    case 'foreign':
    case 'acronym':
    case 'url':
      return FOREIGN;
    case 'punct':
      return PUNCT;
    default:
      return undefined;
  }
}

function endsSentence(text: string): boolean {
  return text === '.' || text === '!' || text === '?' || text === '…';
}

function startsUpper(line: string, start: number): boolean {
  const ch = line[start];
  return ch !== ch.toLowerCase();
}

/**
 * Cuts one line into sentences of units (without the `<s>`/`</s>` markers). A sentence ends at
 * the end of the line and at `.`, `!`, `?` or `…` (with any closing punctuation after it) when
 * the next word starts with a capital letter or a digit; every other run of punctuation becomes
 * one {@link PUNCT}. `normalize` maps a syllable's text to its unit (a caller may pass a cached
 * {@link normalizeSyllable}).
 */
export function lineSentences(
  line: string,
  normalize: (syllable: string) => string = normalizeSyllable,
): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  let pendingEnd = false; // saw sentence-final punctuation, waiting for the next word
  let lastWasPunct = false;
  scanTokens(line, (kind, start, end) => {
    if (kind === 'space') return;
    if (kind === 'punct') {
      if (endsSentence(line.slice(start, end))) pendingEnd = true;
      lastWasPunct = true;
      return;
    }
    if (lastWasPunct) {
      if (pendingEnd && (kind === 'number' || startsUpper(line, start))) {
        if (current.length > 0) sentences.push(current);
        current = [];
      } else if (current.length > 0 || !pendingEnd) {
        current.push(PUNCT);
      }
      pendingEnd = false;
      lastWasPunct = false;
    }
    current.push(kind === 'syllable' ? normalize(line.slice(start, end)) : (classUnit(kind) as string));
  });
  if (lastWasPunct && !pendingEnd && current.length > 0) current.push(PUNCT);
  if (current.length > 0) sentences.push(current);
  return sentences;
}
