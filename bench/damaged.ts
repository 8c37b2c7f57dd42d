/**
 * Throughput of the repairs on damaged text: corpus text (see corpus-sample.ts) damaged at run
 * time in each way the encoding and Unicode stages repair, then repaired by the stage that
 * repairs it alone and by all stages (`fix` with its defaults). Each row gives MB/s of UTF-8
 * input and the ratio to `TextDecoder.decode` + `normalize('NFC')` of the same bytes, measured in
 * the same run (absolute speeds drift on shared machines; ratios hold):
 *
 *   npx tsx bench/damaged.ts [--mb 1] [--reps 5] [--only tcvn3,nfd,mojibake] [--clock wall|cpu]
 *
 * On a machine shared with other work the wall clock counts time the process waited for a core:
 * `--clock cpu` times the process's own CPU time instead (user + system), a steadier figure.
 *
 * Targets: the stage alone >= 20 MB/s and >= 0.15 x decode + NFC; all stages >= 10 MB/s on
 * legacy fonts and mojibake, >= 15 MB/s on Unicode damage.
 */
import { encodingStage, fix, runStages, type Stage } from '../src/index.js';
import { unicodeStage } from '../src/unicode/index.js';
import { stringOption, numberOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import {
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
import { measure } from './throughput.js';

interface Category {
  group: 'legacy' | 'mojibake' | 'unicode';
  name: string;
  damage: (text: string) => string;
}

const CATEGORIES: readonly Category[] = [
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
  { group: 'unicode', name: 'nfd', damage: (t) => t.normalize('NFD') },
  { group: 'unicode', name: 'composite', damage: composite },
  { group: 'unicode', name: 'lookalike', damage: (t) => lookalikes(t) },
  { group: 'unicode', name: 'nbsp', damage: (t) => noBreakSpaces(t) },
  { group: 'unicode', name: 'invisible', damage: (t) => invisibles(t) },
  { group: 'unicode', name: 'mixed', damage: (t) => mixedUnicode(t) },
];

/** The target of a row: MB/s of the stage alone and of all stages. */
function targets(group: Category['group']): { stage: number; all: number } {
  return { stage: 20, all: group === 'unicode' ? 15 : 10 };
}

function main(): void {
  const mb = numberOption('mb', 1);
  const reps = numberOption('reps', 5);
  const only = stringOption('only', '');
  const cpu = stringOption('clock', 'wall') === 'cpu';
  const chosen = only === '' ? CATEGORIES : CATEGORIES.filter((c) => only.split(',').includes(c.name) || only.split(',').includes(c.group));
  const clean = cleanSample(mb * 1e6);
  const decoder = new TextDecoder();
  const stages: Record<Category['group'], Stage> = { legacy: encodingStage(), mojibake: encodingStage(), unicode: unicodeStage() };

  const header = ['damage', 'MB', 'base MB/s', 'stage MB/s', 'x base', 'all MB/s', 'x base', 'targets'];
  const body: string[][] = [];
  for (const category of chosen) {
    const bytes = new TextEncoder().encode(category.damage(clean));
    const stage = stages[category.group];
    const baseline = measure('decode + NFC', bytes, (b) => decoder.decode(b).normalize('NFC'), reps, cpu).seconds;
    const alone = measure('stage alone', bytes, (b) => runStages(decoder.decode(b), [stage]), reps, cpu).seconds;
    const all = measure('all stages', bytes, (b) => fix(decoder.decode(b)), reps, cpu).seconds;
    const rate = (seconds: number) => bytes.length / 1e6 / seconds;
    const goal = targets(category.group);
    const met = rate(alone) >= goal.stage && baseline / alone >= 0.15 && rate(all) >= goal.all ? 'met' : 'short';
    body.push([
      `${category.group} ${category.name}`,
      (bytes.length / 1e6).toFixed(2),
      rate(baseline).toFixed(0),
      rate(alone).toFixed(1),
      (baseline / alone).toFixed(3),
      rate(all).toFixed(1),
      (baseline / all).toFixed(3),
      met,
    ]);
    console.error(body[body.length - 1].join('  '));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
  console.log(`\nclock: ${cpu ? 'CPU time of the process' : 'wall'}; ${reps} runs, median`);
  console.log(`targets: stage alone >= 20 MB/s and >= 0.15 x decode + NFC; all stages >= 10 MB/s (legacy, mojibake), >= 15 MB/s (unicode)`);
}

main();
