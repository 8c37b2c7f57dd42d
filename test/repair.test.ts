import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, repairStage, simulateDamage, stripDiacritics } from '../src/index.js';
import { lineMode } from '../src/repair/index.js';
import type { StageEdit } from '../src/index.js';

/** Syllable (whitespace token) edit distance, as the dev-set scorer counts it. */
function tokenDistance(a: string, b: string): number {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

function tokenCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** Sentences written for these tests (ordinary news and everyday prose). */
const SENTENCES = [
  'Hôm nay trời đẹp, chúng tôi đi chơi ở công viên gần nhà.',
  'Người dân trong xã đã tham gia đầy đủ các buổi họp về việc xây dựng trường học mới.',
  'Chính phủ vừa ban hành quy định mới về quản lý thị trường bất động sản.',
  'Những câu chuyện xúc động về các chiến sĩ đã được kể lại trong buổi gặp mặt.',
  'Cô giáo hướng dẫn học sinh cách bảo vệ môi trường và tiết kiệm nước.',
  'Theo báo cáo của Bộ Y tế, số ca mắc bệnh trong tuần qua đã giảm đáng kể.',
  'Anh ấy làm việc tại một công ty phần mềm ở thành phố Hồ Chí Minh.',
  'Đội tuyển bóng đá quốc gia sẽ thi đấu trận tiếp theo vào cuối tháng này.',
  'Các nhà khoa học cho biết nhiệt độ trung bình của trái đất đang tăng lên.',
  'Bà con nông dân rất vui vì năm nay được mùa lúa và giá bán cũng tăng.',
];

describe('diacritic restoration', () => {
  it('restores the marks of sentences typed without them', () => {
    let errors = 0;
    let total = 0;
    for (const s of SENTENCES) {
      const out = fix(stripDiacritics(s)).text;
      errors += tokenDistance(out, s);
      total += tokenCount(s);
    }
    // Syllable accuracy of at least 90% on plain prose.
    expect(errors / total).toBeLessThan(0.1);
  });

  it('restores the tones of sentences typed without tones', () => {
    let errors = 0;
    let total = 0;
    for (const s of SENTENCES) {
      const out = fix(stripDiacritics(s, 'tones')).text;
      errors += tokenDistance(out, s);
      total += tokenCount(s);
    }
    expect(errors / total).toBeLessThan(0.1);
  });

  it('restores a plain example and explains it', () => {
    const result = fix('Tieng Viet la ngon ngu chinh thuc cua Viet Nam.');
    expect(result.text).toBe('Tiếng Việt là ngôn ngữ chính thức của Việt Nam.');
    for (const e of result.edits) {
      expect(e.kind).toBe('diacritics');
      expect(e.confidence).toBeGreaterThanOrEqual(0.5);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('never puts marks on English words, lexicon names, URLs, code or acronyms', () => {
    const input =
      'Toi dung Facebook va Google moi ngay, xem https://example.com/tin-tuc va goi ham parseInt tren API cua WHO cung Bao Ngoc.';
    const result = fix(input, { lexicon: ['Bao Ngoc'] });
    for (const keep of ['Facebook', 'Google', 'https://example.com/tin-tuc', 'parseInt', 'API', 'WHO', 'Bao Ngoc']) {
      expect(result.text).toContain(keep);
    }
    expect(result.text).toContain('mỗi ngày');
    // English prose full of words that spell Vietnamese syllables (`to`, `so`, `may`, `the`):
    // the project's own licence, as it is and with each paragraph on one line.
    const licence = readFileSync(new URL('../LICENSE', import.meta.url), 'utf8');
    expect(fix(licence).edits).toEqual([]);
    expect(fix(licence.replace(/(?<!\n)\n(?!\n)/g, ' ')).edits).toEqual([]);
    expect(fix(licence.replace(/(?<!\n)\n(?!\n)/g, ' '), { diacritics: true }).edits).toEqual([]);
    expect(fix('const value = items.map((item) => item.name).join(", ");').edits).toEqual([]);
  });

  it('can be switched off', () => {
    const input = 'Tieng Viet la ngon ngu chinh thuc cua Viet Nam.';
    expect(fix(input, { diacritics: false }).text).toBe(input);
    expect(fix(input, { repair: false }).text).toBe(input);
  });
});

describe('OCR repair', () => {
  it('joins a split syllable whose halves already spell the word, marks and all', () => {
    const { text, edits } = fix('Nhữ ng chuyến xe đượ c chở đầy hàng hóa về thành phố.');
    expect(text).toBe('Những chuyến xe được chở đầy hàng hóa về thành phố.');
    expect(edits.map((e) => [e.before, e.after, e.kind])).toEqual([
      ['Nhữ ng', 'Những', 'split'],
      ['đượ c', 'được', 'split'],
    ]);
  });

  it('joins an onset cut off the front of a syllable, and only as written', () => {
    const { text, edits } = fix('Doanh nghiệp đang mở rộng thị t rường xuất khẩu sang châu Âu.');
    expect(text).toBe('Doanh nghiệp đang mở rộng thị trường xuất khẩu sang châu Âu.');
    expect(edits.map((e) => [e.before, e.after, e.kind])).toEqual([['t rường', 'trường', 'split']]);
    // `v` + `tế` spells no syllable: no near miss (`về`) is made of it.
    expect(fix('Bệnh viện thiếu nguồn cung ôxy v tế, nhiều ca nguy kịch.').text).toContain('v tế');
  });

  it('leaves loanwords in Vietnamese spelling and the words around them alone', () => {
    for (const line of [
      'Đoàn thám hiểm đi thêm vài kilômet nữa thì đèn ăcqui yếu dần, cửa hang vẫn ở phía trước.',
      'Xe ôtô chở ximăng và bêtông đến công trường từ sáng sớm.',
    ]) {
      expect(fix(line).edits, line).toEqual([]);
    }
  });

  it('reads wrong-language OCR back into Vietnamese', () => {
    const { text } = fix('Ngoai ra, cac hoat dong t6 chic cua chung toi dudng nhu khong danh cho khach.');
    expect(text).toContain('tổ chức của chúng tôi');
    expect(text).toContain('hoạt động');
  });

  it('labels edits by the damage they repair', () => {
    const stage = repairStage();
    const line = 'những câu chuyể n xúc đố ng về vịc thực hiện';
    const edits: StageEdit[] = stage.run(line);
    const kinds = new Map(edits.map((e) => [line.slice(e.start, e.end), e.kind]));
    expect(kinds.get('chuyể n')).toBe('split');
    expect(kinds.get('đố ng')).toBe('split');
    expect(kinds.get('vịc')).toBe('spelling');
    for (const e of edits) {
      expect(e.confidence).toBeGreaterThan(0.5);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('keeps a change only above minConfidence', () => {
    const line = 'những câu chuyể n xúc đố ng về vịc thực hiện';
    expect(fix(line, { minConfidence: 1.01 }).text).toBe(line);
  });
});

describe('do no harm', () => {
  it('leaves clean sentences unchanged and finds no damage in them', () => {
    for (const s of SENTENCES) {
      expect(lineMode(s, () => true)).toBeUndefined();
      expect(fix(s).edits).toEqual([]);
    }
  });

  it('takes a consonant after a word naming a letter for the letter, not a cut-off final', () => {
    const line = 'Trong tiếng Việt, chữ c ở cuối một âm tiết đọc khác với chữ ch ở đầu, và vần nh cũng vậy.';
    expect(lineMode(line, () => true)).toBeUndefined();
    expect(fix(line).edits).toEqual([]);
    // Elsewhere the same consonant is still a piece cut off the word before it.
    expect(lineMode('những câu chuyể n xúc động', () => true)?.ocr).toBe(true);
  });

  it('leaves text made of frequent syllables with names and numbers unchanged', () => {
    const words = ['của', 'và', 'các', 'có', 'những', 'được', 'trong', 'cho', 'người', 'này', 'năm', 'với'];
    const extras = ['Hà Nội', 'COVID-19', 'iPhone', '2024', 'UNESCO', 'Samsung', 'https://vnexpress.net'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.constantFrom(...extras) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (parts) => {
          const line = parts.join(' ') + '.';
          expect(fix(line).text).toBe(line);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('protects lexicon entries exactly as written', () => {
    const line = 'Ông Nguyen Van Kiet la giam doc cong ty tai Ha Noi.';
    const out = fix(line, { lexicon: ['Nguyen Van Kiet'] }).text;
    expect(out).toContain('Nguyen Van Kiet');
    expect(out).toContain('giám đốc công ty');
  });
});

describe('properties with simulated damage', () => {
  const sentence = fc.constantFrom(...SENTENCES);
  const text = fc.array(sentence, { minLength: 2, maxLength: 4 }).map((s) => s.join(' '));

  it('brings damaged text no further from the clean text, on average', () => {
    let before = 0;
    let after = 0;
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 1_000_000 }), (clean, seed) => {
        const damaged = simulateDamage(clean, { rate: 0.1, seed });
        before += tokenDistance(damaged, clean);
        after += tokenDistance(fix(damaged).text, clean);
      }),
      { numRuns: 60 },
    );
    expect(after).toBeLessThanOrEqual(before);
  });

  it('never changes the clean text itself', () => {
    fc.assert(
      fc.property(text, (clean) => {
        expect(fix(clean).text).toBe(clean);
      }),
      { numRuns: 30 },
    );
  });

  it('is idempotent on repaired text', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 1_000_000 }), (clean, seed) => {
        const once = fix(simulateDamage(clean, { rate: 0.15, seed })).text;
        expect(fix(once).text).toBe(once);
      }),
      { numRuns: 40 },
    );
  });

  it('simulates each kind of damage deterministically', () => {
    const clean = SENTENCES.join(' ');
    for (const kind of ['split', 'drop', 'merge', 'tone', 'mark', 'ascii'] as const) {
      const a = simulateDamage(clean, { rate: 0.3, seed: 7, kinds: [kind] });
      expect(a).not.toBe(clean);
      expect(simulateDamage(clean, { rate: 0.3, seed: 7, kinds: [kind] })).toBe(a);
    }
  });
});

describe('diacritics option', () => {
  it('restores short unmarked lines only when asked to', () => {
    const short = 'Xin chao cac ban';
    expect(fix(short).text).toBe(short);
    expect(fix(short, { diacritics: true }).text).toBe('Xin chào các bạn');
  });
});

describe('ocr option', () => {
  // `nãy` is a valid syllable (`lúc nãy`), so the line shows no damage of its own.
  const line = 'Anh ấy nói rằng việc nãy rất quan trọng với gia đình.';

  it('looks for wrong but valid words in lines without other damage only when told the text is OCR output', () => {
    expect(fix(line).text).toBe(line);
    const { text, edits } = fix(line, { ocr: true });
    expect(text).toBe('Anh ấy nói rằng việc này rất quan trọng với gia đình.');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ before: 'nãy', after: 'này', kind: 'diacritics' });
    expect(edits[0].confidence).toBeGreaterThan(0.5);
  });

  it('doubts the marks of such lines, and a capitalised word inside a sentence (a name, most likely) only on more evidence', () => {
    expect(fix('Chúng tôi đã mua một chiếc táu mới.', { ocr: true }).text).toBe('Chúng tôi đã mua một chiếc tàu mới.');
    const lower = fix('Anh ấy nói rằng việc nãy rất quan trọng với gia đình.', { ocr: true }).edits;
    const title = fix('Anh ấy nói rằng việc Nãy rất quan trọng với gia đình.', { ocr: true }).edits;
    expect(lower.map((e) => e.after)).toEqual(['này']);
    expect(title.length).toBeLessThanOrEqual(1);
    if (title.length === 1) expect(title[0].confidence).toBeLessThan(lower[0].confidence);
  });

  it('still leaves the test sentences as they are', () => {
    for (const s of SENTENCES) expect(fix(s, { ocr: true }).text).toBe(s);
  });

  it('is idempotent on text with wrong marks and tones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const damaged = simulateDamage(SENTENCES.join('\n'), { rate: 0.15, seed, kinds: ['tone', 'mark'] });
        const once = fix(damaged, { ocr: true }).text;
        expect(fix(once, { ocr: true }).text).toBe(once);
      }),
      { numRuns: 15 },
    );
  });
});
