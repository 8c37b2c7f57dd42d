/**
 * Damaged text for the benchmarks, made at run time from clean text by encoding it (nothing
 * damaged is stored): UTF-8 bytes shown as Windows-1252, and legacy-font bytes shown the same way.
 */
import { encode } from '../src/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';

/** Bytes shown as Windows-1252, the way a browser shows them (undefined bytes as C1 controls). */
export function asCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    let s = '';
    for (const b of bytes.subarray(i, i + 8192)) s += CP1252[b];
    parts.push(s);
  }
  return parts.join('');
}

/** `text` as mojibake: its UTF-8 bytes shown as Windows-1252 (`Tiếng` → `Tiáº¿ng`). */
export function mojibake(text: string): string {
  return asCp1252(new TextEncoder().encode(text));
}

/** `text` typed in a legacy font and shown as Windows-1252, line by line (`Tiếng` → `TiÕng` in TCVN3). */
export function legacyFont(text: string, encoding: 'tcvn3' | 'vni' | 'viscii' | 'vps' | 'windows-1258'): string {
  return text
    .split('\n')
    .map((line) => {
      const bytes = encode(line, encoding);
      return bytes ? asCp1252(bytes) : line;
    })
    .join('\n');
}
