import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../threads/coreWorker';
import type { SyncedTable } from '../../../shared/protocol/syncProtocol';
import { SnapshotPageDecoder, type DecodedSnapshotPage, type SnapshotDecodeFailure } from './snapshotPageDecoder';

export type DecodeRequest =
  | { type: 'begin'; id: number; table: SyncedTable }
  | { type: 'bytes'; id: number; bytes: Uint8Array }
  | { type: 'finish'; id: number }
  | { type: 'cancel'; id: number };
export interface DecodeReply {
  id: number;
  result: DecodedSnapshotPage | SnapshotDecodeFailure;
}

/** One page being decoded: feed it bytes as they arrive, then ask for the result. */
export interface PageDecoding {
  push(bytes: Uint8Array): void;
  finish(): Promise<DecodedSnapshotPage | SnapshotDecodeFailure>;
  cancel(): void;
}

/**
 * Decodes snapshot pages on a worker thread, so the main thread only moves
 * bytes and writes SQLite: with two cores, parsing and validating page k+1
 * overlaps writing page k. Bytes are transferred, not copied. Where no worker
 * can start (a packaged build without the worker file, say) pages are decoded
 * inline: slower, never wrong.
 */
export class SnapshotDecodeThread {
  private worker: Worker | null = null;
  /** Once a worker could not run in this process, later bootstraps decode inline rather than fail again. */
  private static broken = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: DecodeReply['result']) => void>();

  begin(table: SyncedTable): PageDecoding {
    const worker = this.ensureWorker();
    if (!worker) return inlineDecoding(table);
    const id = this.nextId++;
    const post = (request: DecodeRequest, transfer: ArrayBuffer[] = []) => worker.postMessage(request, transfer);
    post({ type: 'begin', id, table });
    return {
      push: (bytes) => {
        // A chunk that views part of a bigger buffer is copied first: transferring would detach the rest.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
        post({ type: 'bytes', id, bytes: own }, [own.buffer as ArrayBuffer]);
      },
      finish: () =>
        new Promise((resolve, reject) => {
          if (SnapshotDecodeThread.broken) return reject(new Error('The snapshot decode thread stopped.'));
          this.waiting.set(id, resolve);
          post({ type: 'finish', id });
        }),
      cancel: () => {
        this.waiting.delete(id);
        post({ type: 'cancel', id });
      },
    };
  }

  /** Stops the thread (the bootstrap is over, or gave up). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.waiting.clear();
    await worker?.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || SnapshotDecodeThread.broken) return this.worker;
    try {
      const worker = startCoreWorker(import.meta.url, 'snapshotDecodeWorker');
      worker.unref();
      worker.on('message', (reply: DecodeReply) => {
        const resolve = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        resolve?.(reply.result);
      });
      const fail = (message: string) => {
        SnapshotDecodeThread.broken = true;
        this.worker = null;
        for (const resolve of this.waiting.values()) resolve({ kind: 'endedEarly', message });
        this.waiting.clear();
      };
      worker.on('error', (error) => fail(`The snapshot decode thread failed: ${error.message}`));
      worker.on('exit', () => this.worker === worker && fail('The snapshot decode thread stopped.'));
      this.worker = worker;
    } catch {
      SnapshotDecodeThread.broken = true;
    }
    return this.worker;
  }
}

function inlineDecoding(table: SyncedTable): PageDecoding {
  const decoder = new SnapshotPageDecoder(table);
  return {
    push: (bytes) => decoder.push(bytes),
    finish: async () => decoder.finish(),
    cancel: () => undefined,
  };
}
