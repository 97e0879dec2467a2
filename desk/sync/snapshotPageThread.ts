import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../threads/coreWorker';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import { fetchSnapshotPage, type SnapshotPageEvent, type SnapshotPageRequest } from './snapshotPageFetch';

const ONLINE_WAIT_MS = 5_000;

export type SnapshotPageOrder =
  { type: 'fetch'; id: number; table: SyncedTable; request: SnapshotPageRequest } | { type: 'cancel'; id: number };
export type SnapshotPageReply = { id: number; event: SnapshotPageEvent } | { loaded: true };

/**
 * Fetches and decodes snapshot pages on a worker thread. The main thread only
 * writes SQLite: with the fetch on the main thread too, a page's bytes would
 * move only between its long writes, and the decoder would wait on the
 * writer. Here decoding runs beside the writes, and the download is bound by
 * this thread's decoding. Where no worker can start (a packaged build without
 * the worker file, say) pages are fetched and decoded inline: slower, never
 * wrong.
 */
export class SnapshotPageThread {
  private worker: Worker | null = null;
  /** Settles once the worker has loaded its modules (or exited). */
  private online: Promise<void> | null = null;
  /** Once a worker could not run in this process, later bootstraps work inline rather than fail again. */
  private static broken = false;
  private nextId = 1;
  private readonly listeners = new Map<number, (event: SnapshotPageEvent) => void>();

  /** Starts fetching a page; `onEvent` hears its events (see SnapshotPageEvent). Returns a way to stop it. */
  fetch(table: SyncedTable, request: SnapshotPageRequest, onEvent: (event: SnapshotPageEvent) => void): () => void {
    const worker = this.ensureWorker();
    if (!worker) {
      const controller = new AbortController();
      void fetchSnapshotPage(
        table,
        request,
        controller.signal,
        (event) => !controller.signal.aborted && onEvent(event),
      );
      return () => controller.abort();
    }
    const id = this.nextId++;
    this.listeners.set(id, onEvent);
    worker.postMessage({ type: 'fetch', id, table, request } satisfies SnapshotPageOrder);
    return () => {
      if (this.listeners.delete(id)) worker.postMessage({ type: 'cancel', id } satisfies SnapshotPageOrder);
    };
  }

  /** Stops the thread (the bootstrap is over, or gave up). */
  async close(): Promise<void> {
    const worker = this.worker;
    const online = this.online;
    this.worker = null;
    this.online = null;
    this.listeners.clear();
    // A worker terminated while it still loads its modules leaves their files open: let it finish first.
    if (online) await Promise.race([online, new Promise((resolve) => setTimeout(resolve, ONLINE_WAIT_MS).unref())]);
    await worker?.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || SnapshotPageThread.broken) return this.worker;
    try {
      const worker = startCoreWorker(import.meta.url, 'snapshotPageWorker');
      worker.unref();
      this.online = new Promise((resolve) => {
        worker.on('message', (reply: SnapshotPageReply) => 'loaded' in reply && resolve());
        worker.once('exit', () => resolve());
      });
      worker.on('message', (reply: SnapshotPageReply) => {
        if ('loaded' in reply) return;
        const { id, event } = reply;
        const listener = this.listeners.get(id);
        if (event.type === 'decoded') this.listeners.delete(id);
        listener?.(event);
      });
      const fail = (message: string) => {
        SnapshotPageThread.broken = true;
        this.worker = null;
        const listeners = [...this.listeners.values()];
        this.listeners.clear();
        for (const listener of listeners) listener({ type: 'decoded', result: { kind: 'unreachable', message } });
      };
      worker.on('error', (error) => fail(`The snapshot thread failed: ${error.message}`));
      worker.on('exit', () => this.worker === worker && fail('The snapshot thread stopped.'));
      this.worker = worker;
    } catch {
      SnapshotPageThread.broken = true;
    }
    return this.worker;
  }
}
