/**
 * Clean Vietnamese text for the benchmarks, read at run time from the shared corpus (never
 * committed): the UD Vietnamese VTB sentences and the NTREX-128 Vietnamese news sentences
 * (CC BY-SA 4.0, see ../shared/corpus/README). Both files are gunzipped with zlib; together
 * they are about 0.7 MB, so the lines are repeated to reach the size asked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The folder with the corpus text files, next to the repository. */
export const CORPUS_TEXT_DIR = fileURLToPath(new URL('../../shared/corpus/text/', import.meta.url));

/** The files the clean sample is made of. */
export const CLEAN_FILES = ['ud-vietnamese-vtb.txt.gz', 'ntrex128-vie.txt.gz'] as const;

/** Every non-empty line of one gzipped corpus file; throws a clear error when it is missing. */
export function corpusLines(file: string): string[] {
  const path = CORPUS_TEXT_DIR + file;
  if (!existsSync(path)) {
    throw new Error(
      `bench text not found: ${path}\n` +
        'The benchmarks read clean Vietnamese from ../shared/corpus/text/ (not part of the repository).',
    );
  }
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((line) => line.length > 0);
}

/**
 * About `bytes` of clean Vietnamese (UTF-8), as lines joined with `\n`: the lines of
 * {@link CLEAN_FILES} in order, repeated until the size is reached.
 */
export function cleanSample(bytes = 4 << 20): string {
  const lines = CLEAN_FILES.flatMap(corpusLines);
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i = (i + 1) % lines.length) {
    out.push(lines[i]);
    size += Buffer.byteLength(lines[i]) + 1;
  }
  return out.join('\n');
}
