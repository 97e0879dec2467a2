import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateReplica } from '../openReplicaDatabase';
import { v001 } from './v001_initial';
import { v002 } from './v002_case_claims';
import { v003 } from './v003_case_search';
import { v004 } from './v004_outbox';

const BEFORE = [v001, v002, v003];

describe('replica migration v004', () => {
  it('keeps where a v3 replica stood in the log, and adds an empty outbox that takes commands in order', () => {
    const db = new Database(':memory:');
    migrateReplica(db, ':memory:', BEFORE);
    db.prepare(`INSERT INTO sync_meta VALUES ('lastAppliedSeq', '5')`).run();

    migrateReplica(db, ':memory:', [...BEFORE, v004]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get()).toEqual({ value: '5' });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });

    const queue = db.prepare(
      `INSERT INTO outbox (client_id, command, input, case_id, queued_at, state) VALUES (?, ?, '{}', ?, '2026-11-24T10:00:00.000Z', ?)`,
    );
    queue.run('c-1', 'claimCase', 'case-1', 'queued');
    queue.run('c-2', 'addNote', 'case-1', 'refused');
    expect(db.prepare('SELECT client_id, attempts FROM outbox ORDER BY position').all()).toEqual([
      { client_id: 'c-1', attempts: 0 },
      { client_id: 'c-2', attempts: 0 },
    ]);
    // A command is queued once, by its client id; and is only ever queued or refused.
    expect(() => queue.run('c-1', 'claimCase', 'case-1', 'queued')).toThrow(/UNIQUE/);
    expect(() => queue.run('c-3', 'claimCase', 'case-1', 'sent')).toThrow(/CHECK/);

    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT command FROM outbox WHERE case_id = 'case-1'`).all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_case');
  });
});
