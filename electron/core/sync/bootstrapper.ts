import { SYNCED_TABLES, type SyncHead, type SyncedTable } from '../../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../cache/replicaStore';
import { HubUnreachableError, type HubHttpClient } from './hubHttpClient';
import { SnapshotDecodeThread } from './snapshotDecodeThread';
import { isDecodeFailure, type DecodedSnapshotPage } from './snapshotPageDecoder';

export interface BootstrapProgress {
  table: SyncedTable;
  held: number;
  total: number;
  rowsPerSecond: number;
  secondsLeft: number | null;
}

// Big pages: fewer round trips and transactions; each page is still one checkpoint.
export const SNAPSHOT_PAGE_ROWS = 20_000;
const PROGRESS_EVERY_MS = 250;

/**
 * Fills the replica from snapshot pages, table by table, committing each page
 * with its checkpoint so an interrupted bootstrap resumes from the last saved
 * page. Every row is validated before anything of its page is written.
 *
 * Pipelined: while the main thread writes page k, page k+1 is already being
 * downloaded and decoded (parsed, validated, laid out as parameters) on the
 * decode thread, so SQLite, the hub and the decoder each keep busy. Only a
 * committed page counts as held; a prefetched one is simply fetched again
 * after an interruption.
 */
export async function runBootstrap(
  store: ReplicaStore,
  client: HubHttpClient,
  head: SyncHead,
  onProgress: (progress: BootstrapProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  const total = SYNCED_TABLES.reduce((sum, t) => sum + head.counts[t], 0);
  let held = SYNCED_TABLES.reduce((sum, t) => sum + store.count(t), 0);
  const startedAt = Date.now();
  const heldAtStart = held;
  // Rows downloaded so far (a line each), ahead of what is held by up to the page in flight: a page
  // takes seconds on a slow link, and rate and time left should move meanwhile. `held` stays what is committed.
  let received = held;
  let lastReport = 0;
  const report = (table: SyncedTable, force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    const rate = ((received - heldAtStart) * 1000) / Math.max(1, now - startedAt);
    onProgress({
      table,
      held: Math.min(held, total),
      total,
      rowsPerSecond: Math.round(rate),
      secondsLeft: rate > 0 ? Math.max(0, Math.round((total - Math.min(received, total)) / rate)) : null,
    });
  };

  const decodeThread = new SnapshotDecodeThread();
  // Stops a prefetch in flight when the bootstrap ends early (a write failed, or it was aborted).
  const prefetch = new AbortController();
  const stopPrefetch = () => prefetch.abort();
  signal?.addEventListener('abort', stopPrefetch, { once: true });
  const fetchPage = async (table: SyncedTable, after: string | null): Promise<DecodedSnapshotPage> => {
    const decoding = decodeThread.begin(table);
    try {
      await client.snapshotPageBytes(
        table,
        after,
        SNAPSHOT_PAGE_ROWS,
        (bytes) => {
          received += countLines(bytes);
          decoding.push(bytes);
          report(table);
        },
        prefetch.signal,
      );
    } catch (error) {
      decoding.cancel();
      throw error;
    }
    const result = await decoding.finish();
    if (isDecodeFailure(result)) {
      throw result.kind === 'endedEarly' ? new HubUnreachableError(result.message) : new Error(result.message);
    }
    return result;
  };

  try {
    for (const table of SYNCED_TABLES) {
      const checkpoint = store.bootstrapCheckpoint(table);
      if (checkpoint.done) continue;
      let after = checkpoint.after;
      let next = fetchPage(table, after);
      for (;;) {
        signal?.throwIfAborted();
        const page = await next;
        if (!page.end.done) {
          next = fetchPage(table, page.end.lastKey ?? after);
          // Awaited on the next turn; until then a failure must not count as unhandled.
          next.catch(() => undefined);
        }
        after = page.end.lastKey ?? after;
        store.writeDecodedSnapshotPage(table, page.params, after, page.end.done);
        held += page.params.length;
        received = Math.max(received, held);
        report(table, true);
        if (page.end.done) break;
      }
    }
  } finally {
    stopPrefetch();
    signal?.removeEventListener('abort', stopPrefetch);
    await decodeThread.close();
  }
  signal?.throwIfAborted();
  store.completeBootstrap();
}

/** Newlines in a chunk (native memchr through a Buffer view; the bytes are not copied). */
function countLines(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lines = 0;
  for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) lines++;
  return lines;
}
