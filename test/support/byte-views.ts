/** Bytes shown as a single-byte charset would show them: how mojibake is made in the tests. */
import { CP1252 } from '../../src/encoding/tables/single-byte.js';

/** Bytes shown as Windows-1252 (undefined bytes as C1 controls, as browsers do). */
export function asCp1252(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += CP1252[b];
  return s;
}

/** Bytes shown as ISO-8859-1. */
export function asLatin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** The Windows-1252 byte of each character it shows (see {@link asCp1252}). */
export const CP1252_BYTE_OF: ReadonlyMap<string, number> = new Map([...CP1252].map((ch, b) => [ch, b] as const));
