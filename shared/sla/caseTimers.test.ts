import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../domain/taxonomy';
import {
  CaseTimer,
  type CaseTimerInput,
  type StatusChange,
  caseTimerList,
  computeCaseTimers,
  pauseIntervals,
} from './caseTimers';
import type { SlaTargets } from './slaMatrix';
import { amman, calendarArb, showAmman, wholeMinuteInstant } from '../../tests/support/slaArbitraries';
import { DEFAULT_JORDAN_CALENDAR, addWorkingMinutes, workingMinutesBetween } from './workingCalendar';

const calendar = DEFAULT_JORDAN_CALENDAR;
const complaint: SlaTargets = { firstResponseMinutes: 420, updateMinutes: 840, resolutionMinutes: 4200 };

const changes = (...pairs: [string, StatusChange['status']][]): StatusChange[] =>
  pairs.map(([at, status]) => ({ atMs: amman(at), status }));

function timers(overrides: Partial<CaseTimerInput> & { now: string; submitted: string }) {
  const { now, submitted, ...rest } = overrides;
  return computeCaseTimers({
    targets: complaint,
    calendar,
    statusHistory: [],
    submittedAtMs: amman(submitted),
    nowMs: amman(now),
    ...rest,
  });
}

const view = (t: CaseTimer) => ({
  state: t.state,
  due: showAmman(t.dueAtMs),
  left: t.workingMinutesLeft,
});

describe('a complaint filed Thursday 14:50', () => {
  const submitted = '2026-01-08 14:50';

  it.each([
    [
      'Sunday 09:00: running',
      '2026-01-11 09:00',
      undefined,
      { state: 'running', due: '2026-01-11 14:50 Sun', left: 350 },
    ],
    [
      'Sunday 14:00: at risk',
      '2026-01-11 14:00',
      undefined,
      { state: 'atRisk', due: '2026-01-11 14:50 Sun', left: 50 },
    ],
    [
      'Sunday 15:00: breached',
      '2026-01-11 15:00',
      undefined,
      { state: 'breached', due: '2026-01-11 14:50 Sun', left: -10 },
    ],
    [
      'answered Sunday 14:00: met',
      '2026-01-12 09:00',
      '2026-01-11 14:00',
      { state: 'met', due: '2026-01-11 14:50 Sun', left: 50 },
    ],
    [
      'answered Sunday 15:00: breached',
      '2026-01-12 09:00',
      '2026-01-11 15:00',
      { state: 'breached', due: '2026-01-11 14:50 Sun', left: -10 },
    ],
  ])('first response, %s', (_label, now, answered, expected) => {
    const t = timers({ submitted, now, firstResponseAtMs: answered ? amman(answered) : null });
    expect(view(t.firstResponse)).toEqual(expected);
  });

  it('sets update and resolution deadlines on working days', () => {
    const t = timers({ submitted, now: '2026-01-11 09:00' });
    expect(showAmman(t.update.dueAtMs)).toBe('2026-01-12 14:50 Mon');
    expect(showAmman(t.resolution.dueAtMs)).toBe('2026-01-22 14:50 Thu');
    expect(t.resolution.fractionUsed).toBeCloseTo(70 / 4200);
  });

  it('stays breached when it starts awaiting the citizen after the deadline', () => {
    const t = timers({
      submitted,
      now: '2026-01-13 10:00',
      statusHistory: changes([submitted, 'submitted'], ['2026-01-12 09:00', 'awaitingCitizen']),
    });
    expect(t.firstResponse.state).toBe('breached');
    expect(t.resolution.state).toBe('paused');
  });
});

describe('a case paused and resumed across the Islamic New Year (Tuesday 16 June 2026)', () => {
  const submitted = '2026-06-14 08:00';
  const history = changes(
    [submitted, 'submitted'],
    ['2026-06-15 12:00', 'awaitingCitizen'],
    ['2026-06-17 10:00', 'inProgress'],
  );

  it('without the pause, ten working days end Sunday 28 June', () => {
    expect(showAmman(timers({ submitted, now: submitted }).resolution.dueAtMs)).toBe('2026-06-28 15:00 Sun');
  });

  it('after it, the deadline moves by the 300 paused working minutes, not by the holiday', () => {
    const t = timers({ submitted, now: '2026-06-18 12:00', statusHistory: history });
    expect(t.resolution.pausedWorkingMinutes).toBe(300);
    expect(view(t.resolution)).toEqual({
      state: 'running',
      due: '2026-06-29 13:00 Mon',
      left: 4200 - 420 - 240 - 300 - 240,
    });
  });

  it('while still paused on the holiday, it projects the deadline as if resumed now', () => {
    const t = timers({ submitted, now: '2026-06-16 12:00', statusHistory: history.slice(0, 2) });
    expect(view(t.resolution)).toEqual({ state: 'paused', due: '2026-06-29 11:00 Mon', left: 4200 - 420 - 240 });
    expect(t.update.state).toBe('paused');
  });

  it('a first response before the pause is met and unaffected', () => {
    const t = timers({
      submitted,
      now: '2026-06-18 12:00',
      statusHistory: history,
      firstResponseAtMs: amman('2026-06-14 11:00'),
    });
    expect(view(t.firstResponse)).toEqual({ state: 'met', due: '2026-06-14 15:00 Sun', left: 240 });
  });
});

describe('update and resolution', () => {
  it('the update clock restarts at the last update', () => {
    const t = timers({
      submitted: '2026-01-11 08:00',
      firstResponseAtMs: amman('2026-01-11 10:00'),
      lastUpdateAtMs: amman('2026-01-13 09:00'),
      now: '2026-01-14 14:00',
    });
    expect(view(t.update)).toEqual({ state: 'atRisk', due: '2026-01-15 09:00 Thu', left: 120 });
    expect(t.update.startedAtMs).toBe(amman('2026-01-13 09:00'));
  });

  it('a resolution stops all three clocks and counts as the first response', () => {
    const t = timers({
      submitted: '2026-01-11 08:00',
      resolvedAtMs: amman('2026-01-11 12:00'),
      now: '2026-02-01 09:00',
    });
    expect(caseTimerList(t).map((x) => [x.kind, x.state, x.stoppedAtMs])).toEqual([
      ['firstResponse', 'met', amman('2026-01-11 12:00')],
      ['update', 'met', amman('2026-01-11 12:00')],
      ['resolution', 'met', amman('2026-01-11 12:00')],
    ]);
  });

  it('a late resolution is breached', () => {
    const t = timers({
      submitted: '2026-01-11 08:00',
      firstResponseAtMs: amman('2026-01-11 09:00'),
      lastUpdateAtMs: amman('2026-01-20 09:00'),
      resolvedAtMs: amman('2026-01-26 09:00'),
      now: '2026-02-01 09:00',
    });
    // Overran by Sunday 25 January and the first hour of Monday.
    expect(view(t.resolution)).toEqual({ state: 'breached', due: '2026-01-22 15:00 Thu', left: -(420 + 60) });
  });

  it('honours a custom at-risk threshold', () => {
    const now = '2026-01-11 12:00';
    expect(timers({ submitted: '2026-01-11 08:00', now }).firstResponse.state).toBe('running');
    expect(timers({ submitted: '2026-01-11 08:00', now, atRiskThreshold: 0.5 }).firstResponse.state).toBe('atRisk');
  });

  it('produces timers that satisfy the wire schema', () => {
    const t = timers({ submitted: '2026-01-11 08:00', now: '2026-01-12 08:00' });
    for (const timer of caseTimerList(t)) expect(CaseTimer.parse(timer)).toEqual(timer);
  });
});

describe('pauseIntervals', () => {
  it('reads awaitingCitizen stretches from an unsorted history', () => {
    const history = changes(
      ['2026-01-13 09:00', 'inProgress'],
      ['2026-01-11 08:00', 'submitted'],
      ['2026-01-12 09:00', 'awaitingCitizen'],
      ['2026-01-14 09:00', 'awaitingCitizen'],
      ['2026-01-14 10:00', 'awaitingCitizen'],
    );
    expect(pauseIntervals(history)).toEqual([
      { fromMs: amman('2026-01-12 09:00'), toMs: amman('2026-01-13 09:00') },
      { fromMs: amman('2026-01-14 09:00'), toMs: Number.POSITIVE_INFINITY },
    ]);
  });
});

describe('properties', () => {
  const MINUTE = 60_000;
  const calendars = fc.oneof({ weight: 2, arbitrary: fc.constant(calendar) }, { weight: 1, arbitrary: calendarArb });
  const targetsArb = fc.record({
    firstResponseMinutes: fc.integer({ min: 1, max: 2000 }),
    updateMinutes: fc.integer({ min: 1, max: 4000 }),
    resolutionMinutes: fc.integer({ min: 1, max: 8000 }),
  });
  const historyArb = (submittedAtMs: number) =>
    fc
      .array(
        fc.record({
          offset: fc.integer({ min: 0, max: 40 * 24 * 60 }),
          status: fc.constantFrom(...CASE_STATUSES, 'awaitingCitizen', 'awaitingCitizen'),
        }),
        { maxLength: 10 },
      )
      .map((list) => list.map(({ offset, status }) => ({ atMs: submittedAtMs + offset * MINUTE, status })));
  const caseArb = fc
    .record({ calendar: calendars, targets: targetsArb, submittedAtMs: wholeMinuteInstant })
    .chain((c) =>
      fc.record({
        calendar: fc.constant(c.calendar),
        targets: fc.constant(c.targets),
        submittedAtMs: fc.constant(c.submittedAtMs),
        statusHistory: historyArb(c.submittedAtMs),
        nowMs: fc.integer({ min: 0, max: 60 * 24 * 60 }).map((m) => c.submittedAtMs + m * MINUTE),
        firstResponseAtMs: fc.option(
          fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => c.submittedAtMs + m * MINUTE),
          { nil: null },
        ),
      }),
    );

  it('pausing never makes a case late sooner', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const paused = computeCaseTimers(input);
        const unpaused = computeCaseTimers({ ...input, statusHistory: [] });
        for (const kind of ['firstResponse', 'update', 'resolution'] as const) {
          expect(paused[kind].dueAtMs).toBeGreaterThanOrEqual(unpaused[kind].dueAtMs);
          if (paused[kind].state === 'breached') expect(unpaused[kind].state).toBe('breached');
          expect(paused[kind].workingMinutesLeft).toBeGreaterThanOrEqual(unpaused[kind].workingMinutesLeft);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without pauses the deadline is plain working-time arithmetic', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const t = computeCaseTimers({ ...input, statusHistory: [] });
        expect(t.resolution.dueAtMs).toBe(
          addWorkingMinutes(input.calendar, input.submittedAtMs, input.targets.resolutionMinutes),
        );
        expect(t.resolution.pausedWorkingMinutes).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('at the deadline, unpaused working time equals the target exactly', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        // Close every pause, then look from far enough ahead that all of them count.
        const last = Math.max(input.submittedAtMs, ...input.statusHistory.map((s) => s.atMs));
        const statusHistory = [...input.statusHistory, { atMs: last + MINUTE, status: 'inProgress' as const }];
        const t = computeCaseTimers({ ...input, statusHistory, nowMs: last + 400 * 86_400_000 });
        const due = t.resolution.dueAtMs;
        const paused = pauseIntervals(statusHistory).reduce(
          (sum, p) =>
            sum +
            Math.max(
              0,
              workingMinutesBetween(input.calendar, Math.max(p.fromMs, input.submittedAtMs), Math.min(p.toMs, due)),
            ),
          0,
        );
        expect(workingMinutesBetween(input.calendar, input.submittedAtMs, due) - paused).toBe(
          input.targets.resolutionMinutes,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('only a clock past its deadline is breached while it runs', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        for (const t of caseTimerList(computeCaseTimers(input))) {
          if (t.stoppedAtMs !== null) continue;
          expect(t.state === 'breached').toBe(input.nowMs > t.dueAtMs);
        }
      }),
      { numRuns: 200 },
    );
  });
});
