import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReplicaTooNewError, openReplicaDatabase } from './openReplicaDatabase';
import { REPLICA_SCHEMA_VERSION } from './replicaSchema';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'replica-open-'));
  dirs.push(dir);
  return join(dir, 'replica.sqlite');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openReplicaDatabase', () => {
  it('creates a fresh replica at the newest schema, in WAL mode', () => {
    const path = tempFile();
    const { db, setAsideAs } = openReplicaDatabase(path);
    expect(setAsideAs).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(REPLICA_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopens its own file without touching the data', () => {
    const path = tempFile();
    const first = openReplicaDatabase(path).db;
    first.prepare(`INSERT INTO sync_meta (key, value) VALUES ('lastAppliedSeq', '41')`).run();
    first.close();
    const again = openReplicaDatabase(path).db;
    expect(again.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get()).toEqual({ value: '41' });
    again.close();
  });

  it('refuses a replica from a newer console and leaves the file as it was', () => {
    const path = tempFile();
    const newer = new Database(path);
    newer.exec(`CREATE TABLE future (x); INSERT INTO future VALUES ('keep me')`);
    newer.pragma('user_version = 99');
    newer.close();
    const before = readFileSync(path);
    expect(() => openReplicaDatabase(path)).toThrow(ReplicaTooNewError);
    expect(() => openReplicaDatabase(path)).toThrow(/newer console \(schema 99/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('sets a corrupt file aside, never deleting it, and starts a fresh replica', () => {
    const path = tempFile();
    writeFileSync(path, 'this is not a database, it is a letter to the ministry'.repeat(100));
    const { db, setAsideAs } = openReplicaDatabase(path);
    expect(setAsideAs).toMatch(/replica\.sqlite\.corrupt-/);
    expect(existsSync(setAsideAs!)).toBe(true);
    expect(readFileSync(setAsideAs!, 'utf8')).toContain('letter to the ministry');
    expect(db.pragma('user_version', { simple: true })).toBe(REPLICA_SCHEMA_VERSION);
    db.close();
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });
});
