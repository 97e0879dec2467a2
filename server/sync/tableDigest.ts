import { DIGEST_FIELDS, DIGEST_FORM, type SyncDigest, type TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import { TABLE_SOURCES } from '../changes/changeLog';
import { FULL_AUDIENCE, type SyncAudience } from './syncAudience';

/**
 * A row's canonical text (see shared/protocol/syncDigest.ts) as this audience
 * receives the row, as one SQL expression over the table's columns.
 */
export function rowTextSql(table: SyncedTable, audience: SyncAudience = FULL_AUDIENCE): string {
  const parts = DIGEST_FIELDS[table].map(({ column, kind, personal }) => {
    // Blanked for this reader, as the snapshot and the live changes blank it.
    const value = personal && !audience.seesPersonalData ? `''::text` : column;
    switch (kind) {
      case 'text':
      case 'json': // jsonb's own print
        return `octet_length(${value}::text), ':', ${value}::text`;
      case 'integer':
        return `${value}, ';'`;
      case 'boolean':
        return `${value}::int, ';'`;
      case 'instant':
        // Exact: the truncated instant's float seconds times 1000 is within far less than half a millisecond of an integer.
        return `(date_part('epoch', date_trunc('milliseconds', ${value})) * 1000)::bigint, ';'`;
    }
  });
  return `concat(${parts.join(', ')})`;
}

/** One row's term: the first 60 bits of md5(its canonical text), unsigned. */
const rowTerm = (table: SyncedTable, audience: SyncAudience) =>
  `('x' || substr(md5(${rowTextSql(table, audience)}), 1, 15))::bit(60)::bigint`;

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
    return `(SELECT count(*)::text || ' ' || coalesce(sum(${rowTerm(table, audience)}), 0)::text FROM ${source.table} ${where}) AS t${i}`;
  });
  const [row] = await db.query<Record<string, string>>(
    `SELECT (SELECT value FROM hub_meta WHERE key = 'hub_epoch') AS epoch, current_setting('server_encoding') AS encoding,
            (SELECT seq FROM change_counter WHERE id = 1)::text AS seq, ${columns.join(', ')}`,
    params,
  );
  // md5 hashes the text's bytes in the database's encoding; the console hashes UTF-8.
  if (row!.encoding !== 'UTF8') {
    throw new Error(`Digests need a UTF8 database; this one is ${row!.encoding}.`);
  }
  const digests: Partial<Record<SyncedTable, TableDigest>> = {};
  tables.forEach((table, i) => {
    const [rows, digest] = row![`t${i}`]!.split(' ');
    digests[table] = { rows: Number(rows), digest: digest! };
  });
  return { form: DIGEST_FORM, hubEpoch: row!.epoch!, seq: Number(row!.seq), tables: digests };
}
