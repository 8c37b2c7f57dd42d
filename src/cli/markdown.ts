/**
 * Markdown-aware repair: only prose is repaired (text of paragraphs, headings, emphasis,
 * link text, image descriptions). Code spans and blocks, link and image destinations,
 * autolinks, HTML, definitions and front matter stay byte-identical.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { FixResult } from '../types.js';
import { Aligner, charRefAt, repairRuns, type Piece, type Run } from './prose.js';
import type { Repairer } from './repairer.js';

interface MdNode {
  type: string;
  value?: string;
  alt?: string | null;
  url?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Inline nodes whose text children continue the surrounding sentence. */
const TRANSPARENT = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Nodes that hold no prose at all. */
const OPAQUE = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'definition', 'math', 'inlineMath']);

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Aligns a decoded Markdown string with its source from `s0`: backslash escapes and
 * character references are decoded; blockquote markers and indentation after a line
 * break are markup. Returns the segments and where the source ended, or `undefined`.
 */
function alignMarkdown(source: string, s0: number, sEnd: number, value: string): Piece | undefined {
  const al = new Aligner(s0);
  while (al.v < value.length) {
    if (al.s >= sEnd) return undefined;
    const c = source[al.s];
    const want = value[al.v];
    if (c === '\\' && al.s + 1 < sEnd && ASCII_PUNCT.test(source[al.s + 1]) && want === source[al.s + 1]) {
      al.encoded(2, 1);
      continue;
    }
    if (c === '&') {
      const ref = charRefAt(source, al.s, 'text', true);
      if (ref && value.startsWith(ref.text, al.v)) {
        al.encoded(ref.length, ref.text.length);
        continue;
      }
    }
    if (c === want) {
      al.literal(1);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '>' || c === '\r') {
      al.skip(1);
      continue;
    }
    return undefined;
  }
  return { value, segments: al.segments, context: 'markdown' };
}

function offsets(node: MdNode): { start: number; end: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Collects the prose of a Markdown document as runs of pieces. */
function proseRuns(source: string, root: MdNode): Run[] {
  const runs: Run[] = [];
  let current: Run = [];
  const endRun = (): void => {
    if (current.length > 0) runs.push(current);
    current = [];
  };
  const visit = (node: MdNode): void => {
    if (OPAQUE.has(node.type)) {
      endRun();
      return;
    }
    if (node.type === 'text') {
      const at = offsets(node);
      const piece = at && node.value ? alignMarkdown(source, at.start, at.end, node.value) : undefined;
      const mapped = piece?.segments[piece.segments.length - 1]?.s1;
      // Whatever source is left after the last character must be stripped whitespace.
      if (piece && mapped !== undefined && /^[ \t\r]*$/.test(source.slice(mapped, at!.end))) current.push(piece);
      else endRun(); // text we cannot map back is left alone
      return;
    }
    if (node.type === 'image') {
      endRun();
      const at = offsets(node);
      // `![alt](url)`: the description starts two characters in and ends at its `]`.
      if (at && node.alt) {
        const piece = alignMarkdown(source, at.start + 2, at.end, node.alt);
        const end = piece?.segments[piece.segments.length - 1]?.s1;
        if (piece && end !== undefined && source[end] === ']') runs.push([piece]);
      }
      return;
    }
    if (node.type === 'link') {
      const at = offsets(node);
      // An autolink (`<https://…>`) shows its URL as its text: not prose.
      if (at && source[at.start] === '<') {
        endRun();
        return;
      }
    }
    if (TRANSPARENT.has(node.type)) {
      for (const child of node.children ?? []) visit(child);
      return;
    }
    // Any other node (paragraph, heading, list, break, reference, …) is a boundary.
    endRun();
    for (const child of node.children ?? []) visit(child);
    endRun();
  };
  visit(root);
  endRun();
  return runs;
}

/** Parser options, made once rather than for every document (the extensions are sets of functions). */
const PARSE_OPTIONS = {
  extensions: [frontmatter(['yaml', 'toml'])],
  mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])],
};

/** Repairs the prose of a Markdown document; everything else comes out byte-identical. */
export function repairMarkdown(source: string, repairer: Repairer): FixResult {
  const root = fromMarkdown(source, PARSE_OPTIONS) as MdNode;
  return repairRuns(source, proseRuns(source, root), repairer);
}
