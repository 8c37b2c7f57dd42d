/**
 * Choosing between readings of a word by its neighbours, with the syllable language model:
 * a lost byte leaves `á»` as `ề`, `ọ`, `ỏ` or `ờ`, and `tá»a` is `tọa` in `tọa độ` but `tỏa`
 * in `tỏa sáng`.
 */
import { defaultModel, EOS_ID, type LanguageModel, UNK_ID } from '../model/index.js';

let bundled: LanguageModel | null | undefined;

/** The bundled model, or `undefined` where it cannot be loaded (a browser without the file). */
export function bundledModel(): LanguageModel | undefined {
  if (bundled === undefined) {
    try {
      bundled = defaultModel();
    } catch {
      bundled = null;
    }
  }
  return bundled ?? undefined;
}

const LETTER_RUN = /[\p{L}\p{M}]+/gu;

function runsOf(s: string): string[] {
  return [...s.matchAll(LETTER_RUN)].map((m) => m[0].toLowerCase());
}

/**
 * The alternative (words without spaces) that fits best between the words before it (`before`,
 * in order) and the word after it, with its share of the probability the model gives all the
 * alternatives in that place (how sure the choice is: 1 for a single alternative). The first
 * alternative when no model is at hand or the model cannot tell them apart; without a model
 * its share is an even one.
 */
export function chooseInContext(
  alternatives: readonly string[],
  before: readonly string[],
  after: string | undefined,
  model: LanguageModel | undefined = bundledModel(),
): { text: string; share: number } {
  if (alternatives.length < 2) return { text: alternatives[0], share: 1 };
  if (!model) return { text: alternatives[0], share: 1 / alternatives.length };
  const left = before.flatMap(runsOf).slice(-2).map((w) => model.id(w));
  // The next word is the same for every alternative: read once, when one does not end a sentence.
  let next: number[] | undefined;
  let best = alternatives[0];
  let bestScore = -Infinity;
  const scores: number[] = [];
  const ids: number[] = [];
  for (const alt of alternatives) {
    ids.length = 0;
    for (const id of left) ids.push(id);
    // `<unk>` stands for every rare syllable at once: a reading the model does not know is
    // taken as rare, not as likely as all of them together.
    let unknown = 0;
    for (const run of runsOf(alt)) {
      const id = model.id(run);
      if (id === UNK_ID) unknown++;
      ids.push(id);
    }
    // The next word, or the end of the sentence when this word closes one.
    if (after === undefined || /[.!?…]["'”’)\]]*$/.test(alt)) ids.push(EOS_ID);
    else for (const id of (next ??= runsOf(after).slice(0, 1).map((w) => model.id(w)))) ids.push(id);
    const score = model.sequenceLogProb(ids, left.length) - 6 * unknown;
    scores.push(score);
    if (score > bestScore + 1e-9) {
      best = alt;
      bestScore = score;
    }
  }
  // log10 probabilities: the chosen reading's share of their sum.
  let total = 0;
  for (const score of scores) total += 10 ** (score - bestScore);
  return { text: best, share: 1 / total };
}
