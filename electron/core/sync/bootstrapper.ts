import { z } from 'zod';
import { ROW_SCHEMAS, SYNCED_TABLES, type SyncHead, type SyncedTable } from '../../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../cache/replicaStore';
import type { HubHttpClient } from './hubHttpClient';

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
  let lastReport = 0;
  const report = (table: SyncedTable, force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    const rate = ((held - heldAtStart) * 1000) / Math.max(1, now - startedAt);
    onProgress({
      table,
      held: Math.min(held, total),
      total,
      rowsPerSecond: Math.round(rate),
      secondsLeft: rate > 0 ? Math.max(0, Math.round((total - held) / rate)) : null,
    });
  };

  for (const table of SYNCED_TABLES) {
    let checkpoint = store.bootstrapCheckpoint(table);
    const schema = ROW_SCHEMAS[table] as z.ZodType;
    while (!checkpoint.done) {
      signal?.throwIfAborted();
      const rows: unknown[] = [];
      const end = await client.snapshotPage(
        table,
        checkpoint.after,
        SNAPSHOT_PAGE_ROWS,
        (chunk) => {
          for (const raw of chunk) {
            const parsed = schema.safeParse(raw);
            if (!parsed.success) {
              throw new Error(
                `The hub sent a malformed ${table} row; the page was not applied. ${z.prettifyError(parsed.error)}`,
              );
            }
            rows.push(parsed.data);
          }
          report(table);
        },
        signal,
      );
      store.writeSnapshotPage(table, rows as never[], end.lastKey ?? checkpoint.after, end.done);
      held += rows.length;
      report(table, true);
      checkpoint = store.bootstrapCheckpoint(table);
    }
  }
  store.completeBootstrap();
}
