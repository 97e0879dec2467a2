import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deadlineTimer } from './deadlineTimer';
import { DEFAULT_JORDAN_CALENDAR, addWorkingMinutes } from './workingCalendar';
import { escalationLevelAt } from './escalationLadder';
import { DEFAULT_LADDER_WINDOWS } from './ladderWindows';
import { amman } from '../../tests/support/slaArbitraries';

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
