/**
 * Turning command-line inputs (files, directories, globs) into the ordered list of files
 * to repair.
 */
import { promises as fsp } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { convertPathToPattern, glob, isDynamicPattern } from 'tinyglobby';
import { failureReason } from './process.js';

/** Never descended into. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**', '**/*.vietfix-*.tmp', '**/*.vietfix-*.copying'];

/** Extensions of files that are certainly not text: skipped silently inside directories and globs. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp bmp ico tif tiff psd avif heic svgz pdf zip gz tgz bz2 xz zst 7z rar tar jar ' +
    'mp3 mp4 m4a ogg oga wav flac webm mkv avi mov wmv woff woff2 ttf otf eot exe dll so dylib o a class ' +
    'pyc wasm bin dat db sqlite doc docx xls xlsx ppt pptx odt ods epub mobi'
  ).split(' '),
);

/**
 * One input found, or an argument that named nothing. `named`: the file was named on the
 * command line itself (not found in a directory or by a glob).
 */
export type Found = { kind: 'file'; path: string; real: string; named: boolean } | { kind: 'missing'; path: string; reason: string };

function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** A user ignore glob; one without `/` matches a name at any depth, like in `.gitignore`. */
function ignorePattern(g: string): string {
  return g.includes('/') ? g.replace(/^\.\//, '') : `**/${g}`;
}

/** A path (relative to the working directory when inside it) as a literal glob pattern. */
function literalPattern(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(p) : rel;
  return convertPathToPattern(shown);
}

/**
 * Expands `inputs` in order: a file stays itself; a directory becomes its files (recursively,
 * sorted, without `node_modules`, `.git` and files with binary extensions); anything else
 * with glob characters is matched as a glob. `--ignore` globs apply to all of them. Files
 * reached twice (also through symbolic links) are kept once.
 */
export async function discover(inputs: readonly string[], ignore: readonly string[]): Promise<Found[]> {
  const ignores = [...ALWAYS_IGNORED, ...ignore.map(ignorePattern)];
  const userIgnores = ignore.map(ignorePattern);
  const found: Found[] = [];
  const seen = new Set<string>();
  const add = async (path: string, named: boolean): Promise<void> => {
    let real: string;
    try {
      real = await fsp.realpath(path);
    } catch (err) {
      found.push({ kind: 'missing', path, reason: failureReason(err) });
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    found.push({ kind: 'file', path, real, named });
  };
  for (const input of inputs) {
    let stats;
    try {
      stats = await fsp.stat(input);
    } catch (err) {
      // A name that exists but cannot be followed (a symbolic link loop, a file used as a
      // directory, no permission) is reported as what it is; only a missing name may be a glob.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        found.push({ kind: 'missing', path: input, reason: failureReason(err) });
        continue;
      }
      stats = undefined;
    }
    if (stats?.isFile() || (stats && !stats.isDirectory())) {
      if (userIgnores.length > 0) {
        const kept = await glob([literalPattern(input)], { ignore: userIgnores, dot: true, expandDirectories: false });
        if (kept.length === 0) continue;
      }
      await add(input, true);
      continue;
    }
    let pattern: string;
    if (stats?.isDirectory()) pattern = `${literalPattern(input).replace(/\/$/, '')}/**/*`;
    else if (isDynamicPattern(input)) pattern = input;
    else {
      found.push({ kind: 'missing', path: input, reason: 'no such file or directory' });
      continue;
    }
    const matches = await glob([pattern], { ignore: ignores, dot: true, onlyFiles: true, expandDirectories: false });
    const files = matches.filter((p) => !hasBinaryExtension(p)).sort(comparePaths);
    if (files.length === 0 && !stats) {
      found.push({ kind: 'missing', path: input, reason: 'no files match' });
      continue;
    }
    for (const f of files) await add(f, false);
  }
  return found;
}

/** Orders paths directory by directory, like a file tree. */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const aDir = i < pa.length - 1;
    const bDir = i < pb.length - 1;
    if (aDir !== bDir) return aDir ? 1 : -1; // files of a directory before its subdirectories
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}
