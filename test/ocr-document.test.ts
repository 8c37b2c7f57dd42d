/**
 * OCR output judged per document (`ocr: 'auto'`, the default): real Vietnamese documents (the
 * LibreOffice glossary and the `cp` manual page of the bilingual fixtures) are never judged OCR
 * output; the same documents with OCR-like damage always are, and are then repaired as `ocr:
 * true` repairs them; the streams decide as `fix` does; the CLI reports the decision.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fix, simulateDamage, stripDiacritics } from '../src/index.js';
import { IncrementalFixer } from '../src/stream/fixer.js';
import { tempDir, vietfix } from './cli-helpers.js';
import { glossary, manpage } from './support/documents.js';

const documents = [glossary, manpage];

/** OCR-like damage: splits, wrong marks and tones, words run together. */
const damaged = fc
  .record({ doc: fc.constantFrom(...documents), seed: fc.integer({ min: 1, max: 1_000_000 }), rate: fc.double({ min: 0.05, max: 0.2, noNaN: true }) })
  .map(({ doc, seed, rate }) => simulateDamage(doc, { rate, seed, kinds: ['split', 'mark', 'tone', 'merge'] }));

describe('OCR output judged per document', () => {
  it('never judges a real Vietnamese document OCR output: it is repaired as with ocr: false', () => {
    for (const doc of documents) {
      const auto = fix(doc);
      expect(auto.ocr).toBeUndefined();
      expect(auto).toEqual(fix(doc, { ocr: false }));
    }
  });

  it('judges the same documents with OCR damage OCR output, and repairs them as ocr: true does', () => {
    fc.assert(
      fc.property(damaged, (doc) => {
        const auto = fix(doc);
        expect(auto.ocr).toBe(true);
        const forced = fix(doc, { ocr: true });
        expect(auto.text).toBe(forced.text);
        expect(auto.edits).toEqual(forced.edits);
      }),
      { numRuns: 6 },
    );
  });

  it('does not take a document typed without marks or tones for OCR output', () => {
    for (const doc of documents) {
      expect(fix(stripDiacritics(doc)).ocr).toBeUndefined();
      expect(fix(stripDiacritics(doc, 'tones')).ocr).toBeUndefined();
    }
  });
});

describe('IncrementalFixer and the OCR decision', () => {
  it('fed line by line, decides as fix does and returns what fix returns', () => {
    fc.assert(
      fc.property(damaged, (doc) => {
        const fixer = new IncrementalFixer();
        let text = '';
        const pieces = doc.split(/(?<=\n)/);
        for (const p of [...pieces.map((p) => fixer.write(p)), fixer.end()]) text += p.text;
        expect(fixer.ocr).toBe(true);
        expect(text).toBe(fix(doc).text);
      }),
      { numRuns: 3 },
    );
  });

  it('answers a line typed alone before the decision when both decisions repair it alike', () => {
    const fixer = new IncrementalFixer();
    const line = glossary.split('\n')[0] + '\n';
    const piece = fixer.write(line);
    expect(fixer.ocr).toBeUndefined();
    expect(piece.input).toBe(line);
    expect(piece.text).toBe(fix(line, { ocr: false }).text);
  });
});

describe('the CLI reports the decision', () => {
  const { dir, cleanup } = tempDir('vietfix-ocr-');
  afterAll(cleanup);

  it('--check names OCR output in its summary and the report; --no-ocr and clean files do not', () => {
    const ocrFile = join(dir, 'scan.txt');
    const cleanFile = join(dir, 'clean.txt');
    writeFileSync(ocrFile, simulateDamage(manpage, { rate: 0.1, seed: 7, kinds: ['split', 'mark', 'tone'] }));
    writeFileSync(cleanFile, manpage);
    const report = join(dir, 'report.json');
    const r = vietfix(['--check', '--report', report, ocrFile, cleanFile]);
    expect(r.stderr).toContain('OCR output: 1 file');
    const files = JSON.parse(readFileSync(report, 'utf8')).files as { path: string; ocr: boolean }[];
    expect(files.map((f) => [f.path, f.ocr])).toEqual([
      [ocrFile, true],
      [cleanFile, false],
    ]);
    expect(vietfix(['--check', '--no-ocr', ocrFile]).stderr).not.toContain('OCR output');
  });
});
