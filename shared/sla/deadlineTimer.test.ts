import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deadlineTimer } from './deadlineTimer';
import { DEFAULT_JORDAN_CALENDAR, addWorkingMinutes } from './workingCalendar';
import { escalationLevelAt } from './escalationLadder';
import { DEFAULT_LADDER_WINDOWS } from './ladderWindows';
import { type ClockRules, type TimedCase, timersOfCase, trackedDeadlines } from './caseClocks';
import { deadlineWithPauses, type PauseInterval } from './caseTimers';
import { SlaMatrix } from './slaMatrix';
import { amman, calendarArb, pauseHistoryArb, showAmman, wholeMinuteInstant } from '../../tests/support/slaArbitraries';

const cal = DEFAULT_JORDAN_CALENDAR;
const submitted = amman('2026-11-22 09:00'); // a Sunday
const due = addWorkingMinutes(cal, submitted, 600);

describe('deadlineTimer', () => {
  it.each([
    ['just filed', 'assigned', amman('2026-11-22 09:30'), null, 'running'],
    ['most of the target used', 'inProgress', addWorkingMinutes(cal, submitted, 540), null, 'atRisk'],
    ['awaiting the citizen', 'awaitingCitizen', amman('2026-11-22 10:00'), null, 'paused'],
    ['past the deadline', 'assigned', due + 60_000, null, 'breached'],
    ['awaiting the citizen after the deadline', 'awaitingCitizen', due + 60_000, null, 'breached'],
    ['answered in time', 'answered', due + 86_400_000, due - 60_000, 'met'],
    ['answered late', 'closed', due + 86_400_000, due + 3_600_000, 'breached'],
  ] as const)('%s → %s', (_what, status, now, answeredAt, state) => {
    const timer = deadlineTimer(
      { status, dueAtMs: due, answeredAtMs: answeredAt, targetMinutes: 600, nowMs: now },
      cal,
    );
    expect(timer!.state).toBe(state);
  });

  it('counts working time left, not wall time: a weekend costs nothing', () => {
    const thursdayLate = amman('2026-11-26 14:00');
    const dueSunday = amman('2026-11-29 10:00');
    const timer = deadlineTimer(
      { status: 'assigned', dueAtMs: dueSunday, answeredAtMs: null, targetMinutes: 600, nowMs: thursdayLate },
      cal,
    );
    expect(timer!.workingMinutesLeft).toBe(60 + 120);
  });

  it('agrees with the hub: the desk shows breached exactly when the hub’s ladder has started referring', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: -20_000, max: 200_000 }),
        (target, offsetMinutes) => {
          const dueAt = addWorkingMinutes(cal, submitted, target);
          const now = dueAt + offsetMinutes * 60_000;
          const desk = deadlineTimer(
            { status: 'inProgress', dueAtMs: dueAt, answeredAtMs: null, targetMinutes: target, nowMs: now },
            cal,
          )!;
          const hubLevel = escalationLevelAt(DEFAULT_LADDER_WINDOWS, cal, dueAt, now);
          expect(desk.state === 'breached').toBe(now > dueAt);
          if (hubLevel !== 'focalPoint') expect(desk.state).toBe('breached');
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Rules under which every case has the same resolution target (and the default at-risk share). */
const rulesWithTarget = (calendar: ClockRules['calendar'], minutes: number): ClockRules => ({
  calendar,
  matrix: SlaMatrix.parse({
    rules: [
      { id: 'all', targets: { firstResponseMinutes: minutes, updateMinutes: minutes, resolutionMinutes: minutes } },
    ],
  }),
});

/** A complaint with these pauses: awaiting the citizen while the last is open, else being worked on. */
const pausedCase = (submittedAtMs: number, pauses: readonly PauseInterval[]): TimedCase => ({
  type: 'complaint',
  importance: 'normal',
  pillar: 'serviceQuality',
  status: pauses.at(-1)?.toMs === Number.POSITIVE_INFINITY ? 'awaitingCitizen' : 'inProgress',
  submittedAtMs,
  pauses,
  firstResponseAtMs: null,
  lastUpdateAtMs: null,
  answeredAtMs: null,
  closedAtMs: null,
});

/**
 * Four readings of one case's resolution clock: the queue row's (the hub's
 * stored deadline, the pause start), the case view's (every pause), and the
 * hub's ladder's: the deadline it acts on once the case is worked on again,
 * which for a waiting case is the deadline it would get on resuming now.
 */
function readings(rules: ClockRules, target: number, c: TimedCase, lastChangeMs: number, nowMs: number) {
  const open = c.pauses.find((p) => p.toMs === Number.POSITIVE_INFINITY) ?? null;
  // What the hub stored at the last change (trackCaseClocks), as the desk holds it.
  const storedDueMs = trackedDeadlines(c, rules, lastChangeMs).resolutionDueMs;
  const row = deadlineTimer(
    {
      status: c.status,
      dueAtMs: storedDueMs,
      answeredAtMs: null,
      targetMinutes: target,
      nowMs,
      pausedSinceMs: open?.fromMs ?? null,
    },
    rules.calendar,
  )!;
  const caseView = timersOfCase(c, rules, nowMs).resolution;
  const resumed: TimedCase = {
    ...c,
    status: 'inProgress',
    pauses: c.pauses.map((p) => (p === open ? { fromMs: p.fromMs, toMs: nowMs } : p)),
  };
  const hubDueMs = open ? trackedDeadlines(resumed, rules, nowMs).resolutionDueMs : storedDueMs;
  return {
    storedDueMs,
    row,
    caseView,
    hubDueMs,
    hubLevel: escalationLevelAt(DEFAULT_LADDER_WINDOWS, rules.calendar, hubDueMs, nowMs),
  };
}

describe('a case awaiting the citizen, as the queue row, the case view and the hub read it', () => {
  // Submitted Sunday 09:00 with a 600-minute target: due Monday 12:00 (08:00–15:00 days).
  const rules = rulesWithTarget(cal, 600);
  const sunday = amman('2026-11-22 09:00');
  it.each([
    ['awaiting the citizen from Sunday 10:00', 'paused', 540, [['2026-11-22 10:00', null]]],
    ['awaiting the citizen from Monday 13:00, after the deadline', 'breached', -60, [['2026-11-23 13:00', null]]],
    ['awaiting from Sunday 10:00 to Monday 10:00', 'atRisk', 120, [['2026-11-22 10:00', '2026-11-23 10:00']]],
    ['never awaiting the citizen', 'breached', -300, []],
  ] as const)(
    '%s, seen on Tuesday 10:00: %s, %d working minutes left, on every reading',
    (_what, state, left, spans) => {
      const list: readonly (readonly [string, string | null])[] = spans;
      const pauses = list.map(([from, to]) => ({
        fromMs: amman(from),
        toMs: to === null ? Number.POSITIVE_INFINITY : amman(to),
      }));
      const c = pausedCase(sunday, pauses);
      const lastChangeMs = Math.max(sunday, ...pauses.map((p) => (Number.isFinite(p.toMs) ? p.toMs : p.fromMs)));
      const now = amman('2026-11-24 10:00');
      const r = readings(rules, 600, c, lastChangeMs, now);
      if (list.every(([, to]) => to === null)) expect(showAmman(r.storedDueMs)).toBe('2026-11-23 12:00 Mon');
      expect(r.row.state).toBe(state);
      expect(r.caseView.state).toBe(state);
      expect(r.row.workingMinutesLeft).toBe(left);
      expect(r.caseView.workingMinutesLeft).toBe(left);
      expect(now > r.hubDueMs).toBe(state === 'breached');
    },
  );
});

describe('properties: the row, the case view and the hub agree for every history of pauses', () => {
  const calendars = fc.oneof({ weight: 3, arbitrary: fc.constant(cal) }, { weight: 1, arbitrary: calendarArb });
  const historyArb = fc
    .record({ calendar: calendars, target: fc.integer({ min: 1, max: 5000 }), submittedAtMs: wholeMinuteInstant })
    .chain((c) =>
      pauseHistoryArb(c.submittedAtMs).chain((h) =>
        fc.record({
          calendar: fc.constant(c.calendar),
          target: fc.constant(c.target),
          submittedAtMs: fc.constant(c.submittedAtMs),
          history: fc.constant(h),
          shuffled: fc.shuffledSubarray(h.pauses, { minLength: h.pauses.length, maxLength: h.pauses.length }),
          // From the last change to weeks later, thickest in the hours after it.
          nowMinutes: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 30 * 24 * 60 })),
        }),
      ),
    );

  it('the same state, and breached exactly when the ladder’s deadline has passed', () => {
    fc.assert(
      fc.property(historyArb, ({ calendar, target, submittedAtMs, history, nowMinutes }) => {
        const rules = rulesWithTarget(calendar, target);
        const c = pausedCase(submittedAtMs, history.pauses);
        const now = history.lastChangeMs + nowMinutes * 60_000;
        const r = readings(rules, target, c, history.lastChangeMs, now);
        expect(r.row.state).toBe(r.caseView.state);
        expect(r.row.state === 'breached').toBe(now > r.hubDueMs);
        if (r.hubLevel !== 'focalPoint') expect(r.row.state).toBe('breached');
        // The case view's deadline is the one the hub stores on resuming now.
        if (r.caseView.state !== 'breached') expect(r.caseView.dueAtMs).toBe(r.hubDueMs);
      }),
      { numRuns: 1500 },
    );
  });

  it('pauses listed in any order give the same deadlines and clocks', () => {
    fc.assert(
      fc.property(historyArb, ({ calendar, target, submittedAtMs, history, shuffled, nowMinutes }) => {
        const rules = rulesWithTarget(calendar, target);
        const now = history.lastChangeMs + nowMinutes * 60_000;
        const inOrder = pausedCase(submittedAtMs, history.pauses);
        const outOfOrder = { ...inOrder, pauses: shuffled };
        const finite = (pauses: readonly PauseInterval[]) =>
          pauses.map((p) => ({ fromMs: p.fromMs, toMs: Math.min(p.toMs, now) }));
        expect(deadlineWithPauses(calendar, submittedAtMs, target, finite(shuffled))).toBe(
          deadlineWithPauses(calendar, submittedAtMs, target, finite(history.pauses)),
        );
        expect(timersOfCase(outOfOrder, rules, now)).toEqual(timersOfCase(inOrder, rules, now));
        expect(trackedDeadlines(outOfOrder, rules, history.lastChangeMs)).toEqual(
          trackedDeadlines(inOrder, rules, history.lastChangeMs),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
