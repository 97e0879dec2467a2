import type { TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';

// What the main thread and the digest thread say to each other (replicaDigestThread.ts, replicaDigestWorker.ts).

export interface DigestWorkerData {
  path: string;
}
export type DigestRequest = { type: 'pin'; id: number; tables: SyncedTable[]; shared: SharedArrayBuffer } | 'close';
export type DigestReply =
  | { type: 'ready' }
  | { type: 'digests'; id: number; digests: Partial<Record<SyncedTable, TableDigest>> }
  | { type: 'failed'; id: number; message: string }
  | { type: 'aborted'; id: number }
  | { type: 'closed' };

/**
 * The pin's handshake, in a SharedArrayBuffer the main thread blocks on:
 * Int32 [0] the pin's state, [1] set to stop the digest; Float64 at byte 8
 * the position the pinned snapshot stands at.
 */
export const PIN = { pinning: 1, pinned: 2, failed: 3, cancelled: 4 } as const;
export const PIN_STATE = 0;
export const PIN_STOP = 1;
export const PIN_BYTES = 16;
export const pinSeqView = (shared: SharedArrayBuffer) => new Float64Array(shared, 8, 1);
