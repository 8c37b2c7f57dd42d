import fc from 'fast-check';
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fix } from '../src/index.js';
import { asCp1252 } from './support/byte-views.js';
import { KNOWN_SYLLABLES } from './support/sentences.js';
const mojibake = (s: string) => asCp1252(new TextEncoder().encode(s));
const MARKED = KNOWN_SYLLABLES.filter((s) => /[^\x00-\x7f]/.test(s) && s.length >= 2);
const marked = fc.tuple(fc.constantFrom(...MARKED), fc.boolean()).map(([w, t]) => (t ? w[0].toUpperCase() + w.slice(1) : w));
const phrase = fc.array(marked, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
it('x', () => {
  const seen: string[] = [];
  const bad: string[] = [];
  fc.assert(fc.property(phrase, (words) => {
    const line = `    "${mojibake(words)}": "${words}",`;
    seen.push(line);
    const out = fix(line).text;
    if (out !== line) { bad.push(line + ' => ' + out); }
    return true;
  }), { numRuns: 300, seed: 42 });
  writeFileSync('/tmp/seen.txt', seen.join('\n')); writeFileSync('/tmp/bad.txt', bad.join('\n'));
});
