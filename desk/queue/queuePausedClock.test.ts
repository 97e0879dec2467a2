import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from './queueReader';
import { CLOCK_ROW_COLUMNS, ClockBounds, clockWhere, stateAt } from './queueClock';
import { QUEUE_ROW_COLUMNS, QUEUE_ROW_JOINS, QueueRowMaker, type QueueRowCells } from './queueRows';
import type { WindowRow } from './queueFilters';
import type { DeskSlaRules } from '../sla/deskSlaRules';
import { QueueQuery } from '../../shared/contract/deskContract';
import { SlaState } from '../../shared/contract/clockFilters';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  type PauseInterval,
  SlaMatrix,
  timedCaseOfRecord,
  timersOfCase,
  trackedDeadlines,
  type WorkingCalendar,
} from '../../shared/sla';
import { CLOCK_ENTITIES } from '../../tests/support/clockCaseFixture';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { amman, calendarArb, pauseHistoryArb, wholeMinuteInstant } from '../../tests/support/slaArbitraries';

// A case awaiting the citizen, read by the queue's row, its SLA-state filter
// and counts (kept by the journal as time passes), the case view and the hub:
// a pause that began before the deadline stops the clock, whatever the time.

const MINUTE = 60_000;
const SLA_STATES = SlaState.options;
const iso = (ms: number) => new Date(ms).toISOString();

/** Every case has this resolution target, on this calendar. */
function rulesWith(calendar: WorkingCalendar, minutes: number): DeskSlaRules {
  return {
    calendar,
    matrix: SlaMatrix.parse({
      rules: [
        { id: 'all', targets: { firstResponseMinutes: minutes, updateMinutes: minutes, resolutionMinutes: minutes } },
      ],
    }),
    ladder: DEFAULT_LADDER_WINDOWS,
  };
}

/** A case as the hub sends it: its pauses, and the deadline it stored at its last change. */
function hubCase(
  n: number,
  rules: DeskSlaRules,
  submittedAtMs: number,
  pauses: readonly PauseInterval[],
  lastChangeMs: number,
  seq = 10 + n,
): CaseRecord {
  const waiting = pauses.at(-1)?.toMs === Number.POSITIVE_INFINITY;
  const record = caseRecord({
    id: `018f0000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    number: `BK-26-${String(n).padStart(7, '0')}`,
    entityId: CLOCK_ENTITIES[0]!.id,
    status: waiting ? 'awaitingCitizen' : 'inProgress',
    submittedAt: iso(submittedAtMs),
    pauses: pauses.map((p) => ({ from: iso(p.fromMs), to: Number.isFinite(p.toMs) ? iso(p.toMs) : null })),
    updatedAt: iso(lastChangeMs),
    seq,
  });
  const due = trackedDeadlines(timedCaseOfRecord(record), rules, lastChangeMs).resolutionDueMs;
  return { ...record, dueAt: iso(due) };
}

/** The hub's ladder: the deadline it acts on, for a waiting case the one it would store on resuming now. */
function hubBreached(record: CaseRecord, rules: DeskSlaRules, nowMs: number): boolean {
  const timed = timedCaseOfRecord(record);
  if (record.status !== 'awaitingCitizen') return nowMs > Date.parse(record.dueAt!);
  const resumed = {
    ...timed,
    status: 'inProgress' as const,
    pauses: timed.pauses.map((p) => ({ fromMs: p.fromMs, toMs: Math.min(p.toMs, nowMs) })),
  };
  return nowMs > trackedDeadlines(resumed, rules, nowMs).resolutionDueMs;
}

function replica() {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('e', 1, { keepRows: false });
  store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
  store.completeBootstrap();
  return { db, store };
}

describe('the issue’s case: submitted Sunday 09:00, 600-minute target, awaiting the citizen from 10:00', () => {
  const rules = rulesWith(DEFAULT_JORDAN_CALENDAR, 600);
  const submitted = amman('2026-11-22 09:00');
  const spans = (list: [string, string | null][]) =>
    list.map(([from, to]) => ({ fromMs: amman(from), toMs: to === null ? Number.POSITIVE_INFINITY : amman(to) }));
  const CASES: [what: string, pauses: PauseInterval[], state: SlaState, left: number][] = [
    ['awaiting the citizen from Sunday 10:00', spans([['2026-11-22 10:00', null]]), 'paused', 540],
    ['awaiting from Monday 13:00, after the deadline', spans([['2026-11-23 13:00', null]]), 'breached', -60],
    ['awaiting from Sunday 10:00 to Monday 10:00', spans([['2026-11-22 10:00', '2026-11-23 10:00']]), 'atRisk', 120],
    ['never awaiting the citizen', [], 'breached', -300],
  ];
  const lastChange = (pauses: PauseInterval[]) =>
    Math.max(submitted, ...pauses.map((p) => (Number.isFinite(p.toMs) ? p.toMs : p.fromMs)));
  const records = CASES.map(([, pauses], i) => hubCase(i + 1, rules, submitted, pauses, lastChange(pauses)));
  const tuesday = amman('2026-11-24 10:00');

  it.each(CASES.map(([what, , state, left], i) => [what, state, left, records[i]!] as const))(
    '%s, seen on Tuesday 10:00: %s (%d working minutes left) on the row, the filter, the counts, the case view and the hub',
    (_what, state, left, record) => {
      const { db, store } = replica();
      store.applyChanges(store.lastAppliedSeq, [
        { seq: 2, table: 'cases', op: 'upsert', id: record.id, row: { ...record, seq: 2 } },
      ]);
      const reader = new QueueReader(
        db,
        () => tuesday,
        () => rules,
      );
      const [row] = reader.page(QueueQuery.parse({ limit: 10 })).rows;
      expect(row!.sla).toEqual({ state, workingMinutesLeft: left });
      for (const s of SLA_STATES) {
        const query = QueueQuery.parse({ limit: 10, clock: { slaState: [s] } });
        expect(reader.count(query), s).toBe(s === state ? 1 : 0);
        expect(reader.page(query).rows.length, s).toBe(s === state ? 1 : 0);
      }
      expect(timersOfCase(timedCaseOfRecord(record), rules, tuesday).resolution.state).toBe(state);
      expect(hubBreached(record, rules, tuesday)).toBe(state === 'breached');
      db.close();
    },
  );

  it('a count kept from Sunday by the journal says paused on Tuesday, as a fresh count does', () => {
    const { db, store } = replica();
    let now = amman('2026-11-22 09:30');
    const reader = new QueueReader(
      db,
      () => now,
      () => rules,
    );
    const working = hubCase(1, rules, submitted, [], submitted, 2);
    store.applyChanges(store.lastAppliedSeq, [{ seq: 2, table: 'cases', op: 'upsert', id: working.id, row: working }]);
    const count = (s: SlaState) => reader.count(QueueQuery.parse({ limit: 10, clock: { slaState: [s] } }));
    expect(count('running')).toBe(1);
    expect([count('paused'), count('breached')]).toEqual([0, 0]);
    now = amman('2026-11-22 10:00');
    // The hub keeps the deadline it had as the pause begins: Monday 12:00.
    const waiting = hubCase(1, rules, submitted, spans([['2026-11-22 10:00', null]]), now, 3);
    expect(waiting.dueAt).toBe(working.dueAt);
    store.applyChanges(store.lastAppliedSeq, [{ seq: 3, table: 'cases', op: 'upsert', id: waiting.id, row: waiting }]);
    expect([count('running'), count('paused'), count('breached')]).toEqual([0, 1, 0]);
    now = tuesday;
    expect([count('running'), count('paused'), count('breached')]).toEqual([0, 1, 0]);
    expect(
      new QueueReader(
        db,
        () => now,
        () => rules,
      ).count(QueueQuery.parse({ clock: { slaState: ['paused'] } })),
    ).toBe(1);
    db.close();
  });
});

describe('properties: one state for every history of pauses', () => {
  const { db, store } = replica();
  const maker = new QueueRowMaker(db);
  let seq = 1;
  const calendars = fc.oneof(
    { weight: 3, arbitrary: fc.constant(DEFAULT_JORDAN_CALENDAR) },
    { weight: 1, arbitrary: calendarArb },
  );
  const historyArb = fc
    .record({ calendar: calendars, target: fc.integer({ min: 1, max: 5000 }), submittedAtMs: wholeMinuteInstant })
    .chain((c) =>
      fc.record({
        calendar: fc.constant(c.calendar),
        target: fc.constant(c.target),
        submittedAtMs: fc.constant(c.submittedAtMs),
        history: pauseHistoryArb(c.submittedAtMs),
        nowMinutes: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 30 * 24 * 60 })),
      }),
    );

  it('the row, the case view, the filter (SQL and journal) and the hub’s ladder agree', () => {
    fc.assert(
      fc.property(historyArb, ({ calendar, target, submittedAtMs, history, nowMinutes }) => {
        const rules = rulesWith(calendar, target);
        const nowMs = history.lastChangeMs + nowMinutes * MINUTE;
        seq++;
        const record = hubCase(1, rules, submittedAtMs, history.pauses, history.lastChangeMs, seq);
        // Each run's case arrives afresh, so the journal's last entry is its row.
        db.prepare('DELETE FROM cases').run();
        store.applyChanges(store.lastAppliedSeq, [{ seq, table: 'cases', op: 'upsert', id: record.id, row: record }]);

        const caseView = timersOfCase(timedCaseOfRecord(record), rules, nowMs).resolution.state;
        const cells = db
          .prepare(`SELECT ${QUEUE_ROW_COLUMNS}, c.urgent_key FROM cases c ${QUEUE_ROW_JOINS} WHERE c.id = ?`)
          .raw(true)
          .get(record.id) as QueueRowCells;
        const row = maker.rows([cells], rules, nowMs)[0]!.sla!.state;
        const bounds = new ClockBounds(nowMs, rules);
        const bySql = SLA_STATES.filter((s) => {
          const { clauses, params } = clockWhere({ slaState: [s] }, bounds);
          return db
            .prepare(`SELECT count(*) FROM cases c WHERE c.id = @id AND ${clauses.join(' AND ')}`)
            .pluck()
            .get({ ...params, id: record.id });
        });
        const held = db.prepare(`SELECT ${CLOCK_ROW_COLUMNS} FROM cases c WHERE c.id = ?`).get(record.id) as WindowRow;
        const journalled = JSON.parse(
          db.prepare('SELECT new_row FROM queue_changes ORDER BY n DESC LIMIT 1').pluck().get() as string,
        ) as WindowRow;

        expect(row).toBe(caseView);
        expect(bySql).toEqual([caseView]);
        expect(stateAt(held, bounds)).toBe(caseView);
        expect(stateAt(journalled, bounds)).toBe(caseView);
        expect(hubBreached(record, rules, nowMs)).toBe(caseView === 'breached');
      }),
      { numRuns: 400 },
    );
  });
});
