/**
 * Atomic file replacement: the new content goes to a temporary file in the same directory,
 * which then replaces the target with one `rename`. Readers see the old file or the new one,
 * never a half-written one; an interrupted run leaves the target untouched.
 */
import { promises as fsp, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files this thread has created and not yet renamed or removed. */
const pending = new Set<string>();

/**
 * The temporary path used while rewriting `target`: hidden, next to it, named after the
 * process so that the main thread can remove what an interrupted worker thread left.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.vietfix-${process.pid}.tmp`);
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

/** A file being written next to its target; {@link commit} puts it in place. */
export class AtomicWriter {
  readonly tempPath: string;
  private handle?: fsp.FileHandle;

  private constructor(
    readonly target: string,
    private readonly stats: Stats,
    private readonly backup: boolean,
  ) {
    this.tempPath = tempPathFor(target);
  }

  /** Opens a temporary file for `target` (which must exist: its mode and owner are kept). */
  static async open(target: string, stats: Stats, backup = false): Promise<AtomicWriter> {
    const w = new AtomicWriter(target, stats, backup);
    pending.add(w.tempPath);
    try {
      await fsp.rm(w.tempPath, { force: true }); // a leftover of a killed run with the same pid
      w.handle = await fsp.open(w.tempPath, 'wx', stats.mode & 0o7777);
      // The umask may have cleared bits of the requested mode.
      await w.handle.chmod(stats.mode & 0o7777);
      if (process.getuid?.() === 0) await w.handle.chown(stats.uid, stats.gid).catch(() => undefined);
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

  /** Flushes, keeps `FILE.orig` if asked, and renames the temporary file over the target. */
  async commit(): Promise<void> {
    try {
      await this.handle!.sync();
      await this.handle!.close();
      this.handle = undefined;
      if (this.backup) await keepBackup(this.target);
      await fsp.rename(this.tempPath, this.target);
      pending.delete(this.tempPath);
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

/** Keeps the current content of `target` as `target.orig` (a hard link when possible). */
async function keepBackup(target: string): Promise<void> {
  const orig = `${target}.orig`;
  await fsp.rm(orig, { force: true });
  try {
    await fsp.link(target, orig);
  } catch {
    await fsp.copyFile(target, orig);
  }
}

/** Replaces `target` with `data` atomically, keeping its mode. */
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
