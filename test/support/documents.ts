/** Real Vietnamese documents among the fixtures (sources in test/fixtures/bilingual/README.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli-helpers.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'bilingual', name), 'utf8');

/** The Vietnamese side of the LibreOffice glossary, one entry a line. */
export const glossaryLines = fixture('libreoffice-glossary.tsv')
  .split('\n')
  .filter((l) => l.startsWith('vi\t'))
  .map((l) => l.slice(3));

/** The Vietnamese side of the LibreOffice glossary as one document. */
export const glossary = glossaryLines.join('\n');

/** The Vietnamese manual page of `cp`. */
export const manpage = fixture('manpages-vi-cp.txt');

/** Vim's Vietnamese tutor, one line of the file a line, whitespace runs made one space. */
export const vimTutorLines = fixture('vim-tutor-vi.txt')
  .split('\n')
  .map((l) => l.trim().replace(/\s+/g, ' '))
  .filter((l) => l !== '');

/**
 * Lines of Debian's New Maintainers' Guide in Vietnamese (`maint-guide-vi`), whitespace runs
 * (no-break spaces among them) made one space.
 */
export const maintGuideLines = fixture('maint-guide-nbsp-lines.txt')
  .split('\n')
  .map((l) => l.trim().replace(/[\s\u00a0]+/g, ' '))
  .filter((l) => l !== '');
