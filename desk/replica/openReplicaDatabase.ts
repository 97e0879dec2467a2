import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { REPLICA_MIGRATIONS, type ReplicaMigration } from './migrations';
import { restoreDeferredIndexes, withSortingRoom } from './deferredIndexes';

export type ReplicaDb = Database.Database;

export class ReplicaTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The replica file ${path} was written by a newer console (schema ${fileVersion}; this one knows ${knownVersion}). ` +
        'It was left untouched: update the console, or move the file away to start a fresh replica.',
    );
    this.name = 'ReplicaTooNewError';
  }
}

export interface OpenedReplica {
  db: ReplicaDb;
  /** Where an unreadable replica file was moved before a fresh one was made, if that happened. */
  setAsideAs: string | null;
  /** A migration added an index the code must fill from the rows already held. */
  needsReindex: boolean;
}

/**
 * Opens (or creates) the console's SQLite replica and migrates it. A file from a
 * newer console is refused and kept. A corrupt file is renamed aside, never
 * deleted, and a fresh replica is made: the hub can refill it.
 */
export function openReplicaDatabase(
  path: string,
  migrations: readonly ReplicaMigration[] = REPLICA_MIGRATIONS,
): OpenedReplica {
  let setAsideAs: string | null = null;
  let db: ReplicaDb;
  let needsReindex = false;
  const migrationsSeen = (applied: readonly ReplicaMigration[]) => {
    needsReindex = applied.some((m) => m.reindex);
  };
  try {
    db = openAndMigrate(path, migrations, migrationsSeen);
  } catch (error) {
    if (error instanceof ReplicaTooNewError || path === ':memory:' || !isCorruption(error)) throw error;
    setAsideAs = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, setAsideAs);
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(path + suffix)) renameSync(path + suffix, setAsideAs + suffix);
    db = openAndMigrate(path, migrations, migrationsSeen);
  }
  return { db, setAsideAs, needsReindex };
}

function openAndMigrate(
  path: string,
  migrations: readonly ReplicaMigration[],
  onApplied: (applied: readonly ReplicaMigration[]) => void,
): ReplicaDb {
  const db = new Database(path);
  try {
    // Read-only checks first: a file we refuse must leave exactly as it came (even WAL mode rewrites its header).
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    refuseNewer(db, path, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    // A migration may alter an index a bootstrap dropped while it loads: put them back before migrating.
    if ((db.pragma('user_version', { simple: true }) as number) < (migrations.at(-1)?.version ?? 0)) {
      withSortingRoom(db, () => db.transaction(() => restoreDeferredIndexes(db))());
    }
    onApplied(migrateReplica(db, path, migrations));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Each migration and its version number commit in one transaction. */
function refuseNewer(db: ReplicaDb, path: string, migrations: readonly ReplicaMigration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new ReplicaTooNewError(path, current, newest);
}

/** Applies what is missing; returns the migrations it applied. */
export function migrateReplica(
  db: ReplicaDb,
  path: string,
  migrations: readonly ReplicaMigration[],
): ReplicaMigration[] {
  refuseNewer(db, path, migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const applied: ReplicaMigration[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration);
  }
  return applied;
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return (
    code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /file is not a database|malformed/i.test(String(error))
  );
}
