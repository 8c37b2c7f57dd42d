import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fix } from '../../src/index.js';
import { defaultModel } from '../../src/model/index.js';
import { allSyllables } from '../../src/orthography/index.js';

/** Every valid syllable the bundled model knows. */
export const KNOWN_SYLLABLES = allSyllables().filter((s) => defaultModel().has(s));

/** Sentences of 3–14 known syllables, capitalised, ending in a full stop. */
export const knownSyllableSentence = fc
  .array(fc.constantFrom(...KNOWN_SYLLABLES), { minLength: 3, maxLength: 14 })
  .map((ws) => ws.join(' ') + '.')
  .map((s) => s[0].toUpperCase() + s.slice(1));

/**
 * How the words of `damaged` that differ from `reference` fared in `repaired` (all three split
 * at spaces, word for word): how many were damaged, how many changed, how many came back right.
 */
export function fillCounts(reference: string, damaged: string, repaired: string): { lost: number; filled: number; right: number } {
  const want = reference.split(' ');
  const got = repaired.split(' ');
  const counts = { lost: 0, filled: 0, right: 0 };
  damaged.split(' ').forEach((w, k) => {
    if (w === want[k]) return;
    counts.lost++;
    if (got[k] === w) return;
    counts.filled++;
    if (got[k] === want[k]) counts.right++;
  });
  return counts;
}

/**
 * {@link fillCounts} summed over `lines`, each damaged by `damage` and repaired by `repair`;
 * `check` sees every damaged line and its repair.
 */
export function fillCountsOver(
  lines: readonly string[],
  damage: (line: string) => string,
  repair: (line: string) => string,
  check: (damaged: string, repaired: string) => void,
): { lost: number; filled: number; right: number } {
  const total = { lost: 0, filled: 0, right: 0 };
  for (const line of lines) {
    const damaged = damage(line);
    const repaired = repair(damaged);
    check(damaged, repaired);
    const counts = fillCounts(line, damaged, repaired);
    total.lost += counts.lost;
    total.filled += counts.filled;
    total.right += counts.right;
  }
  return total;
}

/** Words of real text (Hunspell dictionaries as Debian ships them; see fixtures/words/README.md). */
export function hunspellWords(lang: string): string[] {
  return readFileSync(new URL(`../fixtures/words/${lang}.txt`, import.meta.url), 'utf8').split('\n').filter(Boolean);
}

/**
 * The sentences of the Vietnamese paragraphs of the LibreOffice help fixtures
 * (`fixtures/bilingual/libreoffice-*.tsv`, real typed documentation) of `min`–`max` characters.
 */
export function helpSentences(min: number, max: number): string[] {
  return ['libreoffice-glossary.tsv', 'libreoffice-compatibility.tsv']
    .flatMap((file) => readFileSync(new URL(`../fixtures/bilingual/${file}`, import.meta.url), 'utf8').split('\n'))
    .filter((row) => row.startsWith('vi\t'))
    .flatMap((row) => row.slice(3).split(/(?<=[.:;?!])\s+/))
    .filter((sentence) => sentence.length >= min && sentence.length <= max);
}

/** Share of `reference`'s whitespace tokens that `text` has in the same place. */
export function tokenAgreement(text: string, reference: string): number {
  const a = text.split(' ');
  const b = reference.split(' ');
  if (a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / b.length;
}

/**
 * Of the words of `damaged` lines that `counts` selects (each with the word of its reference line
 * in the same place), how many came back right in `repaired`: lines split at spaces, word for word.
 */
export function restoredWords(
  references: readonly string[],
  damaged: readonly string[],
  repaired: readonly string[],
  counts: (damagedWord: string, referenceWord: string) => boolean,
): { words: number; right: number } {
  let words = 0;
  let right = 0;
  references.forEach((line, k) => {
    const want = line.split(' ');
    const got = repaired[k].split(' ');
    damaged[k].split(' ').forEach((w, i) => {
      if (!counts(w, want[i])) return;
      words++;
      if (got[i] === want[i]) right++;
    });
  });
  return { words, right };
}

/**
 * {@link restoredWords} of `damaged` lines repaired together as one OCR document (`ocr: true`):
 * the changed words by default.
 */
export function restoredInOcr(
  references: readonly string[],
  damaged: readonly string[],
  counts: (damagedWord: string, referenceWord: string) => boolean = (w, want) => w !== want,
): { words: number; right: number } {
  const repaired = fix(damaged.join('\n'), { ocr: true }).text.split('\n');
  return restoredWords(references, damaged, repaired, counts);
}
