import { z } from 'zod';
import { ROW_SCHEMAS, type SyncedTable } from '../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../replica/replicaStore';
import type { HubHttpClient } from './hubHttpClient';
import { SNAPSHOT_PAGE_ROWS } from './bootstrapper';

/**
 * Re-downloads one table whose digest disagreed with the hub's: a fresh
 * snapshot of just that table overwrites the rows held, and rows the hub did
 * not send are dropped. The other tables and the log position are kept, so
 * following the log from where the replica stands afterwards brings the
 * table up to the hub again (a replayed change never rolls a row back).
 *
 * The caller must hold live changes back while this runs: a repaired row is
 * written whatever its seq, and a row applied meanwhile would be swept.
 */
export async function runTableRepair(
  store: ReplicaStore,
  client: HubHttpClient,
  table: SyncedTable,
  signal?: AbortSignal,
): Promise<{ rows: number; dropped: number }> {
  const schema = ROW_SCHEMAS[table] as z.ZodType;
  store.beginTableRepair();
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    signal?.throwIfAborted();
    const page: unknown[] = [];
    const end = await client.snapshotPage(
      table,
      after,
      SNAPSHOT_PAGE_ROWS,
      (chunk) => {
        for (const raw of chunk) {
          const parsed = schema.safeParse(raw);
          if (!parsed.success) {
            throw new Error(`The hub sent a malformed ${table} row during a repair. ${z.prettifyError(parsed.error)}`);
          }
          page.push(parsed.data);
        }
      },
      signal,
    );
    store.writeRepairPage(table, page as never[]);
    rows += page.length;
    if (end.done || end.lastKey === null) break;
    after = end.lastKey;
  }
  return { rows, dropped: store.finishTableRepair(table) };
}
