/**
 * The encoding stage remembers what it found for a word form (how each code page reads a word;
 * the best reading of a run of replaced letters in a context): the same forms come back line
 * after line of an archive. A remembered answer must be the answer, whatever was read before.
 * Lines are made of a few shared words, so that forms and contexts recur between them:
 * - replaced letters are read with two instances of the model (each has its own memo), the lines
 *   in one order with one and in the other order with the other: the same readings line for line;
 * - each word a code page reads in a line is that word undone through that page, as
 *   `undoMojibake` (which remembers nothing) undoes it.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePageViews } from '../src/encoding/code-page-views.js';
import { CODE_PAGE_VIEWS } from '../src/encoding/charsets.js';
import { codePageReading, undoMojibake } from '../src/encoding/mojibake.js';
import { readQuestionLetters, readReplacedLetters } from '../src/encoding/replaced-letters.js';
import { CODE_PAGES } from '../src/encoding/tables/code-pages.js';
import { defaultModelBytes } from '../src/model/default.js';
import { defaultModel, LanguageModel } from '../src/model/index.js';
import { KNOWN_SYLLABLES } from './support/sentences.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const model = defaultModel();
/** Another instance of the same model: its memo of replaced letters starts empty and fills apart. */
const other = LanguageModel.fromBuffer(defaultModelBytes());
const MARKED = KNOWN_SYLLABLES.filter((s) => /[^\x00-\x7f]/.test(s));

/** Lines of 3–9 words drawn from a pool of a few syllables (some of them plain ASCII ones). */
const sharedLines = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...MARKED), { minLength: 2, maxLength: 5 }), fc.uniqueArray(fc.constantFrom(...KNOWN_SYLLABLES), { minLength: 1, maxLength: 3 }))
  .chain(([marked, any]) => {
    const pool = [...marked, ...any];
    const word = fc.tuple(fc.constantFrom(...pool), fc.boolean()).map(([w, title]) => (title ? w[0].toUpperCase() + w.slice(1) : w));
    const line = fc.tuple(fc.array(word, { minLength: 3, maxLength: 9 }), fc.constantFrom('', '.', ',')).map(([ws, end]) => ws.join(' ') + end);
    return fc.array(line, { minLength: 2, maxLength: 6 });
  });

/** Each line read with `model`, first to last, and with `other`, last to first: the same, line for line. */
function sameInEitherOrder<T>(lines: readonly string[], read: (line: string, m: LanguageModel) => T): void {
  const forward = lines.map((l) => JSON.stringify(read(l, model)));
  const backward = [...lines].reverse().map((l) => JSON.stringify(read(l, other))).reverse();
  expect(backward).toEqual(forward);
}

const utf8 = new TextEncoder();
const shownThrough = (table: string, text: string) => [...utf8.encode(text)].map((b) => table[b]).join('');

describe('property: remembered readings do not depend on what was read before', () => {
  it('letters lost to U+FFFD or to `?`', () => {
    fc.assert(
      fc.property(sharedLines, fc.constantFrom(0.95, 0.5), (lines, bar) => {
        const replaced = lines.map((l) => l.replace(/[^\x00-\x7f]/gu, '\ufffd'));
        sameInEitherOrder(replaced, (l, m) => readReplacedLetters(l.split(' '), m, bar));
        const questions = lines.map((l) => l.replace(/[^\x00-\x7f]/gu, '?'));
        sameInEitherOrder(questions, (l, m) => readQuestionLetters(l.split(' '), m, bar));
      }),
      { numRuns: RUNS },
    );
  });

  it('a line read through another code page', () => {
    let read = 0;
    fc.assert(
      fc.property(sharedLines, fc.array(fc.constantFrom(...CODE_PAGES), { minLength: 2, maxLength: 6 }), (lines, pages) => {
        // The same words shown through several pages (some show many bytes alike: Windows-1250
        // and ISO-8859-2, CP437 and CP850): a word's reading belongs to its page.
        for (const [i, line] of lines.entries()) {
          const shown = shownThrough(pages[i % pages.length][1], line);
          const fixes = codePageReading(shown, codePageViews(shown)) ?? [];
          if (fixes.length > 0) read++;
          // One page reads the whole line.
          const views = new Set(fixes.map((f) => CODE_PAGE_VIEWS.find((v) => v.names.some((name) => f.fix.detail.startsWith(name)))));
          expect(views.size).toBeLessThanOrEqual(1);
          for (const f of fixes) expect(f.fix).toEqual(undoMojibake(f.word, 0, false, [...views][0]));
        }
      }),
      { numRuns: RUNS },
    );
    // Most lines are read (a line of words of one letter may read as the page's own language).
    expect(read).toBeGreaterThan(RUNS);
  });
});
