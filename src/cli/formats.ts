/** Which parser an input goes through before repair, and the dispatch to it. */
import type { FixResult } from '../types.js';
import { repairHtml } from './html.js';
import { repairMarkdown } from './markdown.js';
import type { Warn } from './prose.js';
import type { Repairer } from './repairer.js';

/**
 * A concrete input format (`auto` resolved). `code`: a source or data file, read as text but
 * repaired by the encoding and Unicode stages only (see {@link CODE_EXTENSIONS}).
 */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'code';

const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);
/**
 * Source and data files. Their Vietnamese is typed, never read by OCR, and written without marks
 * on purpose where it is (comments and messages kept to ASCII, slugs, keys): context repair would
 * change a program's strings on a guess. Mojibake, legacy encodings and Unicode damage in them
 * are damage all the same.
 */
const CODE_EXTENSIONS = new Set(
  (
    'c h cc cpp cxx hpp hh hxx cs java kt kts scala groovy go rs swift m mm py pyw pyi rb php pl pm lua r jl dart ' +
    'js mjs cjs jsx ts mts cts tsx vue svelte sh bash zsh fish ps1 psm1 bat cmd sql el clj cljs ex exs erl hs ml mli fs fsx ' +
    'vim vb vbs asm s json jsonc json5 yaml yml toml ini cfg conf xml xsd xsl plist gradle cmake mk'
  ).split(' '),
);

/** The format of `path` under `--format` (`auto` decides by extension). */
export function formatForPath(path: string, format: 'auto' | DocumentFormat): DocumentFormat {
  if (format !== 'auto') return format;
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1);
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  if (CODE_EXTENSIONS.has(ext) || name === 'makefile' || name === 'dockerfile') return 'code';
  return 'text';
}

/** Character references that stand for punctuation or spaces: they cannot hide damaged letters. */
const HARMLESS_REFERENCES = new Set(
  'amp lt gt quot apos nbsp copy reg trade hellip mdash ndash laquo raquo lsquo rsquo ldquo rdquo middot bull euro'.split(' '),
);

/** `true` when the text has a character reference that may stand for a letter or a mark. */
function hasLetterReferences(text: string): boolean {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 35 /* # */) return true;
    let j = i + 1;
    while (j < text.length && j - i <= 32 && /[A-Za-z0-9]/.test(text[j])) j++;
    if (j > i + 1 && !HARMLESS_REFERENCES.has(text.slice(i + 1, j))) return true;
  }
  return false;
}

/**
 * Repairs a whole document of the given format; edits are in `text` coordinates.
 *
 * Parsing Markdown or HTML costs far more than the repair's clean path, and most documents
 * of an archive are clean. So the raw document is first run through the repair as plain
 * text, up to the first change: when nothing in it, markup included, needs a change (and no
 * character reference could hide a letter), its prose is clean too and the parser is not
 * needed.
 */
export function repairDocument(text: string, format: DocumentFormat, repairer: Repairer, warn?: Warn): FixResult {
  if (format === 'text') return repairer.repair(text);
  if (format === 'code') return repairer.forCode().repair(text);
  // Whether the document is OCR output is decided once, on all of it, not run by run.
  const document = repairer.forDocument(text);
  const ocr = document.ocr === true ? { ocr: true } : {};
  if (!hasLetterReferences(text) && !document.wouldChange(text)) return { text, edits: [], ...ocr };
  const result = format === 'markdown' ? repairMarkdown(text, document, warn) : repairHtml(text, document, warn);
  return { ...result, ...ocr };
}
