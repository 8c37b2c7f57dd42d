/** Running the built `vietfix` binary in tests. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: Buffer;
  stderr: string;
  out: string;
}

/** Runs the CLI synchronously with `args`, feeding `input` on stdin. */
export function vietfix(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    maxBuffer: 1 << 30,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8'), out: r.stdout.toString('utf8') };
}

/** Runs the CLI asynchronously (for tests that talk to it while it runs). */
export function vietfixChild(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'vietfix-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The shipped example of damaged text, as lines (without their `\n`). */
export function exampleLines(): string[] {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'example-damaged.txt'), 'utf8').split('\n').filter((l) => l !== '');
}

/**
 * Runs the CLI with `input` on stdin, output thrown away, and returns its peak resident set
 * size in MB (the child reports `process.resourceUsage().maxRSS` on its way out).
 */
export function peakRssMb(args: string[], input: string | Buffer): { status: number | null; mb: number } {
  const report = "import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'\\npeak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))";
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, CLI, ...args], {
    cwd: ROOT,
    input,
    stdio: ['pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr.toString('utf8'));
  if (!kb) throw new Error(`no peak RSS reported: ${r.stderr.toString('utf8')}`);
  return { status: r.status, mb: Number(kb[1]) / 1024 };
}
