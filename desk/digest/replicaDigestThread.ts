import type { Worker } from 'node:worker_threads';
import type { TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import { startCoreWorker } from '../threads/coreWorker';
import {
  PIN,
  PIN_BYTES,
  PIN_STATE,
  PIN_STOP,
  pinSeqView,
  type DigestReply,
  type DigestRequest,
  type DigestWorkerData,
} from './replicaDigestMessages';

// A pin is a BEGIN and one read on an open connection: well under a millisecond when the thread is
// idle. The bound covers a starved core; past it the main thread digests the rows itself.
const PIN_TIMEOUT_MS = 500;
// A worker run from source (tsx) compiles its imports first; a bundled one is ready in tens of ms.
const READY_TIMEOUT_MS = 15_000;

export interface DigestThreadOptions {
  /** Aborts the start (the console is stopping). */
  signal?: AbortSignal;
  readyTimeoutMs?: number;
  pinTimeoutMs?: number;
  /** How the worker is started (tests start one that fails). */
  startWorker?: (data: DigestWorkerData) => Worker;
}

/** What a pin started on the thread resolves to. */
export interface ThreadPin {
  atSeq: number;
  result: Promise<Partial<Record<SyncedTable, TableDigest>>>;
}

interface Pending {
  id: number;
  resolve: (digests: Partial<Record<SyncedTable, TableDigest>>) => void;
  reject: (error: unknown) => void;
  stop: (reason: unknown) => void;
}

/**
 * Reads and hashes a digest's rows on a worker thread with its own
 * connection to the replica, so the desk's event loop stays free for live
 * changes and page reads while a million cases are hashed.
 *
 * The pin stays synchronous: `pin` hands the idle thread the tables and
 * blocks (Atomics.wait, bounded) until the thread has begun its read
 * transaction and read the position, so no batch can be applied between the
 * moment the caller chose and the snapshot. Wherever that cannot happen (no
 * worker, the handshake failed or timed out) `pin` returns null and the
 * caller digests on the main thread instead.
 */
export class ReplicaDigestThread {
  private worker: Worker | null;
  private nextId = 1;
  private pending: Pending | null = null;

  private constructor(
    worker: Worker,
    private readonly pinTimeoutMs: number,
  ) {
    this.worker = worker;
    worker.on('message', (reply: DigestReply) => this.settle(reply));
    const gone = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.pending?.reject(error);
      this.pending = null;
    };
    worker.on('error', (error) => gone(new Error(`The digest thread failed: ${error.message}`)));
    worker.on('exit', () => gone(new Error('The digest thread stopped.')));
  }

  /**
   * Starts a thread on the replica file at `path` and resolves once its
   * connection is open; null when it cannot start (the caller digests on the
   * main thread).
   */
  static start(path: string, options: DigestThreadOptions = {}): Promise<ReplicaDigestThread | null> {
    const startWorker =
      options.startWorker ??
      ((data: DigestWorkerData) => startCoreWorker(import.meta.url, 'replicaDigestWorker', { workerData: data }));
    let worker: Worker;
    try {
      if (options.signal?.aborted) return Promise.resolve(null);
      worker = startWorker({ path });
    } catch {
      return Promise.resolve(null);
    }
    worker.unref();
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        options.signal?.removeEventListener('abort', onFailure);
        if (ready) return resolve(new ReplicaDigestThread(worker, options.pinTimeoutMs ?? PIN_TIMEOUT_MS));
        void worker.terminate();
        resolve(null);
      };
      const onMessage = (reply: DigestReply) => reply.type === 'ready' && done(true);
      const onFailure = () => done(false);
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
      options.signal?.addEventListener('abort', onFailure, { once: true });
      const timer = setTimeout(onFailure, options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    });
  }

  /** Whether the thread can take a pin now. */
  get idle(): boolean {
    return this.worker !== null && this.pending === null;
  }

  /**
   * Pins the replica as it stands now, on the thread (synchronously: this
   * returns once the thread's snapshot is fixed), and digests it there.
   * Null when the thread could not pin: the caller digests by itself. An
   * aborted digest rejects once the thread has ended its read transaction.
   */
  pin(tables: readonly SyncedTable[], signal?: AbortSignal): ThreadPin | null {
    const worker = this.worker;
    if (!worker || this.pending) return null;
    const id = this.nextId++;
    let shared: SharedArrayBuffer;
    let state: Int32Array;
    try {
      shared = new SharedArrayBuffer(PIN_BYTES);
      state = new Int32Array(shared, 0, 2);
      Atomics.store(state, PIN_STATE, PIN.pinning);
      worker.postMessage({ type: 'pin', id, tables: [...tables], shared } satisfies DigestRequest);
    } catch {
      // No shared memory here (an embedder may withhold it): the pin cannot be handed over.
      return null;
    }
    waitWhile(state, PIN.pinning, this.pinTimeoutMs);
    // Whoever moves the state off `pinning` first decides: the thread (pinned, failed) or this timeout.
    const outcome = Atomics.compareExchange(state, PIN_STATE, PIN.pinning, PIN.cancelled);
    if (outcome === PIN.pinning) {
      // The thread did not answer in time: it may be stuck, so it is not asked again.
      void this.close();
      return null;
    }
    if (outcome !== PIN.pinned) return null;
    const atSeq = pinSeqView(shared)[0]!;
    let settle!: { resolve: Pending['resolve']; reject: Pending['reject'] };
    const result = new Promise<Partial<Record<SyncedTable, TableDigest>>>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // The thread looks at the flag between slices, ends its read transaction and answers 'aborted'.
    let stopReason: unknown = null;
    const stop = (reason: unknown) => {
      stopReason ??= reason;
      Atomics.store(state, PIN_STOP, 1);
    };
    const onAbort = () => stop(signal!.reason);
    const end = () => {
      signal?.removeEventListener('abort', onAbort);
      this.pending = null;
    };
    this.pending = {
      id,
      resolve: (digests) => {
        end();
        settle.resolve(digests);
      },
      reject: (error) => {
        end();
        settle.reject(stopReason ?? error);
      },
      stop,
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    return { atSeq, result };
  }

  /** Stops the thread; a digest under way ends its read transaction first, and rejects. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.pending?.stop(new Error('The digest thread was closed.'));
    await new Promise<void>((resolve) => {
      // A thread stuck in SQLite is terminated: better-sqlite3 closes its connection on the way out.
      const timeout = setTimeout(() => void worker.terminate().finally(resolve), 2000);
      worker.once('exit', () => {
        clearTimeout(timeout);
        resolve();
      });
      worker.on('message', (reply: DigestReply) => reply.type === 'closed' && void worker.terminate());
      worker.postMessage('close' satisfies DigestRequest);
    });
    this.pending?.reject(new Error('The digest thread stopped.'));
  }

  private settle(reply: DigestReply): void {
    const pending = this.pending;
    if (!pending || reply.type === 'ready' || reply.type === 'closed' || reply.id !== pending.id) return;
    if (reply.type === 'digests') pending.resolve(reply.digests);
    else if (reply.type === 'failed') pending.reject(new Error(reply.message));
    else pending.reject(new Error('The digest was stopped.'));
  }
}

let mayBlock = true;

/** Blocks this thread while `state` holds `value`, at most `timeoutMs`. */
function waitWhile(state: Int32Array, value: number, timeoutMs: number): void {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = deadline - performance.now();
    if (Atomics.load(state, PIN_STATE) !== value || left <= 0) return;
    if (!mayBlock) continue; // polls: the wait lasts a few milliseconds
    try {
      Atomics.wait(state, PIN_STATE, value, left);
    } catch {
      // A thread that may not block (an embedder's main thread can forbid it) polls instead.
      mayBlock = false;
    }
  }
}
