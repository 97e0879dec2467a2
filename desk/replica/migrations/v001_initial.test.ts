import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { v001 } from './v001_initial';

describe('replica migration v001', () => {
  it('creates the synced tables and accepts a real case row', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [v001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare(
      `INSERT INTO cases VALUES ('018f0000-0000-7000-8000-000000000001','BK-26-0000001','complaint','web','ent-moh',NULL,
        'deliveryTime','high','assigned','focalPoint','تأخر الموعد','نص الشكوى','ar','رنا','+962791234567',
        '2026-11-24T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,'2026-11-24T10:00:00.000Z',1,5,1)`,
    ).run();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cases ORDER BY is_open DESC, due_at, id LIMIT 100`)
      .all() as { detail: string }[];
    // The queue's default sort walks an index, not a temporary sort of every case.
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_urgent');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  });

  it('rolls back and keeps the old version when a migration fails', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [v001]);
    const broken = { version: 2, name: 'broken', up: `CREATE TABLE notes (x); INSERT INTO nowhere VALUES (1);` };
    expect(() => migrateReplica(db, ':memory:', [v001, broken])).toThrow(/no such table: nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'notes'`).get()).toBeUndefined();
  });
});
