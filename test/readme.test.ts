/**
 * The README's accuracy table is what `bench/accuracy.ts --readme` prints for the current code,
 * so that it cannot drift from the code; and the README stays a manual of bounded length.
 * Regenerate the table with `npm run build && npx tsx bench/accuracy.ts --update-readme`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const devset = resolve(root, '../shared/devset');
const hasDevset = existsSync(join(devset, 'score.py'));
const MAX_README_LINES = 260;

/** The text between the README's accuracy-table markers, without surrounding blank lines. */
function readmeAccuracyTable(): string {
  const open = '<!-- accuracy-table:start -->';
  const close = '<!-- accuracy-table:end -->';
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md has no ${open} … ${close} block`);
  return readme.slice(start + open.length, end).trim();
}

describe('README', () => {
  it(`has at most ${MAX_README_LINES} lines`, () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it('links the bench notes and the changelog, which exist', () => {
    for (const file of ['bench/README.md', 'CHANGELOG.md']) {
      expect(readme).toContain(`(${file})`);
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });

  it.skipIf(!hasDevset)(
    hasDevset
      ? 'accuracy table equals what bench/accuracy.ts --readme prints for the built CLI'
      : `accuracy table check skipped: no dev set at ${devset}`,
    () => {
      const cli = join(root, 'dist', 'cli.js');
      if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build (npm test builds first)`);
      const printed = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'accuracy.ts'), '--readme'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      expect(
        readmeAccuracyTable(),
        'README accuracy table is stale: npm run build && npx tsx bench/accuracy.ts --update-readme',
      ).toBe(printed.trim());
    },
    300_000,
  );
});
