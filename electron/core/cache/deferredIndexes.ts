import type { CacheDb } from './openCacheDatabase';

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
export function deferSecondaryIndexes(db: CacheDb, table: string): void {
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
 */
export function restoreDeferredIndexes(db: CacheDb): number {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_meta'`).get();
  if (!hasMeta) return 0;
  const kept = readDeferred(db);
  const sqls = Object.values(kept);
  for (const sql of sqls) db.exec(sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
  db.prepare('DELETE FROM sync_meta WHERE key = ?').run(DEFERRED_KEY);
  return sqls.length;
}

function readDeferred(db: CacheDb): Record<string, string> {
  const row = db.prepare('SELECT value FROM sync_meta WHERE key = ?').get(DEFERRED_KEY) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Record<string, string>) : {};
}
