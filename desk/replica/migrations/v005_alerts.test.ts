import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';
import { v003 } from './v003_case_search';
import { v004 } from './v004_outbox';
import { v005 } from './v005_alerts';

const BEFORE = [v001, v002, v003, v004];

describe('replica migration v005', () => {
  it('keeps the commands a v4 replica had queued, and adds alerts read newest first by their index', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    db.prepare(
      `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state)
       VALUES ('c-1', 'claimCase', '{}', 'case-1', '2026-11-24T10:00:00.000Z', 'queued')`,
    ).run();

    migrateReplica(db, ':memory:', [...BEFORE, v005]);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT client_id, state FROM outbox').all()).toEqual([{ client_id: 'c-1', state: 'queued' }]);
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 0 });

    const raise = db.prepare(
      `INSERT INTO alerts (id, case_id, kind, detail, raised_at, acknowledged_by, acknowledged_at, seq)
       VALUES (?, ?, 'breach', '{}', ?, NULL, NULL, ?)`,
    );
    raise.run('alert-1', 'case-1', '2026-11-24T10:00:00.000Z', 6);
    raise.run('alert-2', null, '2026-11-25T10:00:00.000Z', 7);
    const newest = 'SELECT id FROM alerts ORDER BY raised_at DESC LIMIT 50';
    expect(db.prepare(newest).pluck().all()).toEqual(['alert-2', 'alert-1']);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${newest}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('alerts_recent');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  });
});
