/** Which parser an input goes through before repair, and the dispatch to it. */
import type { FixResult } from '../types.js';
import { repairHtml } from './html.js';
import { repairMarkdown } from './markdown.js';
import type { Repairer } from './repairer.js';

/** A concrete input format (`auto` resolved). */
export type DocumentFormat = 'text' | 'markdown' | 'html';

const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);

/** The format of `path` under `--format` (`auto` decides by extension). */
export function formatForPath(path: string, format: 'auto' | DocumentFormat): DocumentFormat {
  if (format !== 'auto') return format;
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
      return repairMarkdown(text, repairer);
    case 'html':
      return repairHtml(text, repairer);
  }
}
