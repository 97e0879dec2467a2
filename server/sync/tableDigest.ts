import type { SyncDigest, TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import { TABLE_SOURCES } from '../changes/changeLog';
import { FULL_AUDIENCE, type SyncAudience } from './syncAudience';

/** One row's term (see shared/protocol/syncDigest.ts): the first 60 bits of md5(id:seq), unsigned. */
const ROW_TERM = `('x' || substr(md5(id::text || ':' || seq::text), 1, 15))::bit(60)::bigint`;

/**
 * Each table's digest over the rows this audience may see, with the
 * change-log position they reflect. Everything is read by ONE statement, so
 * one database snapshot: the counter row is updated under a lock held to
 * commit, so the counter it sees is exactly the last change whose rows it sees.
 */
export async function readTableDigests(
  db: SqlRunner,
  tables: readonly SyncedTable[],
  audience: SyncAudience = FULL_AUDIENCE,
): Promise<SyncDigest> {
  const params: unknown[] = [];
  const columns = tables.map((table, i) => {
    const source = TABLE_SOURCES[table];
    let where = '';
    // The same rules as the snapshot (snapshotStream.ts): focal points see their entity's cases and no alerts.
    if (table === 'cases' && audience.entityScope !== null) {
      params.push(audience.entityScope);
      where = `WHERE entity_id = $${params.length}`;
    }
    if (table === 'alerts' && audience.entityScope !== null) where = 'WHERE false';
    return `(SELECT count(*)::text || ' ' || coalesce(sum(${ROW_TERM}), 0)::text FROM ${source.table} ${where}) AS t${i}`;
  });
  const [row] = await db.query<Record<string, string>>(
    `SELECT (SELECT value FROM hub_meta WHERE key = 'hub_epoch') AS epoch,
            (SELECT seq FROM change_counter WHERE id = 1)::text AS seq, ${columns.join(', ')}`,
    params,
  );
  const digests: Partial<Record<SyncedTable, TableDigest>> = {};
  tables.forEach((table, i) => {
    const [rows, digest] = row![`t${i}`]!.split(' ');
    digests[table] = { rows: Number(rows), digest: digest! };
  });
  return { hubEpoch: row!.epoch!, seq: Number(row!.seq), tables: digests };
}
