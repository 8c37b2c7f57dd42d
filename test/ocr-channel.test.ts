import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allSyllables, isValidSyllable } from '../src/orthography/index.js';
import {
  alignCharacters,
  countConfusions,
  editRuns,
  letterAccuracy,
  splitWord,
  type Confusion,
} from '../data/build/ocr/channel-counts.js';
import { sortedRows, tally } from '../data/build/ocr/count.js';

/** The error rows of a reading (everything but the counts of what the text holds). */
function errors(ref: string, ocr: string): string[] {
  return countConfusions(ref, ocr)
    .filter((c) => !c.cls.endsWith('-seen') && !(c.cls === 'syllable' && c.truth === 'ok'))
    .map((c) => `${c.cls}|${c.truth}|${c.printed}`)
    .sort();
}

function outcomes(confusions: Confusion[]): string[] {
  return confusions.filter((c) => c.cls === 'syllable').map((c) => c.truth);
}

describe('alignCharacters', () => {
  it('lines up a letter with the same letter under other marks', () => {
    const path = alignCharacters([...'tiếng'], [...'tiéng']);
    expect(path).toEqual([0, 1, 2, 3, 4].map((k) => [k, k]));
  });

  it('puts letters that are lost and added on their own side', () => {
    expect(alignCharacters([...'ban'], [...'bn'])).toEqual([[0, 0], [1, -1], [2, 1]]);
    expect(alignCharacters([...'bn'], [...'ban'])).toEqual([[0, 0], [-1, 1], [1, 2]]);
  });

  it('never pairs a space with a letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ă') }), fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ă') }), (a, b) => {
        const x = [...a];
        const y = [...b];
        const path = alignCharacters(x, y);
        expect(path.filter(([i]) => i >= 0).map(([i]) => i)).toEqual(x.map((_, k) => k));
        expect(path.filter(([, j]) => j >= 0).map(([, j]) => j)).toEqual(y.map((_, k) => k));
        for (const [i, j] of path) if (i >= 0 && j >= 0) expect(x[i] === ' ').toBe(y[j] === ' ');
      }),
    );
  });
});

describe('editRuns', () => {
  it('groups neighbouring edits into one confusion', () => {
    expect(editRuns([...'mua'], [...'rnua'])).toEqual([['m', 'rn']]);
    expect(editRuns([...'cuoc'], [...'cuoe'])).toEqual([['c', 'e']]);
    expect(editRuns([...'thuong'], [...'thung'])).toEqual([['o', '']]);
  });
});

describe('splitWord', () => {
  it('keeps punctuation apart from the letters', () => {
    expect(splitWord('“Nhà,')).toEqual({ lead: '“', core: 'Nhà', trail: ',' });
    expect(splitWord('...')).toEqual({ lead: '...', core: '', trail: '' });
  });
});

describe('countConfusions', () => {
  it('finds nothing wrong in a faithful reading', () => {
    expect(errors('Trời hôm nay trong xanh, gió nhẹ.', 'Trời  hôm nay\ntrong xanh, gió nhẹ.')).toEqual([]);
  });

  it('tells a changed tone from a changed vowel mark and from a valid or invalid result', () => {
    expect(errors('quả cam', 'qua cam')).toEqual(['markchar|ả|a', 'syllable|marks-valid|', 'tone|hỏi|ngang']);
    expect(errors('con đường', 'con duờng')).toEqual([
      'markchar|đ|d',
      'markchar|ư|u',
      'syllable|marks-invalid|',
      'vowelmark|đ|d',
      'vowelmark|ư|u',
    ]);
  });

  it('counts look-alike letters on the skeleton, with the mark changes beside them', () => {
    expect(errors('mưa rơi', 'rnua rơi')).toEqual([
      'letter|m|rn',
      'misread|mưa|rnua',
      'syllable|letters-invalid|',
      'vowelmark|ư|u',
    ]);
    expect(errors('cuốc đất', 'cuốe đất')).toEqual(['letter|c|e', 'misread|cuốc|cuốe', 'syllable|letters-invalid|']);
  });

  it('finds splits, merges, dropped and added words', () => {
    expect(errors('trường học', 'trư ờng học')).toEqual(['split|trường|trư ờng', 'syllable|split|']);
    expect(errors('con mèo đen', 'conmèo đen')).toEqual(['merge|con mèo|conmèo', 'syllable|merge|', 'syllable|merge|']);
    expect(errors('một hai ba', 'một ba')).toEqual(['drop|hai|', 'syllable|dropped|']);
    expect(errors('một hai', 'một ~ hai')).toEqual(['extra||~']);
  });

  it('compares the punctuation around each word', () => {
    expect(errors('Xin chào. Tạm biệt', 'Xin chào, Tạm biệt')).toEqual(['punct|.|,']);
    expect(errors('nói: "đi"', 'nói. “đi”')).toEqual(['punct|"|“', 'punct|"|”', 'punct|:|.']);
  });

  it('takes a word with its first letter in another case for a case change', () => {
    expect(outcomes(countConfusions('Hà Nội', 'hà Nội'))).toEqual(['case', 'ok']);
  });

  const syllables = allSyllables().filter((s) => s.length > 1);
  const text = fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
  const damage = fc.array(
    fc.record({ at: fc.nat(), op: fc.constantFrom('drop', 'space', 'join', 'letter', 'punct') }),
    { maxLength: 8 },
  );

  it('accounts for every syllable of the text exactly once, whatever the damage', () => {
    fc.assert(
      fc.property(text, damage, (ref, edits) => {
        const chars = [...ref];
        for (const { at, op } of edits) {
          if (chars.length === 0) break;
          const k = at % chars.length;
          if (op === 'drop') chars.splice(k, 1);
          else if (op === 'space') chars.splice(k, 0, ' ');
          else if (op === 'join' && chars[k] === ' ') chars.splice(k, 1);
          else if (op === 'letter') chars[k] = 'x';
          else chars.splice(k, 0, '.');
        }
        const found = countConfusions(ref, chars.join(''));
        const refSyllables = ref.split(' ').filter((w) => isValidSyllable(w)).length;
        expect(outcomes(found)).toHaveLength(refSyllables);
        if (chars.join('') === ref) expect(outcomes(found).every((o) => o === 'ok')).toBe(true);
      }),
    );
  });
});

describe('letterAccuracy', () => {
  it('counts letters printed as the same letter, marks aside', () => {
    expect(letterAccuracy('Đường xa', 'Duong xa')).toBe(1);
    expect(letterAccuracy('Đường xa', '')).toBe(0);
    expect(letterAccuracy('ba ba', 'ba bo')).toBe(0.75);
  });

  it('leaves an unreadable page out of the table', () => {
    const rows = sortedRows(tally([{ ref: 'mưa rơi', ocr: '~ ::', source: 's', settings: { model: 'Latin' } }]), 1);
    expect(rows).toEqual(['page\tunreadable\t\t0\t1\t0']);
  });
});

describe('the channel table', () => {
  it('sorts rows by class, falling count and text, and drops rare whole-word rows', () => {
    const pairs = [
      { ref: 'cá cá mưa', ocr: 'ca ca rnưa', source: 's', settings: { model: 'vie' } },
      { ref: 'cá', ocr: 'cà', source: 's', settings: { model: 'eng' } },
    ];
    const rows = sortedRows(tally(pairs), 2).filter((r) => !r.includes('-seen'));
    expect(rows).toEqual([
      'page\tser ≥50 %\t\t1\t0\t1',
      'syllable\tmarks-valid\t\t2\t0\t1',
      'syllable\tletters-invalid\t\t1\t0\t0',
      'tone\tsắc\tngang\t2\t0\t0',
      'tone\tsắc\thuyền\t0\t0\t1',
      'markchar\tá\ta\t2\t0\t0',
      'markchar\tá\tà\t0\t0\t1',
      'letter\tm\trn\t1\t0\t0',
    ]);
  });
});
