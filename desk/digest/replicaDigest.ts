import Database from 'better-sqlite3';
import type { TableDigest } from '../../shared/protocol/syncDigest';
import type { SyncedTable } from '../../shared/protocol/syncProtocol';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import { SYNCED_TABLE_NAMES } from '../replica/replicaSchema';
import {
  beginPinnedRead,
  lastAppliedSeqOf,
  registerDigestFunctions,
  rowDigestTerm,
  rowTextSql,
  tableDigestSlices,
} from './replicaDigestRows';
import type { ReplicaDigestThread } from './replicaDigestThread';

export { rowDigestTerm };

/** Each row's canonical text by id (for tests that compare it with the hub's). */
export function replicaRowTexts(db: ReplicaDb, table: SyncedTable): Map<string, string> {
  registerDigestFunctions(db);
  const rows = db
    .prepare(`SELECT id, ${rowTextSql(table)} FROM ${SYNCED_TABLE_NAMES[table]}`)
    .raw()
    .all() as [string, Buffer][];
  return new Map(rows.map(([id, text]) => [id, text.toString('utf8')]));
}

const withAggregate = new WeakSet<ReplicaDb>();

/**
 * The digest the console computes over its own rows, the same way the hub does
 * (shared/protocol/syncDigest.ts), synchronously on this connection. SQLite's
 * sum() would overflow a 64-bit integer, so the sum is a JS aggregate over BigInt.
 */
export function computeReplicaDigest(db: ReplicaDb, table: SyncedTable): TableDigest {
  registerDigestFunctions(db);
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
    .prepare(`SELECT count(*) AS rows, sync_digest(${rowTextSql(table)}) AS digest FROM ${SYNCED_TABLE_NAMES[table]}`)
    .get() as { rows: number; digest: string | null };
  return { rows: row.rows, digest: row.digest ?? '0' };
}

export interface PinnedDigests {
  /** The log position of the rows being digested. */
  atSeq: number;
  result: Promise<Partial<Record<SyncedTable, TableDigest>>>;
  /** Where the rows are read and hashed: the digest thread, or this one in slices. */
  on: 'thread' | 'main';
}

/**
 * Pins the replica as it stands at this instant (synchronously) and digests it
 * without blocking: a second connection opens a read transaction, which in WAL
 * mode keeps seeing exactly these rows while the main connection goes on
 * applying live changes. With an idle `thread` that connection is the digest
 * thread's, and the rows are read and hashed there (replicaDigestThread.ts);
 * otherwise (no thread, or it could not pin) on this thread, in slices,
 * yielding between them. An in-memory replica has no second connection: it is
 * digested at once.
 */
export function pinReplicaDigests(
  db: ReplicaDb,
  tables: readonly SyncedTable[],
  signal?: AbortSignal,
  thread?: ReplicaDigestThread | null,
): PinnedDigests {
  if (db.memory) {
    const digests = Object.fromEntries(tables.map((t) => [t, computeReplicaDigest(db, t)]));
    return { atSeq: lastAppliedSeqOf(db), result: Promise.resolve(digests), on: 'main' };
  }
  const onThread = thread?.pin(tables, signal);
  if (onThread) return { ...onThread, on: 'thread' };
  const reader = new Database(db.name, { fileMustExist: true });
  let atSeq: number;
  try {
    atSeq = beginPinnedRead(reader);
  } catch (error) {
    reader.close();
    throw error;
  }
  const result = (async () => {
    try {
      const digests: Partial<Record<SyncedTable, TableDigest>> = {};
      for (const table of tables) {
        const slices = tableDigestSlices(reader, table);
        let step = slices.next();
        for (; !step.done; step = slices.next()) {
          // A million cases take seconds: the desk stays responsive between slices.
          await new Promise((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
        }
        digests[table] = step.value;
      }
      return digests;
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
  })();
  return { atSeq, result, on: 'main' };
}
