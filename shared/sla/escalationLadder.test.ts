import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LADDER_WINDOWS,
  LadderWindows,
  escalationLevelAt,
  escalationRank,
  nextReferral,
  referralSchedule,
} from './escalationLadder';
import { amman, showAmman, wholeMinuteInstant } from './testSupport';
import { DEFAULT_JORDAN_CALENDAR } from './workingCalendar';

const calendar = DEFAULT_JORDAN_CALENDAR;
const windows = DEFAULT_LADDER_WINDOWS;

describe('a deadline passed on Thursday 8 January 2026 at 14:50', () => {
  const breached = amman('2026-01-08 14:50');

  it('schedules each referral in working time', () => {
    expect(referralSchedule(windows, calendar, breached).map((r) => [r.level, showAmman(r.dueAtMs)])).toEqual([
      ['director', '2026-01-08 14:50 Thu'],
      ['secretaryGeneral', '2026-01-12 14:50 Mon'],
      ['minister', '2026-01-14 14:50 Wed'],
    ]);
  });

  it.each([
    ['2026-01-08 12:00', 'focalPoint', 'director', '2026-01-08 14:50 Thu'],
    ['2026-01-08 14:50', 'focalPoint', 'director', '2026-01-08 14:50 Thu'],
    ['2026-01-08 14:51', 'director', 'secretaryGeneral', '2026-01-12 14:50 Mon'],
    ['2026-01-10 12:00', 'director', 'secretaryGeneral', '2026-01-12 14:50 Mon'],
    ['2026-01-12 14:51', 'secretaryGeneral', 'minister', '2026-01-14 14:50 Wed'],
    ['2026-01-14 15:00', 'minister', null, null],
    ['2026-03-01 09:00', 'minister', null, null],
  ])('at %s the case is with the %s', (now, level, nextLevel, nextDue) => {
    expect(escalationLevelAt(windows, calendar, breached, amman(now))).toBe(level);
    const next = nextReferral(windows, calendar, breached, amman(now));
    expect(next && [next.level, showAmman(next.dueAtMs)]).toEqual(nextLevel && [nextLevel, nextDue]);
  });
});

describe('ladder rules', () => {
  it('pauses over Independence Day and Eid al-Adha 2026', () => {
    const schedule = referralSchedule(windows, calendar, amman('2026-05-24 14:00'));
    expect(schedule.map((r) => showAmman(r.dueAtMs))).toEqual([
      '2026-05-24 14:00 Sun',
      '2026-06-01 14:00 Mon',
      '2026-06-03 14:00 Wed',
    ]);
  });

  it('gives the focal point its own window when configured', () => {
    const patient = LadderWindows.parse({ focalPoint: 60, director: 420, secretaryGeneral: 420 });
    const breached = amman('2026-01-08 14:50');
    expect(escalationLevelAt(patient, calendar, breached, amman('2026-01-11 08:00'))).toBe('focalPoint');
    expect(showAmman(nextReferral(patient, calendar, breached, amman('2026-01-11 08:00'))?.dueAtMs ?? 0)).toBe(
      '2026-01-11 08:50 Sun',
    );
    expect(escalationLevelAt(patient, calendar, breached, amman('2026-01-11 09:00'))).toBe('director');
  });

  it('without a breach the case stays with the focal point', () => {
    expect(escalationLevelAt(windows, calendar, null, amman('2026-01-11 09:00'))).toBe('focalPoint');
    expect(nextReferral(windows, calendar, null, amman('2026-01-11 09:00'))).toBeNull();
  });

  it('validates windows', () => {
    expect(LadderWindows.parse(DEFAULT_LADDER_WINDOWS)).toEqual({
      focalPoint: 0,
      director: 840,
      secretaryGeneral: 840,
    });
    expect(LadderWindows.safeParse({ focalPoint: -1, director: 1, secretaryGeneral: 1 }).success).toBe(false);
    expect(LadderWindows.safeParse({ focalPoint: 0, director: 0, secretaryGeneral: 1 }).success).toBe(false);
  });
});

describe('properties', () => {
  const windowsArb = fc.record({
    focalPoint: fc.integer({ min: 0, max: 2000 }),
    director: fc.integer({ min: 1, max: 2000 }),
    secretaryGeneral: fc.integer({ min: 1, max: 2000 }),
  });
  const later = fc.integer({ min: 0, max: 30 * 24 * 60 }).map((m) => m * 60_000);

  it('a case only ever climbs, and nextReferral names the rung just above', () => {
    fc.assert(
      fc.property(windowsArb, wholeMinuteInstant, later, later, (w, breached, a, b) => {
        const [early, late] = a <= b ? [breached + a, breached + b] : [breached + b, breached + a];
        const levelEarly = escalationLevelAt(w, calendar, breached, early);
        const levelLate = escalationLevelAt(w, calendar, breached, late);
        expect(escalationRank(levelLate)).toBeGreaterThanOrEqual(escalationRank(levelEarly));
        const next = nextReferral(w, calendar, breached, late);
        if (next === null) expect(levelLate).toBe('minister');
        else {
          expect(escalationRank(next.level)).toBe(escalationRank(levelLate) + 1);
          expect(next.dueAtMs).toBeGreaterThanOrEqual(late);
        }
      }),
      { numRuns: 300 },
    );
  });
});
