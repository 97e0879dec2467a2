import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v009 } from './v009_stalled_index';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < 9);

describe('replica migration v009', () => {
  it('keeps every case and saved view a v8 replica held, and finds stalled open cases by the index', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    const insert = db.prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES (?, ?, 'complaint','web','ent-moh',NULL,'deliveryTime','high', ?, 'focalPoint','تأخر الموعد','نص',
        'ar','رنا','+962791234567','2026-11-20T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,
        ?, 2, 5, ?)`,
    );
    insert.run('018f0000-0000-7000-8000-000000000001', 'BK-26-0000001', 'inProgress', '2026-11-21T10:00:00.000Z', 1);
    insert.run('018f0000-0000-7000-8000-000000000002', 'BK-26-0000002', 'closed', '2026-11-21T10:00:00.000Z', 0);
    insert.run('018f0000-0000-7000-8000-000000000003', 'BK-26-0000003', 'inProgress', '2026-11-29T10:00:00.000Z', 1);
    db.prepare(
      `INSERT INTO desk_views VALUES ('huda', 'v1', 'عاجلة', '{"sort":"urgent"}', '2026-11-30T10:00:00.000Z')`,
    ).run();

    migrateReplica(db, ':memory:', [...BEFORE, v009]);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 3 });
    expect(db.prepare('SELECT name FROM desk_views').pluck().all()).toEqual(['عاجلة']);
    const stalled = `SELECT number FROM cases c WHERE c.is_open = 1 AND c.updated_at < '2026-11-27T10:00:00.000Z'`;
    expect(db.prepare(stalled).pluck().all()).toEqual(['BK-26-0000001']);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM (${stalled})`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_open_by_update');
  });
});
