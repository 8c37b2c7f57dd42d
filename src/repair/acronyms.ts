import type { Token } from '../tokenize/index.js';
import type { StageEdit } from '../types.js';
import { ACRONYMS } from './acronym-table.js';

/**
 * Acronyms written with `Đ`, by the form text typed without marks gives them (`HDND` → `HĐND`),
 * with the share of the training text that writes them so (see `data/build/acronyms.ts`).
 */
let byTyped: Map<string, { acronym: string; share: number }> | undefined;

function acronymTable(): Map<string, { acronym: string; share: number }> {
  if (byTyped === undefined) {
    byTyped = new Map();
    for (const [typed, acronym, count, typedCount] of ACRONYMS) byTyped.set(typed, { acronym, share: count / (count + typedCount + 1) });
  }
  return byTyped;
}

/**
 * The acronyms of a line typed without marks that the training text writes with `Đ`: `HDND`,
 * `GD&DT`, `ND-CP` (hyphen-joined acronyms are read as one first, then each alone, so that
 * `QD-UBND` is `QĐ-UBND`). The acronyms are no syllables, so the language model has nothing to
 * say of them: the training text's own spelling decides, with its share as the confidence.
 * `asWritten(first, last)`: the acronym of tokens `first` to `last` is to be left as written
 * (in another language's run, a lexicon entry, code).
 */
export function restoredAcronyms(line: string, tokens: readonly Token[], asWritten: (first: number, last: number) => boolean): StageEdit[] {
  let edits: StageEdit[] | undefined;
  const table = acronymTable();
  const restore = (t: Token): void => {
    const found = table.get(t.text);
    if (found !== undefined) (edits ??= []).push({ start: t.start, end: t.end, after: found.acronym, kind: 'diacritics', confidence: found.share });
  };
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].kind !== 'acronym') continue;
    // The unit: acronyms joined by single hyphens, nothing else between.
    let last = k;
    while (last + 2 < tokens.length && isHyphenJoin(line, tokens[last], tokens[last + 1], tokens[last + 2])) last += 2;
    if (!asWritten(k, last)) {
      const start = tokens[k].start;
      const end = tokens[last].end;
      const found = last > k ? table.get(line.slice(start, end)) : undefined;
      if (found !== undefined) (edits ??= []).push({ start, end, after: found.acronym, kind: 'diacritics', confidence: found.share });
      else for (let j = k; j <= last; j += 2) restore(tokens[j]);
    }
    k = last;
  }
  return edits ?? [];
}

function isHyphenJoin(line: string, before: Token, hyphen: Token, after: Token): boolean {
  return hyphen.kind === 'punct' && hyphen.start === before.end && hyphen.end === hyphen.start + 1 && line.charCodeAt(hyphen.start) === 0x2d && after.kind === 'acronym' && after.start === hyphen.end;
}

/**
 * A document's number: numbers, then acronyms after slashes or hyphens (`15/2020/NĐ-CP`,
 * `123/QĐ-UBND`, `485-CV/VPĐUK`), with punctuation after it. Its slashes make no path.
 */
const DOCUMENT_NUMBER = /^\d+(?:[-/.]\d+)*(?:[-/][A-ZĐ]+(?:&[A-ZĐ]+)*)+[.,;:)]*$/;

/** Whether the word `line[start, end)` is part of a document's number (the run of non-spaces around it). */
export function isDocumentNumber(line: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !isSpace(line.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < line.length && !isSpace(line.charCodeAt(to))) to++;
  return to - from <= MAX_DOCUMENT_NUMBER && DOCUMENT_NUMBER.test(line.slice(from, to));
}

/** Longer runs are no document number (and are not tested). */
const MAX_DOCUMENT_NUMBER = 48;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0d || c === 0x0a;
}
