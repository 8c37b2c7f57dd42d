// Whole-file legacy decoding goes through code-unit tables; it must read every byte sequence
// exactly as the character tables do (the VNI pairs as decodeVniView reads them in the
// Windows-1252 view of the bytes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/index.js';
import { BYTE_TABLES, decodeVniView } from '../src/encoding/charsets.js';

/** Bytes through a single-byte table, one character per byte. */
const byTable = (bytes: Uint8Array, table: string) => Array.from(bytes, (b) => table[b]).join('');

/** Any bytes, and bytes made mostly of VNI letters' base and mark bytes with ASCII between. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.array(fc.oneof(fc.constantFrom(0x61, 0x65, 0x6f, 0x75, 0x41, 0x4f, 0x20, 0x0a), fc.integer({ min: 0xc0, max: 0xff })), { maxLength: 64 }).map((a) => Uint8Array.from(a)),
);

describe('property: legacy bytes decode as their tables say', () => {
  for (const encoding of ['windows-1258', 'viscii', 'tcvn3', 'vps'] as const) {
    it(encoding, () => {
      fc.assert(
        fc.property(bytes, (b) => {
          expect(decode(b, { encoding }).text).toBe(byTable(b, BYTE_TABLES[encoding]).normalize('NFC'));
        }),
        { numRuns: 500 },
      );
    });
  }
  it('vni, letter pairs included', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(decode(b, { encoding: 'vni' }).text).toBe(decodeVniView(byTable(b, BYTE_TABLES['windows-1252'])).normalize('NFC'));
      }),
      { numRuns: 1000 },
    );
  });
});
