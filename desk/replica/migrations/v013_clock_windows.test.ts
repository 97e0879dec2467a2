import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateReplica, openReplicaDatabase } from '../openReplicaDatabase';
import { ReplicaStore } from '../replicaStore';
import { QueueReader } from '../../queue/queueReader';
import { REPLICA_MIGRATIONS } from './index';
import { v013 } from './v013_clock_windows';
import { QueueQuery } from '../../../shared/contract/deskContract';
import {
  CLOCK_ENTITIES,
  CLOCK_RULES,
  clockCases,
  clockTruth,
  type ClockCase,
} from '../../../tests/support/clockCaseFixture';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < v013.version);
const NOW = Date.parse('2026-11-30T09:00:00.000Z');

describe('replica migration v013', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-v013-'));
  const path = join(dir, 'replica.sqlite');

  it('carries a filled v12 replica across: its cases, counts and order, then journals the answer and last changes', () => {
    // A v12 replica filled as a desk fills it: a snapshot, then live changes.
    const cases = clockCases(400, 3, NOW);
    {
      const { db } = openReplicaDatabase(path, BEFORE);
      const store = new ReplicaStore(db);
      store.beginBootstrap('e', 1, { keepRows: false });
      store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
      store.writeSnapshotPage('cases', cases, null, true);
      store.completeBootstrap();
      store.applyChanges(store.lastAppliedSeq, [
        { seq: 2, table: 'cases', op: 'upsert', id: cases[0]!.id, row: { ...cases[0]!, status: 'inProgress' } },
      ]);
      expect(db.pragma('user_version', { simple: true })).toBe(12);
      db.close();
    }
    cases[0] = { ...cases[0]!, status: 'inProgress' };
    const { db } = openReplicaDatabase(path, [...BEFORE, v013]);
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(400);
    expect(db.prepare(`SELECT sum(n) FROM queue_counts_by_kind`).pluck().get()).toBe(400);
    expect(db.prepare(`SELECT status FROM cases WHERE id = ?`).pluck().get(cases[0]!.id)).toBe('inProgress');

    // The clock selections read from the migrated replica (the reader counts on the later versions' tables too):
    // every case once, in order, as the rows show their clocks.
    migrateReplica(db, path, REPLICA_MIGRATIONS);
    const reader = new QueueReader(
      db,
      () => NOW,
      () => CLOCK_RULES,
    );
    const query: ClockCase = { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['breached'] } };
    const page = reader.page(QueueQuery.parse({ ...query, limit: 500 }));
    expect(page.rows.map((row) => row.number)).toEqual(clockTruth(cases, query, NOW));

    // An answer and an open case's last change are journalled now, with what the clock filters read.
    db.exec('DELETE FROM queue_changes');
    const open = cases.find((row) => row.status === 'assigned')!;
    db.prepare(`UPDATE cases SET updated_at = '2026-11-30T08:00:00.000Z' WHERE id = ?`).run(open.id);
    db.prepare(`UPDATE cases SET answered_at = '2026-11-30T08:30:00.000Z' WHERE id = ?`).run(open.id);
    const journal = db.prepare('SELECT old_row AS oldRow, new_row AS newRow FROM queue_changes ORDER BY n').all() as {
      oldRow: string;
      newRow: string;
    }[];
    expect(journal.map((entry) => JSON.parse(entry.newRow) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ id: open.id, updated_at: '2026-11-30T08:00:00.000Z', due_at: open.dueAt }),
      expect.objectContaining({ id: open.id, answered_at: '2026-11-30T08:30:00.000Z' }),
    ]);
    // Such a change moves no facet: the counter tables are left as they were.
    expect(db.prepare(`SELECT sum(n) FROM queue_counts_by_kind`).pluck().get()).toBe(400);
    // A closed case's last change alone is not journalled: no clock filter reads it.
    const closed = cases.find((row) => row.status === 'closed')!;
    db.prepare(`UPDATE cases SET updated_at = '2026-11-30T08:45:00.000Z' WHERE id = ?`).run(closed.id);
    expect(db.prepare('SELECT count(*) FROM queue_changes').pluck().get()).toBe(2);
    // A status change is journalled and counted once, as before.
    db.prepare(`UPDATE cases SET status = 'closed', is_open = 0 WHERE id = ?`).run(open.id);
    expect(db.prepare('SELECT count(*) FROM queue_changes').pluck().get()).toBe(3);
    expect(db.prepare(`SELECT sum(n) FROM queue_counts_by_kind`).pluck().get()).toBe(400);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides the clock filters in the sort indexes: no case row is read to count or walk them', () => {
    const { db } = openReplicaDatabase(':memory:');
    const table = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'cases'`).pluck().get() as number;
    const params = { now: '2026-11-30T09:00:00.000Z' };
    /** The indexes a statement reads, and whether it reads any column from the case rows themselves. */
    const reads = (sql: string) => {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((p) => p.detail)
        .join(' ');
      const ops = db.prepare(`EXPLAIN ${sql}`).all(params) as { opcode: string; p1: number; p2: number }[];
      const cursors = new Set(ops.filter((op) => op.opcode === 'OpenRead' && op.p2 === table).map((op) => op.p1));
      // SQLite reads a column the index holds from the index, and seeks the row only for one it lacks.
      return { plan, rowRead: ops.some((op) => op.opcode === 'Column' && cursors.has(op.p1)) };
    };
    const breached = `substr(c.urgent_key, 2) <> '' AND ((c.status IN ('answered', 'closed') AND c.answered_at IS NOT NULL
      AND c.answered_at > substr(c.urgent_key, 2)) OR substr(c.urgent_key, 2) < @now)`;
    const count = reads(`SELECT count(*) FROM cases c WHERE c.urgent_key >= '1' AND ${breached}`);
    expect(count.plan).toContain('cases_by_urgency (urgent_key>?)');
    expect(count.rowRead).toBe(false);
    const newest = reads(
      `SELECT c.submitted_at, c.id FROM cases c WHERE ${breached} ORDER BY c.submitted_at DESC, c.id DESC LIMIT 100`,
    );
    expect(newest.plan).toContain('cases_by_newest');
    expect(newest.plan).not.toContain('TEMP B-TREE');
    expect(newest.rowRead).toBe(false);
    // Unchanged for days, open: the last change is in both indexes too.
    const stalled = `+c.urgent_key < '1' AND c.updated_at < @now`;
    for (const order of ['c.urgent_key, c.id', 'c.submitted_at DESC, c.id DESC']) {
      const walk = reads(`SELECT c.id FROM cases c WHERE ${stalled} ORDER BY ${order} LIMIT 100`);
      expect(walk.plan).not.toContain('TEMP B-TREE');
      expect(walk.rowRead, order).toBe(false);
    }
    // Before v013 the answer was read from the case row.
    const { db: older } = openReplicaDatabase(':memory:', BEFORE);
    const olderOps = older
      .prepare(`EXPLAIN SELECT count(*) FROM cases c WHERE c.urgent_key >= '1' AND ${breached}`)
      .all(params) as { opcode: string; p1: number; p2: number }[];
    const olderTable = older.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'cases'`).pluck().get();
    const olderCursor = olderOps.find((op) => op.opcode === 'OpenRead' && op.p2 === olderTable)!.p1;
    expect(olderOps.some((op) => op.opcode === 'Column' && op.p1 === olderCursor)).toBe(true);
  });
});
