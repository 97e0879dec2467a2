import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplicaDatabase } from './openReplicaDatabase';
import { ReplicaStore } from './replicaStore';
import { REPLICA_MIGRATIONS } from './migrations';
import type { ReplicaDb } from './openReplicaDatabase';
import { withSortingRoom } from './deferredIndexes';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { normalizeForSearch } from '../../shared/text/arabicNormalize';
import { buildSearch } from '../../tests/support/buildSearch';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const replicaFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'deferred-indexes-'));
  dirs.push(dir);
  return join(dir, 'replica.sqlite');
};
const caseIndexes = (db: ReplicaDb) =>
  (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`)
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .sort();
const cases = Array.from({ length: 3 }, (_, i) =>
  caseRecord({
    id: `018f0000-0000-7000-8000-00000000000${i + 1}`,
    number: `BK-26-000000${i + 1}`,
    title: `عنوان ${i + 1}`,
    body: i === 1 ? 'انقطاع الكهرباء' : 'نص',
  }),
);

/** Search matches folded words, as the queue's search does. */
const electricity = normalizeForSearch('الكهرباء');

describe('a fresh load without the secondary indexes', () => {
  it('survives a crash mid-load: resumes, and the index set comes back with the replica marked whole', () => {
    const path = replicaFile();
    const before = caseIndexes(openReplicaDatabase(path).db);
    expect(before.length).toBeGreaterThan(0);

    let store = new ReplicaStore(openReplicaDatabase(path).db);
    store.beginBootstrap('epoch-1', 7, { keepRows: false });
    store.writeSnapshotPage('cases', cases.slice(0, 2), cases[1]!.id, false);
    expect(caseIndexes(store.db)).toEqual([]);
    store.db.close(); // the console dies here

    store = new ReplicaStore(openReplicaDatabase(path).db);
    // Never claims to be whole: it resumes from the saved page, still without the indexes.
    expect(store.bootstrapState).toBe('running');
    expect(store.bootstrapCheckpoint('cases')).toEqual({ after: cases[1]!.id, done: false });
    store.writeSnapshotPage('cases', cases.slice(2), cases[2]!.id, true);
    store.completeBootstrap();

    expect(store.bootstrapState).toBe('complete');
    expect(store.lastAppliedSeq).toBe(7);
    expect(caseIndexes(store.db)).toEqual(before);
    // Search is built behind the snapshot, over the pages from before and after the crash.
    buildSearch(store.db);
    const found = store.db.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?').all(electricity);
    expect(found).toHaveLength(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM cases_fts').get()).toEqual({ n: 3 });
  });

  it('puts the indexes back before a newer console migrates the file', () => {
    const path = replicaFile();
    const older = REPLICA_MIGRATIONS.slice(0, -1);
    const store = new ReplicaStore(openReplicaDatabase(path, older).db);
    const before = caseIndexes(store.db);
    store.beginBootstrap('epoch-1', 7, { keepRows: false });
    expect(caseIndexes(store.db)).toEqual([]);
    store.db.close();

    const { db } = openReplicaDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(REPLICA_MIGRATIONS.at(-1)!.version);
    // Every index the older schema had is back (or replaced by what the newer migrations made of it).
    expect(caseIndexes(db).length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
  });

  it('refreshes in place, indexes kept, when the replica already holds cases', () => {
    const store = new ReplicaStore(openReplicaDatabase(':memory:').db);
    const before = caseIndexes(store.db);
    store.beginBootstrap('epoch-1', 7, { keepRows: false });
    store.writeSnapshotPage('cases', cases, cases[2]!.id, true);
    store.completeBootstrap();
    store.beginBootstrap('epoch-1', 9, { keepRows: true });
    expect(caseIndexes(store.db)).toEqual(before);
    store.writeSnapshotPage('cases', cases, cases[2]!.id, true);
    store.completeBootstrap();
    buildSearch(store.db);
    expect(store.db.prepare('SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH ?').get(electricity)).toEqual({
      n: 1,
    });
  });

  it('sorts with room while rebuilding, then gives the connection its usual page cache back, even when a build fails', () => {
    const { db } = openReplicaDatabase(replicaFile());
    const usual = { cache: db.pragma('cache_size', { simple: true }), threads: db.pragma('threads', { simple: true }) };
    const during = withSortingRoom(db, () => ({
      cache: db.pragma('cache_size', { simple: true }) as number,
      threads: db.pragma('threads', { simple: true }) as number,
    }));
    expect(during.cache).toBeLessThan(usual.cache as number); // negative: KiB, so more room is more negative
    expect(during.threads).toBeGreaterThan(0);
    expect(() =>
      withSortingRoom(db, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect({
      cache: db.pragma('cache_size', { simple: true }),
      threads: db.pragma('threads', { simple: true }),
    }).toEqual(usual);
    db.close();
  });
});
