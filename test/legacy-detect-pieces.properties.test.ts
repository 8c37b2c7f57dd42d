// Detection of a legacy byte encoding reads a file once: its distinct pieces between
// whitespace are counted and only those are read in each encoding, and a reading clearly
// behind the leader is judged only until that is certain. The encoding, the confidence and the
// text must be those of every encoding's reading of the whole file judged word by word.
import './support/fast-check-seed.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/index.js';
import { DETECTED, judgeReadings, readingEvidence } from '../src/encoding/decode.js';
import { syllable } from './support/fuzz-inputs.js';

/** The decision as defined: each detected encoding reads the whole file, every word judged. */
function wholeFileDecision(bytes: Uint8Array): { text: string; encoding: string; confidence: number } {
  const { encoding, confidence } = judgeReadings(DETECTED.map((e) => readingEvidence(decode(bytes, { encoding: e }).text)));
  return { text: decode(bytes, { encoding }).text, encoding, confidence };
}

const LEGACY = ['tcvn3', 'vni', 'viscii', 'windows-1258', 'vps'] as const;
const newline = Uint8Array.of(0x0a);

/** Syllables in one legacy encoding, with the punctuation and spaces of running text. */
const legacyPhrase = fc
  .tuple(
    fc.constantFrom(...LEGACY),
    fc.array(fc.tuple(syllable, fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\t', '  ', '"', '(', ')', '-', '1', '')), { minLength: 1, maxLength: 12 }),
  )
  .map(([encoding, words]) => encode(words.map(([w, sep]) => w + sep).join(''), encoding) ?? new Uint8Array());

/** Bytes of any kind, whitespace of every kind (0x0B, 0x0C, no-break 0xA0) among them. */
const noise = fc.oneof(
  fc.uint8Array({ maxLength: 24 }),
  fc.array(fc.constantFrom(0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x85, 0x2c, 0x41, 0x61, 0x65, 0xd5, 0xf8, 0xe1), { maxLength: 24 }).map((a) => Uint8Array.from(a)),
);

/**
 * Files: pieces of legacy text (a piece repeated, as words repeat in real files; several
 * encodings in one file, so that two readings can run close), ASCII, noise.
 */
const files = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: legacyPhrase },
      { weight: 1, arbitrary: fc.tuple(legacyPhrase, fc.integer({ min: 2, max: 6 })).map(([b, n]) => concat(Array.from({ length: n }, () => b))) },
      { weight: 1, arbitrary: fc.constantFrom('Copyright (c) 2001 the authors', 'int main(void) { return 0; }', 'x = y + 1 <= 2').map((s) => new TextEncoder().encode(s)) },
      { weight: 1, arbitrary: noise },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .chain((parts) => fc.array(fc.constantFrom(0x0a, 0x20, 0x09), { minLength: parts.length, maxLength: parts.length }).map((seps) => concat(parts.flatMap((p, k) => [p, Uint8Array.of(seps[k])]))));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('property: legacy detection on distinct pieces = whole-file readings', () => {
  it('same encoding, confidence and text on generated files', () => {
    let legacy = 0;
    fc.assert(
      fc.property(files, (bytes) => {
        if (isUtf8(bytes)) return;
        legacy++;
        expect(decode(bytes)).toEqual(wholeFileDecision(bytes));
      }),
      { numRuns: 1500 },
    );
    // Most generated files are not UTF-8; else the property compared little.
    expect(legacy).toBeGreaterThan(1000);
  });

  it('an ASCII head and a legacy tail, and the other way round', () => {
    const ascii = new TextEncoder().encode('The quick brown fox jumps over the lazy dog.\n'.repeat(200));
    fc.assert(
      fc.property(fc.array(legacyPhrase, { minLength: 1, maxLength: 4 }), fc.boolean(), (phrases, head) => {
        const tail = concat(phrases.flatMap((p) => [p, newline]));
        const bytes = head ? concat([ascii, tail]) : concat([tail, ascii]);
        if (isUtf8(bytes)) return;
        expect(decode(bytes)).toEqual(wholeFileDecision(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
