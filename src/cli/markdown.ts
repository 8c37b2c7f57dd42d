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
import { Aligner, charRefAt, MAX_MARKUP_DEPTH, repairRuns, type Piece, type Run, type Warn } from './prose.js';
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

/** What ends when the text of an inline node has been walked. */
type After = 'nothing' | 'piece' | 'run';

/** Inline text being walked: the span, how far it went, and whether the cursor is on a child of it. */
interface InlineFrame {
  start: number;
  end: number;
  trimEnd: boolean;
  /** Source position up to which the text has been taken. */
  at: number;
  after: After;
  /** The cursor went down to the children (and must come back up). */
  opened: boolean;
  /** The cursor is on a child not taken yet. */
  live: boolean;
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
  /** Nodes deeper than the limit, left as they are. */
  tooDeep = 0;
  /** Labels of the document's link reference definitions, gathered at the first reference link. */
  private definitions: Set<string> | undefined = undefined;
  private readonly tree: Tree;

  /** `base`: where the parsed text starts in `source` (after front matter). */
  constructor(
    private readonly source: string,
    private readonly base: number,
  ) {
    this.tree = parser.parse(base === 0 ? source : source.slice(base));
    this.blocks(this.tree.cursor());
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

  /**
   * The children of the node at `c` that lie in `[start, end)`, and the text between them;
   * emphasis, links and images nest, walked with a stack of frames (see {@link InlineFrame}).
   * The cursor is back on the node at the end.
   */
  private inline(c: TreeCursor, start: number, end: number, trimEnd: boolean): void {
    const frames: InlineFrame[] = [];
    const open = (from: number, to: number, trim: boolean, after: After): void => {
      const opened = c.firstChild();
      frames.push({ start: from, end: to, trimEnd: trim, at: from, after, opened, live: opened });
    };
    open(start, end, trimEnd, 'nothing');
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.live) {
        if (this.endOf(c) <= f.start) {
          f.live = c.nextSibling();
          continue;
        }
        if (this.startOf(c) >= f.end) {
          f.live = false;
          continue;
        }
        this.text(f.at, this.startOf(c), c.name === 'HeaderMark');
        f.at = this.endOf(c);
        const inner = this.inlineNode(c);
        if (inner !== undefined) {
          if (frames.length < MAX_MARKUP_DEPTH) {
            open(inner.start, inner.end, false, inner.after);
            continue;
          }
          // Left as it is; a boundary for the text around it.
          this.tooDeep++;
          this.endRun();
        }
        f.live = c.nextSibling();
        continue;
      }
      if (f.opened) c.parent();
      this.text(f.at, f.end, f.trimEnd);
      frames.pop();
      if (f.after === 'piece') this.endPiece();
      else if (f.after === 'run') this.endRun();
      if (frames.length > 0) frames[frames.length - 1].live = c.nextSibling();
    }
  }

  /**
   * Takes in the inline node at `c`. A node with text inside (emphasis, a link, an image)
   * returns the span of that text, to be walked next, and what ends after it.
   */
  private inlineNode(c: TreeCursor): { start: number; end: number; after: After } | undefined {
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
        return { start: from, end: to, after: 'piece' };
      case 'LinkMark':
      case 'LinkLabel':
        // Only met here inside a reference to nothing, which is text.
        this.literal(from, to);
        break;
      case 'Link':
      case 'Image': {
        const parts = this.linkParts(c.node);
        if (parts === undefined) return { start: from, end: to, after: 'nothing' };
        // An image description is a run of its own; a link's text continues the sentence.
        const image = c.name === 'Image';
        if (image) this.endRun();
        else this.endPiece();
        this.lineStart = false;
        return { start: parts.textStart, end: parts.textEnd, after: image ? 'run' : 'piece' };
      }
      default:
        // Code spans, HTML, autolinks, hard breaks, comments: not prose, and a boundary.
        this.endRun();
    }
    return undefined;
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

  /** The blocks of the document at `c`, walked with the cursor (no recursion). */
  private blocks(c: TreeCursor): void {
    let depth = 0;
    for (;;) {
      let descend = false;
      if (CONTAINERS.has(c.name)) {
        if (depth < MAX_MARKUP_DEPTH) descend = true;
        else this.tooDeep++; // left as it is
      } else if (TEXT_BLOCKS.has(c.name)) {
        this.lineStart = true;
        this.inline(c, this.startOf(c), this.endOf(c), true);
        this.endRun();
      }
      // Anything else (code, HTML, definitions, rules, marks) holds no prose.
      if (descend && c.firstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (c.nextSibling()) break;
        c.parent();
        depth--;
      }
    }
  }
}

/** Repairs the prose of a Markdown document; everything else comes out byte-identical. */
export function repairMarkdown(source: string, repairer: Repairer, warn?: Warn): FixResult {
  // Front matter is left out of the parse.
  const prose = new ProseCollector(source, frontMatterEnd(source));
  if (prose.tooDeep > 0) warn?.(`Markdown nested deeper than ${MAX_MARKUP_DEPTH} levels: ${prose.tooDeep} part(s) left as they are`);
  return repairRuns(source, prose.runs, repairer);
}
