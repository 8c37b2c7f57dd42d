/**
 * HTML-aware repair: text nodes and the `alt` and `title` attributes are repaired; tags,
 * other attributes, comments, scripts, styles and code stay byte-identical. Character
 * references are understood: the decoded text is repaired and changed spans are written
 * back escaped.
 */
import { defaultTreeAdapter, parse } from 'parse5';
import type { FixResult } from '../types.js';
import { Aligner, charRefAt, MAX_MARKUP_DEPTH, repairRuns, type Context, type Piece, type Run, type Warn } from './prose.js';
import type { Repairer } from './repairer.js';

interface Location {
  startOffset: number;
  endOffset: number;
  attrs?: Record<string, { startOffset: number; endOffset: number }>;
}

interface HtmlNode {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  sourceCodeLocation?: Location | null;
}

/** Elements whose content is not prose (or not ours to change). */
const SKIPPED = new Set([
  'script', 'style', 'template', 'textarea', 'pre', 'code', 'kbd', 'samp', 'var', 'noscript',
  'svg', 'math', 'iframe', 'xmp', 'plaintext', 'noembed', 'noframes', 'object',
]);

/** Elements that sit inside a sentence: their text continues the surrounding text. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'mark', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u',
]);

/**
 * parse5's tree with one change: a node's end position is updated in place. The default
 * copies the node's whole location object each time, and text grows by one character token
 * (a word or a space) at a time, so that copying was a large part of parsing an article.
 */
const treeAdapter: typeof defaultTreeAdapter = {
  ...defaultTreeAdapter,
  updateNodeSourceCodeLocation(node, endLocation) {
    if (node.sourceCodeLocation) Object.assign(node.sourceCodeLocation, endLocation);
    else defaultTreeAdapter.updateNodeSourceCodeLocation(node, endLocation);
  },
};

/** Attributes that hold prose. */
const PROSE_ATTRIBUTES = ['alt', 'title'];

/**
 * Aligns decoded HTML text with `source[s0, s1)`: character references and `\r\n` line
 * breaks (which the parser turns into `\n`) are the only differences allowed.
 */
function alignHtml(source: string, s0: number, s1: number, value: string, context: Context): Piece | undefined {
  const where = context === 'html-text' ? 'text' : 'attribute';
  const al = new Aligner(s0);
  while (al.v < value.length && al.s < s1) {
    const c = source[al.s];
    if (c === '&') {
      const ref = charRefAt(source, al.s, where);
      if (ref && al.s + ref.length <= s1 && value.startsWith(ref.text, al.v)) {
        al.encoded(ref.length, ref.text.length);
        continue;
      }
    }
    if (c === '\r' && value[al.v] === '\n') {
      al.encoded(source[al.s + 1] === '\n' ? 2 : 1, 1);
      continue;
    }
    if (c !== value[al.v]) return undefined;
    al.literal(1);
  }
  return al.v === value.length && al.s === s1 ? { value, segments: al.segments, context } : undefined;
}

/** The piece of an attribute's value, from the attribute's source span `name=value`. */
function attributePiece(source: string, loc: { startOffset: number; endOffset: number }, value: string): Piece | undefined {
  const eq = source.indexOf('=', loc.startOffset);
  if (eq < 0 || eq >= loc.endOffset) return undefined;
  let v = eq + 1;
  while (v < loc.endOffset && /\s/.test(source[v])) v++;
  const quote = source[v];
  if (quote === '"' || quote === "'") {
    if (source[loc.endOffset - 1] !== quote) return undefined;
    return alignHtml(source, v + 1, loc.endOffset - 1, value, quote === '"' ? 'html-attr-double' : 'html-attr-single');
  }
  return alignHtml(source, v, loc.endOffset, value, 'html-attr-unquoted');
}

/** An element being walked, and the index of its next child. */
interface Frame {
  node: HtmlNode;
  next: number;
  inline: boolean;
}

/**
 * Collects the prose of an HTML document as runs of pieces, walking the tree with a stack of
 * its own (see {@link MAX_MARKUP_DEPTH}). (A class, not closures made per document: V8 keeps
 * the optimised code of methods.)
 */
class ProseCollector {
  readonly runs: Run[] = [];
  /** Elements deeper than the limit, left as they are. */
  tooDeep = 0;
  private current: Run = [];
  private readonly stack: Frame[] = [];

  constructor(private readonly source: string, root: HtmlNode) {
    this.enter(root);
    const stack = this.stack;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = top.node.childNodes;
      if (children !== undefined && top.next < children.length) {
        this.enter(children[top.next++]);
        continue;
      }
      stack.pop();
      if (!top.inline) this.endRun();
    }
    this.endRun();
  }

  private endRun(): void {
    if (this.current.length > 0) this.runs.push(this.current);
    this.current = [];
  }

  /** Takes in a node: its text or attributes now, its children later (pushed on the stack). */
  private enter(node: HtmlNode): void {
    const source = this.source;
    const name = node.nodeName;
    if (name === '#text') {
      const loc = node.sourceCodeLocation;
      const piece = loc && node.value ? alignHtml(source, loc.startOffset, loc.endOffset, node.value, 'html-text') : undefined;
      if (piece) this.current.push(piece);
      else this.endRun();
      return;
    }
    if (name === '#comment' || name === '#documentType' || SKIPPED.has(name)) {
      this.endRun();
      return;
    }
    if (this.stack.length >= MAX_MARKUP_DEPTH) {
      // Left as it is; a boundary for the text around it.
      this.tooDeep++;
      this.endRun();
      return;
    }
    const loc = node.sourceCodeLocation;
    if (node.attrs && loc?.attrs) {
      for (const attr of node.attrs) {
        const at = loc.attrs[attr.name];
        if (!PROSE_ATTRIBUTES.includes(attr.name) || !at || attr.value === '') continue;
        const piece = attributePiece(source, at, attr.value);
        if (piece) this.runs.push([piece]);
      }
    }
    const inline = INLINE.has(name);
    if (!inline) this.endRun();
    this.stack.push({ node, next: 0, inline });
  }
}

/** Repairs the prose of an HTML document; everything else comes out byte-identical. */
export function repairHtml(source: string, repairer: Repairer, warn?: Warn): FixResult {
  const root = parse(source, { sourceCodeLocationInfo: true, treeAdapter }) as unknown as HtmlNode;
  const prose = new ProseCollector(source, root);
  if (prose.tooDeep > 0) warn?.(`HTML nested deeper than ${MAX_MARKUP_DEPTH} elements: ${prose.tooDeep} part(s) left as they are`);
  return repairRuns(source, prose.runs, repairer);
}
