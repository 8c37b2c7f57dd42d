/**
 * VIQR writes marks as ASCII punctuation after vowels, and so does much correct English and
 * code: Unicode code points (`U+021C-U+021D`, a font's README), file names (`OMX_Audio.h`,
 * `Core.h`, a copyright file's list), abbreviations (`e.g.`). Such lines come out unchanged;
 * real Vietnamese sentences written in VIQR are still read.
 */
import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, fix } from '../src/index.js';
import { helpSentences } from './support/sentences.js';

const ENGLISH = readFileSync(new URL('./fixtures/languages/en.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((row) => row.split('\t')[0])
  .filter((w) => /^[A-Za-z]+$/.test(w));

const hex = fc.integer({ min: 0, max: 0x10ffff }).map((n) => n.toString(16).toUpperCase().padStart(4, '0'));
const codePoint = fc.oneof(
  hex.map((h) => `U+${h}`),
  fc.tuple(hex, hex).map(([a, b]) => `U+${a}-U+${b}`),
  fc.tuple(hex, fc.constantFrom(',', '.', ';', ')')).map(([h, p]) => `U+${h}${p}`),
);
/** A name ending in a vowel, as file names and identifiers are. */
const stem = fc.tuple(fc.constantFrom(...ENGLISH), fc.constantFrom('a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'O')).map(([w, v]) => w + v);
const fileName = fc.oneof(
  fc.tuple(stem, fc.constantFrom('h', 'c', 'cc', 'js', 'md', 'txt', 'hpp', 'o', 'so', 'py', 'rs', 'ts')).map(([s, ext]) => `${s}.${ext}`),
  fc.tuple(fc.constantFrom('src', 'lib', 'third_party', 'include'), stem, fc.constantFrom('h', 'c', 'js')).map(([d, s, ext]) => `${d}/OMX_${s[0].toUpperCase()}${s.slice(1)}.${ext}`),
);
const englishLine = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ENGLISH) }, { weight: 1, arbitrary: codePoint }, { weight: 1, arbitrary: fileName }), { minLength: 3, maxLength: 20 })
  .map((ws) => ws.join(' '));

describe('VIQR look-alikes in English text and code', () => {
  it('leaves lines of English words, code points and file names as written', () => {
    fc.assert(
      fc.property(englishLine, (line) => {
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: 400 },
    );
  });

  it('still reads real Vietnamese sentences written in VIQR', () => {
    const sentences = helpSentences(40, 200).filter((sentence) => !/[^\x00-\u1fff]/.test(sentence));
    let read = 0;
    let right = 0;
    for (const sentence of sentences) {
      const bytes = encode(sentence, 'viqr');
      if (bytes === undefined) continue;
      read++;
      if (fix(new TextDecoder().decode(bytes)).text === sentence) right++;
    }
    expect(read).toBeGreaterThan(50);
    expect(right / read).toBeGreaterThan(0.9);
  });
});
