// Hostile input for the library core: inputs that once took super-linear time or threw. The
// speed itself is measured by bench/adversarial.ts; these check the results and that nothing
// throws.
import { describe, expect, it } from 'vitest';
import { defaultModel, fix } from '../src/index.js';
import { MAX_REPAIRABLE_LENGTH, SkeletonIndex, splitCandidates, tokenCandidates } from '../src/repair/candidates.js';
import { DEFAULT_COSTS } from '../src/repair/channel.js';
import { lineMode } from '../src/repair/detect.js';
import { composeClusters, MAX_CLUSTER_MARKS } from '../src/unicode/compose.js';
import { checkResult } from './support/check-result.js';

const TONES = '\u0300\u0301\u0303\u0309\u0323';

describe('Vietnamese letters without spaces', () => {
  const index = new SkeletonIndex(defaultModel());

  it('are left as they are: a run of words is no damaged syllable', () => {
    const run = 'tiếngviệtnhữngcành'.repeat(60);
    for (const options of [{}, { ocr: true }, { diacritics: true as const }]) {
      for (const line of [run, `Tiếng Việt ${run} hay`]) {
        const result = fix(line, options);
        expect(result.text).toBe(line);
        expect(result.edits).toEqual([]);
      }
    }
  });

  it('get no candidate readings past the longest damaged syllable', () => {
    const options = { trust: 'all' as const, maxDistance: 2, limit: 8, rankWindow: 2, costs: DEFAULT_COSTS };
    const long = 'nghiêngnghiêngx';
    expect(long.length).toBeGreaterThan(MAX_REPAIRABLE_LENGTH - 2);
    expect(tokenCandidates(index, 'tiếngviệtnhữngcành'.repeat(10), options)).toEqual([]);
    expect(tokenCandidates(index, 'nghiênng', options).length).toBeGreaterThan(0);
    expect(index.near('x'.repeat(1000), 2, DEFAULT_COSTS)).toEqual([]);
    expect(splitCandidates(index, 'tiếngviệtnhữngcành', DEFAULT_COSTS)).toEqual([]);
    expect(splitCandidates(index, 'củaông', DEFAULT_COSTS).map((c) => c.text)).toContain('của ông');
  });
});

describe('runs of combining marks', () => {
  it('compose while a letter could carry them, and stay as they are beyond that', () => {
    const rules = new Set<'nfc' | 'composite'>();
    expect(composeClusters('e\u0302\u0301', rules)).toBe('ế');
    const pile = 'a' + '\u0301'.repeat(MAX_CLUSTER_MARKS + 1);
    expect(composeClusters(`x ${pile} e\u0302\u0301`, rules)).toBe(`x ${pile} ế`);
    const bounded = 'a' + TONES.repeat(MAX_CLUSTER_MARKS / TONES.length);
    expect(composeClusters(bounded, rules)).toBe(bounded.normalize('NFC'));
  });

  it('are left as they are in a line, and the words around them repaired', () => {
    const line = 'Tie\u0302\u0301ng ' + 'Tiếng' + TONES.repeat(20_000);
    const result = fix(line);
    checkResult(line, result);
    expect(result.text).toBe('Tiếng ' + 'Tiếng' + TONES.repeat(20_000));
  });
});

describe('fix never throws', () => {
  it('on millions of marks or letters in one word', () => {
    for (const line of ['a' + '\u0301'.repeat(5_300_000), '\u00D0' + '\u0301'.repeat(3_000_000), 'ế'.repeat(3_000_000)]) {
      const result = fix(line);
      checkResult(line, result);
    }
  });
});

describe('a split syllable and its neighbours', () => {
  it('joins the split as written in a longer line', () => {
    expect(fix('Nhữ ng cành cây trong vườn nhà tôi rất đẹp').text).toBe('Những cành cây trong vườn nhà tôi rất đẹp');
  });

  it('leaves the correct neighbour of a split alone in a short line', () => {
    expect(fix('Nhữ ng cành').text).toBe('Những cành');
    expect(fix('Tôi thấy nhữ ng con mèo').text).toBe('Tôi thấy những con mèo');
  });

  it('takes a split for OCR damage that leaves the marks of the other words standing', () => {
    // The cut syllable keeps its marks whole: no reason to doubt the marks around it.
    for (const line of ['Nhữ ng cành', 'Tôi thấy nhữ ng con mèo', 'Bà ấy nhì n tôi']) {
      const mode = lineMode(line, () => true);
      expect(mode?.ocr, line).toBe(true);
      expect(mode?.heavy, line).toBe(false);
    }
  });

  it('leaves a split alone in an English line', () => {
    for (const line of ['dup key Nhữ ng', 'lone high then Nhữ ng']) expect(fix(line).text).toBe(line);
  });
});
