import type { ReplicaDb } from './openReplicaDatabase';

/** Where the dropped indexes' definitions wait, in the same file, so no crash can lose them. */
const DEFERRED_KEY = 'bootstrap.deferredIndexes';

/**
 * A fresh snapshot loads a million cases into an empty table: SQLite builds an
 * index over sorted rows far faster than it maintains it row by row. So the
 * table's secondary indexes are dropped for the load and rebuilt once at the
 * end. Their definitions (whatever the migrations made them) are kept in
 * sync_meta in the caller's transaction, so a crash mid-load leaves the file
 * knowing what to rebuild. Call inside a transaction.
 */
export function deferSecondaryIndexes(db: ReplicaDb, table: string): void {
  const current = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as { name: string; sql: string }[];
  const kept = readDeferred(db);
  for (const index of current) {
    kept[index.name] = index.sql;
    db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  }
  db.prepare(
    'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(DEFERRED_KEY, JSON.stringify(kept));
}

/**
 * Rebuilds every deferred index and forgets the list, in the caller's
 * transaction: either all are back, or none are and the list still says so.
 * Call inside withSortingRoom: the caller may have more sorting to do in the
 * same room (a bootstrap's counts), and leaving it between would shrink the
 * page cache only to grow it again.
 */
export function restoreDeferredIndexes(db: ReplicaDb): number {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_meta'`).get();
  if (!hasMeta) return 0;
  const kept = readDeferred(db);
  const sqls = Object.values(kept);
  for (const sql of sqls) db.exec(sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
  db.prepare('DELETE FROM sync_meta WHERE key = ?').run(DEFERRED_KEY);
  return sqls.length;
}

/** Page cache for sorting every case (index builds, counts): 256 MiB, against the connection's usual 64. */
const SORTING_CACHE_KIB = 262_144;
const SORTING_THREADS = 2;

/**
 * Each index build sorts every case's keys (and the counts after a snapshot
 * group them). With the connection's usual page
 * cache SQLite's sorter spills its runs to temporary files; with room for
 * them, and a helper thread to sort beside it (the download is over by then,
 * so the hub no longer needs the other core), it sorts in memory, and the
 * indexes are built sooner. The settings are put back afterwards: a smaller
 * cache frees the pages past it.
 */
export function withSortingRoom<T>(db: ReplicaDb, build: () => T): T {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma(`cache_size = -${SORTING_CACHE_KIB}`);
  db.pragma(`threads = ${SORTING_THREADS}`);
  try {
    return build();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`threads = ${threads}`);
  }
}

function readDeferred(db: ReplicaDb): Record<string, string> {
  const row = db.prepare('SELECT value FROM sync_meta WHERE key = ?').get(DEFERRED_KEY) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Record<string, string>) : {};
}
