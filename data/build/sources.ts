import { createReadStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

/**
 * Training text, in reading order, with licences. Only sources whose statistics may ship under
 * CC BY-SA 4.0: the Wikipedia extracts, UD Vietnamese-VTB and NTREX-128 (CC BY-SA), ALT (CC BY),
 * and the public-domain literature of authors who died by 1953. Left out: the GPL/MPL Debian
 * documentation and `pd-literature-khudocmo-b` (authors who died 1954–1963).
 */
export const SOURCES: readonly { file: string; licence: string }[] = [
  { file: 'viwiki-undertheseanlp.txt.gz', licence: 'CC BY-SA 3.0' },
  { file: 'viwik19-ntt123-partial.txt.gz', licence: 'CC BY-SA 3.0' },
  { file: 'ud-vietnamese-vtb.txt.gz', licence: 'CC BY-SA 4.0' },
  { file: 'ntrex128-vie.txt.gz', licence: 'CC BY-SA 4.0' },
  { file: 'alt-vi-wikinews.txt.gz', licence: 'CC BY 4.0' },
  { file: 'pd-literature-khudocmo-a.txt.gz', licence: 'public domain (Vietnam)' },
];

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The value after `--name` on the command line, or `fallback`. */
export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** The corpus folder: `--corpus`, by default `../shared/corpus` beside the repository. */
export function corpusFolder(): string {
  return resolve(argument('corpus', join(ROOT, '..', 'shared', 'corpus')));
}

/** The lines of a gzip text file of the corpus (`text/FILE`), streamed. */
export async function* sourceLines(corpus: string, file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(join(corpus, 'text', file)).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) yield line;
}
