/**
 * Judges the repairs of OCR readings against the paragraphs they were printed from: for each
 * change, whether its replacement is exactly the text its span was printed from, found by
 * aligning the reading with the paragraph letter by letter (`alignCharacters`). Used to learn
 * the confidence calibration (`calibrate.ts`, on the pages the channel was learned from) and to
 * measure it (`bench/reliability.ts`, on held-out pages).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { simulateDamage } from '../../../src/repair/simulate.js';
import type { Edit, FixResult } from '../../../src/types.js';
import { alignCharacters, letterAccuracy } from './channel-counts.js';
import { MIN_ACCURACY } from './count.js';

/** One page: the paragraph and Tesseract's reading of it. */
export interface Reading {
  ref: string;
  ocr: string;
  settings: { model: string };
}

/** A change of the repair and whether it restored the printed text. */
export interface JudgedEdit {
  edit: Edit;
  /** The text the span was printed from. */
  want: string;
  right: boolean;
}

/** The judged changes of one page and its words wrong before and after repair. */
export interface JudgedPage {
  edits: JudgedEdit[];
  refWords: number;
  wrongBefore: number;
  wrongAfter: number;
}

/** Readings from a JSON-lines file (gzipped when its name ends in `.gz`) or a folder of `.json` readings. */
export function readReadings(path: string): Reading[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Reading);
}

/**
 * The same paragraphs with the damage of old scans instead (`simulateDamage`: split and merged
 * syllables, dropped vowels, misread tones and marks), on 4, 8 or 14 % of the syllables by
 * turns: the other source the channel models. `seed` tells these readings from others.
 */
export function scanReadings(readings: readonly Reading[], seed: number): Reading[] {
  return readings.map((r, k) => ({
    ref: r.ref,
    ocr: simulateDamage(r.ref.normalize('NFC').trim(), { rate: SCAN_RATES[k % SCAN_RATES.length], seed: seed * 100_003 + k }),
    settings: { model: 'scan' },
  }));
}

const SCAN_RATES = [0.04, 0.08, 0.14];

/** Only the repairs of the context stage are judged (not Unicode clean-up or re-encoding). */
const JUDGED_KINDS = new Set(['split', 'merge', 'spelling', 'diacritics', 'punctuation']);

/**
 * The repair `repair` makes of a reading, judged; `undefined` for a page too garbled to start
 * from (under half of its letters printed right), which no repair is asked to mend.
 */
export function judgePage(reading: Reading, repair: (text: string) => FixResult): JudgedPage | undefined {
  // Line breaks of the page are spaces of the paragraph.
  const ocr = reading.ocr.normalize('NFC').replace(/\s+$/, '');
  const refText = reading.ref.normalize('NFC').trim();
  if (letterAccuracy(refText, ocr) < MIN_ACCURACY) return undefined;
  const ref = [...refText];
  const printed = [...ocr.replace(/\s/g, ' ')];
  // Spans are UTF-16 offsets, the alignment is over code points: a page with a character
  // outside the BMP is left out rather than judged with shifted spans.
  if (printed.length !== ocr.length) return undefined;
  const path = alignCharacters(ref, printed);
  const ocrToPath = new Int32Array(printed.length);
  path.forEach(([, j], p) => {
    if (j >= 0) ocrToPath[j] = p;
  });
  const result = repair(ocr);
  const edits: JudgedEdit[] = [];
  for (const edit of result.edits) {
    if (!JUDGED_KINDS.has(edit.kind)) continue;
    const want = printedFrom(ref, path, ocrToPath, edit.start, edit.end);
    edits.push({ edit, want, right: edit.after.toLowerCase() === want.toLowerCase() });
  }
  const refWords = words(refText);
  return {
    edits,
    refWords: refWords.length,
    wrongBefore: wordDistance(words(ocr), refWords),
    wrongAfter: wordDistance(words(result.text), refWords),
  };
}

/**
 * The reference text an OCR span was printed from: the reference characters aligned to the
 * span's characters, with the unaligned letters next to them (a letter the print lost at the
 * span's edge belongs to it).
 */
function printedFrom(ref: string[], path: [number, number][], ocrToPath: Int32Array, start: number, end: number): string {
  let first = Infinity;
  let last = -1;
  for (let j = start; j < end; j++) {
    first = Math.min(first, ocrToPath[j]);
    last = Math.max(last, ocrToPath[j]);
  }
  let lo = Infinity;
  let hi = -1;
  for (let p = first; p <= last; p++) {
    const i = path[p][0];
    if (i >= 0) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
    }
  }
  for (let p = first - 1; p >= 0 && path[p][1] < 0 && ref[path[p][0]] !== ' '; p--) lo = Math.min(lo, path[p][0]);
  for (let p = last + 1; p < path.length && path[p][1] < 0 && ref[path[p][0]] !== ' '; p++) hi = Math.max(hi, path[p][0]);
  return hi < 0 ? '' : ref.slice(lo, hi + 1).join('');
}

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w !== '');
}

/** Word-level edit distance. */
function wordDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    prev = cur;
  }
  return prev[b.length];
}
