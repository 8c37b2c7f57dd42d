/**
 * Text in other scripts that is not in NFC only because NFC would decompose a character
 * (composition exclusions: Bengali `য়` U+09DF) or reorder its marks (Burmese, Arabic) comes out
 * byte-identical: nothing Vietnamese is in it, and its writer's software made it so. The lines
 * are real (Debian's gettext catalogues, see `fixtures/bilingual/README.md`); the property covers
 * every such character of the Basic Multilingual Plane with every combining mark.
 */
import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';

/** `locale \t catalogue \t line`. */
const LINES = readFileSync(new URL('./fixtures/bilingual/gettext-other-script-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => row.split('\t').slice(2).join('\t'));

const MARK = /^\p{M}$/u;
const codePoints = (test: (s: string) => boolean): string[] => {
  const out: string[] = [];
  for (let c = 0x20; c < 0xfffe; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    if (test(s)) out.push(s);
  }
  return out;
};
/** Characters NFC rewrites on their own: singletons and composition exclusions, not marks. */
const REWRITTEN = codePoints((s) => !MARK.test(s) && s.normalize('NFC') !== s);
const MARKS = codePoints((s) => MARK.test(s));
/** Letters of every script that do not change under NFC, as bases for marks NFC reorders. */
const BASES = codePoints((s) => /^\p{L}$/u.test(s) && s.normalize('NFC') === s && s.normalize('NFD') === s);

describe('text NFC would decompose or reorder', () => {
  it('keeps real catalogue lines in Bengali, Assamese, Burmese, Arabic, Hebrew, Hindi, … as written', () => {
    expect(LINES.length).toBeGreaterThan(100);
    for (const line of LINES) expect(line.normalize('NFC')).not.toBe(line);
    expect(LINES.filter((line) => fix(line).text !== line)).toEqual([]);
  });

  it('keeps every cluster of any script whose NFC is no shorter than it', () => {
    const cluster = fc.tuple(fc.constantFrom(...REWRITTEN, ...BASES), fc.array(fc.constantFrom(...MARKS), { minLength: 1, maxLength: 2 })).map(([b, ms]) => b + ms.join(''));
    fc.assert(
      fc.property(fc.array(cluster, { minLength: 1, maxLength: 6 }), (clusters) => {
        const kept = clusters.filter((c) => c.normalize('NFC').length >= c.length && c.normalize('NFC') !== c);
        const line = kept.join(' ');
        if (line === '') return;
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: 300 },
    );
  });
});
