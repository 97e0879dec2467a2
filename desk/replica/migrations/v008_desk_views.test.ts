import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v008 } from './v008_desk_views';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < 8);

describe('replica migration v008', () => {
  it('keeps every case and queued command a v7 replica held, and starts with no views', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    db.prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES ('018f0000-0000-7000-8000-000000000001','BK-26-0000001','complaint','web','ent-moh',NULL,
        'deliveryTime','high','inProgress','focalPoint','تأخر الموعد','نص الشكوى','ar','رنا','+962791234567',
        '2026-11-24T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,
        '2026-11-24T10:00:00.000Z',2,5,1)`,
    ).run();
    db.prepare(`INSERT INTO sync_meta VALUES ('lastAppliedSeq', '5')`).run();

    migrateReplica(db, ':memory:', [...BEFORE, v008]);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT number, status, urgent_key IS NOT NULL AS keyed FROM cases').get()).toEqual({
      number: 'BK-26-0000001',
      status: 'inProgress',
      keyed: 1,
    });
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get()).toEqual({ value: '5' });
    expect(db.prepare('SELECT count(*) AS n FROM desk_views').get()).toEqual({ n: 0 });

    // Views and follows are kept per person.
    db.prepare(
      `INSERT INTO desk_views VALUES ('huda', 'v1', 'عاجلة', '{"sort":"urgent"}', '2026-11-30T10:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO desk_views VALUES ('omar', 'v1', 'mine', '{"sort":"newest"}', '2026-11-30T10:00:00.000Z')`,
    ).run();
    db.prepare(`INSERT INTO desk_followed_entities VALUES ('huda', 'ent-moh')`).run();
    expect(() => db.prepare(`INSERT INTO desk_followed_entities VALUES ('huda', 'ent-moh')`).run()).toThrow();
    expect(db.prepare(`SELECT name FROM desk_views WHERE user_id = 'huda'`).pluck().all()).toEqual(['عاجلة']);
  });
});
