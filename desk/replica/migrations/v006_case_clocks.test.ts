import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';
import { v003 } from './v003_case_search';
import { v004 } from './v004_outbox';
import { v005 } from './v005_alerts';
import { v006 } from './v006_case_clocks';

const BEFORE = [v001, v002, v003, v004, v005];

describe('replica migration v006', () => {
  it('keeps every case a v5 replica held, with no pauses known, and asks for the cases again', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    db.prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES ('018f0000-0000-7000-8000-000000000001','BK-26-0000001','complaint','web','ent-moh',NULL,
        'deliveryTime','high','awaitingCitizen','focalPoint','تأخر الموعد','نص الشكوى','ar','رنا','+962791234567',
        '2026-11-24T10:00:00.000Z','2026-11-26T10:00:00.000Z','2026-11-24T11:00:00.000Z',NULL,NULL,NULL,
        '2026-11-24T10:00:00.000Z',2,5,0)`,
    ).run();
    db.prepare(`INSERT INTO sync_meta VALUES ('lastAppliedSeq', '5')`).run();

    migrateReplica(db, ':memory:', [...BEFORE, v006]);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(
      db
        .prepare('SELECT number, status, pauses, last_update_at, first_response_due_at, update_due_at FROM cases')
        .get(),
    ).toEqual({
      number: 'BK-26-0000001',
      status: 'awaitingCitizen',
      pauses: '[]',
      last_update_at: null,
      first_response_due_at: null,
      update_due_at: null,
    });
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get()).toEqual({ value: '5' });
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'refetchTables'`).get()).toEqual({ value: 'cases' });
  });

  it('asks for nothing again when the replica held no cases yet', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [...BEFORE, v006]);
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'refetchTables'`).get()).toBeUndefined();
  });
});
