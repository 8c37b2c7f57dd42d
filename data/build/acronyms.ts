/**
 * `npm run build:acronyms`: the acronyms written with `Đ` that text typed without marks writes
 * with `D` (`HDND` for `HĐND`, `GD&DT` for `GD&ĐT`), counted in the model's training text (the
 * sources of `build.ts`), as the generated module `src/repair/acronym-table.ts`.
 *
 *   tsx data/build/acronyms.ts [--corpus DIR] [--out src/repair/acronym-table.ts]
 *
 * An acronym is a token the tokenizer calls one, or several joined by hyphens (`NĐ-CP`). One
 * with `Đ` is kept when the training text writes it so far more often than its form with `D`:
 * `(count with Đ) / (count with Đ + count with D + 1)` is its share, kept at or above
 * {@link LEAST_SHARE} (the `+ 1` asks a few sightings of a rare one: `CĐ` loses to the `CD` of
 * compact discs, `VNĐ` to the currency code `VND`). The output depends only on the text.
 */
import { join, resolve } from 'node:path';
import { scanTokens } from '../../src/tokenize/index.js';
import { writeTableModule } from './generated-module.js';
import { argument, corpusFolder, ROOT, SOURCES, sourceLines } from './sources.js';

/** Least share of the written-with-`Đ` form for an acronym to be restored. */
const LEAST_SHARE = 0.9;

/** Adds the acronyms of `line` (hyphen-joined ones as one) to `counts`. */
function countAcronyms(line: string, counts: Map<string, number>): void {
  let unitStart = -1;
  let unitEnd = -1;
  const close = (): void => {
    if (unitStart >= 0) {
      const unit = line.slice(unitStart, unitEnd);
      counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
    unitStart = -1;
  };
  scanTokens(line, (kind, start, end) => {
    if (kind === 'acronym') {
      // Joined to the unit before by one hyphen, nothing else between.
      if (unitStart >= 0 && start === unitEnd + 1 && line.charCodeAt(unitEnd) === 0x2d) unitEnd = end;
      else {
        close();
        unitStart = start;
        unitEnd = end;
      }
    } else if (!(kind === 'punct' && start === unitEnd && end === start + 1 && line.charCodeAt(start) === 0x2d)) {
      close();
    }
  });
  close();
}

async function main(): Promise<void> {
  const corpus = corpusFolder();
  const out = resolve(argument('out', join(ROOT, 'src', 'repair', 'acronym-table.ts')));
  const counts = new Map<string, number>();
  for (const source of SOURCES) {
    for await (const line of sourceLines(corpus, source.file)) countAcronyms(line, counts);
  }
  const rows: [string, string, number, number][] = [];
  for (const [unit, count] of counts) {
    if (!unit.includes('Đ')) continue;
    const typed = unit.replaceAll('Đ', 'D');
    const typedCount = counts.get(typed) ?? 0;
    if (count / (count + typedCount + 1) >= LEAST_SHARE) rows.push([typed, unit, count, typedCount]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  writeTableModule(
    out,
    'data/build/acronyms.ts',
    [
      'Acronyms written with `Đ` that text typed without marks writes with `D`: the typed form, the',
      'acronym, and how often the training text writes each',
      `(${SOURCES.map((s) => s.file).join(', ')}).`,
      `Kept where the form with \`Đ\` has a share of at least ${LEAST_SHARE} (see the builder).`,
    ],
    'export const ACRONYMS: readonly (readonly [typed: string, acronym: string, count: number, typedCount: number])[] = [',
    rows.map(([typed, unit, count, typedCount]) => `[${JSON.stringify(typed)}, ${JSON.stringify(unit)}, ${count}, ${typedCount}]`),
  );
  console.error(`wrote ${out}: ${rows.length} acronyms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
