import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';

describe('replica migration v002', () => {
  it('keeps every case a v1 replica held, and where it stood in the log', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [v001]);
    db.prepare(
      `INSERT INTO cases VALUES ('018f0000-0000-7000-8000-000000000001','BK-26-0000001','complaint','web','ent-moh',NULL,
        'deliveryTime','high','assigned','focalPoint','تأخر الموعد','نص الشكوى','ar','رنا','+962791234567',
        '2026-11-24T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,'2026-11-24T10:00:00.000Z',1,5,1)`,
    ).run();
    db.prepare(`INSERT INTO sync_meta VALUES ('lastAppliedSeq', '5')`).run();

    migrateReplica(db, ':memory:', [v001, v002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT number, title, claimed_by, rating_comment FROM cases').get()).toEqual({
      number: 'BK-26-0000001',
      title: 'تأخر الموعد',
      claimed_by: null,
      rating_comment: null,
    });
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get()).toEqual({ value: '5' });
  });
});
