import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { REPLICA_MIGRATIONS } from './index';
import { v007 } from './v007_queue_windows';

const before = REPLICA_MIGRATIONS.filter((m) => m.version < v007.version);
const insertCase = (db: Database.Database, id: string, status: string, isOpen: number, dueAt: string | null) =>
  db
    .prepare(
      `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status,
         escalation_level, title, body, language, applicant_name, applicant_phone, submitted_at, due_at, updated_at,
         version, seq, is_open)
       VALUES (?, 'BK-26-' || substr(?, -7), 'complaint', 'web', 'ent-moh', NULL, 'deliveryTime', 'high', ?, 'focalPoint',
         'تأخر الموعد', 'نص', 'ar', 'رنا', '+962791234567', '2026-11-24T10:00:00.000Z', ?, '2026-11-24T10:00:00.000Z',
         1, 5, ?)`,
    )
    .run(id, id, status, dueAt, isOpen);

describe('replica migration v007', () => {
  it('carries cases and the outbox across: sort keys, counts and the pending overlay are filled from them', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', before);
    insertCase(db, '018f0000-0000-7000-8000-000000000001', 'assigned', 1, '2026-11-26T10:00:00.000Z');
    insertCase(db, '018f0000-0000-7000-8000-000000000002', 'closed', 0, '2026-11-25T10:00:00.000Z');
    insertCase(db, '018f0000-0000-7000-8000-000000000003', 'inProgress', 1, null);
    db.prepare(
      `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state)
       VALUES ('c1', 'claimCase', '{}', '018f0000-0000-7000-8000-000000000001', '2026-11-24T10:00:00.000Z', 'queued'),
              ('c2', 'addNote', '{}', '018f0000-0000-7000-8000-000000000001', '2026-11-24T10:01:00.000Z', 'queued')`,
    ).run();

    migrateReplica(db, ':memory:', [...before, v007]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    // Open first, undated first among them, then by deadline: the order the urgent sort always had.
    expect(db.prepare('SELECT substr(id, -1) FROM cases ORDER BY urgent_key, id').pluck().all()).toEqual([
      '3',
      '1',
      '2',
    ]);
    expect(db.prepare('SELECT case_id, commands FROM case_pending').all()).toEqual([
      { case_id: '018f0000-0000-7000-8000-000000000001', commands: '["claimCase","addNote"]' },
    ]);
    expect(db.prepare(`SELECT status, n FROM queue_counts_by_kind ORDER BY status`).all()).toEqual([
      { status: 'assigned', n: 1 },
      { status: 'closed', n: 1 },
      { status: 'inProgress', n: 1 },
    ]);
    expect(
      db.prepare(`SELECT focal_point_id, n FROM queue_counts_by_focal_point WHERE status = 'assigned'`).get(),
    ).toEqual({
      focal_point_id: '',
      n: 1,
    });
  });

  it('keeps the overlay, the counts and the journal as rows change afterwards', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [...before, v007]);
    insertCase(db, '018f0000-0000-7000-8000-000000000001', 'assigned', 1, '2026-11-26T10:00:00.000Z');
    db.prepare(
      `UPDATE cases SET status = 'closed', is_open = 0 WHERE id = '018f0000-0000-7000-8000-000000000001'`,
    ).run();
    db.prepare(`UPDATE cases SET claimed_by = 'rana' WHERE id = '018f0000-0000-7000-8000-000000000001'`).run();
    expect(db.prepare(`SELECT status, n FROM queue_counts_by_kind ORDER BY status`).all()).toEqual([
      { status: 'assigned', n: 0 },
      { status: 'closed', n: 1 },
    ]);
    // The insert and the status change are journalled; a claim moves no sort key or facet, so it is not.
    expect(db.prepare('SELECT count(*) FROM queue_changes').pluck().get()).toBe(2);

    db.prepare(
      `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state)
       VALUES ('c1', 'claimCase', '{}', '018f0000-0000-7000-8000-000000000001', '2026-11-24T10:00:00.000Z', 'queued')`,
    ).run();
    expect(db.prepare('SELECT commands FROM case_pending').pluck().all()).toEqual(['["claimCase"]']);
    db.prepare(`DELETE FROM outbox WHERE client_id = 'c1'`).run();
    expect(db.prepare('SELECT count(*) FROM case_pending').pluck().get()).toBe(0);

    // While a snapshot streams in, nothing is journalled or counted: the store recounts at its end.
    db.prepare(`INSERT INTO sync_meta (key, value) VALUES ('bootstrap.state', 'running')`).run();
    insertCase(db, '018f0000-0000-7000-8000-000000000002', 'assigned', 1, null);
    expect(db.prepare('SELECT count(*) FROM queue_changes').pluck().get()).toBe(2);
  });

  it('walks the sort’s covering index for a filtered page: no sort of every match', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', [...before, v007]);
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM cases c WHERE c.urgent_key < '1' AND +c.entity_id IN ('a', 'b')
       AND (c.urgent_key, c.id) > ('0', '') ORDER BY c.urgent_key, c.id LIMIT 100`,
        )
        .all() as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toContain('cases_by_urgency');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
