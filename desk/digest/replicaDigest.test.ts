import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openReplicaDatabase, type ReplicaDb } from '../replica/openReplicaDatabase';
import { computeReplicaDigest, pinReplicaDigests, replicaRowTexts, rowDigestTerm } from './replicaDigest';

const dirs: string[] = [];
const dbs: ReplicaDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileReplica(): ReplicaDb {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));
  dirs.push(dir);
  const { db } = openReplicaDatabase(join(dir, 'replica.sqlite'));
  dbs.push(db);
  return db;
}
const insertEntities = (db: ReplicaDb, from: number, to: number) => {
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

const ROOT = `INSERT INTO entities (id, code, name_ar, name_en, sector, kind, parent_id, seq)
  VALUES ('ent-root', 'ROOT', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry', NULL, 1)`;

describe('replica digests', () => {
  it('match the hub’s SQL for one row (md5 of its canonical text, first 60 bits)', () => {
    const db = openReplicaDatabase(':memory:').db;
    dbs.push(db);
    db.exec(ROOT);
    const text = '8:ent-root4:ROOT21:وزارة الصحة18:Ministry of Health6:health8:ministry:1;';
    expect(replicaRowTexts(db, 'entities').get('ent-root')).toBe(text);
    // PostgreSQL: SELECT ('x' || substr(md5('<that text>'), 1, 15))::bit(60)::bigint → 846503099607354843
    expect(rowDigestTerm(text)).toBe(846503099607354843n);
    expect(computeReplicaDigest(db, 'entities')).toEqual({ rows: 1, digest: '846503099607354843' });
  });

  // Each leaves id and seq as they were: only the content tells them apart.
  it.each([
    ['an Arabic name', `UPDATE entities SET name_ar = 'وزارة الصحه'`],
    ['a null become empty', `UPDATE entities SET parent_id = ''`],
    ['a boundary moved between two fields', `UPDATE entities SET code = 'ROOT2', name_ar = '1:وزارة الصحة'`],
    ['a letter’s case', `UPDATE entities SET name_en = 'Ministry of health'`],
  ])('change with the row’s content: %s', (_label, damage) => {
    const db = openReplicaDatabase(':memory:').db;
    dbs.push(db);
    db.exec(ROOT);
    const before = computeReplicaDigest(db, 'entities');
    db.exec(damage);
    expect(computeReplicaDigest(db, 'entities').digest).not.toBe(before.digest);
  });

  it('digest a pinned snapshot in slices while the replica goes on changing, to the same figure', async () => {
    const db = fileReplica();
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
