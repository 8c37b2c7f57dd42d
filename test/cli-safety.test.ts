/**
 * The built CLI under hostile and careless input: invalid bytes, NUL bytes, binary files,
 * JSON Lines with bad lines, concurrent writers, signals, deep markup. Every case checks
 * that no byte is lost silently: the output is whole, or the exit status says it is not.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicWriter, ChangedOnDiskError, tempPathFor } from '../src/cli/atomic.js';
import { decode, encode } from '../src/encoding/index.js';
import { fix } from '../src/index.js';
import { CLI, exampleLines, tempDir, vietfix } from './cli-helpers.js';

const DAMAGED = exampleLines().filter((l) => fix(l).text !== l);
const repairs = DAMAGED.length > 0;
const LINE = 'Tiếng Việt là ngôn ngữ của người Việt.\n';
/** More lines than the 64 KiB head the CLI judges an input on. */
const PAST_HEAD = LINE.repeat(Math.ceil((80 << 10) / Buffer.byteLength(LINE)));

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function put(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('invalid bytes and NUL bytes in a stream', () => {
  it('a NUL byte after the head of standard input is text: every line comes out, exit 0', () => {
    const input = Buffer.concat([Buffer.from(PAST_HEAD), Buffer.from('x\0\n'), Buffer.from(LINE.repeat(50))]);
    const r = vietfix([], { input });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.equals(input)).toBe(true);
  });

  it('an invalid byte after the head stops with its true offset and line, exit 2, and only whole lines before it', () => {
    const before = Buffer.from(PAST_HEAD + 'Việt');
    const input = Buffer.concat([before, Buffer.from([0xff, 0x0a]), Buffer.from(LINE.repeat(50))]);
    const r = vietfix([], { input });
    expect(r.status).toBe(2);
    const line = PAST_HEAD.split('\n').length;
    expect(r.stderr).toContain(`not valid UTF-8 (byte 0xff at offset ${before.length}, line ${line})`);
    expect(r.out).toBe(PAST_HEAD);
  });

  it('names the true offset however the input is cut into chunks, a character split across them included', () => {
    // The bad byte follows a three-byte character; chunks of these sizes cut the input inside
    // it (twice), just before the bad byte, and elsewhere.
    const before = Buffer.from(PAST_HEAD + 'Tiế');
    const p = put('bad.txt', Buffer.concat([before, Buffer.from([0x80, 0x0a]), Buffer.from(LINE)]));
    for (const chunk of [before.length - 2, before.length - 1, before.length, 4096]) {
      const r = vietfix([p], { env: { VIETFIX_STREAM_ABOVE: '16', VIETFIX_CHUNK_SIZE: String(chunk) } });
      expect({ chunk, status: r.status }).toEqual({ chunk, status: 2 });
      expect(r.stderr).toContain(`(byte 0x80 at offset ${before.length}, line ${PAST_HEAD.split('\n').length})`);
    }
    // A character cut short by the end of the input.
    const cut = put('cut.txt', Buffer.concat([Buffer.from(PAST_HEAD), Buffer.from('ế').subarray(0, 2)]));
    const r = vietfix([cut], { env: { VIETFIX_STREAM_ABOVE: '16', VIETFIX_CHUNK_SIZE: '3' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`(byte 0xe1 at offset ${Buffer.byteLength(PAST_HEAD)}, line ${PAST_HEAD.split('\n').length}, a character cut short at the end)`);
  });

  it('--json closes the record of a file that fails half way, with the error, and goes on to the next file', () => {
    const bad = put('bad.txt', Buffer.concat([Buffer.from(PAST_HEAD), Buffer.from([0xff, 0x0a])]));
    const ok = put('ok.txt', LINE);
    const r = vietfix(['--json', bad, ok], { env: { VIETFIX_STREAM_ABOVE: '16' } });
    expect(r.status).toBe(2);
    const records = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => [x.path, x.error])).toEqual([
      [bad, `not valid UTF-8 (byte 0xff at offset ${Buffer.byteLength(PAST_HEAD)}, line ${PAST_HEAD.split('\n').length}); name the encoding with --encoding`],
      [ok, undefined],
    ]);
  });

  it('--write never writes a file with an invalid byte past the head', () => {
    const content = Buffer.concat([Buffer.from(DAMAGED.join('\n') + '\n' + PAST_HEAD), Buffer.from([0xc3, 0x28, 0x0a])]);
    const p = put('late.txt', content);
    const r = vietfix(['--write', p], { env: { VIETFIX_STREAM_ABOVE: '16' } });
    expect(r.status).toBe(2);
    expect(readFileSync(p).equals(content)).toBe(true);
    expect(readdirSync(dir)).toEqual(['late.txt']);
  });
});

describe('binary and UTF-16 files', () => {
  const utf16 = 'Tiếng Việt\nMùa thu năm ấy.\n';

  it('honours --encoding utf-16le/be before the binary test; without it, skips with a hint and exit 2', () => {
    const le = put('le.txt', Buffer.from(utf16, 'utf16le'));
    const be = put('be.txt', Buffer.from(utf16, 'utf16le').swap16());
    expect(vietfix(['--encoding', 'utf-16le', le])).toMatchObject({ status: 0, out: fix(utf16).text });
    expect(vietfix(['--encoding', 'utf-16be', be])).toMatchObject({ status: 0, out: fix(utf16).text });
    const skipped = vietfix([le]);
    expect(skipped.status).toBe(2);
    expect(skipped.out).toBe('');
    expect(skipped.stderr).toMatch(/skipping .*le\.txt: binary file .*--encoding utf-16le/);
  });

  it('refuses an unpaired surrogate or an odd byte in UTF-16 instead of replacing it', () => {
    const lone = put('lone.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]));
    const r = vietfix(['--write', lone]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid UTF-16LE \(byte 0x00 at offset 6, line 1, an unpaired surrogate\)/);
    const odd = put('odd.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]));
    expect(vietfix([odd]).stderr).toMatch(/an odd number of bytes/);
  });

  it('print mode: a named binary file is skipped with a message and exit 2; the other files still print', () => {
    const bin = put('blob.dat.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    const ok = put('ok.txt', LINE);
    const r = vietfix([bin, ok]);
    expect(r.status).toBe(2);
    expect(r.out).toBe(LINE);
    expect(r.stderr).toMatch(/skipping .*blob\.dat\.txt: binary file \(NUL byte at offset 4\)/);
  });
});

describe('--jsonl', () => {
  it('passes a line with an invalid byte through byte for byte, reports it, exits 2 and goes on', () => {
    const input = Buffer.from('{"text":"a"}\n{"text":"b\xff"}\n{"text":"c"}\n', 'latin1');
    const r = vietfix(['--jsonl', 'text'], { input });
    expect(r.status).toBe(2);
    expect(r.stdout.equals(input)).toBe(true);
    expect(r.stderr).toMatch(/<stdin>:2: not valid UTF-8 \(byte 0xff at offset 10 of the line\), passed through unchanged/);
  });

  it('a bad line deep in a long stream costs nothing before or after it', () => {
    const text = DAMAGED[0] ?? 'Tiếng Việt';
    const lines = Array.from({ length: 6001 }, (_, i) => Buffer.from(`{"id":${i},"text":${JSON.stringify(i % 1000 === 0 ? text : `Dòng ${i}.`)}}\n`));
    lines[3000] = Buffer.concat([Buffer.from('{"id":3000,"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const r = vietfix(['--jsonl', 'text'], { input: Buffer.concat(lines) });
    expect(r.status).toBe(2);
    const out = r.stdout.toString('latin1').split('\n');
    expect(out).toHaveLength(6002);
    expect(Buffer.from(out[3000], 'latin1').equals(lines[3000].subarray(0, -1))).toBe(true);
    expect(Buffer.from(out[5999], 'latin1').toString('utf8')).toBe('{"id":5999,"text":"Dòng 5999."}');
    expect(r.stderr.match(/passed through unchanged/g)).toHaveLength(1);
  });

  it.runIf(repairs)('escapes U+2028 and U+2029 in a repaired field, as JSON for older consumers must', () => {
    const text = `${DAMAGED[0]}\u2028${DAMAGED[0]}\u2029.`;
    const r = vietfix(['--jsonl', 'text'], { input: `{"text":${JSON.stringify(text)}}\n` });
    expect(r.status).toBe(0);
    expect(r.out).not.toMatch(/[\u2028\u2029]/);
    expect(r.out).toMatch(/\\u2028.*\\u2029/);
    expect(JSON.parse(r.out).text).toBe(fix(text).text);
  });

  it('keeps a UTF-8 byte-order mark at the start of the stream and reads the first record', () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"Sạch."}\n')]);
    const r = vietfix(['--jsonl', 'text'], { input });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(input)).toBe(true);
  });
});

/** A process id that belonged to a process that has ended. */
function deadPid(): number {
  const pid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

/** Waits until `check` holds (or `child` has ended); polls the file system, no timing asserted. */
async function until(check: () => boolean, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 24000 && child.exitCode === null && !check(); i++) await new Promise((res) => setTimeout(res, 2));
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((res) => child.on('close', (code) => res(code)));

/** Settings that make the streaming path slow enough to catch a rewrite in progress. */
const SLOW = { VIETFIX_STREAM_ABOVE: '16', VIETFIX_CHUNK_SIZE: '16' };

function slowChild(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...SLOW } });
}

describe.runIf(repairs)('--write', () => {
  const damaged = DAMAGED.join('\n') + '\n';

  it('refuses to replace a file another program appended to since it was read, and leaves it as that program left it', async () => {
    const content = damaged + PAST_HEAD;
    const writing = () => readdirSync(dir).some((f) => f.endsWith('.tmp'));
    let p = '';
    let child: ChildProcess | undefined;
    let stderr: Buffer[] = [];
    // On a busy machine the rewrite can end between the test's look and its stop signal; such a
    // run caught nothing, and the test starts again (a few times at most).
    for (let attempt = 0; attempt < 5; attempt++) {
      p = put('grow.txt', content);
      child = slowChild(['--write', p]);
      const done = exited(child);
      stderr = [];
      child.stderr!.on('data', (d: Buffer) => stderr.push(d));
      await until(writing, child);
      child.kill('SIGSTOP'); // the rewrite is under way: its temporary file exists
      if (writing()) break;
      child.kill('SIGCONT');
      await done;
    }
    appendFileSync(p, 'Một dòng mới.\n');
    child!.kill('SIGCONT');
    expect(await exited(child!)).toBe(2);
    expect(Buffer.concat(stderr).toString()).toMatch(/grow\.txt: changed on disk while being repaired/);
    expect(readFileSync(p, 'utf8')).toBe(content + 'Một dòng mới.\n');
    expect(readdirSync(dir)).toEqual(['grow.txt']);
  });

  it('rewrites a file with several hard links in place: every name sees the repair, one inode', () => {
    const p = put('a.txt', damaged);
    const q = join(dir, 'b.txt');
    linkSync(p, q);
    const ino = statSync(p).ino;
    const r = vietfix(['--write', '--backup', p]);
    expect(r.status).toBe(0);
    expect(readFileSync(q, 'utf8')).toBe(fix(damaged).text);
    expect(statSync(p).ino).toBe(ino);
    expect(statSync(p).nlink).toBe(2);
    expect(readFileSync(`${p}.orig`, 'utf8')).toBe(damaged); // a copy, not a third link
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'a.txt.orig', 'b.txt']);
    // Longer than before (a legacy file converted to UTF-8): the new end is written first.
    const sentences = 'Chúng tôi đã đọc những cuốn sách cũ trong thư viện của trường.\nMùa thu năm ấy, lá vàng rơi đầy trên lối nhỏ.\n';
    const legacy = Buffer.from(encode(sentences, 'tcvn3')!);
    const t = put('old.txt', legacy);
    linkSync(t, join(dir, 'old-link.txt'));
    expect(vietfix(['--write', t]).status).toBe(0);
    expect(readFileSync(join(dir, 'old-link.txt'), 'utf8')).toBe(fix(decode(legacy).text).text);
    expect(statSync(t).size).toBeGreaterThan(legacy.length);
  });

  it('removes the temporary files of killed runs (this host, process gone), keeps live ones and warns of interrupted copies', () => {
    const p = put('a.txt', damaged);
    const dead = deadPid();
    put(`.a.txt.vietfix-${dead}.tmp`, 'old-style leftover');
    put('.other.txt.vietfix-ffffff-1.tmp', 'another host');
    put(`.other.txt.vietfix-${process.pid}.tmp`, 'a live process');
    put(`.c.txt.vietfix-${dead}.copying`, 'the whole new content of c.txt');
    const r = vietfix(['--write', p]);
    expect(r.status).toBe(0);
    const kept = ['.other.txt.vietfix-ffffff-1.tmp', `.other.txt.vietfix-${process.pid}.tmp`, `.c.txt.vietfix-${dead}.copying`, 'a.txt'];
    expect(readdirSync(dir).sort()).toEqual(kept.sort());
    expect(r.stderr).toMatch(/warning: .*\.c\.txt\.vietfix-\d+\.copying holds the complete repaired content/);
  });

  it('a run killed with SIGKILL leaves a temporary file that the next run removes', async () => {
    const content = damaged + PAST_HEAD;
    const p = put('big.txt', content);
    const child = slowChild(['--write', p]);
    await until(() => readdirSync(dir).some((f) => f.endsWith('.tmp')), child);
    child.kill('SIGKILL');
    await exited(child);
    expect(readFileSync(p, 'utf8')).toBe(content);
    const left = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.big\.txt\.vietfix-[0-9a-f]{6}-\d+\.tmp$/);
    expect(vietfix(['--write', p]).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['big.txt']);
    expect(readFileSync(p, 'utf8')).toBe(fix(content).text);
  });

  const asOther = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  it.runIf(asOther)("keeps the owner of another user's writable file (rewritten in place)", () => {
    chmodSync(dir, 0o777);
    const p = put('theirs.txt', damaged);
    chmodSync(p, 0o666);
    const ino = statSync(p).ino;
    execFileSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, '--write', '--quiet', p]);
    const after = statSync(p);
    expect([after.uid, after.gid, after.ino]).toEqual([0, 0, ino]);
    expect(readFileSync(p, 'utf8')).toBe(fix(damaged).text);
    expect(readdirSync(dir)).toEqual(['theirs.txt']);
  });
});

describe('signals', () => {
  it('SIGTERM ends a streaming run between lines with exit 143; SIGINT with 130', async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
      const first = new Promise((res) => child.stdout.once('data', res));
      child.stdin.write(LINE);
      await first;
      child.kill(signal);
      expect(await exited(child)).toBe(code);
    }
  });

  it.runIf(repairs)('SIGTERM during --write leaves the original file and no temporary file, exit 143', async () => {
    const content = DAMAGED.join('\n') + '\n' + PAST_HEAD;
    const p = put('big.txt', content);
    const child = slowChild(['--write', p]);
    await until(() => readdirSync(dir).some((f) => f.endsWith('.tmp')), child);
    child.kill('SIGTERM');
    const code = await exited(child);
    expect(readdirSync(dir)).toEqual(['big.txt']);
    // Stopped: the original or, when the signal came after the new file was in place, the
    // whole repair; never a part. Finished before the signal: the whole repair, exit 0.
    expect([143, 0]).toContain(code);
    const after = readFileSync(p, 'utf8');
    if (code === 143) expect([content, fix(content).text]).toContain(after);
    else expect(after).toBe(fix(content).text);
  });
});

describe('the atomic writer, in process', () => {
  it('refuses to commit over a target changed since it was read, and removes its temporary file', async () => {
    const p = put('t.txt', 'cũ\n');
    const stats = statSync(p);
    const w = await AtomicWriter.open(p, stats);
    await w.write(Buffer.from('mới\n'));
    appendFileSync(p, 'thêm\n');
    await expect(w.commit()).rejects.toThrow(ChangedOnDiskError);
    expect(readFileSync(p, 'utf8')).toBe('cũ\nthêm\n');
    expect(readdirSync(dir)).toEqual(['t.txt']);
  });

  it('names temporary files after host and process, short enough for the longest file name', () => {
    const long = join(dir, 'ệ'.repeat(85)); // 255 bytes
    const name = tempPathFor(long).slice(dir.length + 1);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(new RegExp(`^\\..*\\.vietfix-[0-9a-f]{6}-${process.pid}\\.tmp$`));
  });
});

describe('deeply nested markup', () => {
  const NFD = 'Tiếng Việt'.normalize('NFD');
  const NFC = 'Tiếng Việt';
  const fixes = fix(NFD).text === NFC;

  it('10,000 nested <b> or > are left as they are, with a warning, exit 0', () => {
    const html = `<p>${'<b>'.repeat(10000)}${NFD}${'</b>'.repeat(10000)}</p>\n`;
    const md = `${'>'.repeat(10000)} ${NFD}\n`;
    for (const [name, content] of [['deep.html', html], ['deep.md', md]]) {
      const r = vietfix([put(name, content)]);
      expect({ name, status: r.status }).toEqual({ name, status: 0 });
      expect(r.out).toBe(content);
      expect(r.stderr).toMatch(/warning: (HTML|Markdown) nested deeper than 1000 .*left as they are/);
    }
  });

  it.runIf(fixes)('repairs the prose of markup nested just within the limit, and prose beside a part too deep', () => {
    const html = `<div>${NFD}. ${'<i>'.repeat(990)}${NFD}.${'</i>'.repeat(990)}</div>\n<p>${'<b>'.repeat(2000)}x${'</b>'.repeat(2000)} ${NFD}</p>\n`;
    const r = vietfix([put('near.html', html)]);
    expect(r.status).toBe(0);
    expect(r.out).toBe(html.split(NFD).join(NFC));
    const emphasis = (n: number, inner: string): string => '*_'.repeat(n) + inner + '_*'.repeat(n);
    const md = `${emphasis(400, NFD)}\n\n${'> '.repeat(990)}${NFD}\n\n${'>'.repeat(1200)} ${NFD}\n\n> > ${NFD}\n`;
    const m = vietfix([put('near.md', md)]);
    expect(m.status).toBe(0);
    expect(m.out).toBe(`${emphasis(400, NFC)}\n\n${'> '.repeat(990)}${NFC}\n\n${'>'.repeat(1200)} ${NFD}\n\n> > ${NFC}\n`);
    expect(m.stderr).toMatch(/Markdown nested deeper than 1000/);
  });
});

describe('smaller things', () => {
  it('reports a symbolic link loop as such, not as a missing file', () => {
    const loop = join(dir, 'loop.txt');
    symlinkSync(loop, loop);
    const r = vietfix([loop]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/loop\.txt: too many levels of symbolic links/);
  });

  it.runIf(repairs)('the summary counts the edits of the files it counts: none from a file that failed half way', () => {
    const good = put('good.txt', DAMAGED.join('\n') + '\n');
    const bad = put('bad.txt', Buffer.concat([Buffer.from(DAMAGED.join('\n') + '\n' + PAST_HEAD), Buffer.from([0xff, 0x0a])]));
    const r = vietfix(['--check', good, bad], { env: { VIETFIX_STREAM_ABOVE: '16' } });
    expect(r.status).toBe(2);
    const edits = fix(DAMAGED.join('\n') + '\n').edits.length;
    expect(r.stderr).toMatch(new RegExp(`1 file scanned, 1 would change\\n  edits: ${edits} `));
    expect(r.stderr).toMatch(/not processed: 1\n {4}.*bad\.txt: not valid UTF-8/);
  });
});
