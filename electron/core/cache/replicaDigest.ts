import Database from 'better-sqlite3';
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

/**
 * The sum of many rows' terms. The same number as adding rowDigestTerm one by one,
 * without a BigInt per row: each term is split into 28 high and 32 low bits,
 * summed as plain numbers (exact: a slice of 5k rows stays far below 2^53),
 * and folded into a BigInt once per slice.
 */
function sumOfTerms(keys: readonly string[]): bigint {
  let high = 0;
  let low = 0;
  for (const key of keys) {
    const hex = hash('md5', key);
    high += parseInt(hex.slice(0, 7), 16);
    low += parseInt(hex.slice(7, 15), 16);
  }
  return (BigInt(high) << 32n) + BigInt(low);
}

const registered = new WeakSet<CacheDb>();

/**
 * The digest the console computes over its own rows, the same way the hub does
 * (shared/protocol/syncDigest.ts), synchronously on this connection. SQLite's
 * sum() would overflow a 64-bit integer, so the sum is a JS aggregate over BigInt.
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

export interface PinnedDigests {
  /** The log position of the rows being digested. */
  atSeq: number;
  result: Promise<Partial<Record<SyncedTable, TableDigest>>>;
}

// A few milliseconds of hashing per slice on a desktop: the event loop is never held for long.
const SLICE_ROWS = 5_000;

/**
 * Pins the cache as it stands at this instant (synchronously) and digests it
 * without blocking: a second connection opens a read transaction, which in WAL
 * mode keeps seeing exactly these rows while the main connection goes on
 * applying live changes; the rows are then read and hashed in slices, yielding
 * between them (a million cases take seconds, and the desk must stay responsive).
 * An in-memory cache has no second connection: it is digested at once.
 */
export function pinReplicaDigests(db: CacheDb, tables: readonly SyncedTable[], signal?: AbortSignal): PinnedDigests {
  const seqOf = (c: CacheDb) =>
    Number(
      (c.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get() as { value: string })?.value ?? 0,
    );
  if (db.memory) {
    const digests = Object.fromEntries(tables.map((t) => [t, computeReplicaDigest(db, t)]));
    return { atSeq: seqOf(db), result: Promise.resolve(digests) };
  }
  const reader = new Database(db.name, { fileMustExist: true });
  reader.exec('BEGIN');
  let atSeq: number;
  try {
    atSeq = seqOf(reader); // the first read fixes the snapshot
  } catch (error) {
    reader.close();
    throw error;
  }
  const result = (async () => {
    try {
      const digests: Partial<Record<SyncedTable, TableDigest>> = {};
      for (const table of tables) {
        // By rowid: a plain walk of the table, no index lookups (ids are random uuids).
        const slice = reader
          .prepare(
            `SELECT rowid, id || ':' || seq FROM ${CACHE_TABLES[table]} WHERE rowid > ? ORDER BY rowid LIMIT ${SLICE_ROWS}`,
          )
          .raw();
        let after = 0;
        let rows = 0;
        let sum = 0n;
        for (;;) {
          const page = slice.all(after) as [number, string][];
          if (page.length === 0) break;
          sum += sumOfTerms(page.map((r) => r[1]));
          rows += page.length;
          after = page.at(-1)![0];
          await new Promise((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
        }
        digests[table] = { rows, digest: sum.toString() };
      }
      return digests;
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
  })();
  return { atSeq, result };
}
