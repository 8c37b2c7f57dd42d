// The encoding stage's result is a fixed point of the stage: on lines that mix UTF-8 mojibake
// (whole, Latin-1 view, lost bytes) with legacy-font text, undoing the mojibake changes the
// evidence for reading the rest as a legacy font, and a second run must still find nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, encodingStage, runStages } from '../src/index.js';
import { asCp1252, asLatin1 } from './support/byte-views.js';
import { cleanPhrase } from './support/fuzz-inputs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A phrase as UTF-8 mojibake: Windows-1252 or Latin-1 view, or with the bytes copying loses. */
const mojibakePhrase = fc.tuple(cleanPhrase, fc.integer({ min: 0, max: 2 })).map(([phrase, how]) => {
  const bytes = utf8(phrase);
  if (how === 0) return asCp1252(bytes);
  if (how === 1) return asLatin1(bytes);
  // Bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) dropped, no-break spaces become spaces.
  return asCp1252(bytes.filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b))).replaceAll('\u00a0', ' ');
});

const LEGACY = ['tcvn3', 'vni', 'viscii', 'vps', 'windows-1258'] as const;
/** A phrase in a legacy font whose bytes are shown as Windows-1252. */
const legacyPhrase = fc.tuple(cleanPhrase, fc.constantFrom(...LEGACY)).map(([phrase, encoding]) => {
  const bytes = encode(phrase, encoding);
  return bytes === undefined ? phrase : asCp1252(bytes);
});

/** A line with both kinds of damage, in any order, sometimes with clean Vietnamese between. */
const mixedLine = fc
  .tuple(
    fc.array(mojibakePhrase, { minLength: 1, maxLength: 3 }),
    fc.array(legacyPhrase, { minLength: 1, maxLength: 3 }),
    fc.array(cleanPhrase, { maxLength: 1 }),
    fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  )
  .map(([mojibake, legacy, clean, order]) => {
    const parts = [...mojibake, ...legacy, ...clean];
    // A shuffle driven by the generated numbers, so that shrinking keeps working.
    for (let i = parts.length - 1; i > 0; i--) {
      const j = order[i % order.length] % (i + 1);
      [parts[i], parts[j]] = [parts[j], parts[i]];
    }
    return parts.join(' ');
  });

describe('property: the encoding stage settles lines that mix mojibake with legacy-font text', () => {
  const stage = encodingStage();
  it('a second run of the stage changes nothing', () => {
    fc.assert(
      fc.property(mixedLine, (line) => {
        const once = runStages(line, [stage]).text;
        expect(runStages(once, [stage]).text).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
