/**
 * Correct text of software localisations comes out unchanged: search terms written both with
 * and without their marks (`quản lý dấu trang, quan ly dau trang`), and menu items whose access
 * key the toolkit marks inside a word (`Nằm ng~ang`, `Đón&g`, `Cắ_t`). The lines are real
 * (Debian's Firefox and LibreOffice Vietnamese localisations, see `fixtures/l10n/README.md`); the
 * properties build the same shapes from real Vietnamese sentences.
 */
import './support/fast-check-seed.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { helpSentences } from './support/sentences.js';

/** `source \t key \t line`. */
const L10N_LINES = readFileSync(new URL('./fixtures/l10n/l10n-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((row) => row !== '' && !row.startsWith('#'))
  .map((row) => {
    const [source, key, line] = row.split('\t');
    return { source, key, line };
  });

const MARKED = /[\u00c0-\u1ef9]/u;

/**
 * Phrases of 2–6 words of real Vietnamese sentences, with two words with marks or more, that
 * `fix` leaves alone on their own (the help has a typo or two).
 */
const PHRASES = helpSentences(20, 160)
  .flatMap((sentence) => sentence.split(/[,.:;?!()"“”]\s*/))
  .map((phrase) => phrase.trim().toLowerCase())
  .filter((phrase) => {
    const words = phrase.split(' ');
    return words.length >= 2 && words.length <= 6 && words.filter((w) => MARKED.test(w)).length >= 2 && !/[\d/<>]/.test(phrase);
  })
  .filter((phrase) => fix(phrase).text === phrase);

describe('software localisations', () => {
  it('has lines of both kinds', () => {
    expect(L10N_LINES.filter((l) => l.source === 'both-ways').length).toBeGreaterThanOrEqual(20);
    expect(L10N_LINES.filter((l) => l.source === 'access-key').length).toBeGreaterThanOrEqual(20);
    expect(PHRASES.length).toBeGreaterThan(50);
  });

  it('keeps every real line as written (only Unicode composition may change)', () => {
    const changed = L10N_LINES.filter(({ line }) => fix(line).text !== line.normalize('NFC')).map(({ key, line }) => `${key}: ${line} → ${fix(line).text}`);
    expect(changed).toEqual([]);
  });

  it('keeps search terms written both with and without their marks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PHRASES), { minLength: 2, maxLength: 4 }), (phrases) => {
        const line = phrases.flatMap((p) => [p, stripDiacritics(p)]).join(', ');
        expect(fix(line).text).toBe(line);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the pieces of a word split by an access key as written', () => {
    const sentences = helpSentences(20, 120);
    fc.assert(
      fc.property(fc.constantFrom(...sentences), fc.nat(), fc.constantFrom('~', '&', '_'), (sentence, at, key) => {
        // After a letter inside a word of the sentence, not its last.
        const places: number[] = [];
        for (let i = 1; i < sentence.length; i++) if (/\p{L}/u.test(sentence[i - 1]) && /\p{L}/u.test(sentence[i])) places.push(i);
        fc.pre(places.length > 0);
        const i = places[at % places.length];
        const line = sentence.slice(0, i) + key + sentence.slice(i);
        // The sentence may have damage of its own elsewhere: only the marked word must stay.
        const out = fix(line).text;
        const wordStart = line.lastIndexOf(' ', i) + 1;
        const wordEnd = line.indexOf(' ', i) < 0 ? line.length : line.indexOf(' ', i);
        expect(out).toContain(line.slice(wordStart, wordEnd));
      }),
      { numRuns: 300 },
    );
  });
});
