import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { CLOCK_ROW_COLUMNS, ClockBounds, clockMatcher, clockWhere, crossings, keyRange, stateAt } from './queueClock';
import type { WindowRow } from './queueFilters';
import type { ClockFilters, SlaState } from '../../shared/contract/clockFilters';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { CLOCK_ENTITIES, CLOCK_RULES, clockCases } from '../../tests/support/clockCaseFixture';
import { createSeedRandom } from '../../shared/random/seedRandom';
import { deadlineTimer, slaTargetsFor } from '../../shared/sla';

const MINUTE = 60_000;
/** Monday 14:50 in Amman. */
const START = Date.parse('2026-11-30T11:50:00.000Z');
const { db } = openReplicaDatabase(':memory:');
const store = new ReplicaStore(db);
/**
 * Of the cases awaiting the citizen, a third since before their deadline
 * (paused however late it is), a third since after it (breached once it has
 * passed), and a third from a hub that sent no pauses.
 */
const withPause = (row: CaseRecord, i: number): CaseRecord => {
  if (row.status !== 'awaitingCitizen' || !row.dueAt || i % 3 === 0) return row;
  const due = Date.parse(row.dueAt);
  const from = i % 3 === 1 ? Math.max(Date.parse(row.submittedAt), due - 45 * MINUTE) : due + 10 * MINUTE;
  return { ...row, pauses: [{ from: new Date(from).toISOString(), to: null }] };
};
const cases = clockCases(3000, 17, START).map(withPause);
const pausedSince = (row: CaseRecord) => {
  const last = row.pauses.at(-1);
  return last && last.to === null ? Date.parse(last.from) : null;
};
store.beginBootstrap('e', 1, { keepRows: false });
store.writeSnapshotPage('entities', CLOCK_ENTITIES, null, true);
store.writeSnapshotPage('cases', cases, null, true);
store.completeBootstrap();
const rows = db.prepare(`SELECT ${CLOCK_ROW_COLUMNS} FROM cases c`).all() as WindowRow[];

const FILTERS: ClockFilters[] = [
  { slaState: ['breached'] },
  { slaState: ['atRisk'] },
  { slaState: ['running'] },
  { slaState: ['paused'] },
  { slaState: ['met'] },
  { slaState: ['breached', 'running'] },
  { slaState: ['atRisk', 'paused', 'met'] },
  { breachedToday: true },
  { unchangedDays: 3 },
  { unchangedDays: 1, slaState: ['atRisk', 'breached'] },
  { breachedToday: true, slaState: ['breached'] },
];
/** Times around the working day's end, the evening, Amman's midnight, a weekend. */
const TIMES = [0, 9 * MINUTE, 11 * MINUTE, 3 * 60 * MINUTE, 9 * 60 * MINUTE + 30_000, 3 * 24 * 60 * MINUTE + 7].map(
  (step) => START + step,
);

const bySql = (clock: ClockFilters, bounds: ClockBounds, extra: string[] = [], extraParams = {}) => {
  const { clauses, params } = clockWhere(clock, bounds);
  return db
    .prepare(`SELECT id FROM cases c WHERE ${[...clauses, ...extra].join(' AND ')} ORDER BY id`)
    .pluck()
    .all({ ...params, ...extraParams }) as string[];
};
const ids = (kept: WindowRow[]) => kept.map((row) => row.id).sort();

describe('clock filters', () => {
  it('are tried on cases awaiting the citizen since before a deadline now past, and since after one', () => {
    const waiting = rows.filter((row) => row.status === 'awaitingCitizen' && row.due_at && row.paused_since);
    const past = waiting.filter((row) => row.due_at! < new Date(START).toISOString());
    expect(past.filter((row) => row.paused_since! < row.due_at!).length).toBeGreaterThan(10);
    expect(past.filter((row) => row.paused_since! >= row.due_at!).length).toBeGreaterThan(10);
  });

  // The default share (80%), and hubs that set another: the at-risk edge moves with it.
  const SHARES = [undefined, 0.5, 0.95];
  it.each(
    TIMES.flatMap((t) => SHARES.map((share) => [new Date(t).toISOString(), share ?? 'default', t, share] as const)),
  )(
    'at %s, at-risk share %s: the SQL and the journal’s predicate keep the same cases, and each state is the one its row shows',
    (_at, _share, nowMs, share) => {
      const rules =
        share === undefined ? CLOCK_RULES : { ...CLOCK_RULES, matrix: { ...CLOCK_RULES.matrix, atRiskShare: share } };
      const bounds = new ClockBounds(nowMs, rules);
      for (const clock of FILTERS) {
        expect(ids(rows.filter(clockMatcher(clock, bounds))), JSON.stringify(clock)).toEqual(bySql(clock, bounds));
      }
      const shown = new Map(
        cases.map((row) => {
          const timer = deadlineTimer(
            {
              status: row.status,
              dueAtMs: row.dueAt ? Date.parse(row.dueAt) : null,
              answeredAtMs: row.answeredAt ? Date.parse(row.answeredAt) : null,
              targetMinutes: slaTargetsFor(CLOCK_RULES.matrix, row.type, row.importance, row.pillar).resolutionMinutes,
              nowMs,
              atRiskThreshold: share,
              pausedSinceMs: pausedSince(row),
            },
            CLOCK_RULES.calendar,
          );
          return [row.id, timer?.state ?? null] as const;
        }),
      );
      for (const row of rows) expect(stateAt(row, bounds), row.id).toBe(shown.get(row.id));
    },
  );

  it.each(FILTERS.map((clock) => [JSON.stringify(clock), clock] as const))(
    '%s: each block’s range of keys holds all of its cases',
    (_what, clock) => {
      for (const nowMs of TIMES) {
        const bounds = new ClockBounds(nowMs, CLOCK_RULES);
        for (const block of ['open', 'closed'] as const) {
          const range = keyRange(clock, bounds, block);
          const inBlock = `c.urgent_key ${block === 'open' ? "< '1'" : ">= '1'"}`;
          const all = bySql(clock, bounds, [inBlock]);
          const ranged = range
            ? bySql(clock, bounds, [inBlock, 'c.urgent_key >= @keyFrom AND c.urgent_key <= @keyTo'], {
                keyFrom: range.from,
                keyTo: range.to,
              })
            : [];
          expect(ranged, `${block} at ${new Date(nowMs).toISOString()}`).toEqual(all);
        }
      }
    },
  );

  it('finds every case time moves in or out of a selection among the crossings', () => {
    const rng = createSeedRandom(9);
    const states = new Set<SlaState>(['breached', 'atRisk', 'running', 'paused', 'met']);
    for (let round = 0; round < 40; round++) {
      const from = START + rng.int(-3 * 24 * 60, 3 * 24 * 60) * MINUTE + rng.int(0, MINUTE);
      // Seconds to days, forwards or back.
      const to = from + (rng.chance(0.2) ? -1 : 1) * Math.round(Math.pow(10, rng.next() * 5.5) * 1000);
      const [was, now] = [new ClockBounds(from, CLOCK_RULES), new ClockBounds(to, CLOCK_RULES)];
      const ranges = crossings(was, now, { states, breachedToday: true, unchangedDays: new Set([1, 3]) });
      const inRanges = (row: WindowRow) => {
        const due = row.urgent_key.slice(1);
        return (
          (due !== '' && ranges.deadlines.some(([a, b]) => due >= a && due <= b)) ||
          (row.is_open === 1 && ranges.lastChanges.some(([a, b]) => row.updated_at! >= a && row.updated_at! <= b))
        );
      };
      for (const clock of FILTERS) {
        const [before, after] = [clockMatcher(clock, was), clockMatcher(clock, now)];
        const moved = rows.filter((row) => before(row) !== after(row));
        const missed = moved.filter((row) => !inRanges(row)).map((row) => row.id);
        expect(missed, `${JSON.stringify(clock)} from ${was.now} to ${now.now}`).toEqual([]);
      }
    }
  });
});
