/**
 * The damaged rows of bench/damaged.ts, for the scripts that time or dump them: each a way
 * the encoding or Unicode stage repairs, applied at run time to clean corpus text.
 */
import { CODE_PAGES } from '../src/encoding/tables/code-pages.js';
import {
  codePageMojibake,
  composite,
  invisibles,
  legacyFont,
  lettersReplaced,
  lookalikes,
  mixedUnicode,
  mojibakeVariant,
  noBreakSpaces,
  partialMojibake,
  viqr,
} from './damage.js';

export interface DamagedRow {
  group: 'legacy' | 'mojibake' | 'unicode';
  name: string;
  damage: (text: string) => string;
}

export const DAMAGED_ROWS: readonly DamagedRow[] = [
  { group: 'legacy', name: 'tcvn3', damage: (t) => legacyFont(t, 'tcvn3') },
  { group: 'legacy', name: 'vni', damage: (t) => legacyFont(t, 'vni') },
  { group: 'legacy', name: 'viscii', damage: (t) => legacyFont(t, 'viscii') },
  { group: 'legacy', name: 'vps', damage: (t) => legacyFont(t, 'vps') },
  { group: 'legacy', name: 'cp1258', damage: (t) => legacyFont(t, 'windows-1258') },
  { group: 'legacy', name: 'viqr', damage: viqr },
  { group: 'mojibake', name: 'utf8-as-cp1252', damage: (t) => mojibakeVariant(t, 'cp1252') },
  { group: 'mojibake', name: 'utf8-as-latin1', damage: (t) => mojibakeVariant(t, 'latin1') },
  { group: 'mojibake', name: 'double-cp1252', damage: (t) => mojibakeVariant(t, 'double') },
  { group: 'mojibake', name: 'cp1252-c1-lost', damage: (t) => mojibakeVariant(t, 'c1-lost') },
  { group: 'mojibake', name: 'partial-cp1252', damage: (t) => partialMojibake(t) },
  { group: 'mojibake', name: 'cp1252-c1-replaced', damage: (t) => mojibakeVariant(t, 'c1-replaced') },
  { group: 'mojibake', name: 'letters-replaced', damage: lettersReplaced },
  // One row per other code page UTF-8 is shown through (src/encoding/tables/code-pages.ts).
  ...CODE_PAGES.map(([page]): DamagedRow => ({ group: 'mojibake', name: `utf8-as-${page}`, damage: (t) => codePageMojibake(t, page) })),
  { group: 'unicode', name: 'nfd', damage: (t) => t.normalize('NFD') },
  { group: 'unicode', name: 'composite', damage: composite },
  { group: 'unicode', name: 'lookalike', damage: (t) => lookalikes(t) },
  { group: 'unicode', name: 'nbsp', damage: (t) => noBreakSpaces(t) },
  { group: 'unicode', name: 'invisible', damage: (t) => invisibles(t) },
  { group: 'unicode', name: 'mixed', damage: (t) => mixedUnicode(t) },
];

/** The rows named in `only` (names or groups, comma-separated), or all when it is empty. */
export function chosenRows(only: string): readonly DamagedRow[] {
  if (only === '') return DAMAGED_ROWS;
  const names = only.split(',');
  return DAMAGED_ROWS.filter((row) => names.includes(row.name) || names.includes(row.group));
}
