import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v012 } from './v012_search_owed_once';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < 12);
const ID = '018f0000-0000-7000-8000-000000000001';

/** A live change as ReplicaStore lands it: an upsert of the whole row. */
const upsertCase = (db: Database.Database, title: string) =>
  db
    .prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES (?, 'BK-26-0000001', 'complaint','web','ent-moh',NULL,'deliveryTime','high','inProgress','focalPoint', ?,
        'نص','ar','رنا','+962791234567','2026-11-20T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,
        '2026-11-21T10:00:00.000Z', 2, 5, 1)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title`,
    )
    .run(ID, title);

const owed = (db: Database.Database) => db.prepare('SELECT case_rowid FROM search_pending').pluck().all();

describe('replica migration v012', () => {
  it('keeps what a v11 replica owes, and a case whose text changes twice before a slice is owed once, not refused', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    upsertCase(db, 'تأخر الموعد');
    expect(owed(db)).toHaveLength(1);
    // The v11 triggers refuse the second change of text while the first is still owed.
    expect(() => upsertCase(db, 'تأخر موعد العيادة')).toThrow(/UNIQUE/);

    migrateReplica(db, ':memory:', [...BEFORE, v012]);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(owed(db)).toHaveLength(1);
    upsertCase(db, 'تأخر موعد العيادة');
    upsertCase(db, 'تأخر موعد عيادة الأسنان');
    expect(db.prepare('SELECT title FROM cases').pluck().get()).toBe('تأخر موعد عيادة الأسنان');
    expect(owed(db)).toHaveLength(1);

    // A snapshot's cases are still left to the background build.
    db.prepare('DELETE FROM search_pending').run();
    db.prepare(`INSERT INTO sync_meta (key, value) VALUES ('bootstrap.state', 'running')`).run();
    db.prepare('DELETE FROM cases').run();
    upsertCase(db, 'رصيف مكسور');
    expect(owed(db)).toEqual([]);
  });
});
