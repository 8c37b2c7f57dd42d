// Correct text of other languages that merely looks like mojibake or legacy-font text: `«%s»`
// (Catalan, Norwegian), `»%s«` (German, Slovenian), `på` (Swedish), `të` (Albanian). Legacy
// fonts and UTF-8 bytes shown through Windows-1252 make the same characters, and a legacy
// reading turns them into Vietnamese letters (`ỡ%sữ`, `pạ`, `tẻ`): such a reading must be
// earned by the Vietnamese it produces. Real mojibake and legacy text with such quotes and
// format directives must still be read.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode, encodingStage, runStages } from '../src/index.js';
import { asCp1252 } from './support/byte-views.js';

const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

/** `source<TAB>line` rows: the line. */
const linesOf = (tsv: string) =>
  tsv
    .split('\n')
    .filter(Boolean)
    .map((row) => row.slice(row.indexOf('\t') + 1));

/** Lines of other languages' catalogues chosen by `make-lookalike-lines.py` (see its README). */
const LOOKALIKE_LINES = linesOf(fixture('lookalike/lookalike-lines.tsv'));
/** Lines of the Vietnamese catalogues, with options, format directives and identifiers. */
const VIETNAMESE_LINES = linesOf(fixture('bilingual/gettext-catalogue-lines.tsv'));

const stage = encodingStage();
const repaired = (s: string) => runStages(s, [stage]).text;
const mojibake = (s: string) => asCp1252(new TextEncoder().encode(s));

describe('correct text that looks like mojibake or a legacy font', () => {
  it('catalogue lines of other languages come out byte-identical', () => {
    const changed = LOOKALIKE_LINES.filter((line) => stage.run(line).length > 0);
    expect(LOOKALIKE_LINES.length).toBeGreaterThan(400);
    expect(changed).toEqual([]);
  });

  // Words of many languages from the same lines, format directives and words between the
  // quotes of one pair, Latin-1 letters and symbols: in any order, no encoding edit.
  const words = [...new Set(LOOKALIKE_LINES.flatMap((line) => line.split(' ')).filter((w) => /^\p{L}[\p{L}’']*[.,:;!?]?$/u.test(w)))];
  const directives = ['%s', '%d', '%1$s', '%2$d', '%.250s', '%lu', '%zu', '%c', '0x%lx', '%-10s', '${name}', '{0}'];
  const quotes: Array<[string, string]> = [['«', '»'], ['»', '«'], ['„', '“'], ['„', '”'], ['‚', '‘'], ['“', '”'], ['‹', '›'], ['›', '‹'], ['”', '”'], ['« ', ' »']];
  const symbols = ['©2024', '°C', '25°C', '10 µm', '±0.5', '½', '¼', '§ 3', '¶', '€9.99', '£5', '¥', '×', '÷', '®', '™', 'm²', 'cm³', '‰', '†', '—', '…'];
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...words) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...quotes), fc.oneof(fc.constantFrom(...directives), fc.constantFrom(...words))).map(([[open, close], inner]) => open + inner + close) },
    { weight: 1, arbitrary: fc.constantFrom(...symbols) },
  );
  const line = fc.array(token, { minLength: 4, maxLength: 14 }).map((ts) => ts.join(' '));

  it('property: words of many languages, quoted directives, Latin-1 symbols: no encoding edit', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(stage.run(text)).toEqual([]);
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });
});

describe('real damage with such quotes and directives is still read', () => {
  // A directive or a word of the line between quotes of one pair, then the line as UTF-8
  // shown through Windows-1252.
  it('mojibake of Vietnamese catalogue lines with quoted directives and words', () => {
    const quoted = fc.tuple(fc.constantFrom(...VIETNAMESE_LINES), fc.constantFrom(...quotes()), fc.nat()).map(([text, [open, close], at]) => {
      const ws = text.split(' ');
      const k = at % ws.length;
      ws[k] = open + ws[k] + close;
      return ws.join(' ');
    });
    fc.assert(
      fc.property(quoted, (text) => {
        expect(repaired(mojibake(text))).toBe(text);
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  it('legacy fonts: lines of Vietnamese prose with format directives', () => {
    // Lines most of whose words are Vietnamese (lines of mostly code are no evidence for any
    // reader), written in each legacy font and shown through Windows-1252, where three words
    // or more look different (VISCII and VPS keep many letters at their Latin-1 places).
    const prose = VIETNAMESE_LINES.filter((text) => {
      const ws = text.split(' ').filter((w) => /\p{L}/u.test(w));
      const vietnamese = ws.filter((w) => /[à-ỹđ]/iu.test(w) && !/[_/=<>]/.test(w));
      return /%/.test(text) && !/[“”]/.test(text) && vietnamese.length >= 5 && vietnamese.length >= (2 * ws.length) / 3;
    });
    expect(prose.length).toBeGreaterThan(50);
    const shownIn = (text: string, encoding: string) => asCp1252(encode(text, encoding)!);
    for (const encoding of ['tcvn3', 'vni', 'viscii', 'vps', 'windows-1258']) {
      const damaged = prose.filter((text) => encode(text, encoding) && text.split(' ').filter((w) => shownIn(w, encoding) !== w).length >= 3);
      const read = damaged.filter((text) => repaired(shownIn(text, encoding)) === text);
      // A few lines of capitals and symbols (`[TÙY_CHỌN]…`) stay ambiguous for a legacy font.
      expect({ encoding, share: read.length / damaged.length >= 0.9 }).toEqual({ encoding, share: true });
    }
  });
});

function quotes(): Array<[string, string]> {
  return [['«', '»'], ['»', '«'], ['„', '“'], ['„', '”'], ['‚', '‘'], ['“', '”'], ['‹', '›']];
}
