import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, type Edit } from '../src/index.js';

/**
 * Correct text of other languages written in Latin letters with marks: lines of Debian's
 * gettext catalogues of 73 locales, most of them with no language profile (Hungarian, Czech,
 * Romanian, Irish, Swedish, …; see fixtures/foreign/README.md). Context repair must leave them
 * as they are.
 */
const LINES = readFileSync(new URL('./fixtures/foreign/foreign-catalogue-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => {
    const [locale, catalogue, line] = row.split('\t');
    return { locale, catalogue, line };
  });

/**
 * Locales whose common short words are Vietnamese syllables without marks, in lines of little
 * else, and that no language profile explains: still open. None since Scottish Gaelic (`tha am
 * … mu … ma … tu`) has a profile.
 */
const OPEN = new Set<string>([]);

/**
 * Edits of the encoding stages (a legacy font or mojibake read into letters such as `å`), which
 * do not ask for the language of a line: not measured here.
 */
const ENCODING_KINDS = new Set(['legacy-encoding', 'mojibake']);

function languageEdits(text: string): Edit[] {
  return fix(text).edits.filter((e) => !ENCODING_KINDS.has(e.kind));
}

const CLOSED = LINES.filter((l) => !OPEN.has(l.locale));

/** The mark that closes what a glue opens. */
const CLOSERS: Record<string, string> = { ' (': ')', ' «': '»', ' “': '”', ' "': '"' };

/** The lines of each locale. */
const BY_LOCALE = new Map<string, string[]>();
for (const { locale, line } of CLOSED) BY_LOCALE.set(locale, [...(BY_LOCALE.get(locale) ?? []), line]);

describe('correct text of languages without a profile', () => {
  it('holds lines of many locales', () => {
    expect(new Set(LINES.map((l) => l.locale)).size).toBeGreaterThan(60);
    expect(LINES.length).toBeGreaterThan(300);
  });

  it('leaves real catalogue lines of other languages unchanged', () => {
    const changed = CLOSED.map(({ locale, line }) => ({ locale, line, edits: languageEdits(line) })).filter((c) => c.edits.length > 0);
    expect(
      changed.map((c) => `${c.locale}: ${c.line} ${c.edits.map((e) => `${e.before}→${e.after}`).join(' ')}`),
      'lines changed',
    ).toEqual([]);
  });

  it('never changes lines of one language joined into one, in brackets, quotes or lists', () => {
    const joined = fc
      .constantFrom(...BY_LOCALE.keys())
      .chain((locale) =>
        fc.tuple(
          fc.constant(locale),
          fc.array(fc.constantFrom(...BY_LOCALE.get(locale)!), { minLength: 2, maxLength: 3 }),
          fc.constantFrom(' ', '. ', '; ', ', ', ' — ', ' (', ' «', ' “', ' "'),
        ),
      )
      .map(([locale, lines, glue]) => {
        const close = CLOSERS[glue] ?? '';
        return { locale, text: lines[0] + lines.slice(1).map((l) => glue + l + close).join('') };
      });
    fc.assert(
      fc.property(joined, ({ locale, text }) => {
        expect(languageEdits(text), `${locale}: ${text}`).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
