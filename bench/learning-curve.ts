/**
 * Learning curve of the plain n-gram baseline (`bench/baseline-trigram.ts`) on the
 * `nodiacritics` dev set: SER of both variants against training size and order, next to
 * vietfix itself (`node dist/cli.js`, so build first), all scored by `../shared/devset/score.py`.
 *
 *   npx tsx bench/learning-curve.ts [--fractions 0.125,0.25,0.5,1] [--orders 2,3,4]
 *                                   [--smoothing sb,kn] [--top 8] [--beam 40] [--beams 1,4,40]
 *                                   [--errors]
 *
 * The fractions are nested, so the model is trained once, one slice of the corpus at a time,
 * and scored after each slice. `--beams` adds a table of SER and speed against beam width for
 * the largest fraction (every order and smoothing). `--errors` adds the error classes of vietfix and of the baseline
 * (largest fraction, order 3, first smoothing) — counts only.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaselineModel, DEVSET, Restorer, restoreText, scoreOutputs, scoreSystem, trainBaseline, type VariantSer } from './baseline-trigram.js';
import { errorClasses, errorTable } from './restoration-errors.js';
import { fix } from '../src/index.js';
import { stringOption } from './args.js';

/** MB/s of `fix` on `text` in this process, after a warm-up run that loads the model. */
function vietfixSpeed(text: string, bytes: number): number {
  fix(text);
  const started = process.hrtime.bigint();
  fix(text);
  return bytes / 1e6 / (Number(process.hrtime.bigint() - started) / 1e9);
}


function splitLines(text: string): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body ? body.split('\n') : [];
}

const cell = (ser: VariantSer) => `${ser['strip-all'].toFixed(2)} | ${ser['strip-tones'].toFixed(2)} | ${ser.all.toFixed(2)}`;

async function main(): Promise<void> {
  const started = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
  const fractions = stringOption('fractions', '0.125,0.25,0.5,1').split(',').map(Number);
  const orders = stringOption('orders', '2,3,4').split(',').map(Number);
  const smoothings = stringOption('smoothing', 'sb').split(',');
  const top = Number(stringOption('top', '8'));
  const beam = Number(stringOption('beam', '40'));
  const wantErrors = process.argv.includes('--errors');
  const beams = process.argv.includes('--beams') ? stringOption('beams', '').split(',').map(Number) : [];
  const beamRows: string[] = [];

  const inputPath = join(DEVSET, 'nodiacritics.damaged.txt');
  const input = readFileSync(inputPath, 'utf8');
  const inputBytes = statSync(inputPath).size;
  const rows: string[] = [];
  const header = [
    '| system | training tokens | order | smoothing | SER strip-all % | SER strip-tones % | SER all % | MB/s |',
    '|---|---:|---:|---|---:|---:|---:|---:|',
  ];

  const saved = mkdtempSync(join(tmpdir(), 'vietfix-out-'));
  let vietfixOutput: string[] = [];
  try {
    log('scoring vietfix (node dist/cli.js)');
    const vietfix = scoreSystem('node dist/cli.js', 'nodiacritics', saved);
    rows.push(`| vietfix (dist/cli.js) | model.bin | 3 | KN | ${cell(vietfix.ser)} | ${vietfixSpeed(input, inputBytes).toFixed(3)} |`);
    vietfixOutput = splitLines(readFileSync(join(saved, 'nodiacritics.out.txt'), 'utf8'));
  } finally {
    rmSync(saved, { recursive: true, force: true });
  }
  log(rows[0]);

  const model = new BaselineModel(Math.max(...orders));
  let from = 0;
  let errorOutput: string[] | undefined;
  for (const fraction of fractions) {
    await trainBaseline({ fraction, from, order: model.order, top, log }, model);
    model.finish(top);
    from = fraction;
    log(`fraction ${fraction}: ${model.tokens} tokens, n-grams ${model.tables.slice(1).map((t) => t.size).join('/')}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
    for (const smoothing of smoothings) {
      model.useKneserNey(smoothing === 'kn');
      for (const order of orders) {
        const restorer = new Restorer(model, order, beam);
        const { output, seconds } = restoreText(restorer, input);
        const { ser } = scoreOutputs(output);
        const row = `| baseline, fraction ${fraction} | ${model.tokens} | ${order} | ${smoothing.toUpperCase()} | ${cell(ser)} | ${(inputBytes / 1e6 / seconds).toFixed(3)} |`;
        rows.push(row);
        log(row);
        if (fraction !== fractions[fractions.length - 1]) continue;
        if (order === 3 && smoothing === smoothings[0]) errorOutput = splitLines(output);
        for (const width of beams) {
          const timed = restoreText(new Restorer(model, order, width), input);
          const row = `| ${order} | ${smoothing.toUpperCase()} | ${width} | ${cell(scoreOutputs(timed.output).ser)} | ${(inputBytes / 1e6 / timed.seconds).toFixed(3)} |`;
          beamRows.push(row);
          log(row);
        }
      }
    }
    model.useKneserNey(false);
  }

  console.log([...header, ...rows].join('\n'));
  console.log(
    `\nMB/s: \`fix\` / restoration alone on the dev-set input, in this process, model in memory; baseline with beam ${beam}, ` +
      `top ${top} readings; machine shared, timings noisy (compare ratios, not absolute speeds).`,
  );
  if (beamRows.length > 0) {
    console.log(
      [
        `\nBeam width, fraction ${fractions[fractions.length - 1]} (${model.tokens} training tokens):\n`,
        '| order | smoothing | beam | SER strip-all % | SER strip-tones % | SER all % | MB/s |',
        '|---:|---|---:|---:|---:|---:|---:|',
        ...beamRows,
      ].join('\n'),
    );
  }
  if (wantErrors && errorOutput) {
    const damaged = splitLines(input);
    const reference = splitLines(readFileSync(join(DEVSET, 'nodiacritics.ref.txt'), 'utf8'));
    console.log(
      '\n' +
        errorTable([
          { name: 'vietfix', classes: errorClasses(damaged, reference, vietfixOutput) },
          { name: `baseline (fraction ${fractions[fractions.length - 1]}, order 3, ${smoothings[0].toUpperCase()})`, classes: errorClasses(damaged, reference, errorOutput) },
        ]),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
