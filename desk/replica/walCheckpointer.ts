import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../threads/coreWorker';
import type { ReplicaDb } from './openReplicaDatabase';

export interface CheckpointWorkerData {
  path: string;
  everyMs: number;
}

/** SQLite's own default: what the main connection goes back to when the thread is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
/** Often, so each copy is small and ends between two commits. */
const EVERY_MS = 100;
/**
 * While a snapshot loads, in transactions of tens of megabytes: once a second,
 * since ten copies and fsyncs a second would slow the load.
 */
const BULK_EVERY_MS = 1000;
/** A log emptied by a checkpoint is cut back to this, so one burst does not keep a huge file. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** 32 MiB of 4 KiB pages: past this, bulk writers wait for the log to be copied back and started again. */
const ROOM_FRAMES = 8192;
/** The longest a bulk writer waits for room in the log before it writes anyway. */
const ROOM_WAIT_MS = 500;

/**
 * Moves the write-ahead log's checkpoints off the main thread. By default
 * SQLite checkpoints inside whichever commit crosses a thousand pages: that
 * commit copies every page the log holds into the file and fsyncs it, and the
 * live batch that made it waits many times its own work. Here the
 * main connection never checkpoints; a worker thread with its own connection
 * does, ten times a second (PASSIVE: it never blocks a writer or a reader).
 *
 * SQLite starts the log again from the top only when a writer finds every
 * frame copied back. Copies ten times a second are small and usually end
 * between two live commits, so that happens; but a writer that never pauses
 * (the search build) leaves no such moment: the log would grow for the whole
 * build, and the first commit after it would cut the file back
 * (journal_size_limit) on the main thread, stalling it. Bulk writers
 * therefore wait for room() between transactions once the log has passed
 * 32 MiB.
 *
 * Where no worker can start, or it stops, the main connection checkpoints by
 * itself again: slower commits, never an unbounded log.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  /** Frames the thread has copied into the file so far (for tests and the bench). */
  checkpointedFrames = 0;
  /** Times the log was seen started again from the top (for tests and the bench). */
  restarts = 0;
  /** The thread's reports so far, one per checkpoint (for tests). */
  reports = 0;
  /** The log's length in frames at the thread's last report. */
  private logFrames = 0;
  /** Frames of the current log copied back at the thread's last report. */
  private copiedFrames = 0;

  private readonly waitingForRoom = new Set<() => void>();
  private pacedMs: number;

  constructor(
    private readonly db: ReplicaDb,
    path: string,
    private readonly everyMs = EVERY_MS,
    private readonly roomFrames = ROOM_FRAMES,
  ) {
    this.pacedMs = everyMs;
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
    worker.on('message', (message: { type: string; frames?: number; log?: number }) => {
      if (message.type !== 'checkpointed') return;
      this.reports++;
      const log = message.log ?? 0;
      const copied = message.frames ?? 0;
      // The thread reports the log's running totals: a shorter log than last time was started over.
      const restarted = log < this.logFrames;
      if (restarted) this.restarts++;
      this.checkpointedFrames += Math.max(0, copied - (restarted ? 0 : this.copiedFrames));
      this.copiedFrames = copied;
      this.logFrames = log;
      // Copied back whole while the writers waiting held still: their next commit starts the log from the top.
      if (log <= this.roomFrames || copied >= log) this.giveRoom();
    });
    worker.on('error', () => this.fallBack(worker));
    worker.on('exit', () => this.fallBack(worker));
    this.worker = worker;
    db.pragma('wal_autocheckpoint = 0');
  }

  /**
   * Resolves once the log has room again (short, or copied back whole so
   * the next commit starts it from the top), or after ROOM_WAIT_MS at most;
   * at once when it has room. Bulk writers (the search build) wait on it
   * between transactions.
   */
  room(): Promise<void> {
    if (!this.worker || this.logFrames <= this.roomFrames) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waitingForRoom.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ROOM_WAIT_MS);
      timer.unref();
      this.waitingForRoom.add(done);
    });
  }

  private giveRoom(): void {
    for (const done of [...this.waitingForRoom]) done();
  }

  /** How often the thread copies: `bulk` while a snapshot loads, `live` otherwise. */
  pace(pace: 'bulk' | 'live'): void {
    const everyMs = pace === 'bulk' ? BULK_EVERY_MS : this.everyMs;
    if (everyMs === this.pacedMs) return;
    this.pacedMs = everyMs;
    this.worker?.postMessage({ everyMs });
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
    this.giveRoom();
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
    this.giveRoom();
    this.restoreAutocheckpoint();
  }

  private restoreAutocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
