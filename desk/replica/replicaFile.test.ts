import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { replicaFileIn } from './replicaFile';

describe('the replica file', () => {
  it('keeps a replica an earlier version stored as desk-cache.sqlite, its unflushed log included', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'replica-file-running-'));
    const dir = mkdtempSync(join(tmpdir(), 'replica-file-'));
    try {
      const running = new Database(join(scratch, 'desk-cache.sqlite'));
      running.pragma('journal_mode = WAL');
      running.pragma('wal_autocheckpoint = 0');
      running.exec("CREATE TABLE cases (id TEXT); INSERT INTO cases VALUES ('kept')");
      // The folder as a crash would leave it: the row only in the write-ahead log.
      for (const file of ['desk-cache.sqlite', 'desk-cache.sqlite-wal'])
        copyFileSync(join(scratch, file), join(dir, file));
      running.close();

      const path = replicaFileIn(dir);
      expect(path).toBe(join(dir, 'replica.sqlite'));
      const replica = new Database(path);
      expect(replica.prepare('SELECT id FROM cases').pluck().all()).toEqual(['kept']);
      replica.close();
      expect(readdirSync(dir).some((f) => f.startsWith('desk-cache'))).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a data folder that already has a replica as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-file-'));
    try {
      new Database(join(dir, 'replica.sqlite')).close();
      new Database(join(dir, 'desk-cache.sqlite')).close();
      expect(replicaFileIn(dir)).toBe(join(dir, 'replica.sqlite'));
      expect(existsSync(join(dir, 'desk-cache.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
