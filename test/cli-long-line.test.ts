/**
 * The built CLI on one very long line: it streams the line through the library's windows,
 * so memory stays that of a text with line breaks, the output is `fix` of the whole input,
 * and signals are answered while the line is still being read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { CLI, exampleLines, peakRssMb, vietfix } from './cli-helpers.js';

const SENTENCES = exampleLines();

/** About `bytes` of the example's damaged sentences, joined by `joint`, ending with a newline. */
function text(bytes: number, joint: string): string {
  const parts: string[] = [];
  for (let size = 0; size < bytes; size += Buffer.byteLength(parts[parts.length - 1]) + 1) parts.push(SENTENCES[parts.length % SENTENCES.length]);
  return parts.join(joint) + '\n';
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((res) => child.on('close', (code) => res(code)));

describe('one long line on standard input', () => {
  it('is repaired as fix repairs it, in any chunk size', () => {
    const input = text(300_000, ' ');
    const expected = fix(input).text;
    expect(expected).not.toBe(input);
    for (const chunk of ['65536', '1000']) {
      const r = vietfix([], { input, env: { VIETFIX_CHUNK_SIZE: chunk } });
      expect({ chunk, status: r.status, same: r.out === expected }).toEqual({ chunk, status: 0, same: true });
    }
  });

  it('an invalid byte inside it stops with its true offset and line, exit 2, after repaired windows before it', () => {
    const head = 'Dòng đầu.\n';
    const before = Buffer.from(head + text(300_000, ' ').slice(0, -1));
    const r = vietfix([], { input: Buffer.concat([before, Buffer.from([0xff]), Buffer.from(' và tiếp.\n')]) });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`not valid UTF-8 (byte 0xff at offset ${before.length}, line 2)`);
    // What came out is the start of the repair, whatever would have followed the bad byte.
    expect(r.out.length).toBeGreaterThan(head.length);
    expect(fix(before.toString('utf8')).text.startsWith(r.out)).toBe(true);
  });

  it('takes little more memory than the same text with line breaks (2 MB)', () => {
    const mb = 2;
    const lines = peakRssMb([], text(mb * 1e6, '\n'));
    const oneLine = peakRssMb([], text(mb * 1e6, ' '));
    expect([lines.status, oneLine.status]).toEqual([0, 0]);
    // Holding the line whole costs tens of MB per MB of it; windows cost nothing that grows with it.
    expect(oneLine.mb - lines.mb).toBeLessThan(8 * mb);
  });

  it('SIGTERM and SIGINT are answered while the line is still being read', async () => {
    const line = text(1e6, ' ').slice(0, -1);
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
      const first = new Promise((res) => child.stdout.once('data', res));
      // The line has no end yet: output can only be its first windows.
      child.stdin.write(line);
      await first;
      child.kill(signal);
      expect(await exited(child)).toBe(code);
    }
  });
});
