/** Material of the tests of correct text that looks like mojibake. */
import { CP1252 } from '../../src/encoding/tables/single-byte.js';
import { defaultModel } from '../../src/model/index.js';
import { allSyllables } from '../../src/orthography/index.js';

const model = defaultModel();

/** Characters Windows-1252 shows for continuation bytes (0x80-0xBF) that `keep` accepts. */
export function continuationCharacters(keep: (ch: string) => boolean): string[] {
  return [...CP1252].filter((ch, b) => b >= 0x80 && b <= 0xbf && keep(ch));
}

/** Syllables the model knows, of two letters or more, in capitals, whose last letter `lastLetter` accepts. */
export function capitalSyllables(lastLetter: (ch: string) => boolean): string[] {
  return allSyllables()
    .filter((s) => s.length >= 2 && model.has(s))
    .map((s) => s.toUpperCase())
    .filter((s) => lastLetter(s[s.length - 1]));
}

/** Syllables the model knows, of two letters or more, with a letter outside ASCII. */
export const MARKED_SYLLABLES = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));
