import { Readable } from 'node:stream';
import type { SnapshotPageEnd, SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import { TABLE_SOURCES } from '../changes/changeLog';

const READ_CHUNK = 2000;

/**
 * One snapshot page as NDJSON: a row per line, then a `pageEnd` line naming
 * the last key, so the console can save a checkpoint per page and resume an
 * interrupted bootstrap from it. Rows are read in bounded chunks by key, never
 * all at once, so memory stays flat at a million cases.
 */
export function snapshotPageStream(db: SqlRunner, table: SyncedTable, after: string | null, limit: number): Readable {
  const source = TABLE_SOURCES[table];
  async function* lines() {
    let lastKey = after;
    let sent = 0;
    let exhausted = false;
    while (sent < limit) {
      const take = Math.min(READ_CHUNK, limit - sent);
      const rows = await db.query<{ key: string; row: string }>(
        `SELECT key, row::text AS row FROM ${source.view}
         ${lastKey === null ? '' : `WHERE id > $2::${source.keyCast}`} ORDER BY id LIMIT $1`,
        lastKey === null ? [take] : [take, lastKey],
      );
      if (rows.length > 0) {
        yield rows.map((r) => r.row).join('\n') + '\n';
        lastKey = rows.at(-1)!.key;
        sent += rows.length;
      }
      if (rows.length < take) {
        exhausted = true;
        break;
      }
    }
    if (!exhausted) {
      // A page that ends exactly at the table's end still says so, saving the console one empty request.
      const more = await db.query(
        `SELECT 1 FROM ${source.table} ${lastKey === null ? '' : `WHERE id > $1::${source.keyCast}`} LIMIT 1`,
        lastKey === null ? [] : [lastKey],
      );
      exhausted = more.length === 0;
    }
    const end: SnapshotPageEnd = { kind: 'pageEnd', table, rows: sent, lastKey, done: exhausted };
    yield JSON.stringify(end) + '\n';
  }
  return Readable.from(lines());
}
