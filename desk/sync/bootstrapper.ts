import { SYNCED_TABLES, SnapshotPageEnd, type SyncHead, type SyncedTable } from '../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../replica/replicaStore';
import { CaseCountTally } from '../queue/caseCountTally';
import { HubUnreachableError, type HubHttpClient } from './hubHttpClient';
import { SnapshotPageThread } from './snapshotPageThread';
import type { SnapshotPageFailure } from './snapshotPageFetch';
import type { DecodedSnapshotPage } from './snapshotPageDecoder';

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
/** Pages downloaded or decoding ahead of the one being written (each tens of megabytes decoded). */
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
 * fetched and decoded (parsed, validated, laid out as parameters) on the
 * snapshot thread (snapshotPageThread.ts), so SQLite, the hub and the decoder
 * each keep busy. Pages are keyset-paged, so a page's request needs the
 * previous page's last key: the thread reports the page's closing line as soon
 * as its bytes are in, before the decoded rows cross to the main thread (waiting
 * for the write made each page's request wait for the previous page's decode
 * and write, and the main thread idled two thirds of
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

  const pageThread = new SnapshotPageThread();
  // Stops the fetches in flight when the bootstrap ends early (a write failed, or it was aborted).
  const prefetch = new AbortController();
  const stopPrefetch = () => prefetch.abort();
  signal?.addEventListener('abort', stopPrefetch, { once: true });
  const fetchPage = (table: SyncedTable, after: string | null): PageFetch => {
    let endSeen: (end: SnapshotPageEnd | null) => void = () => undefined;
    const ended = new Promise<SnapshotPageEnd | null>((resolve) => (endSeen = resolve));
    const decoded = new Promise<DecodedSnapshotPage>((resolve, reject) => {
      const fail = (error: unknown) => {
        endSeen(null);
        reject(error);
      };
      // A refused token is renewed once, as every other request to the hub does (HubHttpClient.get).
      const attempt = async (renew: boolean) => {
        prefetch.signal.throwIfAborted();
        const request = await client.snapshotPageRequest(table, after, pageRows, renew);
        const stop = pageThread.fetch(table, request, (event) => {
          if (event.type === 'answered') client.noteContact();
          else if (event.type === 'lines') {
            received += event.lines;
            report(table);
          } else if (event.type === 'ended') endSeen(event.end);
          else {
            prefetch.signal.removeEventListener('abort', cancel);
            const result = event.result;
            if (!isPageFailure(result)) return resolve(result);
            if (result.kind === 'refused' && result.status === 401 && !renew && client.renewsTokens) {
              return void attempt(true).catch(fail);
            }
            fail(pageError(client, request.path, result));
          }
        });
        const cancel = () => {
          stop();
          fail(prefetch.signal.reason);
        };
        // Aborted while the request was being built: the event has passed, so stop the fetch now
        // (else it runs on, and only a hub that never answers would keep the bootstrap waiting).
        if (prefetch.signal.aborted) cancel();
        else prefetch.signal.addEventListener('abort', cancel, { once: true });
      };
      attempt(false).catch(fail);
    });
    // Awaited in order later; until then a failure must not count as unhandled.
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

  // Counted as they are decoded, when this run writes every case into an empty table (see CaseCountTally).
  let tally: CaseCountTally | null = null;
  try {
    for (const table of SYNCED_TABLES) {
      const checkpoint = store.bootstrapCheckpoint(table);
      if (checkpoint.done) continue;
      let after = checkpoint.after;
      if (table === 'cases' && after === null && store.count('cases') === 0) tally = new CaseCountTally();
      for await (const page of pagesOf(table, after)) {
        signal?.throwIfAborted();
        after = page.end.lastKey ?? after;
        store.writeDecodedSnapshotPage(table, page.params, after, page.end.done);
        // On this thread, which has time to spare while the snapshot thread decodes the next page.
        if (table === 'cases' && tally) for (const row of page.params) tally.add(row);
        held += page.params.length;
        received = Math.max(received, held);
        report(table, true);
        if (page.end.done) break;
      }
    }
  } finally {
    stopPrefetch();
    signal?.removeEventListener('abort', stopPrefetch);
    await pageThread.close();
  }
  signal?.throwIfAborted();
  store.completeBootstrap(tally);
}

/** Why a page could not be had, as the error the sync engine acts on (a hub it could not reach is retried). */
function pageError(client: HubHttpClient, path: string, failure: SnapshotPageFailure): Error {
  if (failure.kind === 'refused') return client.refusal(failure.status, failure.message, path);
  if (failure.kind === 'unreachable') return client.unreachable(failure.message);
  if (failure.kind === 'endedEarly') return new HubUnreachableError(failure.message);
  return new Error(failure.message);
}

const isPageFailure = (result: DecodedSnapshotPage | SnapshotPageFailure): result is SnapshotPageFailure =>
  'kind' in result;
