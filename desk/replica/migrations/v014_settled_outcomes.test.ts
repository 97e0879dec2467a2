import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplicaDatabase, type ReplicaDb } from '../openReplicaDatabase';
import { ReplicaStore } from '../replicaStore';
import { QueueReader } from '../../queue/queueReader';
import { REPLICA_MIGRATIONS } from './index';
import { v014 } from './v014_settled_outcomes';
import { QueueQuery } from '../../../shared/contract/deskContract';
import type { CaseRecord } from '../../../shared/domain/caseRecord';
import {
  CLOCK_ENTITIES,
  CLOCK_RULES,
  clockCases,
  clockTruth,
  type ClockCase,
} from '../../../tests/support/clockCaseFixture';

const BEFORE = REPLICA_MIGRATIONS.filter((m) => m.version < v014.version);
const NOW = Date.parse('2026-11-30T09:00:00.000Z');
const HOUR = 3_600_000;

/** Each outcome table as held, and as a count of the cases would make it. */
function outcomes(db: ReplicaDb) {
  const outcome = `CASE WHEN status IN ('answered', 'closed') AND answered_at IS NOT NULL
    THEN CASE WHEN answered_at <= due_at THEN 'met' ELSE 'late' END ELSE 'unanswered' END`;
  const tables = {
    queue_outcomes_by_kind: 'status, type, channel, pillar, importance, escalation_level',
    queue_outcomes_by_entity: 'entity_id, status, importance, escalation_level',
    queue_outcomes_by_focal_point: `entity_id, coalesce(focal_point_id, '') AS focal_point_id, status`,
  };
  return Object.entries(tables).map(([table, columns]) => {
    const names = columns.replace(/coalesce\(focal_point_id, ''\) AS /, '');
    return {
      table,
      held: db.prepare(`SELECT ${names}, outcome, n FROM ${table} WHERE n > 0 ORDER BY ${names}, outcome`).all(),
      counted: db
        .prepare(
          `SELECT ${columns}, ${outcome} AS outcome, count(*) AS n FROM cases
           WHERE is_open = 0 AND due_at IS NOT NULL GROUP BY ${names}, outcome ORDER BY ${names}, outcome`,
        )
        .all(),
    };
  });
}

const late: ClockCase = { sort: 'urgent', openOnly: false, filters: {}, clock: { slaState: ['breached'] } };
const metInHealth: ClockCase = {
  sort: 'urgent',
  openOnly: false,
  filters: { sector: ['health'] },
  clock: { slaState: ['met'] },
};
const count = (db: ReplicaDb, query: ClockCase) =>
  new QueueReader(
    db,
    () => NOW,
    () => CLOCK_RULES,
  ).count(QueueQuery.parse({ ...query, limit: 1 }));

describe('replica migration v014', () => {
  it('counts the outcomes of a filled v13 replica, then keeps them as cases change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-v014-'));
    const path = join(dir, 'replica.sqlite');
    // A v13 replica filled as a desk fills it: a snapshot, then live changes (one closes a case late).
    const cases = clockCases(600, 9, NOW);
    const open = cases.find((row) => row.status === 'inProgress' && row.dueAt)!;
    const closedLate: CaseRecord = {
      ...open,
      status: 'closed',
      answeredAt: new Date(Date.parse(open.dueAt!) + HOUR).toISOString(),
      version: open.version + 1,
    };
    {
      const { db } = openReplicaDatabase(path, BEFORE);
      const store = new ReplicaStore(db);
      store.beginBootstrap('e', 1, { keepRows: false });
      store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
      store.writeSnapshotPage('cases', cases, null, true);
      store.completeBootstrap();
      store.applyChanges(store.lastAppliedSeq, [
        { seq: 2, table: 'cases', op: 'upsert', id: closedLate.id, row: closedLate },
      ]);
      expect(db.pragma('user_version', { simple: true })).toBe(13);
      db.close();
    }
    cases[cases.indexOf(open)] = closedLate;

    // Opened as a desk opens it: through v014 and whatever versions follow it.
    const { db } = openReplicaDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(v014.version);
    for (const { table, held, counted } of outcomes(db)) {
      expect(held.length, table).toBeGreaterThan(0);
      expect(held, table).toEqual(counted);
    }
    expect(count(db, late)).toBe(clockTruth(cases, late, NOW).length);
    expect(count(db, metInHealth)).toBe(clockTruth(cases, metInHealth, NOW).length);

    // Live changes after the migration: answers, a case closed unanswered, one reopened, one moved, one deleted.
    const store = new ReplicaStore(db);
    const pick = (status: CaseRecord['status']) => cases.find((row) => row.status === status && row.dueAt)!;
    const changed = (
      [
        { ...pick('assigned'), status: 'answered', answeredAt: new Date(NOW - HOUR).toISOString() },
        { ...pick('submitted'), status: 'closed', answeredAt: null },
        { ...pick('answered'), status: 'reopened', answeredAt: null },
        { ...pick('closed'), entityId: 'ent-c', importance: 'critical' },
        { ...pick('awaitingCitizen'), dueAt: new Date(NOW + 5 * HOUR).toISOString() },
      ] satisfies CaseRecord[]
    ).map((row): CaseRecord => ({ ...row, version: row.version + 1 }));
    const gone = cases.find(
      (row) => row.status === 'closed' && row.answeredAt && !changed.some((c) => c.id === row.id),
    )!;
    store.applyChanges(store.lastAppliedSeq, [
      ...changed.map((row, i) => ({ seq: 3 + i, table: 'cases' as const, op: 'upsert' as const, id: row.id, row })),
      { seq: 3 + changed.length, table: 'cases', op: 'delete', id: gone.id, row: null },
    ]);
    const now = [
      ...cases.filter((row) => row.id !== gone.id).map((row) => changed.find((c) => c.id === row.id) ?? row),
    ];
    for (const { table, held, counted } of outcomes(db)) expect(held, `${table}, after live changes`).toEqual(counted);
    expect(count(db, late)).toBe(clockTruth(now, late, NOW).length);
    expect(count(db, metInHealth)).toBe(clockTruth(now, metInHealth, NOW).length);

    // A snapshot streaming in is not counted row by row: the store counts once at its end.
    store.beginBootstrap('e', 1, { keepRows: true });
    store.writeSnapshotPage('cases', cases, null, true);
    expect(outcomes(db)[0]!.held).not.toEqual(outcomes(db)[0]!.counted);
    store.completeBootstrap();
    for (const { table, held, counted } of outcomes(db)) expect(held, `${table}, after a snapshot`).toEqual(counted);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is what the reader counts "late" by: the closed cases are not read one by one', () => {
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const cases = clockCases(400, 4, NOW);
    store.beginBootstrap('e', 1, { keepRows: false });
    store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
    store.writeSnapshotPage('cases', cases, null, true);
    store.completeBootstrap();
    const truth = clockTruth(cases, late, NOW).length;
    expect(count(db, late)).toBe(truth);
    // Ten more cases answered late, written into the counter alone: the reader's first count sees them.
    db.prepare(
      `INSERT INTO queue_outcomes_by_kind VALUES ('closed', 'complaint', 'web', 'deliveryTime', 'high', 'focalPoint', 'late', 10)
         ON CONFLICT DO UPDATE SET n = n + 10`,
    ).run();
    expect(count(db, late)).toBe(truth + 10);
  });
});
