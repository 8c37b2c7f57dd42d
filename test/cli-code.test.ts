/**
 * Source and data files through the built CLI: their Vietnamese written without marks (comments
 * and messages kept to ASCII) stays as written, their mojibake is repaired. The files are
 * generated in many languages' syntax around real Vietnamese sentences (the LibreOffice help);
 * the same files named `.txt` show that the text would be repaired as prose.
 */
import './support/fast-check-seed.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fix, stripDiacritics } from '../src/index.js';
import { tempDir, vietfix } from './cli-helpers.js';
import { helpSentences } from './support/sentences.js';

/** Sentences that `fix` leaves alone, and whose marks stripped it restores (prose evidence). */
const SENTENCES = helpSentences(40, 110).filter((s) => !/["'\\`$%{}<>#*/]/.test(s) && fix(s).text === s);

/** UTF-8 shown as Windows-1252: the usual mojibake. */
function mojibake(s: string): string {
  const cp1252 = new Map<number, string>([
    [0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'], [0x89, '‰'],
    [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8e, 'Ž'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x95, '•'],
    [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'], [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
  ]);
  return [...Buffer.from(s, 'utf8')].map((b) => cp1252.get(b) ?? String.fromCharCode(b)).join('');
}

/** How a language writes a comment and a string holding `text`. */
const SYNTAX: ReadonlyArray<readonly [ext: string, make: (comment: string, message: string) => string]> = [
  ['py', (c, m) => `# ${c}\ndef check(user):\n    if not user:\n        raise ValueError("${m}")\n    return user\n`],
  ['js', (c, m) => `// ${c}\nexport function check(user) {\n  if (!user) throw new Error('${m}');\n  return user;\n}\n`],
  ['ts', (c, m) => `/** ${c} */\nexport const message: string = \`${m}\`;\n`],
  ['c', (c, m) => `/* ${c} */\n#include <stdio.h>\nint main(void) { puts("${m}"); return 0; }\n`],
  ['java', (c, m) => `// ${c}\nclass Check { String message() { return "${m}"; } }\n`],
  ['sh', (c, m) => `#!/bin/sh\n# ${c}\necho "${m}" >&2\nexit 1\n`],
  ['json', (c, m) => `{\n  "description": "${c}",\n  "error": "${m}"\n}\n`],
  ['yaml', (c, m) => `# ${c}\nerror:\n  message: "${m}"\n`],
  ['sql', (c, m) => `-- ${c}\nSELECT '${m}' AS message;\n`],
];

interface SourceFile {
  ext: string;
  plain: string;
  /** The comment in mojibake instead: what repair must give back. */
  damaged: string;
  repaired: string;
}

const sourceFile: fc.Arbitrary<SourceFile> = fc
  .tuple(fc.constantFrom(...SYNTAX), fc.constantFrom(...SENTENCES), fc.constantFrom(...SENTENCES))
  .map(([[ext, make], comment, message]) => ({
    ext,
    plain: make(stripDiacritics(comment), stripDiacritics(message)),
    damaged: make(mojibake(comment), stripDiacritics(message)),
    repaired: make(comment, stripDiacritics(message)),
  }));

let dir: string;
let cleanup: () => void;
let files: SourceFile[];

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  files = fc.sample(sourceFile, { numRuns: 40, seed: 20261207 });
  files.forEach((f, i) => {
    for (const [sub, text, ext] of [
      ['plain', f.plain, f.ext],
      ['damaged', f.damaged, f.ext],
      ['as-text', f.plain, 'txt'],
    ] as const) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, `f${String(i).padStart(2, '0')}.${ext}`), text);
    }
  });
});
afterAll(() => cleanup());

/** The edits of every file of `sub`, by kind, from one `--json` run of the built CLI. */
function editKinds(sub: string): Map<string, number> {
  const r = vietfix(['--json', '--jobs', '1', sub], { cwd: dir });
  const kinds = new Map<string, number>();
  for (const line of r.out.split('\n').filter(Boolean)) {
    for (const e of (JSON.parse(line) as { edits: { kind: string }[] }).edits) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  }
  return kinds;
}

describe('source and data files', () => {
  it('has sentences to build from', () => {
    expect(SENTENCES.length).toBeGreaterThan(50);
  });

  it('keeps Vietnamese written without marks in code as it is (the same text as prose is repaired)', () => {
    expect(editKinds('plain')).toEqual(new Map());
    expect(editKinds('as-text').get('diacritics') ?? 0).toBeGreaterThan(files.length);
  });

  it('repairs the mojibake in code, and only that', () => {
    const r = vietfix(['--jobs', '1', 'damaged'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.out).toBe(files.map((f) => f.repaired).join(''));
    expect([...editKinds('damaged').keys()]).toEqual(['mojibake']);
  });

  it('reads standard input as code with --format code', () => {
    const f = files[0];
    expect(vietfix(['--format', 'code'], { input: f.damaged }).out).toBe(f.repaired);
    expect(vietfix(['--format', 'code'], { input: f.plain }).out).toBe(f.plain);
  });
});
