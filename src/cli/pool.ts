/**
 * Files repaired in worker threads. Each worker builds the repair stages once, on the model
 * bytes the main thread shares with it, and repairs the files it is sent one after the other;
 * the main thread keeps the order of the results.
 */
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { LanguageModel } from '../model/index.js';
import { stopAtSafePoint, tempPathFor, useSharedGuard } from './atomic.js';
import { processFile, type FileJob, type ProcessOptions } from './process.js';
import { Repairer, type RepairSettings } from './repairer.js';
import type { FileOutcome } from './report.js';

/** What a worker thread is started with. */
export interface WorkerInit {
  vietfixWorker: true;
  settings: RepairSettings;
  opts: ProcessOptions;
  /** The model file's bytes in memory shared by every thread (one copy in the cache, not one each). */
  model: SharedArrayBuffer;
  /** The guard of in-place copies, shared by every thread (see `atomic.ts`). */
  guard: SharedArrayBuffer;
}

/** `settings` with the model read from shared bytes. */
export function withSharedModel(settings: RepairSettings, model: SharedArrayBuffer): RepairSettings {
  return { ...settings, fix: { ...settings.fix, model: LanguageModel.fromBuffer(new Uint8Array(model)) } };
}

/** A file's result: its outcome and what it prints on standard output. */
export interface JobResult {
  outcome: FileOutcome;
  output: string;
}

type ToWorker = { id: number; job: FileJob };
type FromWorker = { id: number; bytes: number } | { id: number; result: JobResult };

/** `true` in a thread started by {@link WorkerPool}. */
export function isPoolWorker(): boolean {
  return parentPort !== null && (workerData as WorkerInit | undefined)?.vietfixWorker === true;
}

/** The body of a worker thread: repairs each file it is sent. */
export function runWorker(): void {
  const init = workerData as WorkerInit;
  useSharedGuard(init.guard);
  const repairer = new Repairer(withSharedModel(init.settings, init.model));
  const port = parentPort!;
  // Files are repaired one after the other, in the order they were sent.
  const waiting: ToWorker[] = [];
  let busy = false;
  const work = async (): Promise<void> => {
    busy = true;
    for (let msg = waiting.shift(); msg !== undefined; msg = waiting.shift()) {
      const id = msg.id;
      const chunks: string[] = [];
      const sink = { write: (t: string) => void chunks.push(t) };
      const onBytes = (bytes: number): void => port.postMessage({ id, bytes } satisfies FromWorker);
      const outcome = await processFile(msg.job, init.opts, repairer, sink, onBytes);
      port.postMessage({ id, result: { outcome, output: chunks.join('') } } satisfies FromWorker);
    }
    busy = false;
  };
  port.on('message', (msg: ToWorker) => {
    waiting.push(msg);
    if (!busy) {
      work().catch((err: unknown) => {
        throw err; // an unexpected failure: the pool reports it for the worker's files
      });
    }
  });
}

interface Task {
  id: number;
  job: FileJob;
  resolve: (r: JobResult) => void;
  onBytes?: (bytes: number) => void;
}

interface Slot {
  worker: Worker;
  /** Files sent to this worker and not finished, by id. */
  tasks: Map<number, Task>;
}

/**
 * Files a worker holds at once: the one it works on and the next ones, sent ahead so that it
 * need not wait for the main thread (which may be busy repairing a file itself) to send more.
 */
export const PER_WORKER = 4;

/** A fixed set of worker threads fed from a queue. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: this.init });
    const slot: Slot = { worker, tasks: new Map() };
    worker.on('message', (msg: FromWorker) => {
      const task = slot.tasks.get(msg.id);
      if (!task) return;
      if ('bytes' in msg) {
        task.onBytes?.(msg.bytes);
        return;
      }
      slot.tasks.delete(msg.id);
      task.resolve(msg.result);
      this.pump();
    });
    worker.on('error', (err) => this.crashed(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed && slot.tasks.size > 0) this.crashed(slot, new Error(`worker stopped with code ${code}`));
    });
    return slot;
  }

  /** A worker died: its files are reported as not processed and a fresh worker takes its place. */
  private crashed(slot: Slot, err: Error): void {
    const tasks = [...slot.tasks.values()];
    slot.tasks.clear();
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    for (const task of tasks) {
      task.resolve({
        outcome: {
          path: task.job.path,
          status: 'error',
          reason: `crashed: ${err.message.split('\n')[0]}`,
          converted: false,
          changed: false,
          written: false,
          bytes: task.job.size,
          edits: 0,
          byKind: {},
          sample: [],
        },
        output: '',
      });
    }
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.tasks.size < PER_WORKER) {
        const task = this.queue.shift();
        if (!task) return;
        slot.tasks.set(task.id, task);
        slot.worker.postMessage({ id: task.id, job: task.job } satisfies ToWorker);
      }
    }
  }

  /** Repairs `job` in the next free worker. */
  run(job: FileJob, onBytes?: (bytes: number) => void): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve, onBytes });
      this.pump();
    });
  }

  /** Files handed to the pool and not finished yet (in a worker or waiting for one). */
  backlog(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + s.tasks.size, 0);
  }

  /** Real paths of the files in the workers' hands right now. */
  inFlight(): string[] {
    return this.slots.flatMap((s) => [...s.tasks.values()].map((t) => t.job.real));
  }

  /**
   * Stops every worker as soon as none is copying a file over its target in place, and
   * returns the temporary files of the files they were rewriting, to be removed (the files
   * themselves are intact: old or new).
   */
  async abort(): Promise<string[]> {
    this.closed = true;
    await stopAtSafePoint();
    const busy = this.inFlight();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    return busy.map(tempPathFor);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
