import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './walCheckpointer';
import { waitFor } from '../../tests/support/waitFor';

/**
 * Checkpoints leave the main connection's commits: the main connection never
 * copies its log into the file, a thread does. What must hold for the desk is
 * that written cases reach the database file all the same, and that the log
 * is still bounded when the thread is gone.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openReplica(): { db: Database.Database; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wal-checkpoint-'));
  dirs.push(dir);
  const path = join(dir, 'replica.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE cases (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { db, path, dir };
}

/** The database file alone, as it would be read with its log lost: what checkpoints have put there. */
function casesInFileAlone(path: string, dir: string): number {
  const copy = join(dir, 'file-alone.sqlite');
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const write = (db: Database.Database, from: number, count: number) => {
  const insert = db.prepare('INSERT INTO cases (id, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = from; i < from + count; i++) insert.run(i, 'شكوى '.repeat(40));
  })();
};

describe('the checkpoint thread', () => {
  it('copies committed cases into the database file while the main connection never checkpoints', async () => {
    const { db, path, dir } = openReplica();
    const checkpointer = new WalCheckpointer(db, path, 50);
    try {
      expect(checkpointer.onThread).toBe(true);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // Far past the thousand pages at which the main connection would have checkpointed by itself.
      for (let batch = 0; batch < 40; batch++) write(db, batch * 100, 100);
      await waitFor(() => casesInFileAlone(path, dir) === 4000, 'every case in the database file', 10_000);
      // The thread's own report of it arrives as a message, a moment after the copy.
      await waitFor(() => checkpointer.checkpointedFrames > 0, 'the thread to report its checkpoint', 10_000);
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('keeps the log file small under writes that never pause long enough for SQLite to start it again', async () => {
    const { db, path } = openReplica();
    // A restart past 64 frames (256 KiB), checked every 20 ms.
    const checkpointer = new WalCheckpointer(db, path, 20, 64);
    try {
      // The thread is up (from source it takes a second or so to start).
      write(db, 0, 50);
      await waitFor(() => checkpointer.checkpointedFrames > 0, 'the thread to report its first checkpoint', 10_000);
      // As the search build writes: transaction after transaction, with only a turn of the event loop
      // between, and a wait for room in the log when it has grown past the restart size.
      // Sixteen megabytes, however long a loaded machine takes to write them (each case about 250 bytes).
      const CASES = (16 * 1024 * 1024) / 250;
      let written = 50;
      while (written < CASES) {
        write(db, written, 50);
        written += 50;
        await new Promise((resolve) => setImmediate(resolve));
        await checkpointer.room();
      }
      const writtenBytes = written * 250;
      // Without the waits for room the log's file would hold nearly all of it; with them it is started
      // again from the top, again and again, so its file stays a fraction of that. The bound is loose: on
      // a loaded machine a wait for room may give up after its 500 ms and the log grows meanwhile.
      expect(checkpointer.restarts).toBeGreaterThan(1);
      expect(statSync(`${path}-wal`).size).toBeLessThan(writtenBytes / 2);
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('copies seldom while a snapshot loads and often again once it is live', async () => {
    const { db, path } = openReplica();
    const checkpointer = new WalCheckpointer(db, path, 40);
    try {
      await waitFor(() => checkpointer.reports > 0, 'the thread to start checkpointing', 10_000);
      checkpointer.pace('bulk'); // once a second
      await new Promise((resolve) => setTimeout(resolve, 100)); // a report already on its way may land
      const before = checkpointer.reports;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(checkpointer.reports - before).toBeLessThanOrEqual(1);
      checkpointer.pace('live');
      await waitFor(() => checkpointer.reports - before >= 5, 'frequent checkpoints again', 10_000);
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('hands checkpoints back to the main connection when it stops, so the log stays bounded', async () => {
    const { db, path } = openReplica();
    const checkpointer = new WalCheckpointer(db, path, 60_000);
    await checkpointer.close();
    expect(checkpointer.onThread).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('leaves an in-memory replica to SQLite (there is no file to copy into)', () => {
    const db = new Database(':memory:');
    const checkpointer = new WalCheckpointer(db, ':memory:');
    expect(checkpointer.onThread).toBe(false);
    db.close();
  });
});
