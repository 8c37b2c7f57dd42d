import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allSyllables,
  applyCase,
  composeSyllable,
  isValidSyllable,
  parseSyllable,
  removeMarks,
  removeTone,
  setToneStyle,
  syllablesForSkeleton,
  toneOf,
  type SyllableParts,
} from '../src/orthography/index.js';
import { buildAutomaton, LETTER_LIMIT, type AutomatonData } from '../src/orthography/automaton.js';
import { generatedForms, syllableAutomaton } from '../src/orthography/syllable.js';

/** Every Vietnamese vowel in its six tones (ngang, huyền, sắc, hỏi, ngã, nặng), then đ. */
const LOWER_LETTERS =
  'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ';
const LOWER_PLAIN =
  'aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy d';
const LOWER_TONELESS =
  'aaaaaa ăăăăăă ââââââ eeeeee êêêêêê iiiiii oooooo ôôôôôô ơơơơơơ uuuuuu ưưưưưư yyyyyy đ';

const corpus = fileURLToPath(new URL('../../shared/corpus/dict/', import.meta.url));
const haveCorpus = existsSync(corpus + 'syllables.txt');

/**
 * Entries of the shared syllable list that the rules reject, with the reason. None at present:
 * the loan rhymes it contains (`gioăng`, `boong`, `buýt`) are part of the rules.
 */
const NON_STANDARD: Record<string, string> = {};

function parts(initial: string, medial: '' | 'o' | 'u', nucleus: string, final: string, tone: 0 | 1 | 2 | 3 | 4 | 5): SyllableParts {
  return { initial, medial, nucleus, final, tone };
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

describe('parseSyllable', () => {
  it.each([
    ['quốc', parts('qu', 'u', 'ô', 'c', 2)],
    ['quả', parts('qu', 'u', 'a', '', 3)],
    ['hòa', parts('h', 'o', 'a', '', 1)],
    ['hoà', parts('h', 'o', 'a', '', 1)],
    ['thuỷ', parts('th', 'u', 'y', '', 3)],
    ['khuỷu', parts('kh', 'u', 'y', 'u', 3)],
    ['nghiêng', parts('ngh', '', 'iê', 'ng', 0)],
    ['việt', parts('v', '', 'iê', 't', 5)],
    ['mía', parts('m', '', 'ia', '', 2)],
    ['mưa', parts('m', '', 'ưa', '', 0)],
    ['muốn', parts('m', '', 'uô', 'n', 2)],
    ['yên', parts('', '', 'yê', 'n', 0)],
    ['uyển', parts('', 'u', 'yê', 'n', 3)],
    ['khuya', parts('kh', 'u', 'ya', '', 0)],
    ['giữa', parts('gi', '', 'ưa', '', 4)],
    ['giả', parts('gi', '', 'a', '', 3)],
    ['gì', parts('gi', '', 'i', '', 1)],
    ['gìn', parts('gi', '', 'i', 'n', 1)],
    ['giếng', parts('gi', '', 'iê', 'ng', 2)],
    ['xoong', parts('x', '', 'oo', 'ng', 0)],
    ['moóc', parts('m', '', 'oo', 'c', 2)],
    ['thuở', parts('th', 'u', 'ơ', '', 3)],
    ['ngoẹo', parts('ng', 'o', 'e', 'o', 5)],
    ['ếch', parts('', '', 'ê', 'ch', 2)],
    ['đường', parts('đ', '', 'ươ', 'ng', 1)],
  ])('%s', (s, expected) => {
    expect(parseSyllable(s)).toEqual(expected);
    expect(parseSyllable(s.toUpperCase())).toEqual(expected);
    expect(parseSyllable(title(s))).toEqual(expected);
  });

  it('returns undefined for non-syllables', () => {
    for (const s of ['', 'ce', 'ngi', 'àc', 'xyz', 'việtt', 'hello', 'tiênh', 'q', 'a b']) {
      expect(parseSyllable(s)).toBeUndefined();
    }
  });
});

describe('composeSyllable', () => {
  it.each([
    // [parts, old style, new style]
    [parts('h', 'o', 'a', '', 1), 'hòa', 'hoà'],
    [parts('th', 'u', 'y', '', 3), 'thủy', 'thuỷ'],
    [parts('kh', 'o', 'e', '', 3), 'khỏe', 'khoẻ'],
    [parts('h', 'o', 'a', '', 2), 'hóa', 'hoá'],
    [parts('', 'u', 'y', '', 3), 'ủy', 'uỷ'],
    [parts('qu', 'u', 'a', '', 3), 'quả', 'quả'],
    [parts('qu', 'u', 'y', '', 2), 'quý', 'quý'],
    [parts('gi', '', 'a', '', 3), 'giả', 'giả'],
    [parts('gi', '', 'ưa', '', 4), 'giữa', 'giữa'],
    [parts('gi', '', 'i', '', 1), 'gì', 'gì'],
    [parts('h', 'o', 'a', 'n', 1), 'hoàn', 'hoàn'],
    [parts('h', 'o', 'a', 'i', 1), 'hoài', 'hoài'],
    [parts('ng', 'u', 'yê', 'n', 4), 'nguyễn', 'nguyễn'],
    [parts('m', '', 'ua', '', 1), 'mùa', 'mùa'],
    [parts('b', '', 'a', '', 0), 'ba', 'ba'],
  ])('%o', (p, old, neu) => {
    expect(composeSyllable(p)).toBe(old);
    expect(composeSyllable(p, 'old')).toBe(old);
    expect(composeSyllable(p, 'new')).toBe(neu);
  });

  it('round-trips every syllable, in both styles and all cases', () => {
    const all = allSyllables();
    expect(all.length).toBeGreaterThan(15000);
    expect(new Set(all).size).toBe(all.length);
    for (const s of all) {
      const p = parseSyllable(s);
      expect(p, s).toBeDefined();
      expect(composeSyllable(p!, 'old')).toBe(s);
      const neu = composeSyllable(p!, 'new');
      expect(parseSyllable(neu), neu).toEqual(p);
      for (const form of [s.toUpperCase(), title(s), neu.toUpperCase(), title(neu)]) {
        expect(isValidSyllable(form), form).toBe(true);
      }
    }
  });
});

describe('isValidSyllable', () => {
  it.each([
    // [valid, invalid]: c/k/q, g/gh, ng/ngh, gi, qu
    ['ke', 'ce'],
    ['kí', 'cí'],
    ['kỹ', 'cỹ'],
    ['kiến', 'ciến'],
    ['ca', 'ka'],
    ['cuộc', 'kuộc'],
    ['ghe', 'ge'],
    ['ghi', 'gy'],
    ['gà', 'ghà'],
    ['nghe', 'nge'],
    ['nghĩa', 'ngĩa'],
    ['ngà', 'nghà'],
    ['quả', 'qả'],
    ['quy', 'cuy'],
    ['quyết', 'kuyết'],
    ['gì', 'gìi'],
    ['giếng', 'gyếng'],
    // finals c ch p t take only sắc and nặng
    ['ác', 'àc'],
    ['ạch', 'ảch'],
    ['tập', 'tẫp'],
    ['mặt', 'mãt'],
    // rhymes
    ['anh', 'enh'],
    ['ênh', 'ânh'],
    ['ếch', 'ech'],
    ['ích', 'íc'],
    ['xoong', 'xoon'],
    ['moóc', 'mooc'],
    ['khuỷu', 'khuỷo'],
    ['ngoèo', 'ngoèu'],
    ['khuya', 'khuyo'],
    ['yên', 'iên'],
    ['tiên', 'tyên'],
    ['mưa', 'mươ'],
    ['hoàn', 'hòan'],
    ['giữa', 'gịa'],
    ['thuở', 'thủơ'],
  ])('%s is valid, %s is not', (valid, invalid) => {
    expect(isValidSyllable(valid)).toBe(true);
    expect(isValidSyllable(valid.toUpperCase())).toBe(true);
    expect(isValidSyllable(title(valid))).toBe(true);
    expect(isValidSyllable(invalid)).toBe(false);
    expect(isValidSyllable(invalid.toUpperCase())).toBe(false);
  });

  it('accepts both tone placements of open oa, oe, uy', () => {
    for (const s of ['hòa', 'hoà', 'khỏe', 'khoẻ', 'thủy', 'thuỷ', 'Hoà', 'THUỶ']) {
      expect(isValidSyllable(s), s).toBe(true);
    }
  });

  it('rejects decomposed text, two tones and foreign letters', () => {
    expect(isValidSyllable('việt'.normalize('NFD'))).toBe(false);
    expect(isValidSyllable('vìệt')).toBe(false);
    for (const s of ['fa', 'ja', 'wa', 'za', 'ba1', 'b a']) expect(isValidSyllable(s), s).toBe(false);
  });

  it('spells /k/ + glide qu, keeps gh and ngh off y, writes yê without an initial', () => {
    for (const s of ['coa', 'cuy', 'coắn', 'ghy', 'nghỷ', 'giuy', 'iên', 'iêu']) expect(isValidSyllable(s), s).toBe(false);
    for (const s of ['qua', 'quy', 'quắn', 'ghi', 'nghỉ', 'gioăng', 'yên', 'yêu', 'buýt', 'boong']) {
      expect(isValidSyllable(s), s).toBe(true);
    }
  });

  it.skipIf(!haveCorpus)(
    `accepts every entry of the shared syllable list${haveCorpus ? '' : ` (skipped: ${corpus} is absent)`}`,
    () => {
      const entries = readFileSync(corpus + 'syllables.txt', 'utf8').split('\n').filter(Boolean);
      expect(entries.length).toBeGreaterThan(7000);
      const rejected = entries.filter((s) => !isValidSyllable(s));
      expect(rejected.sort()).toEqual(Object.keys(NON_STANDARD).sort());
    },
  );

  it.skipIf(!haveCorpus)(
    `rejects every entry of the shared list of non-standard tokens${haveCorpus ? '' : ` (skipped: ${corpus} is absent)`}`,
    () => {
      const rows = readFileSync(corpus + 'syllables-nonstandard.tsv', 'utf8').split('\n').slice(1);
      const tokens = rows.map((r) => r.split('\t')[0]).filter(Boolean);
      expect(tokens.length).toBeGreaterThan(1000);
      expect(tokens.filter((s) => isValidSyllable(s))).toEqual([]);
    },
  );

  /** A valid syllable, and its parts. */
  const syllable = fc.constantFrom(...allSyllables()).map((s) => ({ s, p: parseSyllable(s)! }));

  it('rejects syllables broken by a spelling rule', () => {
    const broken = syllable.chain(({ s, p }) => {
      const variants: string[] = [];
      const rest = s.slice(p.initial.length);
      const front = /^[eêiy]/.test(rest);
      if (p.initial === 'k') variants.push('c' + rest);
      if (p.initial === 'c' && !front) variants.push('k' + rest);
      // ghi → gi is another valid syllable (gi + i), ghe → ge is not
      if (p.initial === 'gh' && removeMarks(rest)[0] !== 'i') variants.push('g' + rest);
      if (p.initial === 'ngh') variants.push('ng' + rest);
      if ((p.initial === 'g' || p.initial === 'ng') && !front) variants.push(p.initial + 'h' + rest);
      if (p.initial === 'qu') variants.push('q' + rest, 'ku' + rest);
      if (['c', 'ch', 'p', 't'].includes(p.final)) {
        for (const tone of [1, 3, 4] as const) variants.push(composeSyllable({ ...p, tone }));
      }
      if (p.tone !== 0) {
        // a second tone, on a vowel that has none
        const i = [...s].findIndex((c) => 'aăâeêioôơuưy'.includes(c));
        if (i >= 0) variants.push(s.slice(0, i) + (s[i] + '\u0301').normalize('NFC') + s.slice(i + 1));
      }
      variants.push(s + 'x', 'f' + s);
      return fc.constantFrom(...variants);
    });
    fc.assert(
      fc.property(broken, (b) => {
        expect(isValidSyllable(b), b).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only strings that compose back from their parts', () => {
    const letters = [...'abcdeghiklmnopqrstuvxyđ', ...LOWER_LETTERS.replace(/ /g, '')];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
    fc.assert(
      fc.property(word, (w) => {
        const p = parseSyllable(w);
        if (p === undefined) {
          expect(isValidSyllable(w)).toBe(false);
          return;
        }
        expect([composeSyllable(p, 'old'), composeSyllable(p, 'new')]).toContain(w);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('syllablesForSkeleton', () => {
  it('lists việt and viết for viet, all valid and with that skeleton', () => {
    const list = syllablesForSkeleton('viet');
    expect(list).toContain('việt');
    expect(list).toContain('viết');
    for (const s of list) {
      expect(isValidSyllable(s), s).toBe(true);
      expect(removeMarks(s)).toBe('viet');
    }
    expect(syllablesForSkeleton('VIET')).toEqual(list);
  });

  it('includes đ forms and every tone of an open syllable', () => {
    const list = syllablesForSkeleton('do');
    for (const s of ['do', 'dò', 'đó', 'đỏ', 'đỗ', 'độ', 'dơ', 'đổ', 'đợ']) expect(list).toContain(s);
  });

  it('is empty for a skeleton with no syllable', () => {
    expect(syllablesForSkeleton('xyz')).toEqual([]);
    expect(syllablesForSkeleton('')).toEqual([]);
  });

  it('finds every syllable under its own skeleton', () => {
    for (const s of allSyllables()) expect(syllablesForSkeleton(removeMarks(s))).toContain(s);
  });
});

describe('removeMarks, removeTone, toneOf', () => {
  const upper = (s: string) => s.toUpperCase();

  it('the test tables are NFC and line up', () => {
    expect(LOWER_LETTERS.normalize('NFC')).toBe(LOWER_LETTERS);
    expect(LOWER_LETTERS.length).toBe(LOWER_PLAIN.length);
    expect(LOWER_LETTERS.length).toBe(LOWER_TONELESS.length);
  });

  it('removeMarks strips every Vietnamese letter to ASCII, keeping case', () => {
    expect(removeMarks(LOWER_LETTERS)).toBe(LOWER_PLAIN);
    expect(removeMarks(upper(LOWER_LETTERS))).toBe(upper(LOWER_PLAIN));
    expect(removeMarks('Tiếng Việt có dấu')).toBe('Tieng Viet co dau');
    expect(removeMarks('ĐẠI HỌC')).toBe('DAI HOC');
  });

  it('removeMarks handles decomposed text and other Latin letters, leaves the rest alone', () => {
    expect(removeMarks('Tiếng Việt'.normalize('NFD'))).toBe('Tieng Viet');
    expect(removeMarks('mañana, Ærø, naïve')).toBe('manana, Ærø, naive');
    expect(removeMarks('plain ASCII 123, 한국어, 😀')).toBe('plain ASCII 123, 한국어, 😀');
    expect(removeMarks('lone \ud800 surrogate, Ǆ')).toBe('lone \ud800 surrogate, Ǆ');
  });

  it('handles long lines the same way as short ones', () => {
    const piece = 'Tiếng Việt \ud800 e\u0301 ĐẠI ';
    const long = piece.repeat(1000);
    expect(removeMarks(long)).toBe(removeMarks(piece).repeat(1000));
    expect(removeTone(long)).toBe(removeTone(piece).repeat(1000));
    expect(removeMarks(long)).toContain('Tieng Viet \ud800 e DAI ');
  });

  it('removeTone keeps the vowel marks and đ', () => {
    expect(removeTone(LOWER_LETTERS)).toBe(LOWER_TONELESS);
    expect(removeTone(upper(LOWER_LETTERS))).toBe(upper(LOWER_TONELESS));
    expect(removeTone('Người Việt'.normalize('NFD')).normalize('NFC')).toBe('Ngươi Viêt');
  });

  it('toneOf reads the tone of each vowel', () => {
    const groups = LOWER_LETTERS.split(' ').slice(0, 12);
    for (const group of groups) {
      [...group].forEach((ch, tone) => {
        expect(toneOf(ch)).toBe(tone);
        expect(toneOf(ch.toUpperCase())).toBe(tone);
        expect(toneOf('t' + ch + 'n'.normalize('NFD'))).toBe(tone);
      });
    }
    expect(toneOf('Việt'.normalize('NFD'))).toBe(5);
    expect(toneOf('hello')).toBe(0);
  });

  it('removeMarks is idempotent and never changes the length of NFC Vietnamese text', () => {
    const text = fc.array(fc.constantFrom(...[...LOWER_LETTERS], ...'bcdg hkl,.'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const plain = removeMarks(t);
        expect(plain.length).toBe(t.length);
        expect(removeMarks(plain)).toBe(plain);
        expect(removeMarks(removeTone(t))).toBe(plain);
        expect(toneOf(removeTone(t))).toBe(0);
      }),
    );
  });
});

describe('setToneStyle', () => {
  it('moves the tone of open oa, oe, uy and nothing else', () => {
    expect(setToneStyle('Hòa bình, THỦY lợi, khỏe, quả, hoàn', 'new')).toBe('Hoà bình, THUỶ lợi, khoẻ, quả, hoàn');
    expect(setToneStyle('Hoà bình, THUỶ lợi, khoẻ, quả, hoàn', 'old')).toBe('Hòa bình, THỦY lợi, khỏe, quả, hoàn');
    expect(setToneStyle('Hòa bình', 'old')).toBe('Hòa bình');
  });

  it('round-trips every syllable in every case', () => {
    for (const s of allSyllables()) {
      for (const form of [s, s.toUpperCase(), title(s)]) {
        const neu = setToneStyle(form, 'new');
        expect(setToneStyle(neu, 'old')).toBe(form);
        expect(setToneStyle(neu, 'new')).toBe(neu);
        expect(parseSyllable(neu)).toEqual(parseSyllable(form));
      }
    }
  });

  it('restyles text made of syllables in any case, and nothing else', () => {
    const syllables = allSyllables().filter((x) => /[oòóỏõọuùúủũụ][aàáảãạeèéẻẽẹyỳýỷỹỵ]$/.test(x));
    const word = fc.tuple(fc.constantFrom(...syllables), fc.constantFrom<'lower' | 'upper' | 'title'>('lower', 'upper', 'title'), fc.boolean())
      .map(([w, c, neu]) => {
        const styled = neu ? composeSyllable(parseSyllable(w)!, 'new') : w;
        return c === 'lower' ? styled : c === 'upper' ? styled.toUpperCase() : title(styled);
      });
    const text = fc.array(fc.oneof(word, fc.constantFrom(' ', ', ', 'x', '1', '😀', 'qu')), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const old = setToneStyle(t, 'old');
        const neu = setToneStyle(t, 'new');
        expect(setToneStyle(neu, 'old')).toBe(old);
        expect(setToneStyle(old, 'new')).toBe(neu);
        expect(removeTone(neu)).toBe(removeTone(t));
        for (const w of neu.split(/[^\p{L}]+/u).filter((x) => isValidSyllable(x))) {
          const p = parseSyllable(w)!;
          expect(w.toLowerCase()).toBe(composeSyllable(p, 'new'));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves a pair whose word goes on with a combining mark', () => {
    // `ỹ` + hook above is no syllable; moving the tone would leave the hook on a bare `y`.
    expect(setToneStyle('uỹ\u0309 hoà', 'old')).toBe('uỹ\u0309 hòa');
    expect(setToneStyle('hoa\u0301', 'new')).toBe('hoa\u0301');
    expect(setToneStyle('a\u0301hoà', 'old')).toBe('a\u0301hoà');
  });

  it('keeps NFC text NFC', () => {
    const piece = fc.constantFrom(...'uUyYoOaAeEhtq ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'ù', 'ú', 'ò', 'à', 'è', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323', '\u0302', '\u031B');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((a) => a.join('').normalize('NFC')), fc.constantFrom<'old' | 'new'>('old', 'new'), (t, style) => {
        const out = setToneStyle(t, style);
        expect(out.normalize('NFC')).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it('only ever moves tone marks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom<'old' | 'new'>('old', 'new'), (t, style) => {
        const out = setToneStyle(t, style);
        expect(out.length).toBe(t.length);
        expect(removeTone(out)).toBe(removeTone(t));
      }),
    );
  });
});

describe('applyCase', () => {
  it.each([
    ['việt', 'NAM', 'nam'],
    ['VIỆT', 'nam', 'NAM'],
    ['Việt', 'nAM', 'Nam'],
    ['A', 'anh', 'Anh'],
    ['TW', 'đảng', 'ĐẢNG'],
    ['iPhone', 'abcdef', 'aBcdef'],
    ['123', 'Đâu', 'đâu'],
  ])('%s onto %s', (pattern, s, expected) => {
    expect(applyCase(pattern, s)).toBe(expected);
  });
});

/** The TypeScript source of `src/orthography/automaton-data.ts` for an automaton. */
function numberLines(numbers: readonly number[], perLine: number): string {
  const lines: string[] = [];
  for (let k = 0; k < numbers.length; k += perLine) lines.push('    ' + numbers.slice(k, k + perLine).join(', ') + ',');
  return lines.join('\n');
}

function automatonSource(data: AutomatonData): string {
  return `// Generated from the spelling rules in rules.ts by test/orthography.test.ts; do not edit.
// After changing the rules, regenerate with: npx vitest run test/orthography.test.ts -u
import type { AutomatonData } from './automaton.js';

/** The minimal automaton of every valid syllable, both tone styles (see automaton.ts). */
export const SYLLABLE_AUTOMATON: AutomatonData = {
  letters: ${JSON.stringify(data.letters)},
  accepting: [
${numberLines(data.accepting, 24)}
  ],
  // state, letter, next
  transitions: [
${numberLines(data.transitions, 24)}
  ],
};
`;
}

describe('the stored syllable automaton', () => {
  it('is the one the rules generate (after changing the rules, run this file with -u)', async () => {
    const source = automatonSource(buildAutomaton(generatedForms()));
    await expect(source).toMatchFileSnapshot('../src/orthography/automaton-data.ts');
  });

  it('reads every letter in any case as its lower case', () => {
    const { letterOf } = syllableAutomaton();
    const wrong: string[] = [];
    for (let code = 0; code < LETTER_LIMIT; code++) {
      const lower = String.fromCharCode(code).toLowerCase();
      const expected = lower.length === 1 && lower.charCodeAt(0) < LETTER_LIMIT ? letterOf[lower.charCodeAt(0)] : 0;
      if (letterOf[code] !== expected) wrong.push(String.fromCharCode(code));
    }
    expect(wrong).toEqual([]);
    expect(letterOf['Đ'.charCodeAt(0)]).toBe(letterOf['đ'.charCodeAt(0)]);
    expect(letterOf['đ'.charCodeAt(0)]).toBeGreaterThan(0);
  });
});
