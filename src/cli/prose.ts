/**
 * Repairing the prose inside marked-up documents. A parser finds where prose sits in the
 * source and what it says once escapes and character references are decoded; the decoded
 * text is repaired, and only the changed spans are written back into the source, so that
 * every byte of markup stays as it was.
 */
import { parseFragment } from 'parse5';
import { applyEdits } from '../edits.js';
import type { Edit, FixResult } from '../types.js';
import type { Repairer } from './repairer.js';

/**
 * A correspondence between decoded text and source: `value[v0, v1)` is `source[s0, s1)`.
 * A literal segment is the same characters on both sides; a non-literal one is an escape
 * or a character reference. Source between two segments that no segment covers is markup.
 */
export interface Segment {
  v0: number;
  v1: number;
  s0: number;
  s1: number;
  literal: boolean;
}

/** How a replacement must be written in the source at the place of a piece. */
export type Context = 'markdown' | 'html-text' | 'html-attr-double' | 'html-attr-single' | 'html-attr-unquoted';

/** One prose string of a document, with its map to the source. */
export interface Piece {
  value: string;
  segments: Segment[];
  context: Context;
}

/**
 * Pieces repaired together (so the language model sees their context) but never edited
 * across a boundary: e.g. the text nodes of one paragraph, around `<b>` or `**`.
 */
export type Run = Piece[];

/**
 * How deep the walkers of a parse tree go. Deeper markup (which no real document has, but a
 * hostile one may) is left as it is, with a warning: the walks keep their own stacks, so
 * neither the call stack nor memory grows with the nesting.
 */
export const MAX_MARKUP_DEPTH = 1000;

/** Told of something left unrepaired on purpose (printed as a warning). */
export type Warn = (message: string) => void;

/** Builds segments while walking a source and a value side by side. */
export class Aligner {
  readonly segments: Segment[] = [];
  v = 0;

  constructor(public s: number) {}

  /** Adds `n` characters that are identical in value and source. */
  literal(n: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last && last.literal && last.v1 === this.v && last.s1 === this.s) {
      last.v1 += n;
      last.s1 += n;
    } else this.segments.push({ v0: this.v, v1: this.v + n, s0: this.s, s1: this.s + n, literal: true });
    this.v += n;
    this.s += n;
  }

  /** Adds source `sourceLength` characters that decode to `valueLength` characters. */
  encoded(sourceLength: number, valueLength: number): void {
    this.segments.push({ v0: this.v, v1: this.v + valueLength, s0: this.s, s1: this.s + sourceLength, literal: false });
    this.v += valueLength;
    this.s += sourceLength;
  }

  /** Skips source characters that are markup, not text. */
  skip(n: number): void {
    this.s += n;
  }
}

// Linear: no nested quantifiers, anchored with the sticky flag.
const CHAR_REF = /&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,8};?|[A-Za-z][A-Za-z0-9]{0,40};?)/y;

const decodedRefs = new Map<string, string>();

/**
 * The character reference at `source[i]` (which is `&`), as the HTML parser decodes it in
 * `where`: its source length and its text. `undefined` when it is not a reference there.
 */
export function charRefAt(
  source: string,
  i: number,
  where: 'text' | 'attribute',
  requireSemicolon = false,
): { length: number; text: string } | undefined {
  CHAR_REF.lastIndex = i;
  const m = CHAR_REF.exec(source);
  if (!m) return undefined;
  const ref = m[0];
  if (requireSemicolon && !ref.endsWith(';')) return undefined;
  const key = `${where}\u0000${ref}`;
  let text = decodedRefs.get(key);
  if (text === undefined) {
    if (where === 'text') {
      const node = parseFragment(ref).childNodes[0] as { value?: string } | undefined;
      text = node?.value ?? ref;
    } else {
      const el = parseFragment(`<i a="${ref}">`).childNodes[0] as { attrs?: { value: string }[] } | undefined;
      text = el?.attrs?.[0]?.value ?? ref;
    }
    decodedRefs.set(key, text);
  }
  return text === ref ? undefined : { length: ref.length, text };
}

/** Writes `after` for `context`; `undefined` when it cannot be written there safely. */
function escapeFor(context: Context, after: string): string | undefined {
  if (/[\r\n]/.test(after)) return undefined;
  switch (context) {
    case 'markdown':
      // Punctuation could start markup (emphasis, links, HTML, tables): leave such edits out.
      return /[\\`*_[\]<>&|~#!]/.test(after) ? undefined : after;
    case 'html-text':
      return after.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    case 'html-attr-double':
      return after.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    case 'html-attr-single':
      return after.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
    case 'html-attr-unquoted':
      return /[\s"'=<>`]/.test(after) ? undefined : after.replace(/&/g, '&amp;');
  }
}

/**
 * The source span of `value[a, b)` of a piece, or `undefined` when the span would take in
 * markup, split an escape, or (in Markdown) cover an escape at all.
 */
function sourceSpan(piece: Piece, a: number, b: number): { s0: number; s1: number } | undefined {
  const segs = piece.segments;
  let first = -1;
  let last = -1;
  for (let k = 0; k < segs.length; k++) {
    const g = segs[k];
    const touches = a === b ? g.v0 <= a && a <= g.v1 : g.v0 < b && a < g.v1;
    if (!touches) continue;
    if (first < 0) first = k;
    last = k;
  }
  if (first < 0) return undefined;
  if (a === b) {
    // An insertion: at a position inside a literal segment, or at a segment boundary.
    const g = segs[first];
    if (!g.literal && a !== g.v0 && a !== g.v1) return undefined;
    const at = g.literal ? g.s0 + (a - g.v0) : a === g.v0 ? g.s0 : g.s1;
    return { s0: at, s1: at };
  }
  let references = false;
  for (let k = first; k <= last; k++) {
    const g = segs[k];
    if (!g.literal) {
      if (piece.context === 'markdown') return undefined;
      if (a > g.v0 || b < g.v1) return undefined; // would split a character reference
      references = true;
    }
    if (k > first && segs[k - 1].s1 !== g.s0) return undefined; // markup in between
  }
  // `&nbsp;`, `&amp;` and the like, alone or among spaces, were written so on purpose: an
  // edit may rewrite references only as part of text (a word, or mojibake written with them).
  if (references && !/[^\s!-/:-@[-`{-~]/.test(piece.value.slice(a, b))) return undefined;
  const g0 = segs[first];
  const g1 = segs[last];
  const s0 = g0.literal ? g0.s0 + (a - g0.v0) : g0.s0;
  const s1 = g1.literal ? g1.s0 + (b - g1.v0) : g1.s1;
  return { s0, s1 };
}

/**
 * Repairs the prose of `source` given as runs of pieces, and returns the source with only
 * those spans rewritten. Edits that cannot be written back faithfully are left out.
 */
export function repairRuns(source: string, runs: readonly Run[], repairer: Repairer): FixResult {
  const edits: Edit[] = [];
  for (const run of runs) {
    if (run.length === 0) continue;
    const value = run.length === 1 ? run[0].value : run.map((p) => p.value).join('');
    const result = repairer.repair(value);
    if (result.edits.length === 0) continue;
    let k = 0;
    let base = 0;
    for (const e of result.edits) {
      while (k < run.length && base + run[k].value.length < e.start) base += run[k++].value.length;
      // An edit at a piece boundary belongs to the piece it covers, or (insertions) to the earlier one.
      while (k < run.length - 1 && e.end > e.start && base + run[k].value.length <= e.start) base += run[k++].value.length;
      if (k >= run.length) break;
      const piece = run[k];
      if (e.end > base + piece.value.length) continue; // crosses into the next piece
      const span = sourceSpan(piece, e.start - base, e.end - base);
      if (!span) continue;
      const after = escapeFor(piece.context, e.after);
      if (after === undefined) continue;
      const before = source.slice(span.s0, span.s1);
      if (before === after) continue;
      edits.push({ start: span.s0, end: span.s1, before, after, kind: e.kind, confidence: e.confidence, ...(e.detail ? { detail: e.detail } : {}) });
    }
  }
  if (edits.length === 0) return { text: source, edits: [] };
  edits.sort((x, y) => x.start - y.start || x.end - y.end);
  return { text: applyEdits(source, edits), edits };
}
