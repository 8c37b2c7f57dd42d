/**
 * Writes the damaged text of every row of bench/damaged.ts (and the clean text it is made
 * from, `clean.txt`) to files, one per row, to compare two builds' outputs on exactly the
 * bench's text (`node dist/cli.js --json row.txt` of each, then `cmp`) or to profile one row:
 *
 *   npx tsx bench/damaged-dump.ts --out /tmp/damaged [--mb 0.5] [--only tcvn3,unicode]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';

const out = stringOption('out', '');
if (out === '') throw new Error('--out DIR is needed');
mkdirSync(out, { recursive: true });
const clean = cleanSample(numberOption('mb', 0.5) * 1e6);
writeFileSync(join(out, 'clean.txt'), clean);
const rows = chosenRows(stringOption('only', ''));
for (const row of rows) writeFileSync(join(out, `${row.name}.txt`), row.damage(clean));
console.log(`${rows.length + 1} files in ${out}`);
