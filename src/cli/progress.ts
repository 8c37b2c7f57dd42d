/** A one-line progress display on a terminal's stderr: files and MB done, MB/s, ETA. */

const MB = 1024 * 1024;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Redraws at most a few times a second, only after the run has lasted a moment, and only
 * when stderr is a terminal: logs and CI output never see it.
 */
export class Progress {
  private bytes = 0;
  private files = 0;
  private readonly started = Date.now();
  private timer?: NodeJS.Timeout;
  private shown = false;

  private constructor(
    private readonly totalFiles: number | undefined,
    private readonly totalBytes: number | undefined,
  ) {
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
  }

  /** A progress display, or `undefined` when there must be none. */
  static start(enabled: boolean, totalFiles?: number, totalBytes?: number): Progress | undefined {
    return enabled && process.stderr.isTTY ? new Progress(totalFiles, totalBytes) : undefined;
  }

  addBytes(n: number): void {
    this.bytes += n;
  }

  fileDone(): void {
    this.files++;
  }

  private line(): string {
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? this.bytes / MB / secs : 0;
    const parts: string[] = [];
    parts.push(this.totalFiles !== undefined ? `${this.files}/${this.totalFiles} files` : `${this.files} files`);
    parts.push(
      this.totalBytes !== undefined
        ? `${(this.bytes / MB).toFixed(1)}/${(this.totalBytes / MB).toFixed(1)} MB`
        : `${(this.bytes / MB).toFixed(1)} MB`,
    );
    parts.push(`${rate.toFixed(1)} MB/s`);
    if (this.totalBytes !== undefined && rate > 0) {
      parts.push(`ETA ${duration((this.totalBytes - this.bytes) / MB / rate)}`);
    }
    return `vietfix: ${parts.join('  ')}`;
  }

  private draw(): void {
    if (Date.now() - this.started < 1000) return; // short runs stay silent
    this.shown = true;
    process.stderr.write(`\r\x1b[K${this.line()}`);
  }

  /** Clears the line before other stderr output. */
  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
