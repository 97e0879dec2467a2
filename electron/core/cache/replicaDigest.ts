import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { DIGEST_FIELDS, jsonbText, type TableDigest } from '../../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../../shared/protocol/syncProtocol';
import type { CacheDb } from './openCacheDatabase';

/** The cache's table for each synced table (the same names as replicaStore.ts). */
const CACHE_TABLES: Record<SyncedTable, string> = {
  entities: 'entities',
  focalPoints: 'focal_points',
  cases: 'cases',
  alerts: 'alerts',
};

/**
 * A JSON column's field in the canonical text: the stored JSON re-printed as
 * the hub's jsonb prints it, length-prefixed. Stored text that is not JSON is
 * hashed as it is, so it differs from anything the hub holds.
 */
function jsonbField(stored: unknown): string {
  if (stored === null) return ':';
  let text: string;
  try {
    text = jsonbText(JSON.parse(String(stored)));
  } catch {
    text = String(stored);
  }
  return `${Buffer.byteLength(text)}:${text}`;
}

/**
 * A row's canonical text (shared/protocol/syncDigest.ts) as one SQLite
 * expression over the cache's columns, as UTF-8 bytes (a BLOB): SQLite builds
 * it in C from the bytes it stores, and JS hashes it without decoding it.
 */
function rowTextSql(table: SyncedTable): string {
  const parts = DIGEST_FIELDS[table].map(({ column, kind }) => {
    switch (kind) {
      case 'text':
        return `octet_length(${column}), ':', ${column}`;
      case 'json':
        // Most cases were never paused: their '[]' reads the same in either print.
        return `CASE ${column} WHEN '[]' THEN '2:[]' WHEN '{}' THEN '2:{}' ELSE digest_jsonb_field(${column}) END`;
      case 'integer':
      case 'boolean': // stored as 0 or 1
        return `${column}, ';'`;
      case 'instant':
        // Exact: SQLite reads the instant as whole milliseconds and divides by 1000; times 1000 and rounded is the same integer.
        return `coalesce(CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER), ${column}), ';'`;
    }
  });
  return `CAST(concat(${parts.join(', ')}) AS BLOB)`;
}

const withFunctions = new WeakSet<Database.Database>();

/** The JS function the row text calls, on the connection that reads the rows. */
function registerFunctions(db: Database.Database): void {
  if (withFunctions.has(db)) return;
  db.function('digest_jsonb_field', { deterministic: true }, jsonbField);
  withFunctions.add(db);
}

/** Each row's canonical text by id (for tests that compare it with the hub's). */
export function replicaRowTexts(db: CacheDb, table: SyncedTable): Map<string, string> {
  registerFunctions(db);
  const rows = db
    .prepare(`SELECT id, ${rowTextSql(table)} FROM ${CACHE_TABLES[table]}`)
    .raw()
    .all() as [string, Buffer][];
  return new Map(rows.map(([id, text]) => [id, text.toString('utf8')]));
}

/** One row's term, as the hub computes it in SQL: the first 60 bits of md5(canonical text), unsigned. */
export function rowDigestTerm(rowText: string | Buffer): bigint {
  return BigInt('0x' + hash('md5', rowText).slice(0, 15));
}

/**
 * The sum of many rows' terms. The same number as adding rowDigestTerm one by one,
 * without a BigInt per row: each term is split into 28 high and 32 low bits,
 * summed as plain numbers (exact: a slice of thousands of rows stays far below 2^53),
 * and folded into a BigInt once per slice.
 */
function sumOfTerms(texts: readonly Buffer[]): bigint {
  let high = 0;
  let low = 0;
  for (const text of texts) {
    const hex = hash('md5', text);
    high += parseInt(hex.slice(0, 7), 16);
    low += parseInt(hex.slice(7, 15), 16);
  }
  return (BigInt(high) << 32n) + BigInt(low);
}

const withAggregate = new WeakSet<CacheDb>();

/**
 * The digest the console computes over its own rows, the same way the hub does
 * (shared/protocol/syncDigest.ts), synchronously on this connection. SQLite's
 * sum() would overflow a 64-bit integer, so the sum is a JS aggregate over BigInt.
 */
export function computeReplicaDigest(db: CacheDb, table: SyncedTable): TableDigest {
  registerFunctions(db);
  if (!withAggregate.has(db)) {
    // better-sqlite3's types assume the running total and the argument share a type; here they do not.
    db.aggregate<unknown>('sync_digest', {
      start: () => 0n,
      step: (total, rowText) => (total as bigint) + rowDigestTerm(rowText as Buffer),
      result: (total) => (total as bigint).toString(),
    });
    withAggregate.add(db);
  }
  const row = db
    .prepare(`SELECT count(*) AS rows, sync_digest(${rowTextSql(table)}) AS digest FROM ${CACHE_TABLES[table]}`)
    .get() as { rows: number; digest: string | null };
  return { rows: row.rows, digest: row.digest ?? '0' };
}

export interface PinnedDigests {
  /** The log position of the rows being digested. */
  atSeq: number;
  result: Promise<Partial<Record<SyncedTable, TableDigest>>>;
}

// Hashing content costs about four times what hashing id:seq did per row: slices are smaller in
// proportion, so one still holds the event loop for a few tens of milliseconds at most.
const SLICE_ROWS = 1_500;

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
  registerFunctions(reader);
  const result = (async () => {
    try {
      const digests: Partial<Record<SyncedTable, TableDigest>> = {};
      for (const table of tables) {
        // By rowid: a plain walk of the table, no index lookups (ids are random uuids).
        const slice = reader
          .prepare(
            `SELECT rowid, ${rowTextSql(table)} FROM ${CACHE_TABLES[table]} WHERE rowid > ? ORDER BY rowid LIMIT ${SLICE_ROWS}`,
          )
          .raw();
        let after = 0;
        let rows = 0;
        let sum = 0n;
        for (;;) {
          const page = slice.all(after) as [number, Buffer][];
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
