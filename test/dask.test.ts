/**
 * The distributed recipe run for real: a local Dask cluster of two worker processes maps the
 * partitions of a JSON Lines file through `vietfix --jsonl text` (the built CLI), and every
 * record must come back, in order, with the field repaired and every other byte unchanged.
 * Dask is Debian's `python3-distributed` (`.ci/run` installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fix, simulateDamage, stripDiacritics } from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');

/** A Python that has Dask's distributed scheduler: the one on PATH or Debian's. */
function findPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import dask.bag, distributed'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

const python = findPython();
if (python === undefined) {
  console.warn('Dask test skipped: no python3 with dask.distributed (Debian: apt-get install --no-install-recommends python3-distributed)');
}

/** Records with the text field in many forms, the rest of each line written by hand. */
function records(): { line: string; prefix: string; value: string | undefined; suffix: string }[] {
  const prose = readFileSync(join(ROOT, 'test/fixtures/example-damaged.txt'), 'utf8').split('\n').filter((l) => l !== '');
  const clean = ['Chợ hoa ven hồ đông người từ sáng sớm.', 'Các em nhỏ háo hức chờ đón năm mới.'];
  const out: { line: string; prefix: string; value: string | undefined; suffix: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const base = prose[i % prose.length];
    const value =
      i % 5 === 0 ? stripDiacritics(clean[i % 2]) : i % 5 === 1 ? simulateDamage(clean[i % 2], { rate: 0.4, seed: i }) : i % 5 === 2 ? clean[i % 2] : base;
    // Key order, spacing, escapes, numbers and a nested `text` that is not the field all vary.
    const forms: [string, string][] = [
      [`{"id":${i},"text":`, '}'],
      [`{ "id" : ${i} , "meta" : {"text": "Tiáº¿ng", "n": 1.50e2}, "text" :  `, ' , "tags":["a","\\u1ebf"] }'],
      [`{"text":`, `,"id":"${i}","empty":null,"ok":true}`],
    ];
    const [prefix, suffix] = forms[i % forms.length];
    out.push({ line: prefix + JSON.stringify(value) + suffix, prefix, value, suffix });
  }
  out.push({ line: '{"id":"no field","body":"Tiáº¿ng Viá»‡t"}', prefix: '', value: undefined, suffix: '' });
  out.push({ line: '{"id":"number","text":12}', prefix: '', value: undefined, suffix: '' });
  out.push({ line: '{"id":"escaped","text":"Ti\\u00e1\\u00ba\\u00bfng Vi\\u00e1\\u00bb\\u2021t"}', prefix: '{"id":"escaped","text":', value: 'Tiáº¿ng Viá»‡t', suffix: '}' });
  return out;
}

describe.skipIf(python === undefined)('vietfix --jsonl on a Dask cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vietfix-dask-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back every record in order, the field repaired and every other byte as it was', () => {
    const input = records();
    const path = join(dir, 'articles.jsonl');
    writeFileSync(path, input.map((r) => r.line + '\n').join(''));
    const job = spawnSync(python!, [join(ROOT, 'test/dask-job.py'), path, 'text', '4', '--', process.execPath, CLI], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(job.status, job.stderr).toBe(0);
    const result = JSON.parse(job.stdout) as { workers: number; partitions: { worker: string; lines: string[] }[] };
    expect(result.workers).toBe(2);
    expect(result.partitions.length).toBeGreaterThan(1);
    // Each partition starts a process that loads the model, long enough for both idle workers to get one.
    expect(new Set(result.partitions.map((p) => p.worker)).size).toBe(2);

    // Partitions are blocks of the file in order: joined, they are the file's records in order.
    const output = result.partitions.flatMap((p) => p.lines);
    expect(output.length).toBe(input.length);
    let changed = 0;
    input.forEach((record, k) => {
      const expected =
        record.value === undefined || fix(record.value).text === record.value
          ? record.line
          : record.prefix + JSON.stringify(fix(record.value).text) + record.suffix;
      if (expected !== record.line) changed++;
      expect(output[k], `record ${k}`).toBe(expected);
    });
    expect(changed).toBeGreaterThan(input.length / 2);
  }, 300_000);
});
