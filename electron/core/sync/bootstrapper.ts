import { SYNCED_TABLES, SnapshotPageEnd, type SyncHead, type SyncedTable } from '../../../shared/protocol/syncProtocol';
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
/** Pages downloaded or decoding ahead of the one being written (each about 30 MB decoded). */
const PAGES_AHEAD = 2;

/** A page on its way: where it ends (known as soon as its bytes are in), then its decoded rows. */
interface PageFetch {
  ended: Promise<SnapshotPageEnd | null>;
  decoded: Promise<DecodedSnapshotPage>;
}

/**
 * Fills the replica from snapshot pages, table by table, committing each page
 * with its checkpoint so an interrupted bootstrap resumes from the last saved
 * page. Every row is validated before anything of its page is written.
 *
 * Pipelined: while the main thread writes page k, pages k+1 and k+2 are being
 * downloaded and decoded (parsed, validated, laid out as parameters) on the
 * decode thread, so SQLite, the hub and the decoder each keep busy. Pages are
 * keyset-paged, so a page's request needs the previous page's last key: it is
 * read from the page's closing line as soon as its bytes are in, without
 * waiting for the decode (waiting made each page's request wait for the
 * previous page's decode and write, and the main thread idled two thirds of
 * the time). Only a committed page counts as held; a prefetched one is simply
 * fetched again after an interruption.
 */
export async function runBootstrap(
  store: ReplicaStore,
  client: HubHttpClient,
  head: SyncHead,
  onProgress: (progress: BootstrapProgress) => void,
  signal?: AbortSignal,
  /** Rows per page; smaller only in tests, to walk many pages over a small hub. */
  pageRows = SNAPSHOT_PAGE_ROWS,
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
  const fetchPage = (table: SyncedTable, after: string | null): PageFetch => {
    const decoding = decodeThread.begin(table);
    // The last bytes seen: the page's closing line (pageEnd, a few hundred bytes) ends them.
    let tail: Buffer = Buffer.alloc(0);
    const downloaded = client
      .snapshotPageBytes(
        table,
        after,
        pageRows,
        (bytes) => {
          received += countLines(bytes);
          // Copied: the chunk itself is handed over to the decode thread next.
          const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          tail = view.length >= 4096 ? Buffer.from(view.subarray(-4096)) : Buffer.concat([tail, view]).subarray(-4096);
          decoding.push(bytes);
          report(table);
        },
        prefetch.signal,
      )
      .catch((error: unknown) => {
        decoding.cancel();
        throw error;
      });
    const ended = downloaded.then(() => pageEndOf(tail));
    const decoded = downloaded.then(async () => {
      const result = await decoding.finish();
      if (isDecodeFailure(result)) {
        throw result.kind === 'endedEarly' ? new HubUnreachableError(result.message) : new Error(result.message);
      }
      return result;
    });
    // Awaited in order later; until then a failure must not count as unhandled.
    ended.catch(() => undefined);
    decoded.catch(() => undefined);
    return { ended, decoded };
  };

  /** A table's pages in order, up to PAGES_AHEAD of them requested ahead of the one being written. */
  async function* pagesOf(table: SyncedTable, after: string | null): AsyncGenerator<DecodedSnapshotPage> {
    const inFlight: PageFetch[] = [];
    // Where the next request starts, once known; null while the newest request's end is unknown.
    let nextFrom: { after: string | null } | null = { after };
    const requestAhead = () => {
      while (nextFrom && inFlight.length < PAGES_AHEAD + 1) {
        const fetch = fetchPage(table, nextFrom.after);
        nextFrom = null;
        inFlight.push(fetch);
        void fetch.ended.then(
          (end) => {
            // No readable end (a broken page): its decode says why, when its turn comes.
            if (end && !end.done) {
              nextFrom = { after: end.lastKey };
              requestAhead();
            }
          },
          () => undefined,
        );
      }
    };
    requestAhead();
    for (;;) {
      const fetch = inFlight.shift();
      if (!fetch) return;
      const page = await fetch.decoded;
      requestAhead();
      yield page;
      if (page.end.done) return;
    }
  }

  try {
    for (const table of SYNCED_TABLES) {
      const checkpoint = store.bootstrapCheckpoint(table);
      if (checkpoint.done) continue;
      let after = checkpoint.after;
      for await (const page of pagesOf(table, after)) {
        signal?.throwIfAborted();
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

/** The page's closing line, read from its last bytes; null if they do not end with one. */
function pageEndOf(tail: Buffer): SnapshotPageEnd | null {
  const text = tail.toString('utf8').trimEnd();
  const start = text.lastIndexOf('\n') + 1;
  try {
    const end = SnapshotPageEnd.safeParse(JSON.parse(text.slice(start)));
    return end.success ? end.data : null;
  } catch {
    return null;
  }
}

/** Newlines in a chunk (native memchr through a Buffer view; the bytes are not copied). */
function countLines(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lines = 0;
  for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) lines++;
  return lines;
}
