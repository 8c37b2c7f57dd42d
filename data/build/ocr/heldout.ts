/**
 * Writes the held-out pages of `bench/reliability.ts`: the readings of another seed, less any
 * paragraph among the pages the channel and the confidence were learned from, gzipped.
 *
 *   npx tsx data/build/ocr/heldout.ts [--train data/build/ocr/work/pairs.jsonl]
 *     [--in data/build/ocr/work-heldout/pairs.jsonl] [--out data/build/ocr/heldout.jsonl.gz]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const k = args.indexOf(name);
  return k >= 0 && k + 1 < args.length ? args[k + 1] : fallback;
};
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
const learned = new Set(lines(arg('--train', 'data/build/ocr/work/pairs.jsonl')).map((l) => (JSON.parse(l) as { ref: string }).ref));
const all = lines(arg('--in', 'data/build/ocr/work-heldout/pairs.jsonl'));
const kept = all.filter((l) => !learned.has((JSON.parse(l) as { ref: string }).ref));
const out = arg('--out', 'data/build/ocr/heldout.jsonl.gz');
writeFileSync(out, gzipSync(kept.join('\n') + '\n', { level: 9 }));
console.log(`${out}: ${kept.length} pages (${all.length - kept.length} of ${all.length} left out: learned from)`);
