import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeMarks, syllablesForSkeleton } from '../src/index.js';
import { lineMode } from '../src/repair/detect.js';
import { mayShowDamage } from '../src/repair/prefilter.js';

const knownSkeleton = (s: string): boolean => syllablesForSkeleton(s).length > 0;
const anySkeleton = (): boolean => true;
const LOANWORDS = new Set(['kilômet', 'ôtô', 'bêtông', 'lênin']);
const isLoanword = (lower: string): boolean => LOANWORDS.has(lower);

/** A line the full test flags must never be cleared by the prefilter, whatever the skeleton test. */
function assertNeverClearsDamage(line: string): void {
  for (const minWords of [6, 1]) {
    for (const hasSkeleton of [knownSkeleton, anySkeleton]) {
      if (lineMode(line, hasSkeleton, minWords) !== undefined) {
        expect(mayShowDamage(line, minWords), `${JSON.stringify(line)} (minWords ${minWords})`).toBe(true);
      }
      if (lineMode(line, hasSkeleton, minWords, isLoanword) !== undefined) {
        expect(mayShowDamage(line, minWords, isLoanword), `${JSON.stringify(line)} (loanwords)`).toBe(true);
      }
    }
  }
}

const CLEAN = [
  'Hôm nay trời đẹp, chúng tôi đi chơi ở công viên gần nhà.',
  'Người dân trong xã đã tham gia đầy đủ các buổi họp về việc xây dựng trường học mới.',
  'Theo Bộ Y tế, ngày 28/8/2014 có 485 ca mắc mới tại TP.HCM và Hà Nội (xem vnexpress.net).',
  'Giá vàng SJC tăng 200.000 đồng mỗi lượng, lên 76,5 triệu đồng; diện tích 120 m2.',
];

/** Words the random lines are made of: every kind the tests look at. */
const WORDS = [
  // correct syllables, all cases
  'việc', 'Việt', 'VIỆT', 'năm', 'Đồng', 'người', 'của', 'trong', 'cho', 'ba', 'hoà', 'thuỷ', 'an', 'em',
  // written without marks or tones
  'viec', 'Viet', 'nguoi', 'cua', 'dong', 'tiêng', 'viêt', 'đông',
  // damage
  'vịc', 'duòng', 'thį', 't6', 'mp3', 'chuyể', 'n', 'ng', 'nh', 'm', 'nhưchỉ', 'Tőng', 'đố',
  // foreign words, names, acronyms, numbers, units, links
  'the', 'Samsung', 'José', 'iPhone', 'TW', 'CBNV', 'H5N1', 'F1', '485', '28/8/2014', '5km', '10h15', 'm2',
  'km2', 'vnexpress.net', 'http://x.vn/Việt_Nam', 'a@b.vn', 'TTTT&TV', 'A&b',
  // odd characters
  // loanwords, abbreviations, units and names that are no syllables
  'đ', 'Đ', 'hđnd', 'tđ', 'Lênin', 'Matxcơva', 'Đắk', 'bêtông', 'kilômet', 'Kilômet', 'ôtô', 'A5', 'U30', 'Đ5', 'Ô', '20', '5.000',
  'vi\u0323ệt', 'viê\u0301t', 'vi\u200bệt', 'việ\u00adc', 'Ðồng', 'ĸ', '中文', '😀',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\u00a0', '\t', '-', '/', '.', ': ', '“', '” ', '…', ' (', ') ', '&', ' & '];

const randomLine = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('clean-line prefilter', () => {
  it('clears correct Vietnamese prose', () => {
    for (const line of CLEAN) expect(mayShowDamage(line), line).toBe(false);
  });

  it('passes on lines with damage of each kind', () => {
    for (const line of [
      removeMarks(CLEAN[1]),
      'Tiêng Viêt la ngôn ngư cua ngươi Viêt va la ngôn ngư chinh thưc tai Viêt Nam',
      'những câu chuyể n xúc động',
      'vịc thực hiện kế hoạch',
      'một t6 chức mới',
      'a@b.vn.việc ', // the address ends inside the word: `ệc` is left
    ]) {
      expect(mayShowDamage(line), line).toBe(true);
      expect(lineMode(line, knownSkeleton), line).toBeDefined();
    }
  });

  it('never clears a line the full test flags (random lines of mixed words)', () => {
    fc.assert(fc.property(randomLine, (line) => assertNeverClearsDamage(line)), { numRuns: 3000 });
  });

  it('never clears a line the full test flags (arbitrary strings)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (line) => assertNeverClearsDamage(line)), {
      numRuns: 2000,
    });
  });

  it('never clears the damaged versions of correct lines', () => {
    for (const line of CLEAN) {
      assertNeverClearsDamage(removeMarks(line));
      assertNeverClearsDamage(line.normalize('NFD'));
    }
  });
});
