/**
 * The CLI's decoding and streaming path, fed random bytes in random chunks (valid and invalid
 * UTF-8, NUL bytes, byte-order marks, CRLF, inputs shorter and longer than the 64 KiB head).
 * The repairer is the identity, so the only thing under test is that no byte is lost: the
 * output is the whole decoded input, or the outcome is an error or a skip (exit status 2)
 * that names the true offset of the first bad byte, after only whole lines before it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { processFile, processStream, type ProcessOptions } from '../src/cli/process.js';
import { Repairer } from '../src/cli/repairer.js';
import type { FileOutcome } from '../src/cli/report.js';
import { decode } from '../src/encoding/index.js';

const identity = new Repairer({ fix: { encoding: false, unicode: false, repair: false } });
const HEAD = 64 << 10;
/** Clean text longer than the head, so that what follows it is past the point where the decoding is chosen. */
const PAST_HEAD = Buffer.from('Dòng chữ sạch, đủ dài để vượt qua phần đầu.\n'.repeat(Math.ceil((HEAD + 100) / 50)));

const part = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map((s) => Buffer.from(s.replace(/\uFFFD/g, ''))) },
  { weight: 3, arbitrary: fc.constantFrom('Tiếng Việt ', 'ngôn ngữ\n', 'a\r\n', '\n', ' ').map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0])) },
  { weight: 1, arbitrary: fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((b) => Buffer.from([b])) },
  { weight: 1, arbitrary: fc.constantFrom('ế', '𝄞', 'ệ').map((s) => Buffer.from(s).subarray(0, 1 + (s.length % 2))) },
);

const input = fc.record({
  long: fc.boolean(),
  parts: fc.array(part, { maxLength: 40 }),
  cuts: fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 12 }),
});

function bytesOf(c: { long: boolean; parts: Buffer[] }): Buffer {
  return Buffer.concat([...(c.long ? [PAST_HEAD] : []), ...c.parts]);
}

/** `bytes` cut into chunks of the given sizes (the rest in one). */
async function* chunked(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const n of cuts) {
    if (at >= bytes.length) return;
    yield bytes.subarray(at, at + n);
    at += n;
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

/** Offset of the first bad UTF-8 byte, found by the platform's decoder (not the CLI's). */
function firstBadByte(bytes: Buffer): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const at = text.indexOf('\uFFFD');
  return at < 0 ? -1 : Buffer.byteLength(text.slice(0, at));
}

const options = (over: Partial<ProcessOptions> = {}): ProcessOptions => ({
  mode: 'print',
  backup: false,
  formatOutput: 'text',
  streamAbove: 16 << 20,
  chunkSize: 64 << 10,
  keepEdits: false,
  ...over,
});

/** The invariants of one run over `bytes`; `interactive` is standard input (decides early). */
function check(bytes: Buffer, outcome: FileOutcome, printed: string, interactive: boolean): void {
  const out = Buffer.from(printed, outcome.encoding?.startsWith('utf-16') ? 'utf16le' : 'utf8');
  if (outcome.status === 'ok') {
    if (outcome.encoding === 'utf-8') expect(out.equals(bytes)).toBe(true);
    else if (outcome.encoding === 'utf-16le') expect(out.subarray(2).equals(bytes.subarray(2))).toBe(true);
    else if (outcome.encoding === 'utf-16be') expect(Buffer.from(out.subarray(2)).swap16().equals(bytes.subarray(2, 2 + out.length - 2))).toBe(true);
    else expect(printed).toBe(decode(bytes, { encoding: outcome.encoding }).text);
    return;
  }
  // Not processed: exit status 2 (standard input and named files), and never more than a
  // prefix of whole lines.
  expect(outcome.reason).toBeTruthy();
  if (outcome.status === 'skipped') {
    expect(printed).toBe('');
    const nul = bytes.indexOf(0);
    expect(nul >= 0 && nul < HEAD).toBe(true);
    return;
  }
  if (outcome.encoding === 'utf-8' && !interactive) {
    // Files: chosen on the whole head, so a UTF-8 file fails only past its first bad byte.
    const bad = firstBadByte(bytes);
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(outcome.reason).toContain(`at offset ${bad},`);
  }
  if (printed.length > 0) {
    expect(printed.endsWith('\n')).toBe(true);
    expect(bytes.subarray(0, out.length).equals(out)).toBe(true);
  }
}

describe('streaming never loses bytes silently', () => {
  it('standard input, in any chunks: the whole text, or exit 2 with the true offset', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (c) => {
        const bytes = bytesOf(c);
        const printed: string[] = [];
        const outcome = await processStream('<stdin>', chunked(bytes, c.cuts), options(), identity, { write: (t) => void printed.push(t) });
        check(bytes, outcome, printed.join(''), true);
        // Valid UTF-8 with no NUL byte in its head always comes through whole.
        if (isUtf8(bytes) && bytes.subarray(0, HEAD).indexOf(0) < 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
          expect(outcome.status).toBe('ok');
        }
      }),
      { numRuns: 150 },
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'vietfix-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('files, streamed in small chunks or read whole, agree with each other', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(input, fc.integer({ min: 1, max: 8192 }), async (c, size) => {
        const bytes = bytesOf(c);
        const path = join(dir, `f${n++}.txt`);
        writeFileSync(path, bytes);
        const job = { path, real: path, format: 'text' as const, size: bytes.length, named: true };
        const results: [FileOutcome, string][] = [];
        // Tiny chunks on short inputs; on long ones, enough to cut inside the head and past it.
        const chunkSize = c.long ? 1024 + size : size;
        for (const opts of [options({ streamAbove: 0, chunkSize }), options()]) {
          const printed: string[] = [];
          const outcome = await processFile(job, opts, identity, { write: (t) => void printed.push(t) });
          check(bytes, outcome, printed.join(''), false);
          results.push([outcome, printed.join('')]);
        }
        const [[streamed, streamedOut], [whole, wholeOut]] = results;
        expect(streamed.status).toBe(whole.status);
        if (whole.status === 'ok') expect(streamedOut).toBe(wholeOut);
      }),
      { numRuns: 60 },
    );
  });
});
