/**
 * The package in a real browser: a page bundled with esbuild from `vietfix`, `vietfix/model.bin`
 * and `vietfix/languages.bin` (as a user's bundler sees the package), served from 127.0.0.1 and
 * run in headless Chromium. The page repairs text without its data files, loads them over HTTP,
 * repairs the text with them (with `fix` and the web stream) and posts what it got back.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fix } from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const INPUT = readFileSync(join(ROOT, 'test/fixtures/example-damaged.txt'), 'utf8');

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return undefined;
}

const chromium = findChromium();
if (chromium === undefined) {
  console.warn('browser test skipped: no chromium on PATH (Debian: apt-get install --no-install-recommends chromium)');
}

/** What the page posts back. */
interface PageReport {
  bare: { text: string; skipped?: { stage: string; reason: string }[] };
  modelOnly: { text: string; skipped?: { stage: string; reason: string }[] };
  withModel: string;
  streamed: string;
  error?: string;
}

const PAGE = `
import { createFixTransformStream, fix, loadLanguageProfiles, loadModel } from 'vietfix';
import modelUrl from 'vietfix/model.bin';
import languagesUrl from 'vietfix/languages.bin';

async function run() {
  const input = await (await fetch('/input.txt')).text();
  const bare = fix(input);
  const [model, languages] = await Promise.all([loadModel(modelUrl), loadLanguageProfiles(languagesUrl)]);
  const modelOnly = fix(input, { model });
  const withModel = fix(input, { model, languages }).text;
  const reader = new Blob([input]).stream().pipeThrough(createFixTransformStream({ model, languages })).getReader();
  let streamed = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) streamed += r.value;
  return {
    bare: { text: bare.text, skipped: bare.skipped },
    modelOnly: { text: modelOnly.text, skipped: modelOnly.skipped },
    withModel,
    streamed,
  };
}

run()
  .catch((error) => ({ error: String(error && error.stack || error) }))
  .then((report) => fetch('/report', { method: 'POST', body: JSON.stringify(report) }));
`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8' };

describe.skipIf(chromium === undefined)('in headless Chromium', () => {
  let dir: string;
  let server: Server;
  let browser: ChildProcess | undefined;
  let report: PageReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vietfix-browser-'));
    // The page imports the package by name, as a user's project does.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'vietfix'), 'dir');
    writeFileSync(join(dir, 'page.js'), PAGE);
    const www = join(dir, 'www');
    await build({
      entryPoints: [join(dir, 'page.js')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      loader: { '.bin': 'file' },
      outdir: www,
      absWorkingDir: dir,
      preserveSymlinks: true,
      logLevel: 'error',
    });
    writeFileSync(join(www, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
    writeFileSync(join(www, 'input.txt'), INPUT);

    let received!: (r: PageReport) => void;
    const posted = new Promise<PageReport>((done) => (received = done));
    server = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/report') {
        let body = '';
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => (body += chunk));
        request.on('end', () => {
          response.end('ok');
          received(JSON.parse(body) as PageReport);
        });
        return;
      }
      const file = join(www, (request.url ?? '/') === '/' ? 'index.html' : decodeURIComponent(request.url!.slice(1)));
      if (!file.startsWith(www) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };

    const profile = join(dir, 'profile');
    mkdirSync(profile);
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ];
    browser = spawn(chromium!, [...flags, `http://127.0.0.1:${port}/`], { stdio: 'ignore', detached: true });
    const exited = new Promise<never>((_, fail) => browser!.on('exit', (code) => fail(new Error(`chromium exited early (${code})`))));
    const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error('the page posted nothing within 90 s')), 90_000).unref());
    report = await Promise.race([posted, exited, timeout]);
  }, 150_000);

  afterAll(async () => {
    if (browser?.pid !== undefined && browser.exitCode === null) {
      const gone = new Promise((done) => browser!.once('exit', done));
      process.kill(-browser.pid, 'SIGTERM');
      await gone;
    }
    await new Promise((done) => server?.close(done));
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the page without an error', () => {
    expect(report.error).toBeUndefined();
  });

  it('repairs with the model loaded over HTTP exactly as Node does', () => {
    const expected = fix(INPUT).text;
    expect(expected).not.toBe(INPUT);
    expect(report.withModel).toBe(expected);
    expect(report.streamed).toBe(expected);
  });

  it('without a model, makes the repairs that need none and names the one it skipped', () => {
    expect(report.bare.skipped?.map((s) => s.stage)).toEqual(['repair']);
    expect(report.bare.skipped?.[0].reason).toMatch(/loadModel/);
    // What it gives is what Node gives with context repair switched off.
    expect(report.bare.text).toBe(fix(INPUT, { repair: false }).text);
    expect(report.bare.text).not.toBe(INPUT);
    expect(report.bare.text).not.toBe(report.withModel);
  });

  it('with a model but without the language profiles, skips context repair and says which file it needs', () => {
    expect(report.modelOnly.skipped?.map((s) => s.stage)).toEqual(['repair']);
    expect(report.modelOnly.skipped?.[0].reason).toMatch(/loadLanguageProfiles/);
    expect(report.modelOnly.text).toBe(fix(INPUT, { repair: false }).text);
  });
});
