/**
 * Typed Vietnamese documentation with a few real typos: Debian's Vietnamese LibreOffice help
 * (`fixtures/vi-help/README.md`). Its paragraphs with a typo come out as typed but for the
 * repairs of the typos, and whole pages, markup and all, are never judged OCR output.
 */
import './support/fast-check-seed.js';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fix, syllablesForSkeleton } from '../src/index.js';
import { lineEvidence } from '../src/repair/detect.js';
import { tempDir, vietfix } from './cli-helpers.js';

const FIXTURES = new URL('./fixtures/vi-help/', import.meta.url);
const PAGES = join(FIXTURES.pathname, 'pages');

/** `page \t paragraph` */
const PARAGRAPHS = readFileSync(new URL('typo-paragraphs.tsv', FIXTURES), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => ({ page: row.slice(0, row.indexOf('\t')), text: row.slice(row.indexOf('\t') + 1) }));

/** `before \t after` of each right repair; the words before a changed word may come with it, as its context. */
const RIGHT = readFileSync(new URL('right-repairs.tsv', FIXTURES), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

/**
 * Typo repairs made in the paragraphs, at least (each occurrence counts). Raise it as repair
 * improves; the paragraphs hold more typos than are repaired (`tníh`).
 */
const LEAST_REPAIRS = 35;

/** Whether the edit of `text[start, end)` into `after` is a right one: a listed repair, or a Unicode composition. */
function isRight(text: string, e: { start: number; end: number; after: string; kind: string }): boolean {
  const before = text.slice(e.start, e.end);
  if (e.kind === 'unicode') return e.after === before.normalize('NFC') && e.after !== before;
  return RIGHT.some(([b, a]) => {
    const context = b.slice(0, b.length - before.length);
    return b.endsWith(before) && text.slice(e.start - context.length, e.end) === b && a === context + e.after;
  });
}

describe('paragraphs of the Vietnamese LibreOffice help that show damage', () => {
  const results = PARAGRAPHS.map((p) => ({ ...p, result: fix(p.text) }));

  it('are many, from many pages', () => {
    expect(PARAGRAPHS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(PARAGRAPHS.map((p) => p.page)).size).toBeGreaterThanOrEqual(80);
  });

  it('come out as typed but for the right repairs of their typos', () => {
    const wrong: string[] = [];
    for (const { page, text, result } of results) {
      for (const e of result.edits) {
        if (!isRight(text, e)) wrong.push(`${page}: ${text.slice(e.start, e.end)} → ${e.after} (${e.kind} ${e.confidence}) in «${text}»`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('have their typos repaired', () => {
    let repairs = 0;
    for (const { result } of results) repairs += result.edits.filter((e) => e.kind !== 'unicode').length;
    expect(repairs, 'typo repairs').toBeGreaterThanOrEqual(LEAST_REPAIRS);
  });

  it('are not judged OCR output', () => {
    expect(results.filter((r) => r.result.ocr === true).map((r) => r.text)).toEqual([]);
  });
});

describe('whole pages of the Vietnamese LibreOffice help', () => {
  const pages = readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort();

  it('read as text, markup and all, are not judged OCR output', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const judged = pages.filter((name) => fix(readFileSync(join(PAGES, name), 'utf8')).ocr === true);
    expect(judged).toEqual([]);
  });

  it('through the CLI: no page judged OCR output, only right repairs, the rest byte-identical', () => {
    const { dir, cleanup } = tempDir();
    try {
      const report = join(dir, 'report.json');
      const r = vietfix(['--check', '--report', report, ...pages.map((name) => join(PAGES, name))]);
      expect(r.stderr).not.toContain('OCR output');
      const files = JSON.parse(readFileSync(report, 'utf8')).files as {
        path: string;
        ocr?: boolean;
        editList: { start: number; end: number; before: string; after: string; kind: string }[];
      }[];
      expect(files.length).toBe(pages.length);
      expect(files.filter((f) => f.ocr === true).map((f) => f.path)).toEqual([]);
      const wrong = files.flatMap((f) => {
        const text = readFileSync(join(PAGES, basename(f.path)), 'utf8');
        return f.editList.filter((e) => !isRight(text, e)).map((e) => `${f.path}: ${e.before} → ${e.after}`);
      });
      expect(wrong).toEqual([]);
    } finally {
      cleanup();
    }
  });
});

describe('markup around a paragraph', () => {
  const hasSkeleton = (skeleton: string) => syllablesForSkeleton(skeleton).length > 0;
  const signs = (line: string) => {
    const e = lineEvidence(line, hasSkeleton);
    return e.damaged + e.fragments;
  };
  // Tag names of letters and digits (`h4`, `td`, `ul`, `x1`), with or without attributes.
  const tagName = fc.stringMatching(/^[a-z]{1,3}[0-9]?$/);
  const attributes = fc.constantFrom('', ' id="par_id3150499"', ' class="paragraph" dir="auto"');

  it('adds no sign of damage: a tag name glued to < or </ is not a word', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAGRAPHS.map((p) => p.text)), tagName, attributes, (text, name, attrs) => {
        expect(signs(`<${name}${attrs}>${text}</${name}>`)).toBe(signs(text));
      }),
    );
  });
});
