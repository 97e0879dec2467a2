import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDb } from './openCacheDatabase';
import { computeReplicaDigest, pinReplicaDigests, rowDigestTerm } from './replicaDigest';

const dirs: string[] = [];
const dbs: CacheDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileCache(): CacheDb {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));
  dirs.push(dir);
  const { db } = openCacheDatabase(join(dir, 'cache.sqlite'));
  dbs.push(db);
  return db;
}
const insertEntities = (db: CacheDb, from: number, to: number) => {
  const insert = db.prepare(
    `INSERT INTO entities (id, code, name_ar, name_en, sector, kind, parent_id, seq) VALUES (?, ?, 'ج', 'E', 'health', 'ministry', NULL, ?)`,
  );
  db.transaction(() => {
    for (let i = from; i <= to; i++) insert.run(`ent-${String(i).padStart(6, '0')}`, `C${i}`, i);
  })();
  db.prepare(
    `INSERT INTO sync_meta (key, value) VALUES ('lastAppliedSeq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(String(to));
};

describe('replica digests', () => {
  it('match the hub’s SQL for one row (md5 of id:seq, first 60 bits)', () => {
    // PostgreSQL: SELECT ('x' || substr(md5('abc:12'), 1, 15))::bit(60)::bigint → 1000151938616645566
    expect(rowDigestTerm('abc:12')).toBe(1000151938616645566n);
  });

  it('digest a pinned snapshot in slices while the cache goes on changing, to the same figure', async () => {
    const db = fileCache();
    insertEntities(db, 1, 50_000); // more than two slices
    const before = computeReplicaDigest(db, 'entities');
    expect(before.rows).toBe(50_000);

    const pinned = pinReplicaDigests(db, ['entities', 'alerts']);
    // Live changes land on the main connection while the pinned digest is computed.
    insertEntities(db, 50_001, 50_500);
    db.prepare('UPDATE entities SET seq = seq + 1 WHERE id = ?').run('ent-000001');

    expect(pinned.atSeq).toBe(50_000);
    expect(await pinned.result).toEqual({ entities: before, alerts: { rows: 0, digest: '0' } });
    expect(computeReplicaDigest(db, 'entities').rows).toBe(50_500);
  });
});
