import { Readable } from 'node:stream';
import type { SnapshotPageEnd, SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import { TABLE_SOURCES } from '../changes/changeLog';
import { caseSnapshotSql, FULL_AUDIENCE, type SyncAudience } from './syncAudience';

const READ_CHUNK = 2000;

/**
 * One snapshot page as NDJSON: a row per line, then a `pageEnd` line naming
 * the last key, so the console can save a checkpoint per page and resume an
 * interrupted bootstrap from it. Rows are read in bounded chunks by key, never
 * all at once, so memory stays flat at a million cases.
 */
export function snapshotPageStream(
  db: SqlRunner,
  table: SyncedTable,
  after: string | null,
  limit: number,
  audience: SyncAudience = FULL_AUDIENCE,
): Readable {
  const source = TABLE_SOURCES[table];
  const { row, scope } = table === 'cases' ? caseSnapshotSql(audience) : { row: 'row::text', scope: null };
  // Alerts are the operation room's: a focal point's snapshot holds none.
  const nothing = table === 'alerts' && audience.entityScope !== null;
  // Builds WHERE from the key position and the audience's entity scope, numbering parameters as it goes.
  const where = (key: string | null, first: number) => {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (key !== null) {
      params.push(key);
      clauses.push(`id > $${first + params.length - 1}::${source.keyCast}`);
    }
    if (scope) {
      params.push(scope);
      clauses.push(`entity_id = $${first + params.length - 1}`);
    }
    if (nothing) clauses.push('false');
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  };
  async function* lines() {
    let lastKey = after;
    let sent = 0;
    let exhausted = false;
    while (sent < limit) {
      const take = Math.min(READ_CHUNK, limit - sent);
      const filter = where(lastKey, 2);
      const rows = await db.query<{ key: string; row: string }>(
        `SELECT key, ${row} AS row FROM ${source.view} ${filter.sql} ORDER BY id LIMIT $1`,
        [take, ...filter.params],
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
      const filter = where(lastKey, 1);
      const more = await db.query(`SELECT 1 FROM ${source.table} ${filter.sql} LIMIT 1`, filter.params);
      exhausted = more.length === 0;
    }
    const end: SnapshotPageEnd = { kind: 'pageEnd', table, rows: sent, lastKey, done: exhausted };
    yield JSON.stringify(end) + '\n';
  }
  return Readable.from(lines());
}
