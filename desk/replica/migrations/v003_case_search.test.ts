import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateReplica, openReplicaDatabase } from '../openReplicaDatabase';
import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';
import { v003 } from './v003_case_search';

const BEFORE = [v001, v002];

const insertCase = (db: Database.Database) =>
  db
    .prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at,
         first_response_at, answered_at, closed_at, rating, updated_at, version, seq, is_open)
       VALUES ('018f0000-0000-7000-8000-000000000001','BK-26-0000001','complaint','web','ent-moh',NULL,
        'deliveryTime','high','assigned','focalPoint','تأخر الموعد','نص الشكوى','ar','رنا','+962791234567',
        '2026-11-24T10:00:00.000Z','2026-11-26T10:00:00.000Z',NULL,NULL,NULL,NULL,'2026-11-24T10:00:00.000Z',1,5,1)`,
    )
    .run();

describe('replica migration v003', () => {
  it('keeps every case a v2 replica held, and adds a full-text index and a phone index over them', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    insertCase(db);

    migrateReplica(db, ':memory:', [...BEFORE, v003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT number, title FROM cases').get()).toEqual({
      number: 'BK-26-0000001',
      title: 'تأخر الموعد',
    });

    // Contentless: the index holds what the code writes (folded text), keyed by the case's rowid.
    const rowid = db.prepare('SELECT rowid FROM cases').pluck().get() as number;
    db.prepare('INSERT INTO cases_fts (rowid, text) VALUES (?, ?)').run(rowid, 'BK-26-0000001 تاخر الموعد');
    expect(db.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?').pluck().all('"الموعد"')).toEqual([rowid]);
    db.prepare('DELETE FROM cases_fts WHERE rowid = ?').run(rowid);
    expect(db.prepare('SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?').pluck().all('"الموعد"')).toEqual([]);

    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE applicant_phone = '+962791234567'`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_phone');
  });

  it('asks the code to index the cases it already held', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-v003-'));
    try {
      const path = join(dir, 'replica.sqlite');
      const old = openReplicaDatabase(path, BEFORE);
      insertCase(old.db);
      expect(old.needsReindex).toBe(false);
      old.db.close();

      const opened = openReplicaDatabase(path, [...BEFORE, v003]);
      expect(opened.needsReindex).toBe(true);
      opened.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
