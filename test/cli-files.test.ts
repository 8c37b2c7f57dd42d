/**
 * The built CLI on many files: discovery, worker threads, formats, CI reports, JSON Lines,
 * and Ctrl-C safety.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';
import { exampleLines, tempDir, vietfix, vietfixChild } from './cli-helpers.js';

const DAMAGED = exampleLines().filter((l) => fix(l).text !== l);
const repairs = DAMAGED.length > 0;
const damagedText = DAMAGED.join('\n') + '\n';
const CLEAN = 'Sáng nay trời trong xanh.\n';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function put(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

describe('file discovery', () => {
  it('recurses into directories in tree order, skipping node_modules, .git and binary files', () => {
    put('b.txt', 'b\n');
    put('a.txt', 'a\n');
    put('sub/c.txt', 'c\n');
    put('sub/deeper/d.md', 'd\n');
    put('node_modules/pkg/x.txt', 'x\n');
    put('.git/HEAD', 'ref\n');
    put('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    put('blob.txt', Buffer.from([0x61, 0, 0x62]));
    const r = vietfix(['.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.out).toBe('a\nb\nc\nd\n');
    expect(r.stderr).toMatch(/skipping blob\.txt: binary/);
    expect(r.stderr).not.toMatch(/logo|node_modules|HEAD/);
  });

  it('expands globs and honours --ignore (a bare name matches at any depth)', () => {
    put('a.md', 'a\n');
    put('keep/b.html', 'b\n');
    put('keep/c.txt', 'c\n');
    put('drafts/d.md', 'd\n');
    put('keep/e.min.html', 'e\n');
    const r = vietfix(['**/*.{md,html}', '--ignore', 'drafts/**', '--ignore', '*.min.html'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.out).toBe('a\nb\n');
  });

  it('reports a glob that matches nothing with exit 2', () => {
    const r = vietfix(['nothing/**/*.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing\/\*\*\/\*\.md: no files match/);
  });
});

describe('--jobs', () => {
  it('gives the same output, in the same order, with 1, 2 and 3 threads', () => {
    for (let i = 0; i < 24; i++) {
      put(`f${String(i).padStart(2, '0')}.txt`, i % 3 === 0 ? damagedText : `${CLEAN}${i}\n`);
      put(`g${String(i).padStart(2, '0')}.md`, `# Tiêu đề ${i}\n\n${i % 2 === 0 ? damagedText : CLEAN}`);
    }
    for (const mode of [[], ['--check'], ['--json']]) {
      const one = vietfix([...mode, '--jobs', '1', '.'], { cwd: dir });
      const three = vietfix([...mode, '--jobs', '3', '.'], { cwd: dir });
      expect(three.status).toBe(one.status);
      expect(three.out).toBe(one.out);
      if (mode.length === 0 || repairs) expect(three.out.length).toBeGreaterThan(0);
    }
    // Large text files printed to stdout are streamed by the main thread in their turn, while
    // the workers and the main thread take the others as they come.
    const env = { VIETFIX_STREAM_ABOVE: '120', VIETFIX_CHUNK_SIZE: '37' };
    const one = vietfix(['--jobs', '1', '.'], { cwd: dir, env });
    for (const jobs of ['2', '3']) {
      const many = vietfix(['--jobs', jobs, '.'], { cwd: dir, env });
      expect(many.status).toBe(one.status);
      expect(many.out).toBe(one.out);
    }
  });
});

describe('CI reports', () => {
  it('--report writes a JSON summary; an unreadable file gives exit 2 while the rest is processed', () => {
    put('a.txt', CLEAN);
    put('b.txt', damagedText);
    put('bad.txt', Buffer.from([0x61, 0xff, 0x0a]));
    const r = vietfix(['--check', '--encoding', 'utf-8', '--report', 'report.json', 'a.txt', 'b.txt', 'bad.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not processed: 1\n {4}bad\.txt: not valid UTF-8/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.exitCode).toBe(2);
    expect(report.summary.scanned).toBe(2);
    expect(report.summary.errors).toBe(1);
    expect(report.summary.changed).toBe(repairs ? 1 : 0);
    expect(report.summary.edits).toBe(fix(damagedText).edits.length);
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['a.txt', 'ok'],
      ['b.txt', 'ok'],
      ['bad.txt', 'error'],
    ]);
    expect(report.files[1].editList).toHaveLength(fix(damagedText).edits.length);
  });

  it.runIf(repairs)('--format-output github prints workflow annotations', () => {
    put('b.txt', damagedText);
    const r = vietfix(['--check', '--format-output', 'github', 'b.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(fix(damagedText).edits.length);
    for (const l of lines) expect(l).toMatch(/^::warning file=b\.txt,line=\d+,col=\d+,endColumn=\d+,title=vietfix%3A [a-z-]+::.+ → .+ \(\d\.\d\d/);
  });

  it('prints no progress line when stderr is not a terminal', () => {
    put('a.txt', CLEAN);
    const r = vietfix(['--check', 'a.txt'], { cwd: dir });
    expect(r.stderr).not.toMatch(/MB\/s|\r/);
  });

  it('--quiet drops the summary', () => {
    put('a.txt', CLEAN);
    const r = vietfix(['--check', '--quiet', 'a.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('--jsonl', () => {
  it('repairs one field, byte for byte elsewhere, and passes bad lines through with exit 2', () => {
    const text = DAMAGED[0] ?? CLEAN.trim();
    const input = [
      `{"id": 12345678901234567890, "score": 1.50, "text": ${JSON.stringify(text)}, "tags": ["a", "b"]}`,
      `{"id":2,"meta":{"text":${JSON.stringify(text)}},"text":"Sạch."}`,
      '{"id":3}',
      'not json',
      `{"id":4,"text":${JSON.stringify(text)}}\r`,
      '',
    ].join('\n');
    const r = vietfix(['--jsonl', 'text'], { input });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:4: not valid JSON/);
    const lines = r.out.split('\n');
    const fixed = JSON.stringify(fix(text).text);
    expect(lines[0]).toBe(`{"id": 12345678901234567890, "score": 1.50, "text": ${fixed}, "tags": ["a", "b"]}`);
    expect(lines[1]).toBe(`{"id":2,"meta":{"text":${JSON.stringify(text)}},"text":"Sạch."}`);
    expect(lines[2]).toBe('{"id":3}');
    expect(lines[3]).toBe('not json');
    expect(lines[4]).toBe(`{"id":4,"text":${fixed}}\r`);
    expect(lines).toHaveLength(6);
  });

  it('follows a dotted path into nested objects', () => {
    const text = DAMAGED[0] ?? CLEAN.trim();
    const r = vietfix(['--jsonl', 'meta.text'], { input: `{"meta":{"text":${JSON.stringify(text)}},"text":${JSON.stringify(text)}}\n` });
    expect(r.status).toBe(0);
    expect(r.out).toBe(`{"meta":{"text":${JSON.stringify(fix(text).text)}},"text":${JSON.stringify(text)}}\n`);
  });
});

describe('safety', () => {
  it.runIf(repairs)('Ctrl-C during --write leaves the original file and no temporary file', { timeout: 120_000 }, async () => {
    const line = DAMAGED.join(' ') + '\n';
    const content = line.repeat(Math.ceil((48 << 20) / Buffer.byteLength(line)));
    const p = put('big.txt', content);
    const child = vietfixChild(['--write', p], dir);
    // Wait until the rewrite is under way (its temporary file exists), then interrupt.
    for (let i = 0; i < 12000 && child.exitCode === null; i++) {
      if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(readdirSync(dir)).toEqual(['big.txt']);
    // Interrupted: the original, whole. Finished before the signal: the whole repair.
    if (code === 130) expect(readFileSync(p, 'utf8') === content).toBe(true);
    else expect(readFileSync(p, 'utf8') === fix(content).text).toBe(true);
    expect(existsSync(`${p}.orig`)).toBe(false);
  });
});
