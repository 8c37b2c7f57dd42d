/**
 * Files repaired in worker threads. Each worker builds the repair stages once (so the
 * language model loads once per worker) and takes files one at a time; the main thread
 * keeps the order of the results.
 */
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { tempPathFor } from './atomic.js';
import { processFile, type FileJob, type ProcessOptions } from './process.js';
import { Repairer, type RepairSettings } from './repairer.js';
import type { FileOutcome } from './report.js';

/** What a worker thread is started with. */
export interface WorkerInit {
  vietfixWorker: true;
  settings: RepairSettings;
  opts: ProcessOptions;
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
  const repairer = new Repairer(init.settings);
  const port = parentPort!;
  port.on('message', (msg: ToWorker) => {
    const chunks: string[] = [];
    const sink = { write: (t: string) => void chunks.push(t) };
    const onBytes = (bytes: number): void => port.postMessage({ id: msg.id, bytes } satisfies FromWorker);
    processFile(msg.job, init.opts, repairer, sink, onBytes).then(
      (outcome) => port.postMessage({ id: msg.id, result: { outcome, output: chunks.join('') } } satisfies FromWorker),
      (err: unknown) => {
        throw err; // an unexpected failure: the pool reports it for this file
      },
    );
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
  task?: Task;
}

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
    const slot: Slot = { worker };
    worker.on('message', (msg: FromWorker) => {
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      if ('bytes' in msg) {
        task.onBytes?.(msg.bytes);
        return;
      }
      slot.task = undefined;
      task.resolve(msg.result);
      this.pump();
    });
    worker.on('error', (err) => this.crashed(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed && slot.task) this.crashed(slot, new Error(`worker stopped with code ${code}`));
    });
    return slot;
  }

  /** A worker died: its file is reported as not processed and a fresh worker takes its place. */
  private crashed(slot: Slot, err: Error): void {
    const task = slot.task;
    slot.task = undefined;
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    if (task) {
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
      if (slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies ToWorker);
    }
  }

  /** Repairs `job` in the next free worker. */
  run(job: FileJob, onBytes?: (bytes: number) => void): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve, onBytes });
      this.pump();
    });
  }

  /** Real paths of the files being processed right now. */
  inFlight(): string[] {
    return this.slots.flatMap((s) => (s.task ? [s.task.job.real] : []));
  }

  /**
   * Stops every worker at once and removes the temporary files of the files they were
   * rewriting (the files themselves are intact: they are only ever replaced by a rename).
   */
  async abort(): Promise<string[]> {
    this.closed = true;
    const busy = this.inFlight();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    return busy.map(tempPathFor);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
