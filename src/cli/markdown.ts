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
function frontMatterEnd(source: string): number {
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
 * (A class, not closures made per document: V8 keeps the optimised code of methods.)
 */
class ProseCollector {
  readonly runs: Run[] = [];
  private current: Run = [];
  /** The piece being built: its map to the source, and its decoded text. */
  private piece: Aligner | undefined = undefined;
  private value = '';
  /** At a line start (after a line ending or a line mark), blanks are indentation: markup. */
  private lineStart = true;
  /** Labels of the document's link reference definitions, gathered at the first reference link. */
  private definitions: Set<string> | undefined = undefined;
  private readonly tree: Tree;

  /** `base`: where the parsed text starts in `source` (after front matter). */
  constructor(
    private readonly source: string,
    private readonly base: number,
  ) {
    this.tree = parser.parse(base === 0 ? source : source.slice(base));
    this.block(this.tree.cursor());
    this.endRun();
  }

  private startOf(c: TreeCursor | SyntaxNode): number {
    return c.from + this.base;
  }

  private endOf(c: TreeCursor | SyntaxNode): number {
    return c.to + this.base;
  }

  private endPiece(): void {
    if (this.piece !== undefined && this.piece.v > 0) this.current.push({ value: this.value, segments: this.piece.segments, context: 'markdown' });
    this.piece = undefined;
    this.value = '';
  }

  private endRun(): void {
    this.endPiece();
    if (this.current.length > 0) this.runs.push(this.current);
    this.current = [];
  }

  /** The piece, continued at source position `at` (what it skips is markup). */
  private pieceAt(at: number): Aligner {
    if (this.piece === undefined) this.piece = new Aligner(at);
    else if (this.piece.s !== at) this.piece.skip(at - this.piece.s);
    return this.piece;
  }

  private literal(from: number, to: number): void {
    if (to <= from) return;
    this.pieceAt(from).literal(to - from);
    this.value += this.source.slice(from, to);
  }

  private encoded(from: number, to: number, text: string): void {
    this.pieceAt(from).encoded(to - from, text.length);
    this.value += text;
  }

  /** Source `[from, to)` between inline nodes: text, line endings and indentation. */
  private text(from: number, to: number, trimEnd: boolean): void {
    const source = this.source;
    if (trimEnd) while (to > from && isSpace(source[to - 1])) to--;
    let i = from;
    while (i < to) {
      if (this.lineStart) {
        while (i < to && isBlank(source[i])) i++;
        if (i === to) return;
        this.lineStart = false;
      }
      const nl = source.indexOf('\n', i);
      if (nl < 0 || nl >= to) {
        this.literal(i, to);
        return;
      }
      // Blanks before a line ending are not part of the text (CommonMark strips them).
      const breakStart = nl > i && source[nl - 1] === '\r' ? nl - 1 : nl;
      let lineEnd = breakStart;
      while (lineEnd > i && isBlank(source[lineEnd - 1])) lineEnd--;
      this.literal(i, lineEnd);
      this.literal(breakStart, nl + 1);
      this.lineStart = true;
      i = nl + 1;
    }
  }

  /** The children of the node at `c` that lie in `[start, end)`, and the text between them. */
  private inline(c: TreeCursor, start: number, end: number, trimEnd: boolean): void {
    let at = start;
    if (c.firstChild()) {
      do {
        if (this.endOf(c) <= start) continue;
        if (this.startOf(c) >= end) break;
        this.text(at, this.startOf(c), c.name === 'HeaderMark');
        at = this.endOf(c);
        this.inlineNode(c);
      } while (c.nextSibling());
      c.parent();
    }
    this.text(at, end, trimEnd);
  }

  private inlineNode(c: TreeCursor): void {
    const from = this.startOf(c);
    const to = this.endOf(c);
    switch (c.name) {
      case 'Escape':
        this.encoded(from, to, this.source[from + 1]);
        break;
      case 'Entity': {
        const ref = charRefAt(this.source, from, 'text', true);
        if (ref !== undefined && ref.length === to - from) this.encoded(from, to, ref.text);
        else this.literal(from, to);
        break;
      }
      case 'QuoteMark':
      case 'ListMark':
      case 'HeaderMark':
        this.lineStart = true;
        break;
      case 'EmphasisMark':
        this.endPiece();
        break;
      case 'Emphasis':
      case 'StrongEmphasis':
        this.endPiece();
        this.inline(c, from, to, false);
        this.endPiece();
        break;
      case 'LinkMark':
      case 'LinkLabel':
        // Only met here inside a reference to nothing, which is text.
        this.literal(from, to);
        break;
      case 'Link':
      case 'Image': {
        const parts = this.linkParts(c.node);
        if (parts === undefined) {
          this.inline(c, from, to, false);
          break;
        }
        // An image description is a run of its own; a link's text continues the sentence.
        const image = c.name === 'Image';
        if (image) this.endRun();
        else this.endPiece();
        this.lineStart = false;
        this.inline(c, parts.textStart, parts.textEnd, false);
        if (image) this.endRun();
        else this.endPiece();
        break;
      }
      default:
        // Code spans, HTML, autolinks, hard breaks, comments: not prose, and a boundary.
        this.endRun();
    }
  }

  private isDefined(label: string): boolean {
    if (this.definitions === undefined) {
      const found = new Set<string>();
      this.tree.iterate({
        enter: (n) => {
          if (n.name !== 'LinkReference') return CONTAINERS.has(n.name);
          const l = n.node.getChild('LinkLabel');
          if (l !== null) found.add(normalizeLabel(this.source.slice(this.startOf(l) + 1, this.endOf(l) - 1)));
          return false;
        },
      });
      this.definitions = found;
    }
    return this.definitions.has(normalizeLabel(label));
  }

  /**
   * Where the text of a link or image lies: from its opening mark to its `]` (the rest is
   * markup). `undefined` for a reference to no definition: CommonMark reads that as text.
   */
  private linkParts(node: SyntaxNode): { textStart: number; textEnd: number } | undefined {
    const source = this.source;
    const open = node.firstChild;
    if (open === null || open.name !== 'LinkMark') return undefined;
    let close = open.nextSibling;
    while (close !== null && !(close.name === 'LinkMark' && source[this.startOf(close)] === ']')) close = close.nextSibling;
    if (close === null) return undefined;
    const textStart = this.endOf(open);
    const textEnd = this.startOf(close);
    const after = close.nextSibling;
    if (after !== null && after.name === 'LinkMark' && source[this.startOf(after)] === '(') return { textStart, textEnd };
    // A reference: `[text][label]`, `[text][]` or `[text]`.
    const label = after !== null && after.name === 'LinkLabel' ? source.slice(this.startOf(after) + 1, this.endOf(after) - 1) : '';
    return this.isDefined(/\S/.test(label) ? label : source.slice(textStart, textEnd)) ? { textStart, textEnd } : undefined;
  }

  private block(c: TreeCursor): void {
    if (CONTAINERS.has(c.name)) {
      if (c.firstChild()) {
        do this.block(c);
        while (c.nextSibling());
        c.parent();
      }
    } else if (TEXT_BLOCKS.has(c.name)) {
      this.lineStart = true;
      this.inline(c, this.startOf(c), this.endOf(c), true);
      this.endRun();
    }
    // Anything else (code, HTML, definitions, rules, marks) holds no prose.
  }
}

/** Repairs the prose of a Markdown document; everything else comes out byte-identical. */
export function repairMarkdown(source: string, repairer: Repairer): FixResult {
  // Front matter is left out of the parse.
  return repairRuns(source, new ProseCollector(source, frontMatterEnd(source)).runs, repairer);
}
