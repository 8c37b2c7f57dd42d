/**
 * Repairing one input (a file or standard input) and producing what the mode asks for:
 * the repaired text, lint lines, a diff, JSON edits, or an atomic rewrite.
 *
 * Small files are read whole (Markdown and HTML always are: they are parsed). Large text
 * files and standard input are streamed: bytes are decoded incrementally and repaired by the
 * library's incremental fixer, piece by piece as lines and windows of long lines are decided,
 * so memory stays flat whatever the size, even on one line.
 */
import { promises as fsp, readFileSync, statSync, type Stats } from 'node:fs';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import type { FixResult } from '../types.js';
import { AtomicWriter } from './atomic.js';
import {
  binaryReason,
  bomBytes,
  canonicalEncoding,
  countLineBreaks,
  DecodeError,
  decodeWhole,
  detectStream,
  encodeText,
  HEAD_BYTES,
  InvalidBytes,
  invalidBytesError,
  isConversion,
  sniffBom,
  unicodeChunkDecoder,
  utf8ErrorAt,
  type ChunkDecoder,
  type Decoding,
} from './decoding.js';
import { repairDocument, type DocumentFormat } from './formats.js';
import { Locator } from './locate.js';
import {
  conversionLine,
  githubAnnotation,
  githubConversion,
  lintLine,
  REPORT_EDIT_CAP,
  type FileOutcome,
  type LocatedEdit,
} from './report.js';
import type { RepairedPiece, Repairer } from './repairer.js';
import type { Mode } from './args.js';

/** Where printed output goes (standard output, or a buffer in a worker thread). */
export interface Sink {
  write(text: string): void | Promise<void>;
}

/** Per-run settings for processing inputs. Plain data: it crosses to worker threads. */
export interface ProcessOptions {
  mode: Mode;
  /** `--encoding`, if given. */
  encoding?: string;
  backup: boolean;
  formatOutput: 'text' | 'github';
  /** Text files larger than this many bytes are streamed instead of read whole. */
  streamAbove: number;
  /** Bytes read at a time when streaming. */
  chunkSize: number;
  /** Keep the first edits of each file in its outcome (for `--report`; memory otherwise). */
  keepEdits: boolean;
}

/** One file to process. */
export interface FileJob {
  /** The path as shown to the user. */
  path: string;
  /** The real path (symbolic links resolved): the file that is read and replaced. */
  real: string;
  format: DocumentFormat;
  size: number;
  /** Named on the command line itself: skipping it makes the exit status 2. */
  named: boolean;
}

class BinaryInputError extends Error {}
class TooLargeError extends Error {}

/**
 * Markdown and HTML are parsed whole, and a parse tree takes many times the file's size:
 * larger documents are refused rather than risk running out of memory.
 */
const MAX_PARSED_BYTES = 64 << 20;

function newOutcome(path: string, bytes: number): FileOutcome {
  return { path, status: 'ok', converted: false, changed: false, written: false, bytes, edits: 0, byKind: {}, sample: [] };
}

/** A short, single-line reason for a failed file. */
export function failureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symbolic link loop)';
    case 'ENOTDIR':
      return 'not a directory (in the path)';
    case 'ENAMETOOLONG':
      return 'file name too long';
  }
  const msg = e instanceof Error ? e.message : String(err);
  return msg.split('\n')[0];
}

/**
 * Receives the repaired pieces of one input, in order, and turns them into the mode's output.
 */
class Emitter {
  readonly outcome: FileOutcome;
  private readonly locator = new Locator();
  private decoding!: Decoding;
  private begun = false;
  private outputDecoding!: Decoding;
  private writer?: AtomicWriter;
  /** Source bytes consumed so far (BOM included): the unchanged prefix copied into a rewrite. */
  private bytesIn = 0;
  private firstPiece = true;
  private diffHeader = false;
  private firstJsonEdit = true;
  /** `--diff` of a stream: the start of a line that the last piece ended inside, before and after repair, and its number. */
  private openLine?: { before: string; after: string; line: number; changed: boolean };

  constructor(
    private readonly path: string,
    private readonly opts: ProcessOptions,
    private readonly sink: Sink,
    size: number,
    private readonly target?: { real: string; stats: Stats },
  ) {
    this.outcome = newOutcome(path, size);
  }

  async begin(decoding: Decoding): Promise<void> {
    this.decoding = decoding;
    this.begun = true;
    const converted = isConversion(decoding);
    this.outputDecoding = converted ? { encoding: 'utf-8', bom: decoding.bom, confidence: 1 } : decoding;
    Object.assign(this.outcome, {
      encoding: decoding.encoding,
      encodingConfidence: decoding.confidence,
      converted,
      changed: converted,
    });
    if (decoding.bom) this.bytesIn = bomBytes(decoding).length;
    switch (this.opts.mode) {
      case 'check':
        if (converted) {
          const c = decoding.confidence;
          await this.sink.write(
            (this.opts.formatOutput === 'github'
              ? githubConversion(this.path, decoding.encoding, c)
              : conversionLine(this.path, decoding.encoding, c)) + '\n',
          );
        }
        break;
      case 'json':
        await this.sink.write(`{"path":${JSON.stringify(this.path)},"encoding":${JSON.stringify(decoding.encoding)},"edits":[`);
        break;
      case 'write':
        if (converted) await this.openWriter();
        break;
    }
  }

  /** One repaired piece; `whole` when it is the entire input (diffs then use the full file). */
  async piece(input: string, result: FixResult, whole = false): Promise<void> {
    if (result.ocr === true) this.outcome.ocr = true;
    const pieceLine = this.locator.nextLine;
    const located = this.locator.locate(input, result.edits);
    const o = this.outcome;
    if (located.length > 0) {
      o.changed = true;
      o.edits += located.length;
      for (const e of located) {
        o.byKind[e.kind] = (o.byKind[e.kind] ?? 0) + 1;
        if (this.opts.keepEdits && o.sample.length < REPORT_EDIT_CAP) o.sample.push(e);
      }
    }
    const first = this.firstPiece;
    this.firstPiece = false;
    switch (this.opts.mode) {
      case 'print':
        await this.sink.write(first && this.decoding.bom ? '\uFEFF' + result.text : result.text);
        break;
      case 'check':
        if (located.length > 0) await this.sink.write(this.lintLines(located));
        break;
      case 'json':
        if (located.length > 0) await this.sink.write(this.jsonEdits(located));
        break;
      case 'diff':
        if (whole) {
          if (located.length > 0) await this.sink.write(this.wholeDiff(input, result.text));
        } else {
          const diff = this.streamedDiff(input, result.text, pieceLine, located.length > 0);
          if (diff) await this.sink.write(diff);
        }
        break;
      case 'write':
        if (!this.writer && located.length > 0) await this.openWriter();
        if (this.writer) await this.writer.write(encodeText(result.text, this.outputDecoding));
        else this.bytesIn += this.decoding.encoding === 'utf-8' ? Buffer.byteLength(input, 'utf8') : 2 * input.length;
        break;
    }
  }

  async end(): Promise<FileOutcome> {
    if (this.openLine) {
      const { before, after, line } = this.openLine;
      this.openLine = undefined;
      if (before !== after) await this.sink.write(this.pieceDiff(before, after, line));
    }
    if (this.opts.mode === 'json') await this.sink.write(`],"changed":${this.outcome.changed}}\n`);
    if (this.writer) {
      await this.writer.commit();
      this.writer = undefined;
      this.outcome.written = true;
    }
    return this.outcome;
  }

  /** Whether a piece has been emitted yet. */
  get hadPiece(): boolean {
    return !this.firstPiece;
  }

  /** 1-based line number where the next piece starts. */
  get nextLine(): number {
    return this.locator.nextLine;
  }

  /**
   * The input could not be processed: drops a rewrite in progress (the target stays
   * untouched), closes a JSON record already begun, and returns the outcome. Edits found
   * before the failure are not counted: none of them is applied.
   */
  async fail(err: unknown): Promise<FileOutcome> {
    await this.writer?.abort();
    this.writer = undefined;
    const skipped = err instanceof BinaryInputError;
    const reason = skipped || err instanceof DecodeError || err instanceof TooLargeError ? (err as Error).message : failureReason(err);
    if (this.opts.mode === 'json' && this.begun) {
      await this.sink.write(`],"changed":false,"error":${JSON.stringify(reason)}}\n`);
    }
    return Object.assign(this.outcome, {
      status: skipped ? 'skipped' : 'error',
      reason,
      changed: false,
      written: false,
      edits: 0,
      byKind: {},
      sample: [],
    } satisfies Partial<FileOutcome>);
  }

  private async openWriter(): Promise<void> {
    if (!this.target) throw new Error('nothing to rewrite');
    this.writer = await AtomicWriter.open(this.target.real, this.target.stats, this.opts.backup);
    if (isConversion(this.decoding)) {
      // Opened before the first piece: the whole file is re-encoded.
      if (this.decoding.bom) await this.writer.write(bomBytes(this.outputDecoding));
      return;
    }
    // Everything before this piece was clean: copy its bytes as they are.
    await copyPrefix(this.target.real, this.writer, this.bytesIn);
  }

  private lintLines(located: LocatedEdit[]): string {
    const github = this.opts.formatOutput === 'github';
    let s = '';
    for (const e of located) s += (github ? githubAnnotation(this.path, e) : lintLine(this.path, e)) + '\n';
    return s;
  }

  private jsonEdits(located: LocatedEdit[]): string {
    let s = '';
    for (const { line, column, start, end, before, after, kind, confidence, detail } of located) {
      s += this.firstJsonEdit ? '' : ',';
      this.firstJsonEdit = false;
      s += JSON.stringify({ line, column, start, end, before, after, kind, confidence, ...(detail ? { detail } : {}) });
    }
    return s;
  }

  private wholeDiff(before: string, after: string): string {
    return createTwoFilesPatch(`a/${this.path}`, `b/${this.path}`, before, after);
  }

  /**
   * Hunks of the whole lines a streamed piece completes: a piece that ends inside a line
   * keeps that line's start until a later piece (or the end) completes it.
   */
  private streamedDiff(before: string, after: string, firstLine: number, changed: boolean): string {
    const cutBefore = before.lastIndexOf('\n') + 1;
    const cutAfter = after.lastIndexOf('\n') + 1;
    const open = this.openLine;
    if (open && cutBefore === 0) {
      open.before += before;
      open.after += after;
      open.changed ||= changed;
      return '';
    }
    let done = { before: before.slice(0, cutBefore), after: after.slice(0, cutAfter), line: firstLine, changed };
    if (open) done = { before: open.before + done.before, after: open.after + done.after, line: open.line, changed: changed || open.changed };
    this.openLine =
      cutBefore < before.length
        ? { before: before.slice(cutBefore), after: after.slice(cutAfter), line: firstLine + countLineBreaks(before), changed }
        : undefined;
    return done.changed && done.before !== done.after ? this.pieceDiff(done.before, done.after, done.line) : '';
  }

  /** Hunks of one streamed piece, numbered from `firstLine` (repairs never add or remove lines). */
  private pieceDiff(before: string, after: string, firstLine: number): string {
    let s = '';
    if (!this.diffHeader) {
      this.diffHeader = true;
      s += `===================================================================\n--- a/${this.path}\n+++ b/${this.path}\n`;
    }
    const patch = structuredPatch('', '', before, after, '', '', { context: 3 });
    for (const h of patch.hunks) {
      const shift = firstLine - 1;
      s += `@@ -${h.oldStart + shift},${h.oldLines} +${h.newStart + shift},${h.newLines} @@\n`;
      s += h.lines.join('\n') + '\n';
    }
    return s;
  }
}

/** Copies the first `n` bytes of `file` into `writer`. */
async function copyPrefix(file: string, writer: AtomicWriter, n: number): Promise<void> {
  if (n === 0) return;
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(n, 1 << 20));
    let pos = 0;
    while (pos < n) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, n - pos), pos);
      if (bytesRead === 0) throw new Error('file shrank while being repaired');
      await writer.write(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/** The decoding for a stream, from its first bytes. */
function streamDecoding(head: Uint8Array, forced: string | undefined, whole: boolean): { decoding: Decoding; decoder: ChunkDecoder; skip: number } {
  const bom = sniffBom(head);
  if (bom && (!forced || canonicalEncoding(forced) === bom.encoding)) {
    return {
      decoding: { encoding: bom.encoding, bom: true, confidence: 1 },
      decoder: unicodeChunkDecoder(bom.encoding, bom.length),
      skip: bom.length,
    };
  }
  return { ...detectStream(head, forced, 0, whole), skip: 0 };
}

/**
 * Whether the first bytes of a stream are enough to choose its decoding and to tell text
 * from binary. A file waits for {@link HEAD_BYTES} (or its end), so that the answer does not
 * depend on how it was read. Interactive input (standard input) is answered line by line:
 * a BOM or a forced encoding decide at once, and so does UTF-8 once a multi-byte character
 * has shown up. Plain ASCII could still turn out to be a legacy encoding: detection then
 * waits for {@link HEAD_BYTES} or the end.
 */
function headDecides(head: Uint8Array, forced: string | undefined, interactive: boolean): boolean {
  if (head.length >= HEAD_BYTES) return true;
  if (!interactive || head.length < 4) return false;
  if (forced || sniffBom(head)) return true;
  if (head.indexOf(0) >= 0) return true; // binary: rejected at once
  let nonAscii = false;
  for (let i = 0; i < head.length && !nonAscii; i++) nonAscii = head[i] >= 0x80;
  return nonAscii && utf8ErrorAt(head, false) < 0;
}

/**
 * Streams `chunks` through the repairer and `emitter`, piece by piece as the repair decides
 * them (at line breaks, and between the windows of a long line).
 *
 * A NUL byte in the head makes the input binary (nothing is emitted). Once the input has
 * started as text, a NUL byte is a character like any other. A byte that is invalid in the
 * input's encoding stops the stream: the lines before it are emitted, and a
 * {@link DecodeError} names its offset and line (never a silently shortened output).
 */
async function streamThrough(
  chunks: AsyncIterable<Uint8Array>,
  opts: ProcessOptions,
  repairer: Repairer,
  emitter: Emitter,
  interactive: boolean,
): Promise<void> {
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const pieces = repairer.pieces();
  /** Line breaks in the text decoded so far: the line of an invalid byte. */
  let lineBreaks = 0;
  const start = async (bytes: Uint8Array, whole: boolean): Promise<Uint8Array> => {
    const binary = binaryReason(bytes, opts.encoding);
    if (binary) throw new BinaryInputError(binary);
    let d;
    try {
      d = streamDecoding(bytes, opts.encoding, whole);
    } catch (err) {
      if (err instanceof InvalidBytes) throw invalidBytesError(err, 1 + countLineBreaks(err.text));
      throw err;
    }
    decoder = d.decoder;
    await emitter.begin(d.decoding);
    return bytes.subarray(d.skip);
  };
  const emit = async ({ input, result }: RepairedPiece): Promise<void> => {
    if (input.length > 0) await emitter.piece(input, result);
  };
  const decodeMore = async (bytes: Uint8Array, final: boolean): Promise<void> => {
    let text: string;
    try {
      text = decoder!.decode(bytes, final);
    } catch (err) {
      if (!(err instanceof InvalidBytes)) throw err;
      lineBreaks += countLineBreaks(err.text);
      await emit(pieces.write(err.text));
      // The input stops at the bad byte: its whole lines before it are not held back.
      await emit(pieces.decideNow());
      throw invalidBytesError(err, 1 + lineBreaks);
    }
    lineBreaks += countLineBreaks(text);
    await emit(pieces.write(text));
  };
  for await (const chunk of chunks) {
    let bytes: Uint8Array = chunk;
    if (!decoder) {
      head = head.length === 0 ? bytes : Buffer.concat([head, bytes]);
      if (!headDecides(head, opts.encoding, interactive)) continue;
      bytes = await start(head, false);
      head = new Uint8Array(0);
    }
    await decodeMore(bytes, false);
  }
  if (!decoder) await decodeMore(await start(head, true), true);
  else await decodeMore(new Uint8Array(0), true);
  const last = pieces.end();
  if (pieces.ocr === true) emitter.outcome.ocr = true;
  // An input of a BOM alone still has its (empty) piece, which carries the BOM.
  if (last.input.length > 0 || !emitter.hadPiece) await emitter.piece(last.input, last.result);
}

/** A whole text file is given to the repair in slices of this many characters. */
const SLICE = 64 << 10;

/**
 * Repairs `text` slice by slice, letting the event loop run in between, so that Ctrl-C and
 * SIGTERM are answered within a slice rather than at the end of a large file (or line).
 * The result is the same as in one call.
 */
async function repairInSlices(text: string, repairer: Repairer): Promise<FixResult> {
  if (text.length <= SLICE) return repairer.repair(text);
  const pieces = repairer.pieces();
  const parts: string[] = [];
  const edits: FixResult['edits'] = [];
  let at = 0;
  const take = ({ input, result }: RepairedPiece): void => {
    parts.push(result.text);
    for (const e of result.edits) {
      e.start += at;
      e.end += at;
      edits.push(e);
    }
    at += input.length;
  };
  for (let from = 0; from < text.length; from += SLICE) {
    take(pieces.write(text.slice(from, from + SLICE)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  take(pieces.end());
  const ocr = pieces.ocr === true ? { ocr: true } : {};
  return edits.length === 0 ? { text, edits: [], ...ocr } : { text: parts.join(''), edits, ...ocr };
}

/** Told how many more input bytes were read (for progress lines). */
export type OnBytes = (bytes: number) => void;

/** Reads a file chunk by chunk into fresh buffers. */
async function* readChunks(path: string, chunkSize: number, onBytes?: OnBytes): AsyncGenerator<Uint8Array> {
  const fh = await fsp.open(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await fh.read(buf, 0, chunkSize, null);
      if (bytesRead === 0) return;
      onBytes?.(bytesRead);
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Repairs one file according to `opts.mode`, writing any printed output to `sink`. */
export async function processFile(
  job: FileJob,
  opts: ProcessOptions,
  repairer: Repairer,
  sink: Sink,
  onBytes?: OnBytes,
): Promise<FileOutcome> {
  // Whole files are stat'ed and read with synchronous calls: from the page cache they take
  // microseconds, while each asynchronous call waits for a thread-pool thread, which on busy
  // cores (every core repairing files) takes milliseconds, file after file.
  let stats: Stats;
  try {
    stats = statSync(job.real);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (err) {
    return { ...newOutcome(job.path, 0), status: 'error', reason: failureReason(err) };
  }
  const emitter = new Emitter(job.path, opts, sink, stats.size, { real: job.real, stats });
  try {
    if ((job.format === 'markdown' || job.format === 'html') && stats.size > MAX_PARSED_BYTES) {
      throw new TooLargeError(
        `too large to parse as ${job.format} (${(stats.size / (1 << 20)).toFixed(0)} MB, limit ${MAX_PARSED_BYTES >> 20} MB); --format text repairs it as plain text`,
      );
    }
    const plain = job.format === 'text' ? repairer : job.format === 'code' ? repairer.forCode() : undefined;
    if (plain !== undefined && stats.size > opts.streamAbove) {
      await streamThrough(readChunks(job.real, opts.chunkSize, onBytes), opts, plain, emitter, false);
    } else {
      const bytes = readFileSync(job.real);
      onBytes?.(bytes.length);
      const binary = binaryReason(bytes, opts.encoding);
      if (binary) throw new BinaryInputError(binary);
      const { text, decoding } = decodeWhole(bytes, opts.encoding);
      await emitter.begin(decoding);
      const warn = (message: string): void => void (emitter.outcome.warnings ??= []).push(message);
      const result = plain !== undefined ? await repairInSlices(text, plain) : repairDocument(text, job.format, repairer, warn);
      await emitter.piece(text, result, true);
    }
    return await emitter.end();
  } catch (err) {
    return emitter.fail(err);
  }
}

/** Repairs standard input (always streamed, always plain text) to `sink`. */
export async function processStream(
  path: string,
  input: AsyncIterable<Uint8Array>,
  opts: ProcessOptions,
  repairer: Repairer,
  sink: Sink,
  onBytes?: OnBytes,
): Promise<FileOutcome> {
  const emitter = new Emitter(path, opts, sink, 0);
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      bytes += chunk.length;
      onBytes?.(chunk.length);
      yield chunk;
    }
  }
  try {
    await streamThrough(counted(), opts, repairer, emitter, true);
    const outcome = await emitter.end();
    outcome.bytes = bytes;
    return outcome;
  } catch (err) {
    const outcome = await emitter.fail(err);
    outcome.bytes = bytes;
    return outcome;
  }
}
