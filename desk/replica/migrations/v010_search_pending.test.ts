import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v010 } from './v010_search_pending';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < 10);

const insertCase = (db: Database.Database, id: string, number: string, title: string) =>
  db
    .prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES (?, ?, 'complaint','web','ent-moh',NULL,'deliveryTime','high','inProgress','focalPoint', ?, 'نص',
        'ar','رنا','+962791234567','2026-11-20T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,
        '2026-11-21T10:00:00.000Z', 2, 5, 1)`,
    )
    .run(id, number, title);

const owed = (db: Database.Database) => db.prepare('SELECT case_rowid FROM search_pending').pluck().all();
const rowidOf = (db: Database.Database, id: string) =>
  db.prepare('SELECT rowid FROM cases WHERE id = ?').pluck().get(id);

describe('replica migration v010', () => {
  it('keeps a v9 replica whole and owes search text for cases that land or change their text, not during a snapshot', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    insertCase(db, '018f0000-0000-7000-8000-000000000001', 'BK-26-0000001', 'تأخر الموعد');

    migrateReplica(db, ':memory:', [...BEFORE, v010]);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    // Held from before: the search build that a replica of version 3 on has already covered it.
    expect(owed(db)).toEqual([]);

    insertCase(db, '018f0000-0000-7000-8000-000000000002', 'BK-26-0000002', 'انقطاع المياه');
    const landed = rowidOf(db, '018f0000-0000-7000-8000-000000000002');
    expect(owed(db)).toEqual([landed]);

    // A status change leaves the text alone: nothing more is owed.
    db.prepare(`UPDATE cases SET status = 'closed', is_open = 0 WHERE id = ?`).run(
      '018f0000-0000-7000-8000-000000000001',
    );
    expect(owed(db)).toEqual([landed]);
    // A corrected title is owed again.
    db.prepare(`UPDATE cases SET title = 'تأخر موعد العيادة' WHERE id = ?`).run('018f0000-0000-7000-8000-000000000001');
    expect(owed(db)).toEqual([rowidOf(db, '018f0000-0000-7000-8000-000000000001'), landed]);

    // A snapshot's cases are left to the background build.
    db.prepare(`INSERT INTO sync_meta (key, value) VALUES ('bootstrap.state', 'running')`).run();
    insertCase(db, '018f0000-0000-7000-8000-000000000003', 'BK-26-0000003', 'رصيف مكسور');
    expect(owed(db)).toHaveLength(2);
  });
});
