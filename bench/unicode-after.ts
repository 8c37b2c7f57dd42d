/**
 * Where the time of `fix` goes on Unicode damage: for each damage of bench/damaged.ts's Unicode
 * rows, the Unicode stage alone on the damaged text, `fix` (all stages) on it, and `fix` on the
 * same corpus text undamaged, all against decode + NFC of the damaged bytes in the same run.
 * "after" is all stages minus the stage alone: what the other stages (and the OCR judge of
 * `ocr: 'auto'`) cost once the Unicode stage has repaired the text; compare it with the clean
 * column, the same stages on text that needed no Unicode repair.
 *
 *   npx tsx bench/unicode-after.ts [--mb 0.5] [--reps 3] [--clock wall|cpu] [--only nfd,mixed]
 */
import { fix, runStages } from '../src/index.js';
import { unicodeStage } from '../src/unicode/index.js';
import { numberOption, stringOption } from './args.js';
import { cleanSample } from './corpus-sample.js';
import { chosenRows } from './damaged-rows.js';
import { measure } from './throughput.js';


function main(): void {
  const mb = numberOption('mb', 0.5);
  const reps = numberOption('reps', 3);
  const only = stringOption('only', '');
  const cpu = stringOption('clock', 'wall') === 'cpu';
  const rows = chosenRows(only === '' ? 'unicode' : only).filter((row) => row.group === 'unicode');
  const clean = cleanSample(mb * 1e6);
  const cleanBytes = new TextEncoder().encode(clean);
  const decoder = new TextDecoder();
  const stage = unicodeStage();
  const ms = (seconds: number) => (seconds * 1000).toFixed(1);
  console.log('damage      MB  decode+NFC ms  stage ms  all ms  after ms  clean all ms');
  for (const { name, damage } of rows) {
    const bytes = new TextEncoder().encode(damage(clean));
    const base = measure('decode + NFC', bytes, (b) => decoder.decode(b).normalize('NFC'), reps, cpu).seconds;
    const alone = measure('stage alone', bytes, (b) => runStages(decoder.decode(b), [stage]), reps, cpu).seconds;
    const all = measure('all stages', bytes, (b) => fix(decoder.decode(b)), reps, cpu).seconds;
    const cleanAll = measure('all stages, clean', cleanBytes, (b) => fix(decoder.decode(b)), reps, cpu).seconds;
    console.log(
      `${name.padEnd(10)} ${(bytes.length / 1e6).toFixed(2)}  ${ms(base).padStart(13)}  ${ms(alone).padStart(8)}  ${ms(all).padStart(6)}  ${ms(all - alone).padStart(8)}  ${ms(cleanAll).padStart(12)}`,
    );
  }
  console.log(`\nclock: ${cpu ? 'CPU time of the process' : 'wall'}; ${reps} runs, median`);
}

main();
