/** Which parser an input goes through before repair, and the dispatch to it. */
import type { FixResult } from '../types.js';
import type { Repairer } from './repairer.js';

/** A concrete input format (`auto` resolved). */
export type DocumentFormat = 'text' | 'markdown' | 'html';

/** Markdown and HTML parsing land next; until then every file is text. */
const PARSERS_READY = false;

const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);

/** The format of `path` under `--format` (`auto` decides by extension). */
export function formatForPath(path: string, format: 'auto' | DocumentFormat): DocumentFormat {
  if (format !== 'auto') return format;
  if (!PARSERS_READY) return 'text';
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  return 'text';
}

/** Repairs a whole document of the given format; edits are in `text` coordinates. */
export function repairDocument(text: string, format: DocumentFormat, repairer: Repairer): FixResult {
  switch (format) {
    case 'text':
      return repairer.repair(text);
    case 'markdown':
    case 'html':
      throw new Error(`--format ${format} is not available yet`);
  }
}
