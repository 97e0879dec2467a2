import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../threads/coreWorker';
import type { CacheDb } from './openCacheDatabase';

export interface CheckpointWorkerData {
  path: string;
  everyMs: number;
}

/** SQLite's own default: what the main connection goes back to when the thread is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
const EVERY_MS = 1000;
/** A log emptied by a checkpoint is cut back to this, so one burst does not keep a huge file. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * Moves the write-ahead log's checkpoints off the main thread. By default
 * SQLite checkpoints inside whichever commit crosses a thousand pages: at a
 * million cases that commit copies every page the log holds into the file and
 * fsyncs it, and a live batch that would take 4 ms took 40–50. Here the
 * main connection never checkpoints; a worker thread with its own connection
 * does, every second (PASSIVE: it never blocks a writer or a reader).
 *
 * Where no worker can start, or it stops, the main connection checkpoints by
 * itself again: slower commits, never an unbounded log.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  /** Frames the thread has copied into the file so far (for tests and the bench). */
  checkpointedFrames = 0;

  constructor(
    private readonly db: CacheDb,
    path: string,
    everyMs = EVERY_MS,
  ) {
    if (path === ':memory:') return;
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    let worker: Worker;
    try {
      worker = startCoreWorker(import.meta.url, 'walCheckpointWorker', {
        workerData: { path, everyMs } satisfies CheckpointWorkerData,
      });
    } catch {
      return;
    }
    worker.unref();
    worker.on('message', (message: { type: string; frames?: number }) => {
      if (message.type === 'checkpointed') this.checkpointedFrames += message.frames ?? 0;
    });
    worker.on('error', () => this.fallBack(worker));
    worker.on('exit', () => this.fallBack(worker));
    this.worker = worker;
    db.pragma('wal_autocheckpoint = 0');
  }

  /** Whether checkpoints run on the thread (false: in the main connection's commits, as SQLite does by default). */
  get onThread(): boolean {
    return this.worker !== null;
  }

  /** Stops the thread; the main connection checkpoints again (and on close, as SQLite does). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, 2000);
      worker.once('exit', () => {
        clearTimeout(timeout);
        resolve();
      });
      worker.on('message', (message: { type: string }) => message.type === 'closed' && void worker.terminate());
      worker.postMessage('close');
    });
    this.restoreAutocheckpoint();
  }

  private fallBack(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.restoreAutocheckpoint();
  }

  private restoreAutocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
