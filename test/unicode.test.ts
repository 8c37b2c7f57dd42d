import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../src/edits.js';
import type { StageEdit } from '../src/types.js';
import { unicodeStage } from '../src/unicode/index.js';

const stage = unicodeStage({});

/** The stage's output for one line, checked to be consistent with its edits. */
function run(line: string, s = stage): { text: string; edits: StageEdit[] } {
  if (s.mayApply && !s.mayApply(line)) return { text: line, edits: [] };
  const edits = s.run(line);
  let last = 0;
  for (const e of edits) {
    expect(e.start).toBeGreaterThanOrEqual(last);
    expect(e.end).toBeGreaterThanOrEqual(e.start);
    last = e.end;
  }
  return { text: applyEdits(line, edits), edits };
}

const repaired = (line: string) => run(line).text;
const details = (line: string) => run(line).edits.map((e) => e.detail);

const nfd = (s: string) => s.normalize('NFD');

describe('clean text', () => {
  it('passes the prefilter untouched', () => {
    const lines = [
      'Sáng nay, trời Hà Nội mưa nhỏ; nhiệt độ khoảng 18-20 độ C.',
      'Anh Nguyễn Văn Đức (35 tuổi, quê Nghệ An) đã nộp 1.250.000 đồng.',
      'The quick brown fox jumps over the lazy dog.',
      'Xem https://example.com/tin-tuc?id=42 hoặc gửi thư tới ban@bao.vn.',
    ];
    for (const line of lines) {
      expect(stage.mayApply!(line)).toBe(false);
      expect(stage.run(line)).toEqual([]);
    }
  });
});

describe('nfc', () => {
  it('composes decomposed Vietnamese, one edit per changed word', () => {
    const line = nfd('Người dân đổ về quảng trường');
    const { text, edits } = run(line);
    expect(text).toBe('Người dân đổ về quảng trường');
    // "Người", "dân", "đổ", "về", "quảng", "trường": every word but none of the spaces.
    expect(edits).toHaveLength(6);
    for (const e of edits) {
      expect(e.kind).toBe('unicode');
      expect(line.slice(e.start, e.end)).not.toContain(' ');
      expect(e.detail).toBe('nfc');
      expect(e.confidence).toBe(1);
    }
  });

  it('keeps the unchanged letters of a word out of the edit', () => {
    const line = nfd('Việt');
    const [edit] = run(line).edits;
    expect(line.slice(0, edit.start)).toBe('Vi');
    expect(line.slice(edit.end)).toBe('t');
    expect(edit.after).toBe('ệ');
  });

  it('leaves decomposed text of other languages as written, and composes it inside a Vietnamese line', () => {
    for (const other of ['Un café crème à Besançon', 'Thanks to Michaël Zasso and Benjamin Gruenbaum', '한국어']) {
      expect(repaired(nfd(other))).toBe(nfd(other));
      expect(repaired(nfd(`Quán ${other} ở Hà Nội`))).toBe(`Quán ${other} ở Hà Nội`);
    }
  });

  it('leaves compatibility characters that NFC would rewrite but that carry no combining mark', () => {
    const line = 'Điện trở 5 \u2126, độ dài 3 \u212B';
    expect(repaired(line)).toBe(line);
  });
});

describe('composite', () => {
  it('composes precomposed vowels followed by a combining tone (Unicode tổ hợp)', () => {
    const line = 'B\u00EA\u0301p tr\u01B0\u01A1\u0309ng n\u00E2\u0301u c\u01A1m t\u00E2\u0301m';
    const { text, edits } = run(line);
    expect(text).toBe('Bếp trưởng nấu cơm tấm');
    expect(edits).toHaveLength(4);
    expect(new Set(edits.map((e) => e.detail))).toEqual(new Set(['composite']));
  });

  it('composes marks typed in any order', () => {
    // tone before the vowel mark: NFC keeps "ó" + circumflex, which is not a Vietnamese letter
    expect('o\u0301\u0302'.normalize('NFC')).not.toBe('ố');
    expect(repaired('Th\u00F3\u0302ng tin t\u00E0\u0306ng')).toBe('Thống tin tằng');
    expect(repaired('kho\u0301\u0302ng')).toBe('khống');
    expect(repaired('nga\u0300\u0302n')).toBe('ngần');
    expect(repaired('U\u0300\u031B')).toBe('Ừ');
    expect(details('kho\u0301\u0302ng')).toEqual(['composite']);
  });

  it('does not invent letters from marks Vietnamese does not combine', () => {
    // e + breve, i + circumflex: NFC only
    expect(repaired('Chữ e\u0306 và i\u0302')).toBe('Chữ ĕ và î');
    // two tones: kept as NFC gives them
    expect(repaired('Chữ a\u0301\u0300 lạ')).toBe('Chữ á\u0300 lạ');
  });
});

describe('invisible', () => {
  it('drops zero-width characters and soft hyphens inside and between Vietnamese words', () => {
    expect(repaired('Chúng\u200B tôi đi\u00ADều tra \u2060vụ việc')).toBe('Chúng tôi điều tra vụ việc');
    expect(repaired('Thủ\uFEFF tướng\u200C và\u200D Bộ trưởng')).toBe('Thủ tướng và Bộ trưởng');
    expect(details('Thủ tư\u200Bớng')).toEqual(['invisible']);
  });

  it('drops one between a letter and its combining mark, then composes', () => {
    const { text, edits } = run('Người ta nói Vie\u200B\u0323\u0302t Nam');
    expect(text).toBe('Người ta nói Việt Nam');
    expect(edits.map((e) => e.detail)).toEqual(['invisible+nfc']);
  });

  it('keeps joiners where they mean something', () => {
    const emoji = 'Bạn tôi là lập trình viên 👩\u200D💻 ở Đà Nẵng';
    expect(repaired(emoji)).toBe(emoji);
    const persian = 'Từ tiếng Ba Tư: می\u200Cخواهم';
    expect(repaired(persian)).toBe(persian);
  });

  it('keeps a byte-order mark at the start of a line', () => {
    const line = '\uFEFFHôm nay trời đẹp';
    expect(repaired(line)).toBe(line);
  });

  it('leaves soft hyphens in text that is not Vietnamese', () => {
    const line = 'Hyphen\u00ADation hints in an English para\u00ADgraph';
    expect(repaired(line)).toBe(line);
  });
});

describe('lookalike', () => {
  it('reads eth as Đ/đ in Vietnamese words', () => {
    expect(repaired('Ðồng chí ðã ðến Ðà Lạt')).toBe('Đồng chí đã đến Đà Lạt');
    expect(details('Ðồng chí')).toEqual(['lookalike']);
  });

  it('reads eth in capital abbreviations and initials of a Vietnamese line', () => {
    expect(repaired('Số điện thoại ÐT của VPÐUK là gì')).toBe('Số điện thoại ĐT của VPĐUK là gì');
    expect(repaired('Ông Trần Văn Ð. cho biết')).toBe('Ông Trần Văn Đ. cho biết');
  });

  it('keeps eth in Icelandic and phonetic text', () => {
    const icelandic = 'Cô ấy tên là Guðrún, sống với bà ở Reykjavík, "með ömmu sinni"';
    expect(repaired(icelandic)).toBe(icelandic);
    const ipa = 'Âm /ð/ trong tiếng Anh giống âm đầu của chữ "this"';
    expect(repaired(ipa)).toBe(ipa);
    const iceland = 'Hún er frá Íslandi og talar íslensku. ÞAÐ ER GOTT.';
    expect(repaired(iceland)).toBe(iceland);
    // `ðe` would spell a syllable; inside a transcription it is the IPA letter
    const transcription = 'Tên nước (IPA: [reˈpuβlika ðe ˈkuβa]) và từ /ðe/ được đọc khác nhau';
    expect(repaired(transcription)).toBe(transcription);
    expect(repaired(iceland)).toBe(iceland);
  });

  it('property: keeps eth in Faroese and Icelandic lines, even where it would spell a syllable', () => {
    // Eth words whose `Đ` reading is a Vietnamese syllable (`Ðú`, `ða`), among real words of
    // Faroese, Icelandic and Danish that write letters Vietnamese does not.
    const ethWords = ['a', 'á', 'ú', 'i', 'ó', 'e', 'ý', 'ám', 'ir', 'án'].flatMap((rest) => ['ð' + rest, 'Ð' + rest]);
    const nordic = ['Færøsk', 'vælkomin', 'Þórður', 'bræður', 'smør', 'blåbær', 'Ærø', 'øll', 'hæð', 'Þú'];
    fc.assert(
      fc.property(fc.constantFrom(...ethWords), fc.array(fc.constantFrom(...nordic), { minLength: 1, maxLength: 4 }), fc.nat(), (eth, words, at) => {
        const k = at % (words.length + 1);
        const line = [...words.slice(0, k), eth, ...words.slice(k)].join(' ') + '.';
        expect(repaired(line)).toBe(line);
      }),
      { numRuns: 200 },
    );
    // Control: beside Vietnamese words the same eth is `Đ`.
    expect(repaired('Ðá bóng ở Ðà Nẵng vào cuối tuần')).toBe('Đá bóng ở Đà Nẵng vào cuối tuần');
  });

  it('maps Cyrillic and Greek look-alikes inside Latin words', () => {
    // с, а, і, о Cyrillic; ο, Τ Greek
    expect(repaired('Ngành сông nghiệp Vіệt Nаm tăng trưởng')).toBe('Ngành công nghiệp Việt Nam tăng trưởng');
    expect(repaired('Công ty Fаcebοok mở văn phòng ở Hà Nội')).toBe('Công ty Facebook mở văn phòng ở Hà Nội');
    expect(repaired('Τrường học mới khánh thành')).toBe('Trường học mới khánh thành');
    // Greek small letters that are also symbols: only in a plainly Vietnamese word
    expect(repaired('Ngày mαi trời sẽ nắng, сαo nguyên mát νiệc làm')).toBe('Ngày mai trời sẽ nắng, cao nguyên mát việc làm');
    expect(details('Ngành сông nghiệp')).toEqual(['lookalike']);
  });

  it('maps a word made only of look-alikes when it spells a syllable between Latin words', () => {
    // Cyrillic с, о
    const line = 'Lò xo \u0441\u043E lại rồi bật ra';
    expect(repaired(line)).toBe('Lò xo co lại rồi bật ra');
    expect(run(line).edits[0].confidence).toBeLessThan(0.95);
  });

  it('keeps a single Cyrillic or Greek letter: a letter spoken of, or a symbol', () => {
    const line = 'Trong tiếng Nga, chữ е đọc khác chữ э; ngành у tế';
    expect(repaired(line)).toBe(line);
  });

  it('keeps a Cyrillic look-alike with its tone mark', () => {
    // Cyrillic е + combining acute inside a Vietnamese word
    expect(repaired('Tôi đi ve\u0301 tàu'.replace('e', '\u0435'))).toBe('Tôi đi vé tàu');
  });

  it('never touches real Cyrillic or Greek words', () => {
    const lines = [
      'Thủ đô của Nga là Москва, còn của Hy Lạp là Αθήνα.',
      'Câu tiếng Nga "Я люблю тебя" nghĩa là "Tôi yêu em".',
      'Từ λόγος trong tiếng Hy Lạp nghĩa là lời nói.',
      'Москва — столица России, а Афины — столица Греции.',
    ];
    for (const line of lines) expect(repaired(line)).toBe(line);
  });

  it('keeps Greek letters used as symbols and in formulas', () => {
    const lines = [
      'Các hạt neutrino điện tử (νe) và neutrino muon (νμ) rất nhẹ.',
      'Yếu tố TNFα và NF-κB được nghiên cứu nhiều.',
      'Cho góc α bằng 30 độ và góc β bằng 60 độ.',
      'Số π ≈ 3,14 và tổng ∑ aᵢ với i từ 1 tới n; x² + y² = z².',
      'Bức xạ γ và tia α được phát hiện sớm hơn.',
    ];
    for (const line of lines) expect(repaired(line)).toBe(line);
  });

  it('leaves look-alikes in text that is not Vietnamese', () => {
    const line = 'Mixed-script spoof Miсrosoft in an English sentence';
    expect(repaired(line)).toBe(line);
  });
});

describe('space', () => {
  it('turns no-break spaces between Vietnamese words into ASCII spaces', () => {
    const { text, edits } = run('Hôm\u00A0nay chúng\u202Ftôi đi\u00A0\u00A0học');
    expect(text).toBe('Hôm nay chúng tôi đi  học');
    expect(edits.map((e) => e.detail)).toEqual(['space', 'space', 'space']);
    expect(edits[2].end - edits[2].start).toBe(2);
  });

  it('handles no-break spaces next to numbers and punctuation', () => {
    expect(repaired('Giá\u00A0250 nghìn\u00A0đồng,\u00A0tăng 5\u00A0%')).toBe('Giá 250 nghìn đồng, tăng 5 %');
  });

  it('keeps a no-break space between digits (digit grouping)', () => {
    const line = 'Dân số thành phố là 1\u00A0250\u00A0000 người';
    expect(repaired(line)).toBe('Dân số thành phố là 1\u00A0250\u00A0000 người');
    const figure = 'Tổng cộng 12\u2007500 đồng';
    expect(repaired(figure)).toBe(figure);
  });

  it('keeps no-break spaces in text that is not Vietnamese', () => {
    const french = 'Il a dit\u00A0: «\u00A0Bonjour\u00A0!\u00A0»';
    expect(repaired(french)).toBe(french);
  });
});

describe('tone-style', () => {
  const line = 'Hòa bình, khỏe mạnh, thủy lợi và hoà hợp, khoẻ khoắn, thuỷ sản';
  it('keeps the text style by default', () => {
    expect(repaired(line)).toBe(line);
  });

  it('moves tones to the old style', () => {
    const old = unicodeStage({ toneStyle: 'old' });
    const { text, edits } = run(line, old);
    expect(text).toBe('Hòa bình, khỏe mạnh, thủy lợi và hòa hợp, khỏe khoắn, thủy sản');
    expect(edits.every((e) => e.detail === 'tone-style')).toBe(true);
    expect(edits).toHaveLength(3);
  });

  it('moves tones to the new style, keeping case', () => {
    const fresh = unicodeStage({ toneStyle: 'new' });
    expect(run(line, fresh).text).toBe('Hoà bình, khoẻ mạnh, thuỷ lợi và hoà hợp, khoẻ khoắn, thuỷ sản');
    expect(run('HÒA BÌNH', fresh).text).toBe('HOÀ BÌNH');
  });

  it('combines with the other rules in one edit per word', () => {
    const old = unicodeStage({ toneStyle: 'old' });
    const { text, edits } = run(nfd('hoà bình'), old);
    expect(text).toBe('hòa bình');
    expect(edits[0].detail).toBe('nfc+tone-style');
  });

  it('leaves words that are not syllables', () => {
    const old = unicodeStage({ toneStyle: 'old' });
    const foreign = 'Người Hà Nội ăn phở; in Spanish: huí, cuál, güey';
    expect(run(foreign, old).text).toBe(foreign);
  });
});

describe('prefilter', () => {
  it('lets every damaged line through and only style candidates when a style is asked for', () => {
    for (const line of ['a\u0301', 'Ðà', 'x\u00A0y', 'a\u200Bb', 'ta\u00ADi', 'сó', 'ο']) {
      expect(stage.mayApply!(line)).toBe(true);
    }
    const old = unicodeStage({ toneStyle: 'old' });
    const fresh = unicodeStage({ toneStyle: 'new' });
    expect(stage.mayApply!('hoà thuỷ')).toBe(false);
    expect(old.mayApply!('hoà')).toBe(true);
    expect(old.mayApply!('THUỶ')).toBe(true);
    expect(fresh.mayApply!('khỏe')).toBe(true);
    expect(fresh.mayApply!('Hôm nay trời đẹp')).toBe(false);
  });
});

describe('Vietnamese lines', () => {
  it('recognise a short title by its syllables', () => {
    // Cyrillic Т: the only word is a valid marked syllable once read as Latin
    expect(repaired('Тôi')).toBe('Tôi');
    expect(repaired('Hà\u00A0Nội')).toBe('Hà Nội');
  });

  it('do not include a line of English or French with the odd accented word', () => {
    const lines = ['Café\u00A0au lait, s\u2019il vous pla\u00EEt', 'He moved to Hà\u00A0Nội in 2019'];
    expect(repaired(lines[0])).toBe(lines[0]);
    // one Vietnamese-only letter is enough evidence for the spaces of a mixed line
    expect(repaired(lines[1])).toBe('He moved to Hà Nội in 2019');
  });
});

describe('robustness', () => {
  it('never cuts a surrogate pair or a base letter from its marks', () => {
    const line = 'Bạn 😀\u200B😀 và Vie\u0323\u0302t 𝓥\u0301';
    for (const e of run(line).edits) {
      const before = line.slice(e.start, e.end);
      expect(before.charCodeAt(0) >= 0xdc00 && before.charCodeAt(0) <= 0xdfff).toBe(false);
      expect(/^\p{M}/u.test(before)).toBe(false);
    }
    // the zero-width space between two emoji is not Latin context: kept
    expect(repaired(line)).toBe('Bạn 😀\u200B😀 và Việt 𝓥\u0301'.normalize('NFC'));
  });

  it('copes with lone surrogates, controls and marks at the start', () => {
    const lines = ['\u0301a\uD800b\u0000\u0085 c\uDC00\u0323', '\u0300\u0300\u0300', '\uD83D\u0301'];
    for (const line of lines) {
      const { text } = run(line);
      expect(run(text).text).toBe(text);
    }
  });
});
