/**
 * Time and memory of `fix` on hostile shapes of input, at 1×, 10× and 100× a base size, each
 * size in a fresh child process of the built library (`dist/`, so run `npm run build` first):
 *
 *   npx tsx bench/adversarial.ts [--kb 100] [--shapes unspaced,marks] [--max 100]
 *
 * For each shape and size it prints seconds per MB of UTF-8 input, the child's peak RSS, and the
 * growth of time from one size to the next: 10 is linear, 100 quadratic. The ratios are
 * measured on one machine in one run, so they hold where absolute speeds drift.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mojibake } from './damage.js';
import { stringOption } from './args.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const LIBRARY = pathToFileURL(join(ROOT, 'dist/index.js')).href;

/** Text of about `bytes` UTF-8 bytes made by repeating `unit` (and `sep` between the repeats). */
function repeatTo(bytes: number, unit: string, sep = ''): string {
  const size = Buffer.byteLength(unit + sep);
  const times = Math.max(1, Math.round(bytes / size));
  return Array.from({ length: times }, () => unit).join(sep);
}

const DAMAGED = 'Ðây là nhữ ng câu chuyể n xúc đố ng vịc t6 chic của ngu\u031Bo\u031B\u0300i dân\u00A0ở đây';
const MARK_FREE = 'Hom nay troi dep chung toi di choi cong vien va an kem o bo ho';
const CLEAN = 'Tiếng Việt là ngôn ngữ chính thức của Việt Nam, được hàng chục triệu người sử dụng.';

/** The shapes: each makes about `bytes` bytes of input. */
const SHAPES: Record<string, { about: string; make: (bytes: number) => string }> = {
  unspaced: { about: 'Vietnamese letters without spaces, one line', make: (b) => repeatTo(b, 'tiếngviệtnhữngcành') },
  marks: { about: 'a letter and a run of combining marks, one line', make: (b) => 'Tiếng' + repeatTo(b - 6, '\u0300\u0301\u0303\u0309\u0323') },
  'damaged-line': { about: 'OCR and Unicode damage, one long line of words', make: (b) => repeatTo(b, DAMAGED, ' ') },
  'mark-free-line': { about: 'text without marks, one long line of words', make: (b) => repeatTo(b, MARK_FREE, ' ') },
  mojibake: { about: 'UTF-8 read as Windows-1252, one long line', make: (b) => mojibake(repeatTo(Math.round(b / 1.4), CLEAN, ' ')) },
  'short-lines': { about: 'damaged short lines', make: (b) => repeatTo(b, 'Ðây là nhữ ng câu chuyể n.\nHom nay troi dep qua.\nTiáº¿ng Viá»‡t', '\n') },
};

/** Runs `fix` on the file in a child process; its seconds and peak RSS in MB. */
function runChild(file: string): { seconds: number; rssMb: number } {
  const script = `
    import { readFileSync } from 'node:fs';
    const { fix } = await import(${JSON.stringify(LIBRARY)});
    fix('Tiếng Việt nhữ ng'); // load the model and tables before timing
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    const t0 = performance.now();
    fix(text);
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(JSON.stringify({ seconds, rssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}


function main(): void {
  const baseBytes = Number(stringOption('kb', '100')) * 1000;
  const maxFactor = Number(stringOption('max', '100'));
  const names = stringOption('shapes', Object.keys(SHAPES).join(',')).split(',');
  const factors = [1, 10, 100].filter((f) => f <= maxFactor);
  const dir = mkdtempSync(join(tmpdir(), 'vietfix-adversarial-'));
  try {
    console.log(`base size ${baseBytes / 1000} KB; s/MB and peak RSS at ${factors.map((f) => `${f}×`).join(', ')}; time growth per 10× of input`);
    console.log('| shape | ' + factors.map((f) => `${f}×: s/MB, RSS MB`).join(' | ') + ' | 10×/1× | 100×/10× |');
    console.log('| --- | ' + factors.map(() => '---').join(' | ') + ' | --- | --- |');
    for (const name of names) {
      const shape = SHAPES[name];
      if (shape === undefined) throw new Error(`unknown shape "${name}"; known: ${Object.keys(SHAPES).join(', ')}`);
      const seconds: number[] = [];
      const cells: string[] = [];
      for (const factor of factors) {
        const text = shape.make(baseBytes * factor);
        const file = join(dir, `${name}-${factor}.txt`);
        writeFileSync(file, text);
        const mb = Buffer.byteLength(text) / 1e6;
        const { seconds: s, rssMb } = runChild(file);
        seconds.push(s);
        cells.push(`${(s / mb).toFixed(2)}, ${Math.round(rssMb)}`);
        rmSync(file);
      }
      const growth = (k: number) => (seconds[k] !== undefined && seconds[k - 1] > 0 ? (seconds[k] / seconds[k - 1]).toFixed(1) : '–');
      console.log(`| ${name} (${shape.about}) | ${cells.join(' | ')} | ${growth(1)} | ${growth(2)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
