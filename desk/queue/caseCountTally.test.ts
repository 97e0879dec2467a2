import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { clockCases } from '../../tests/support/clockCaseFixture';
import { CaseCountTally, settledOutcome } from './caseCountTally';
import { OUTCOME_COUNT_TABLES, QUEUE_COUNT_TABLES } from '../replica/replicaSchema';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { snapshotRowParams } from '../replica/snapshotColumns';

const DUE = '2026-11-24T10:00:00.000Z';

describe('a settled case outcome, as v014 counts it', () => {
  it.each([
    ['open: not counted', 'inProgress', DUE, null, null],
    ['reopened, even if answered before', 'reopened', DUE, '2026-11-24T09:00:00.000Z', null],
    ['no deadline: not counted', 'closed', null, '2026-11-24T09:00:00.000Z', null],
    ['answered before its deadline', 'answered', DUE, '2026-11-24T09:59:59.999Z', 'met'],
    ['answered on the millisecond of its deadline', 'closed', DUE, DUE, 'met'],
    ['answered a millisecond late', 'answered', DUE, '2026-11-24T10:00:00.001Z', 'late'],
    ['closed without an answer', 'closed', DUE, null, 'unanswered'],
    ['awaiting the citizen', 'awaitingCitizen', DUE, null, 'unanswered'],
    ['awaiting the citizen, an answer on record', 'awaitingCitizen', DUE, '2026-11-24T09:00:00.000Z', 'unanswered'],
  ] as const)('%s', (_what, status, dueAt, answeredAt, expected) => {
    expect(settledOutcome(status, dueAt, answeredAt)).toBe(expected);
  });
});

/** Every counter table's rows, in one order: what the queue's counts read. */
function counters(store: ReplicaStore): Record<string, unknown[]> {
  const tables = [...Object.keys(QUEUE_COUNT_TABLES), ...Object.values(OUTCOME_COUNT_TABLES)];
  return Object.fromEntries(
    tables.map((table) => {
      const rows = store.db.prepare(`SELECT * FROM ${table} WHERE n > 0`).raw().all() as unknown[][];
      return [table, rows.map((row) => JSON.stringify(row)).sort()];
    }),
  );
}

/** A fresh load of these cases, completed with the given tally (or none: grouped in SQL). */
function loaded(cases: CaseRecord[], tally: (cases: CaseRecord[]) => CaseCountTally | null): ReplicaStore {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('epoch-1', 100, { keepRows: false });
  for (let i = 0; i < cases.length; i += 500) store.writeSnapshotPage('cases', cases.slice(i, i + 500), null, false);
  store.completeBootstrap(tally(cases));
  return store;
}

const tallied = (cases: CaseRecord[]) => {
  const tally = new CaseCountTally();
  for (const row of cases) tally.add(snapshotRowParams('cases', row));
  return tally;
};

describe('counter tables after a snapshot', () => {
  // Deadlines either side of answers, no deadline, no focal point, every status: see clockCases.
  const cases = clockCases(3_000, 7, Date.parse('2026-11-24T09:00:00.000Z'));
  const grouped = counters(loaded(cases, () => null));

  it('are the same filled from the tally as from grouping every case in SQL', () => {
    expect(grouped.queue_outcomes_by_kind!.length).toBeGreaterThan(10);
    const outcomes = new Set(
      grouped.queue_outcomes_by_kind!.map((row) => (JSON.parse(row as string) as unknown[]).at(-2)),
    );
    expect([...outcomes].sort()).toEqual(['late', 'met', 'unanswered']);
    expect(counters(loaded(cases, tallied))).toEqual(grouped);
  });

  it('read back facets whatever text they hold', () => {
    const odd = [
      { ...cases[0]!, entityId: '12:ent;a', focalPointId: '3:x', status: 'closed' as const },
      { ...cases[1]!, entityId: '1', focalPointId: '2:ent;a3:x', status: 'closed' as const },
      { ...cases[2]!, entityId: 'ent-b', focalPointId: null },
    ];
    const { counts } = tallied(odd).rows('queue_counts_by_focal_point');
    expect(counts.map((row) => row.slice(0, 2)).sort()).toEqual([
      ['1', '2:ent;a3:x'],
      ['12:ent;a', '3:x'],
      ['ent-b', ''],
    ]);
  });

  it('ignore a tally that does not count exactly the cases held, and group them instead', () => {
    expect(counters(loaded(cases, (all) => tallied(all.slice(1))))).toEqual(grouped);
  });
});
