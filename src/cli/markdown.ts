/**
 * Markdown-aware repair: only prose is repaired (text of paragraphs, headings, emphasis,
 * link text, image descriptions). Code spans and blocks, link and image destinations,
 * autolinks, HTML, link reference definitions and front matter stay byte-identical.
 *
 * The parser is Lezer's CommonMark parser: its syntax tree gives every node's source range,
 * and text is whatever lies between the nodes of a paragraph or heading.
 */
import { parser } from '@lezer/markdown';
import type { FixResult } from '../types.js';
import { Aligner, charRefAt, repairRuns, type Piece, type Run } from './prose.js';
import type { Repairer } from './repairer.js';

type Tree = ReturnType<typeof parser.parse>;
type TreeCursor = ReturnType<Tree['cursor']>;
type SyntaxNode = Tree['topNode'];

/** Blocks that only hold other blocks. */
const CONTAINERS = new Set(['Document', 'Blockquote', 'BulletList', 'OrderedList', 'ListItem']);

/** Blocks whose content is inline text. */
const TEXT_BLOCKS = new Set([
  'Paragraph',
  'ATXHeading1',
  'ATXHeading2',
  'ATXHeading3',
  'ATXHeading4',
  'ATXHeading5',
  'ATXHeading6',
  'SetextHeading1',
  'SetextHeading2',
]);

const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** A link label as CommonMark matches it: case-folded, inner white space collapsed. */
function normalizeLabel(label: string): string {
  return label.trim().split(/[ \t\r\n]+/).join(' ').toUpperCase().toLowerCase();
}

/**
 * Where front matter ends: `---` (YAML) or `+++` (TOML) alone on the first line, up to the same
 * fence alone on a later line. 0 when the document has none.
 */
export function frontMatterEnd(source: string): number {
  const fence = source.startsWith('---') ? '---' : source.startsWith('+++') ? '+++' : undefined;
  if (fence === undefined) return 0;
  const fenceLineEnd = (at: number): number => {
    // `at` starts a line that begins with the fence: the end of that line (after its line
    // ending) when the rest of it is blank, else -1.
    let i = at + 3;
    while (i < source.length && isBlank(source[i])) i++;
    if (i === source.length) return i;
    if (source[i] === '\n') return i + 1;
    if (source[i] === '\r') return source[i + 1] === '\n' ? i + 2 : i + 1;
    return -1;
  };
  let line = fenceLineEnd(0);
  if (line < 0 || line === source.length) return 0;
  while (line < source.length) {
    if (source.startsWith(fence, line)) {
      const end = fenceLineEnd(line);
      if (end >= 0) return end;
    }
    const next = source.indexOf('\n', line);
    if (next < 0) return 0;
    line = next + 1;
  }
  return 0;
}

/**
 * Collects the prose of a Markdown document as runs of pieces: one run per paragraph or
 * heading (cut at code spans, HTML, autolinks and hard breaks), one per image description.
 */
function proseRuns(source: string): Run[] {
  // Front matter is left out of the parse; `base` maps the tree's positions back to `source`.
  const base = frontMatterEnd(source);
  const tree = parser.parse(base === 0 ? source : source.slice(base));
  const runs: Run[] = [];
  let current: Run = [];
  // The piece being built: its map to the source, and its decoded text.
  let piece: Aligner | undefined;
  let value = '';
  // At a line start (after a line ending or a line mark), blanks are indentation: markup.
  let lineStart = true;

  const endPiece = (): void => {
    if (piece !== undefined && piece.v > 0) current.push({ value, segments: piece.segments, context: 'markdown' });
    piece = undefined;
    value = '';
  };
  const endRun = (): void => {
    endPiece();
    if (current.length > 0) runs.push(current);
    current = [];
  };
  /** The piece, continued at source position `at` (what it skips is markup). */
  const pieceAt = (at: number): Aligner => {
    if (piece === undefined) piece = new Aligner(at);
    else if (piece.s !== at) piece.skip(at - piece.s);
    return piece;
  };
  const literal = (from: number, to: number): void => {
    if (to <= from) return;
    pieceAt(from).literal(to - from);
    value += source.slice(from, to);
  };
  const encoded = (from: number, to: number, text: string): void => {
    pieceAt(from).encoded(to - from, text.length);
    value += text;
  };

  /** Source `[from, to)` between inline nodes: text, line endings and indentation. */
  const text = (from: number, to: number, trimEnd: boolean): void => {
    if (trimEnd) while (to > from && isSpace(source[to - 1])) to--;
    let i = from;
    while (i < to) {
      if (lineStart) {
        while (i < to && isBlank(source[i])) i++;
        if (i === to) return;
        lineStart = false;
      }
      const nl = source.indexOf('\n', i);
      if (nl < 0 || nl >= to) {
        literal(i, to);
        return;
      }
      // Blanks before a line ending are not part of the text (CommonMark strips them).
      const breakStart = nl > i && source[nl - 1] === '\r' ? nl - 1 : nl;
      let lineEnd = breakStart;
      while (lineEnd > i && isBlank(source[lineEnd - 1])) lineEnd--;
      literal(i, lineEnd);
      literal(breakStart, nl + 1);
      lineStart = true;
      i = nl + 1;
    }
  };

  const startOf = (c: TreeCursor): number => c.from + base;
  const endOf = (c: TreeCursor): number => c.to + base;

  /** The children of the node at `c` that lie in `[from, to)`, and the text between them. */
  const inline = (c: TreeCursor, start: number, end: number, trimEnd: boolean): void => {
    let at = start;
    if (c.firstChild()) {
      do {
        if (endOf(c) <= start) continue;
        if (startOf(c) >= end) break;
        text(at, startOf(c), c.name === 'HeaderMark');
        at = endOf(c);
        inlineNode(c);
      } while (c.nextSibling());
      c.parent();
    }
    text(at, end, trimEnd);
  };

  const inlineNode = (c: TreeCursor): void => {
    switch (c.name) {
      case 'Escape':
        encoded(startOf(c), endOf(c), source[startOf(c) + 1]);
        break;
      case 'Entity': {
        const ref = charRefAt(source, startOf(c), 'text', true);
        if (ref !== undefined && ref.length === endOf(c) - startOf(c)) encoded(startOf(c), endOf(c), ref.text);
        else literal(startOf(c), endOf(c));
        break;
      }
      case 'QuoteMark':
      case 'ListMark':
      case 'HeaderMark':
        lineStart = true;
        break;
      case 'EmphasisMark':
        endPiece();
        break;
      case 'Emphasis':
      case 'StrongEmphasis':
        endPiece();
        inline(c, startOf(c), endOf(c), false);
        endPiece();
        break;
      case 'LinkMark':
      case 'LinkLabel':
        // Only met here inside a reference to nothing, which is text.
        literal(startOf(c), endOf(c));
        break;
      case 'Link':
      case 'Image': {
        const parts = linkParts(c.node);
        if (parts === undefined) {
          inline(c, startOf(c), endOf(c), false);
          break;
        }
        // An image description is a run of its own; a link's text continues the sentence.
        const image = c.name === 'Image';
        if (image) endRun();
        else endPiece();
        lineStart = false;
        inline(c, parts.textStart, parts.textEnd, false);
        if (image) endRun();
        else endPiece();
        break;
      }
      default:
        // Code spans, HTML, autolinks, hard breaks, comments: not prose, and a boundary.
        endRun();
    }
  };

  // Labels of the document's link reference definitions, made on the first reference link.
  let definitions: Set<string> | undefined;
  const isDefined = (label: string): boolean => {
    if (definitions === undefined) {
      const found = new Set<string>();
      tree.iterate({
        enter: (n) => {
          if (n.name !== 'LinkReference') return CONTAINERS.has(n.name);
          const l = n.node.getChild('LinkLabel');
          if (l !== null) found.add(normalizeLabel(source.slice(l.from + base + 1, l.to + base - 1)));
          return false;
        },
      });
      definitions = found;
    }
    return definitions.has(normalizeLabel(label));
  };

  /**
   * Where the text of a link or image lies: from its opening mark to its `]` (the rest is
   * markup). `undefined` for a reference to no definition: CommonMark reads that as text.
   */
  const linkParts = (node: SyntaxNode): { textStart: number; textEnd: number } | undefined => {
    const open = node.firstChild;
    if (open === null || open.name !== 'LinkMark') return undefined;
    let close = open.nextSibling;
    while (close !== null && !(close.name === 'LinkMark' && source[close.from + base] === ']')) close = close.nextSibling;
    if (close === null) return undefined;
    const textStart = open.to + base;
    const textEnd = close.from + base;
    const after = close.nextSibling;
    if (after !== null && after.name === 'LinkMark' && source[after.from + base] === '(') return { textStart, textEnd };
    // A reference: `[text][label]`, `[text][]` or `[text]`.
    const label = after !== null && after.name === 'LinkLabel' ? source.slice(after.from + base + 1, after.to + base - 1) : '';
    return isDefined(/\S/.test(label) ? label : source.slice(textStart, textEnd)) ? { textStart, textEnd } : undefined;
  };

  const block = (c: TreeCursor): void => {
    if (CONTAINERS.has(c.name)) {
      if (c.firstChild()) {
        do block(c);
        while (c.nextSibling());
        c.parent();
      }
    } else if (TEXT_BLOCKS.has(c.name)) {
      lineStart = true;
      inline(c, startOf(c), endOf(c), true);
      endRun();
    }
    // Anything else (code, HTML, definitions, rules, marks) holds no prose.
  };

  block(tree.cursor());
  endRun();
  return runs;
}

/** Repairs the prose of a Markdown document; everything else comes out byte-identical. */
export function repairMarkdown(source: string, repairer: Repairer): FixResult {
  return repairRuns(source, proseRuns(source), repairer);
}
