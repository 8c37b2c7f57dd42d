/**
 * A file that is not valid UTF-8 is read in a Vietnamese legacy encoding only on evidence: enough
 * of its non-ASCII words must be Vietnamese syllables. An English file in Latin-1 whose only
 * non-ASCII byte is a `©` reads as `ẹ` in VISCII, a valid syllable, but one such word is no
 * evidence; the file is refused with a clear message and never rewritten.
 */
import './support/fast-check-seed.js';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/index.js';
import { tempDir, vietfix } from './cli-helpers.js';
import { helpSentences } from './support/sentences.js';

const FIXTURE = new URL('./fixtures/latin1/libxslt-tutorial-head.html', import.meta.url);
const ENGLISH = readFileSync(new URL('./fixtures/languages/en.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((row) => row.split('\t')[0])
  .filter((w) => /^[a-z]+$/.test(w));
/** The symbols of Latin-1 (0xA0–0xBF, `×`, `÷`): `©`, `®`, `°`, `±`, `£`, `§`, `«`, `½`, … */
const SYMBOL_BYTE = fc.oneof(fc.integer({ min: 0xa0, max: 0xbf }), fc.constantFrom(0xd7, 0xf7));
const LEGACY = ['tcvn3', 'vni', 'viscii', 'windows-1258', 'vps'] as const;

describe('legacy detection needs Vietnamese syllables enough', () => {
  it('does not read a real English page in Latin-1 as a Vietnamese encoding', () => {
    expect(decode(readFileSync(FIXTURE)).confidence).toBeLessThan(0.5);
  });

  it('refuses the page in the CLI and leaves the file as it was, even with --write', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'page.html');
      copyFileSync(FIXTURE, file);
      const r = vietfix(['--write', file]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('not valid UTF-8');
      expect(readFileSync(file).equals(readFileSync(FIXTURE))).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('reads no English text with Latin-1 symbols, alone or after words, as Vietnamese', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ENGLISH), { minLength: 3, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), SYMBOL_BYTE, fc.boolean()), { minLength: 1, maxLength: 8 }), (words, bytes) => {
        const parts = words.map((w) => [...Buffer.from(w, 'latin1')]);
        for (const [at, byte, standalone] of bytes) {
          const k = at % parts.length;
          parts[k] = standalone ? [byte] : [...parts[k], byte];
        }
        const text = Uint8Array.from(parts.flatMap((p, i) => (i === 0 ? p : [0x20, ...p])));
        const d = decode(text);
        // Two bytes can make a valid UTF-8 sequence (0xD7 0xA0 is Hebrew `נ`): not this case.
        if (d.encoding !== 'utf-8') expect(d.confidence).toBeLessThan(0.5);
      }),
      { numRuns: 500 },
    );
  });

  it('still reads real Vietnamese sentences in each legacy encoding', () => {
    const sentences = helpSentences(40, 200)
      // Sentences of Vietnamese, not a URL between quotation marks.
      .filter((sentence) => sentence.split(' ').filter((w) => /^[^\x00-\x40\x5b-\x60\x7b-\x7f]{2,}$/.test(w) && /[^\x00-\x7f]/.test(w)).length >= 3);
    expect(sentences.length).toBeGreaterThan(50);
    const misread: string[] = [];
    let read = 0;
    for (const encoding of LEGACY) {
      for (const sentence of sentences) {
        // A sentence with a character the encoding cannot write (`“`, `€`) is not such a file.
        const bytes = encode(sentence, encoding);
        if (bytes === undefined) continue;
        read++;
        const d = decode(bytes);
        if (d.text.normalize('NFC') !== sentence.normalize('NFC') || d.confidence < 0.5) misread.push(`${encoding} ${d.encoding} ${d.confidence} ${sentence}`);
      }
    }
    expect(read).toBeGreaterThan(200);
    expect(misread).toEqual([]);
  });
});
