import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidSyllable } from '../src/orthography/index.js';
import { scanTokens, tokenize, type Token, type TokenKind } from '../src/tokenize/index.js';

/** `kind:text` of every token that is not whitespace. */
function summary(line: string): string[] {
  return tokenize(line)
    .filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}:${t.text}`);
}

function checkCover(line: string, tokens: Token[]): void {
  let pos = 0;
  for (const t of tokens) {
    expect(t.start).toBe(pos);
    expect(t.end).toBeGreaterThan(t.start);
    expect(t.text).toBe(line.slice(t.start, t.end));
    pos = t.end;
  }
  expect(pos).toBe(line.length);
  expect(tokens.map((t) => t.text).join('')).toBe(line);
}

/** Strings of any UTF-16 code units, lone surrogates included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
  .map((units) => String.fromCharCode(...units));

/** Strings built from pieces that exercise every rule. */
const pieces = fc
  .array(
    fc.constantFrom(
      'Việt', 'NAM', 'vịc', 't6', 'H5N1', 'COVID', '-', '19', '28/8/2014', '1.000', '3,5', '.', ',',
      '/', '&', '@', 'a', 'b.c', 'x@y.vn', 'http://', 'www.', 'e\u0301', '\u0301', '\u200b', '\u00ad',
      ' ', '\u00a0', '\t', '😀', '\ud83d', '\ude00', '(', ')', '"', 'TW', 'ÐẠI', ':', '%',
    ),
    { maxLength: 30 },
  )
  .map((a) => a.join(''));

describe('tokenize covers the line exactly', () => {
  it('on arbitrary code units, lone surrogates included', () => {
    fc.assert(fc.property(codeUnits, (line) => checkCover(line, tokenize(line))), { numRuns: 2000 });
  });

  it('on full Unicode and on Vietnamese-like pieces', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (line) => checkCover(line, tokenize(line))));
    fc.assert(fc.property(pieces, (line) => checkCover(line, tokenize(line))), { numRuns: 2000 });
  });

  it('never splits a surrogate pair and keeps whitespace runs whole', () => {
    fc.assert(
      fc.property(pieces, (line) => {
        const tokens = tokenize(line);
        for (let k = 0; k < tokens.length; k++) {
          const t = tokens[k];
          const before = line.charCodeAt(t.start - 1);
          const first = line.charCodeAt(t.start);
          const pairSplit = before >= 0xd800 && before <= 0xdbff && first >= 0xdc00 && first <= 0xdfff;
          expect(pairSplit).toBe(false);
          if (k > 0) expect(t.kind === 'space' && tokens[k - 1].kind === 'space').toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives each kind only to text of that kind', () => {
    fc.assert(
      fc.property(pieces, (line) => {
        for (const t of tokenize(line)) {
          if (t.kind === 'syllable') expect(isValidSyllable(t.text)).toBe(true);
          if (t.kind === 'foreign' || t.kind === 'acronym') {
            expect(/^[\p{L}\p{M}]/u.test(t.text), t.text).toBe(true);
            if (!/\d/.test(t.text)) expect(isValidSyllable(t.text)).toBe(false);
          }
          if (t.kind === 'acronym') expect(t.text).toBe(t.text.toUpperCase());
          if (t.kind === 'number') expect(t.text).toMatch(/^\p{Nd}/u);
          if (t.kind === 'space') expect(t.text).toMatch(/^\s+$/u);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('scanTokens visits the same tokens and stops when asked', () => {
    fc.assert(
      fc.property(pieces, (line) => {
        const seen: Array<Omit<Token, 'text'>> = [];
        scanTokens(line, (kind, start, end) => {
          seen.push({ kind, start, end });
        });
        expect(seen).toEqual(tokenize(line).map(({ kind, start, end }) => ({ kind, start, end })));
        let visits = 0;
        scanTokens(line, () => {
          visits++;
          return false;
        });
        expect(visits).toBe(line.length > 0 ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });

  it('returns nothing for an empty line', () => {
    expect(tokenize('')).toEqual([]);
  });
});

describe('token kinds', () => {
  it.each<[string, string[]]>([
    ['Tiếng Việt', ['syllable:Tiếng', 'syllable:Việt']],
    ['VIỆT NAM', ['syllable:VIỆT', 'syllable:NAM']],
    ['vịc này', ['foreign:vịc', 'syllable:này']],
    ['the Beatles', ['syllable:the', 'foreign:Beatles']],
    ['Số 485-CV/VPĐUK', ['syllable:Số', 'number:485', 'punct:-', 'acronym:CV', 'punct:/', 'acronym:VPĐUK']],
    ['ngày 28/8/2014', ['syllable:ngày', 'number:28/8/2014']],
    ['1.000 và 3,5 lúc 10:30', ['number:1.000', 'syllable:và', 'number:3,5', 'syllable:lúc', 'number:10:30']],
    ['Sở TTTT&TV, CBNV, TW.', ['syllable:Sở', 'acronym:TTTT&TV', 'punct:,', 'acronym:CBNV', 'punct:,', 'acronym:TW', 'punct:.']],
    ['R&D', ['acronym:R&D']],
    ['t6 chic', ['foreign:t6', 'foreign:chic']],
    ['COVID-19 và H5N1', ['acronym:COVID', 'punct:-', 'number:19', 'syllable:và', 'acronym:H5N1']],
    ['5km, 1.000đ', ['number:5', 'foreign:km', 'punct:,', 'number:1.000', 'foreign:đ']],
    ['năm 2014.', ['syllable:năm', 'number:2014', 'punct:.']],
    ['xem https://vi.wikipedia.org/wiki/Hà_Nội.', ['syllable:xem', 'url:https://vi.wikipedia.org/wiki/Hà_Nội', 'punct:.']],
    ['(https://a.vn/x_(y))', ['punct:(', 'url:https://a.vn/x_(y)', 'punct:)']],
    ['WWW.ABC.VN, http://', ['url:WWW.ABC.VN', 'punct:,', 'foreign:http', 'punct::', 'punct:/', 'punct:/']],
    ['gửi a.b-c@so.gov.vn.', ['syllable:gửi', 'url:a.b-c@so.gov.vn', 'punct:.']],
    ['Theo VnExpress.net và chinhphu.gov.vn/tin-tuc.', ['syllable:Theo', 'url:VnExpress.net', 'syllable:và', 'url:chinhphu.gov.vn/tin-tuc', 'punct:.']],
    ['TP.HCM, v.v. và abc.comé', ['acronym:TP', 'punct:.', 'acronym:HCM', 'punct:,', 'foreign:v', 'punct:.', 'foreign:v', 'punct:.', 'syllable:và', 'foreign:abc', 'punct:.', 'foreign:comé']],
    ['a@b và @c', ['syllable:a', 'punct:@', 'foreign:b', 'syllable:và', 'punct:@', 'foreign:c']],
    ['Vie\u0302\u0323t', ['foreign:Vie\u0302\u0323t']],
    ['Việ\u200bt \u200bNam', ['foreign:Việ\u200bt', 'punct:\u200b', 'syllable:Nam']],
    ['ok 😀!', ['foreign:ok', 'punct:😀', 'punct:!']],
  ])('%s', (line, expected) => {
    expect(summary(line)).toEqual(expected);
  });

  it('treats every Unicode space as whitespace', () => {
    const spaces = ' \t\u00a0\u2002\u2009\u202f\u3000';
    const tokens = tokenize(`a${spaces}b`);
    expect(tokens.map((t) => t.kind)).toEqual<TokenKind[]>(['syllable', 'space', 'foreign']);
    expect(tokens[1].text).toBe(spaces);
  });

  it('handles lone surrogates as punctuation', () => {
    expect(summary('\ud800abc\udc00')).toEqual(['punct:\ud800', 'foreign:abc', 'punct:\udc00']);
  });

  it('stays linear on inputs that look almost like e-mail addresses or numbers', () => {
    const n = 200_000;
    expect(tokenize('a.'.repeat(n)).length).toBe(2 * n);
    expect(tokenize('1.'.repeat(n)).length).toBe(2);
    expect(tokenize('x'.repeat(n) + '@').length).toBe(2);
    expect(tokenize('ab.'.repeat(n)).length).toBe(2 * n);
    expect(tokenize('ab.'.repeat(n) + 'com').length).toBe(1);
    expect(tokenize('http:///'.repeat(n / 4)).length).toBe((n / 4) * 5);
    expect(tokenize('a\u200b'.repeat(n)).length).toBe(2); // one word, then the last ZWSP
  });
});

describe('tokenize on astral digits', () => {
  it('reads a number of astral digits as one token and always moves on', () => {
    const line = 'số \u{16B55}\u{16B56}.\u{16B57} và \u{1D7D8}';
    const tokens = tokenize(line);
    expect(tokens.map((t) => t.text).join('')).toBe(line);
    expect(tokens.find((t) => t.kind === 'number')?.text).toBe('\u{16B55}\u{16B56}.\u{16B57}');
  });
});
