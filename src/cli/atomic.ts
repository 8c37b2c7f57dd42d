/**
 * Safe file replacement. The new content goes to a temporary file in the same directory.
 * Usually that file then replaces the target with one `rename`: readers see the old file or
 * the new one, never a half-written one, and an interrupted run leaves the target untouched.
 *
 * A rename gives the target a new inode, owned by whoever runs the command. Where that would
 * break something (the file has other hard links, or its owner or group cannot be kept), the
 * complete new content is copied over the target in place instead (see {@link copyInPlace}).
 *
 * Either way the target is checked just before it is replaced: if another program changed it
 * since it was read, it is left as that program left it and the rewrite is refused.
 */
import { closeSync, fstatSync, ftruncateSync, fsyncSync, openSync, promises as fsp, readSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Temporary files this thread has created and not yet renamed or removed. */
const pending = new Set<string>();

/** Raised when the target changed on disk while it was being repaired. */
export class ChangedOnDiskError extends Error {}

/** Raised when a rewrite is refused because the run is being stopped. */
export class StoppingError extends Error {}

/** Names are at most this many bytes on the usual file systems. */
const NAME_MAX = 255;

/** A short tag of this machine, so that a temporary file is only ever judged stale by its own host. */
const HOST_TAG = (() => {
  let h = 0x811c9dc5;
  for (const c of hostname()) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 6);
})();

/** `.NAME.vietfix-HOST-PID.KIND`, with NAME shortened when the whole would be too long. */
function scratchName(target: string, kind: 'tmp' | 'copying'): string {
  const suffix = `.vietfix-${HOST_TAG}-${process.pid}.${kind}`;
  let name = basename(target);
  while (Buffer.byteLength(`.${name}${suffix}`) > NAME_MAX) name = name.slice(0, -1);
  return join(dirname(target), `.${name}${suffix}`);
}

/**
 * The temporary path used while rewriting `target`: hidden, next to it, named after the host
 * and the process, so that the main thread can remove what an interrupted worker thread left
 * and a later run can recognise what a killed run left (see {@link removeStaleTemps}).
 */
export function tempPathFor(target: string): string {
  return scratchName(target, 'tmp');
}

/** Removes every pending temporary file (synchronous: safe in `exit` and signal handlers). */
export function removePendingTemps(): void {
  for (const p of pending) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

/** `.NAME.vietfix-HOST-PID.tmp` (this version) or `.NAME.vietfix-PID.tmp` (earlier ones). */
const STALE_NAME = /^\..*\.vietfix-(?:([0-9a-f]{6})-)?(\d+)\.(tmp|copying)$/;

function processIsGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, someone else's
  }
}

/** Directories already cleared of stale temporary files by this thread. */
const cleared = new Set<string>();

/**
 * Removes the temporary files that killed runs (`kill -9`, a crash, a power cut) left in the
 * directory of `target`: those of this host whose process is gone. Each directory is looked
 * at once per run. A `.copying` file is never removed: it holds the complete new content of
 * a file whose in-place rewrite was cut short, and the user is told.
 */
export async function removeStaleTemps(target: string): Promise<void> {
  const dir = dirname(target);
  if (cleared.has(dir)) return;
  cleared.add(dir);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STALE_NAME.exec(name);
    if (!m || (m[1] !== undefined && m[1] !== HOST_TAG) || !processIsGone(Number(m[2]))) continue;
    const path = join(dir, name);
    if (m[3] === 'copying') {
      process.stderr.write(`vietfix: warning: ${path} holds the complete repaired content of a file whose in-place rewrite was interrupted; check the file and move it over, or remove it\n`);
      continue;
    }
    await fsp.unlink(path).catch(() => undefined);
  }
}

/**
 * Critical sections shared by all threads: `[stopping, sections in progress]`. An in-place
 * copy must not be cut short by a worker being terminated on Ctrl-C; the main thread waits
 * for those in progress and lets no new one start (see {@link stopAtSafePoint}).
 */
let guard: Int32Array | undefined;

/** Makes this thread take part in the shared guard (main thread and every worker). */
export function useSharedGuard(buffer: SharedArrayBuffer): void {
  guard = new Int32Array(buffer);
}

/** A buffer for {@link useSharedGuard}. */
export function newSharedGuard(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

function enterCritical(): void {
  if (!guard) return;
  // Counted first, then the flag read: the main thread sets the flag, then reads the count,
  // so either it waits for this section or this section sees the flag.
  Atomics.add(guard, 1, 1);
  if (Atomics.load(guard, 0) !== 0) {
    Atomics.sub(guard, 1, 1);
    throw new StoppingError('interrupted');
  }
}

function leaveCritical(): void {
  if (guard) Atomics.sub(guard, 1, 1);
}

/** Lets no new in-place copy start and waits for those in progress (before stopping workers). */
export async function stopAtSafePoint(): Promise<void> {
  if (!guard) return;
  Atomics.store(guard, 0, 1);
  while (Atomics.load(guard, 1) > 0) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Whether `target` is still the file that was read (same inode, size, times). */
async function checkUnchanged(target: string, read: Stats): Promise<void> {
  let now: Stats;
  try {
    now = await fsp.stat(target);
  } catch (err) {
    throw new ChangedOnDiskError(`removed or renamed while being repaired (${(err as NodeJS.ErrnoException).code ?? 'gone'}); nothing written`);
  }
  const same = now.dev === read.dev && now.ino === read.ino && now.size === read.size && now.mtimeMs === read.mtimeMs && now.ctimeMs === read.ctimeMs;
  if (!same) {
    const what = now.size !== read.size ? `size ${read.size} → ${now.size}` : now.ino !== read.ino ? 'replaced' : 'modified';
    throw new ChangedOnDiskError(`changed on disk while being repaired (${what}); left as the other program left it, run again`);
  }
}

/** A file being written next to its target; {@link commit} puts it in place. */
export class AtomicWriter {
  readonly tempPath: string;
  private handle?: fsp.FileHandle;
  /** Copy over the target instead of renaming (hard links, or an owner that cannot be kept). */
  private inPlace = false;

  private constructor(
    readonly target: string,
    private readonly stats: Stats,
    private readonly backup: boolean,
  ) {
    this.tempPath = tempPathFor(target);
  }

  /**
   * Opens a temporary file for `target`, which must exist and be as `stats` describes it
   * (its mode, owner and group are kept).
   */
  static async open(target: string, stats: Stats, backup = false): Promise<AtomicWriter> {
    await removeStaleTemps(target);
    const w = new AtomicWriter(target, stats, backup);
    pending.add(w.tempPath);
    try {
      await fsp.rm(w.tempPath, { force: true }); // a leftover of this very process
      w.handle = await fsp.open(w.tempPath, 'wx', stats.mode & 0o7777);
      // The umask may have cleared bits of the requested mode.
      await w.handle.chmod(stats.mode & 0o7777);
      const mine = await w.handle.stat();
      if (mine.uid !== stats.uid || mine.gid !== stats.gid) {
        await w.handle.chown(stats.uid, stats.gid).catch(() => undefined);
        const after = await w.handle.stat();
        w.inPlace = after.uid !== stats.uid || after.gid !== stats.gid;
      }
      if (stats.nlink > 1) w.inPlace = true;
    } catch (err) {
      await w.abort();
      throw err;
    }
    return w;
  }

  async write(data: Uint8Array): Promise<void> {
    let off = 0;
    while (off < data.length) {
      const { bytesWritten } = await this.handle!.write(data, off, data.length - off);
      off += bytesWritten;
    }
  }

  /**
   * Flushes, checks that the target has not changed since it was read, keeps `FILE.orig` if
   * asked, and puts the new content in place.
   */
  async commit(): Promise<void> {
    try {
      await this.handle!.sync();
      await this.handle!.close();
      this.handle = undefined;
      await checkUnchanged(this.target, this.stats);
      if (this.backup) await keepBackup(this.target, this.inPlace);
      if (this.inPlace) {
        copyInPlace(this.tempPath, this.target, this.stats);
      } else {
        await fsp.rename(this.tempPath, this.target);
        pending.delete(this.tempPath);
      }
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  /** Closes and deletes the temporary file; the target stays as it was. */
  async abort(): Promise<void> {
    if (this.handle) await this.handle.close().catch(() => undefined);
    this.handle = undefined;
    await fsp.unlink(this.tempPath).catch(() => undefined);
    pending.delete(this.tempPath);
  }
}

/**
 * Writes the content of `temp` (complete and synced) over `target` in place, keeping its
 * inode, links, owner and mode, then removes it. Synchronous, so that no signal handler
 * runs in the middle; guarded, so that no worker is terminated in the middle. The part past
 * the old end is written first: if the disk is full, the target is cut back to its old size
 * with nothing else changed. Killed in the middle, the target is mixed, but the new content,
 * renamed `.copying` first, is whole and a later run points to it.
 */
function copyInPlace(temp: string, target: string, read: Stats): void {
  enterCritical();
  let overwriting = false;
  // Renamed within the critical section: a `.copying` file only ever stands for a copy begun.
  const source = scratchName(target, 'copying');
  try {
    renameSync(temp, source);
    pending.delete(temp);
    const src = openSync(source, 'r');
    let dst: number | undefined;
    try {
      dst = openSync(target, 'r+');
      const now = fstatSync(dst);
      if (now.ino !== read.ino || now.size !== read.size || now.mtimeMs !== read.mtimeMs) {
        throw new ChangedOnDiskError('changed on disk while being repaired; left as the other program left it, run again');
      }
      const newSize = fstatSync(src).size;
      const oldSize = read.size;
      const buf = Buffer.allocUnsafe(1 << 20);
      const copy = (from: number, to: number): void => {
        for (let pos = from; pos < to; ) {
          const n = readSync(src, buf, 0, Math.min(buf.length, to - pos), pos);
          if (n === 0) throw new Error('temporary file shrank');
          for (let off = 0; off < n; ) off += writeSync(dst!, buf, off, n - off, pos + off);
          pos += n;
        }
      };
      if (newSize > oldSize) {
        try {
          copy(oldSize, newSize);
          fsyncSync(dst);
        } catch (err) {
          ftruncateSync(dst, oldSize);
          throw err;
        }
      }
      overwriting = true;
      copy(0, Math.min(oldSize, newSize));
      if (newSize < oldSize) ftruncateSync(dst, newSize);
      fsyncSync(dst);
    } finally {
      if (dst !== undefined) closeSync(dst);
      closeSync(src);
    }
    unlinkSync(source);
  } catch (err) {
    // Nothing of the target was overwritten (a longer end was cut back): the copy is not needed.
    if (!overwriting) {
      try {
        unlinkSync(source);
      } catch {
        // already gone
      }
    }
    throw err;
  } finally {
    leaveCritical();
  }
}

/**
 * Keeps the current content of `target` as `target.orig`: a hard link when the target is
 * about to be replaced by a rename, a copy when it is about to be overwritten in place.
 */
async function keepBackup(target: string, inPlace: boolean): Promise<void> {
  const orig = `${target}.orig`;
  await fsp.rm(orig, { force: true });
  if (!inPlace) {
    try {
      await fsp.link(target, orig);
      return;
    } catch {
      // another file system, or links not supported: copy
    }
  }
  await fsp.copyFile(target, orig);
}

/** Replaces `target` with `data` safely, keeping its mode. */
export async function writeAtomic(target: string, stats: Stats, data: Uint8Array, backup = false): Promise<void> {
  const w = await AtomicWriter.open(target, stats, backup);
  try {
    await w.write(data);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.commit();
}
