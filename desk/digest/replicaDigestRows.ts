import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { DIGEST_FIELDS, jsonbText, type TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import { SYNCED_TABLE_NAMES } from '../replica/replicaSchema';

// How the desk reads and hashes its rows for a digest. Both the main thread
// (replicaDigest.ts) and the digest thread (replicaDigestWorker.ts) run this
// one implementation, so their figures cannot drift apart; it imports nothing
// that starts threads, so the worker's bundle stays small.

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
 * expression over the replica's columns, as UTF-8 bytes (a BLOB): SQLite builds
 * it in C from the bytes it stores, and JS hashes it without decoding it.
 */
export function rowTextSql(table: SyncedTable): string {
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
export function registerDigestFunctions(db: Database.Database): void {
  if (withFunctions.has(db)) return;
  db.function('digest_jsonb_field', { deterministic: true }, jsonbField);
  withFunctions.add(db);
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

/** The position the connection's rows stand at (in a read transaction, the snapshot's). */
export function lastAppliedSeqOf(db: Database.Database): number {
  return Number(
    (db.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get() as { value: string })?.value ?? 0,
  );
}

/**
 * Opens a read transaction on `reader` and returns the position it sees. In
 * WAL mode the first read fixes the snapshot: from here on the connection sees
 * exactly these rows, whatever other connections commit.
 */
export function beginPinnedRead(reader: Database.Database): number {
  reader.exec('BEGIN');
  try {
    return lastAppliedSeqOf(reader);
  } catch (error) {
    reader.exec('ROLLBACK');
    throw error;
  }
}

// Hashing content costs about four times what hashing id:seq did per row: slices are smaller in
// proportion, so one on the main thread still holds its event loop for a few tens of milliseconds at most.
const SLICE_ROWS = 1_500;

/**
 * A table's digest, read slice by slice: the generator stops after each
 * slice (the main thread yields its event loop there, the digest thread looks
 * whether it should stop) and returns the digest once every row is summed.
 */
export function* tableDigestSlices(reader: Database.Database, table: SyncedTable): Generator<void, TableDigest> {
  registerDigestFunctions(reader);
  // By rowid: a plain walk of the table, no index lookups (ids are random uuids).
  const slice = reader
    .prepare(
      `SELECT rowid, ${rowTextSql(table)} FROM ${SYNCED_TABLE_NAMES[table]} WHERE rowid > ? ORDER BY rowid LIMIT ${SLICE_ROWS}`,
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
    yield;
  }
  return { rows, digest: sum.toString() };
}
