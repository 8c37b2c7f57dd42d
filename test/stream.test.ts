import { Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allSyllables,
  applyEdits,
  createFixStream,
  createFixTransformStream,
  type Edit,
  fix,
  type FixOptions,
  type FixResult,
  IncrementalFixer,
  simulateDamage,
} from '../src/index.js';
import { CUT_LOOKAHEAD, MAX_WINDOW, windowEnd } from '../src/windows.js';
import { checkResult } from './support/check-result.js';
import { cutAt } from './support/pieces.js';

const RUNS = { numRuns: 40 };
const IDEMPOTENCE_RUNS = Number(process.env.IDEMPOTENCE_RUNS ?? 25);

// ---- generators ---------------------------------------------------------------------------

const syllables = allSyllables();
const word = fc.integer({ min: 0, max: syllables.length - 1 }).map((i) => syllables[i]);
/** No word in use starts with `ã`; `Ãi` is what `Ái` shows as once a byte of its UTF-8 was lost. */
const capitalised = word.filter((w) => !w.startsWith('ã')).map((w) => w[0].toUpperCase() + w.slice(1));

/** A sentence of Vietnamese syllables: capitalised, with commas, closed by `.`, `?`, `!` or `…`. */
const sentence = fc
  .tuple(capitalised, fc.array(fc.tuple(fc.constantFrom(' ', ' ', ' ', ', ', ' – '), word), { minLength: 2, maxLength: 25 }))
  .chain(([first, rest]) =>
    fc.constantFrom('.', '.', '?', '!', '…', '.”').map((end) => first + rest.map(([sep, w]) => sep + w).join('') + end),
  );

/** Pieces that are not prose: emoji (surrogate pairs), combining marks, long tokens, markup, `\r`. */
const oddPiece = fc.oneof(
  fc.constantFrom('😀', '𝕍𝕚ệ𝕥', 'a\u0301\u0323', '\r', '\t', '  ', '<p class="x">', '{"a":"b","c":[1,2]}', 'https://vi.wikipedia.org/wiki/Hà_Nội'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('x', 'ế', '😀', '\u0301', '-'), minLength: 50, maxLength: 400 }),
);

/** Damage of the kinds `fix` repairs: OCR-like, marks stripped, UTF-8 read as Windows-1252. */
const damage = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 1000 })).map(([kind, seed]) => (s: string): string => {
  if (kind === 0) return s;
  if (kind === 1) return simulateDamage(s, { rate: 0.3, seed });
  if (kind === 2) return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(s));
});

/** Text with some lines of any length, long ones of many sentences or of none. */
const line = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: sentence }, { weight: 1, arbitrary: oddPiece }), { maxLength: 6 }).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** A long line: a run of sentences and odd pieces said again until it is 1–5 windows long. */
const longLine = fc
  .tuple(fc.array(fc.oneof({ weight: 5, arbitrary: sentence }, { weight: 1, arbitrary: oddPiece }), { minLength: 1, maxLength: 12 }), fc.integer({ min: MAX_WINDOW / 2, max: 5 * MAX_WINDOW }), fc.constantFrom(' ', '', '\u00A0'))
  .map(([pieces, length, joint]) => {
    const unit = pieces.join(joint) + joint;
    return unit.repeat(Math.ceil(length / Math.max(1, unit.length))).slice(0, length + unit.length);
  });

const text = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: longLine }), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), damage)
  .map(([lines, newline, damaged]) => damaged(lines.join(newline)));

/** Cut points for a string of length `n`: split anywhere, into pieces from empty to long. */
const cuts = fc.array(fc.nat(), { maxLength: 12 });

function piecesOf(input: string, at: readonly number[]): string[] {
  return cutAt(input, at.map((p) => p % (input.length + 1)));
}

function viaFixer(pieces: readonly string[], options?: FixOptions): FixResult {
  const fixer = new IncrementalFixer(options);
  let out = '';
  let consumed = '';
  const edits: Edit[] = [];
  for (const piece of [...pieces.map((p) => fixer.write(p)), fixer.end()]) {
    // Each piece is the repair of the next part of the input, on its own.
    expect(applyEdits(piece.input, piece.edits.map((e) => ({ ...e, start: e.start - consumed.length, end: e.end - consumed.length })))).toBe(piece.text);
    out += piece.text;
    consumed += piece.input;
    edits.push(...piece.edits);
  }
  expect(consumed).toBe(pieces.join(''));
  return fixer.ocr === true && options?.ocr !== true ? { text: out, edits, ocr: true } : { text: out, edits };
}

// ---- properties ---------------------------------------------------------------------------

describe('windows of a long line', () => {
  it('are at most MAX_WINDOW long, split no surrogate pair, and are decided by the text read so far', () => {
    fc.assert(
      fc.property(longLine, damage, (line, damaged) => {
        const input = damaged(line);
        let start = 0;
        while (start < input.length) {
          const first = start === 0;
          const end = windowEnd(input, start, input.length, true, first) as number;
          expect(end).toBeGreaterThan(start);
          expect(end - start).toBeLessThanOrEqual(MAX_WINDOW);
          const c = input.charCodeAt(end);
          if (end < input.length) expect(c >= 0xdc00 && c <= 0xdfff).toBe(false);
          // A stream that has read any part of the line decides the same cut or waits for more.
          for (const known of [start + 1, end, end + CUT_LOOKAHEAD, start + MAX_WINDOW + CUT_LOOKAHEAD, start + MAX_WINDOW + 100]) {
            if (known >= input.length) continue;
            const decided = windowEnd(input, start, known, false, first);
            if (decided !== undefined) expect(decided).toBe(end);
            if (known > start + MAX_WINDOW + CUT_LOOKAHEAD) expect(decided).toBe(end);
          }
          start = end;
        }
      }),
      RUNS,
    );
  });

  it('leave the repair exact', () => {
    fc.assert(
      fc.property(longLine, damage, (line, damaged) => {
        const input = damaged(line);
        checkResult(input, fix(input));
      }),
      { numRuns: 20 },
    );
  });

  it('leave fix idempotent on a line of sentences', () => {
    // Cuts after sentences stay where they are when the text around them is repaired. (A
    // sentence longer than a window is cut by length, and a second pass may cut it elsewhere.)
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.integer({ min: MAX_WINDOW, max: 3 * MAX_WINDOW }), damage, (sentences, length, damaged) => {
        const unit = sentences.join(' ') + ' ';
        const input = damaged(unit.repeat(Math.ceil(length / unit.length)));
        const once = fix(input);
        expect(fix(once.text).text).toBe(once.text);
      }),
      { numRuns: IDEMPOTENCE_RUNS },
    );
  });

  it('repair a line of clean prose exactly as the same sentences on lines of their own', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 20 }), (sentences) => {
        const long = sentences.join(' ').repeat(Math.ceil((3 * MAX_WINDOW) / sentences.join(' ').length));
        expect(fix(long)).toEqual({ text: long, edits: [] });
      }),
      { numRuns: 20 },
    );
  });
});

describe('IncrementalFixer', () => {
  it('gives exactly fix of the whole input, edits included, however the input is cut', () => {
    fc.assert(
      fc.property(text, cuts, (input, at) => {
        expect(viaFixer(piecesOf(input, at))).toEqual(fix(input));
      }),
      RUNS,
    );
  });

  it('does so with the options of fix too', () => {
    fc.assert(
      fc.property(text, cuts, (input, at) => {
        const options: FixOptions = { ocr: true, diacritics: true, toneStyle: 'new' };
        expect(viaFixer(piecesOf(input, at), options)).toEqual(fix(input, options));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses input after the end', () => {
    const fixer = new IncrementalFixer();
    fixer.end();
    expect(() => fixer.write('a')).toThrow(/after end/);
  });
});

describe('createFixStream (Node)', () => {
  it('repairs UTF-8 bytes cut anywhere, a sequence included, as fix repairs the decoded text', async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, async (input, at) => {
        const bytes = Buffer.from(input, 'utf8');
        const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(last, p));
          last = p;
        }
        const edits: Edit[] = [];
        const out = await streamText(Readable.from(chunks).pipe(createFixStream({ onEdits: (e) => edits.push(...e) })));
        const { text, edits: expectedEdits } = fix(bytes.toString('utf8'));
        // The streams carry text and edits (the OCR decision is the fixer's to report).
        expect({ text: out, edits }).toEqual({ text, edits: expectedEdits });
      }),
      { numRuns: 30 },
    );
  });
});

describe('createFixTransformStream (web)', () => {
  it('repairs strings cut anywhere, surrogate pairs included, as fix does', async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, async (input, at) => {
        const edits: Edit[] = [];
        const pieces = piecesOf(input, at);
        const source = new ReadableStream<string>({
          pull(controller) {
            const piece = pieces.shift();
            if (piece === undefined) controller.close();
            else controller.enqueue(piece);
          },
        });
        const stream = source.pipeThrough(createFixTransformStream({ onEdits: (e) => edits.push(...e) }));
        let out = '';
        const reader = stream.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) out += r.value;
        const { text, edits: expectedEdits } = fix(input);
        expect({ text: out, edits }).toEqual({ text, edits: expectedEdits });
      }),
      { numRuns: 30 },
    );
  });
});
