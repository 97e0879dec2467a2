import { hash } from 'node:crypto';
import type { TableDigest } from '../../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../../shared/protocol/syncProtocol';
import type { CacheDb } from './openCacheDatabase';

/** The cache's table for each synced table (the same names as replicaStore.ts). */
const CACHE_TABLES: Record<SyncedTable, string> = {
  entities: 'entities',
  focalPoints: 'focal_points',
  cases: 'cases',
  alerts: 'alerts',
};

/** One row's term, as the hub computes it in SQL: the first 60 bits of md5('<id>:<seq>'), unsigned. */
export function rowDigestTerm(idAndSeq: string): bigint {
  return BigInt('0x' + hash('md5', idAndSeq).slice(0, 15));
}

const registered = new WeakSet<CacheDb>();

/**
 * The digest the console computes over its own rows, the same way the hub does
 * (shared/protocol/syncDigest.ts). SQLite's sum() would overflow a 64-bit
 * integer, so the sum is a JS aggregate over BigInt, registered once per connection.
 */
export function computeReplicaDigest(db: CacheDb, table: SyncedTable): TableDigest {
  if (!registered.has(db)) {
    // better-sqlite3's types assume the running total and the argument share a type; here they do not.
    db.aggregate<unknown>('sync_digest', {
      start: () => 0n,
      step: (total, idAndSeq) => (total as bigint) + rowDigestTerm(idAndSeq as string),
      result: (total) => (total as bigint).toString(),
    });
    registered.add(db);
  }
  const row = db
    .prepare(`SELECT count(*) AS rows, sync_digest(id || ':' || seq) AS digest FROM ${CACHE_TABLES[table]}`)
    .get() as { rows: number; digest: string | null };
  return { rows: row.rows, digest: row.digest ?? '0' };
}
