import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escalationLevelAt,
  escalationRank,
  nextReferral,
  nextReferralAtMs,
  referralSchedule,
} from './escalationLadder';
import { ESCALATION_LEVELS, type EscalationLevel } from '../domain/taxonomy';
import { DEFAULT_LADDER_WINDOWS, LadderWindows, RungWindows, ladderWindowsFor } from './ladderWindows';
import { amman, showAmman, wholeMinuteInstant } from '../../tests/support/slaArbitraries';
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

describe('nextReferralAtMs: when a case at a level is next referred up', () => {
  const moh = LadderWindows.parse({
    ...DEFAULT_LADDER_WINDOWS,
    entities: { MOH: { focalPoint: 60, director: 420 } },
  });
  const patient = RungWindows.parse({ focalPoint: 60, director: 420, secretaryGeneral: 420 });
  const cases: [
    what: string,
    windows: RungWindows,
    breached: string | null,
    level: EscalationLevel,
    next: string | null,
  ][] = [
    ['no deadline: never', windows, null, 'focalPoint', null],
    [
      'the focal point, with no window: the deadline itself',
      windows,
      '2026-01-08 14:50',
      'focalPoint',
      '2026-01-08 14:50 Thu',
    ],
    [
      'the director: two working days on, over the weekend',
      windows,
      '2026-01-08 14:50',
      'director',
      '2026-01-12 14:50 Mon',
    ],
    ['the secretary-general: two more', windows, '2026-01-08 14:50', 'secretaryGeneral', '2026-01-14 14:50 Wed'],
    ['the minister: never, the top', windows, '2026-01-08 14:50', 'minister', null],
    [
      'a deadline out of hours: the working time counts from the next morning',
      patient,
      '2026-01-08 18:00',
      'focalPoint',
      '2026-01-11 09:00 Sun',
    ],
    [
      'a focal point’s hour runs past the close of the day',
      patient,
      '2026-01-08 14:30',
      'focalPoint',
      '2026-01-11 08:30 Sun',
    ],
    [
      'an entity’s own windows: MOH',
      ladderWindowsFor(moh, 'MOH'),
      '2026-01-08 14:50',
      'director',
      '2026-01-12 08:50 Mon',
    ],
    [
      'another entity keeps the defaults',
      ladderWindowsFor(moh, 'MOI'),
      '2026-01-08 14:50',
      'director',
      '2026-01-12 14:50 Mon',
    ],
    ['over Independence Day and Eid al-Adha', windows, '2026-05-24 14:00', 'director', '2026-06-01 14:00 Mon'],
    // A case a reassign brought back to the focal point climbs again from there.
    [
      'reassigned long after its deadline: due at once',
      windows,
      '2025-11-02 10:00',
      'focalPoint',
      '2025-11-02 10:00 Sun',
    ],
  ];
  it.each(cases)('%s', (_what, w, breached, level, next) => {
    const at = nextReferralAtMs(w, calendar, breached === null ? null : amman(breached), level);
    expect(at === null ? null : showAmman(at)).toBe(next);
  });

  it('is passed exactly when the referral job would move the case up from its level', () => {
    const levelArb = fc.constantFrom(...ESCALATION_LEVELS);
    const windowsArb = fc.record({
      focalPoint: fc.integer({ min: 0, max: 2000 }),
      director: fc.integer({ min: 1, max: 2000 }),
      secretaryGeneral: fc.integer({ min: 1, max: 2000 }),
    });
    const offset = fc.integer({ min: -3 * 24 * 60, max: 30 * 24 * 60 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(windowsArb, wholeMinuteInstant, levelArb, offset, fc.boolean(), (w, breached, level, dt, edge) => {
        const next = nextReferralAtMs(w, calendar, breached, level);
        // Also exactly at the instant, and a millisecond after: "passed" means after, not at.
        const nows = next === null ? [breached + dt] : [breached + dt, next, next + (edge ? 1 : 0)];
        for (const now of nows) {
          const climbs = escalationRank(escalationLevelAt(w, calendar, breached, now)) > escalationRank(level);
          expect(climbs).toBe(next !== null && now > next);
        }
      }),
      { numRuns: 500 },
    );
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
    const patient = RungWindows.parse({ focalPoint: 60, director: 420, secretaryGeneral: 420 });
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

  it('an entity’s override moves its own rungs, and only those above the rung it overrides', () => {
    const ladder = LadderWindows.parse({ ...DEFAULT_LADDER_WINDOWS, entities: { MOH: { director: 420 } } });
    const breached = amman('2026-01-08 14:50');
    const show = (code: string) =>
      referralSchedule(ladderWindowsFor(ladder, code), calendar, breached).map((r) => showAmman(r.dueAtMs));
    // The director of MOH has one working day, not two; the secretary-general's two days follow from there.
    expect(show('MOH')).toEqual(['2026-01-08 14:50 Thu', '2026-01-11 14:50 Sun', '2026-01-13 14:50 Tue']);
    expect(show('MOI')).toEqual(['2026-01-08 14:50 Thu', '2026-01-12 14:50 Mon', '2026-01-14 14:50 Wed']);
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

  // True for overrides that lengthen windows only: a shorter override brings referrals earlier, as it should.
  it('windows no shorter than another ladder’s never bring a referral earlier', () => {
    const longer = fc.record({
      focalPoint: fc.nat({ max: 2000 }),
      director: fc.nat({ max: 2000 }),
      secretaryGeneral: fc.nat({ max: 2000 }),
    });
    fc.assert(
      fc.property(windowsArb, longer, wholeMinuteInstant, (w, extra, breached) => {
        const base = referralSchedule(w, calendar, breached);
        const ladder = LadderWindows.parse({
          ...w,
          entities: {
            E: {
              focalPoint: w.focalPoint + extra.focalPoint,
              director: w.director + extra.director,
              secretaryGeneral: w.secretaryGeneral + extra.secretaryGeneral,
            },
          },
        });
        const overridden = referralSchedule(ladderWindowsFor(ladder, 'E'), calendar, breached);
        for (const [i, r] of overridden.entries()) expect(r.dueAtMs).toBeGreaterThanOrEqual(base[i]!.dueAtMs);
      }),
      { numRuns: 200 },
    );
  });

  it('an override of one rung’s window leaves the rungs up to it where they were', () => {
    const rung = fc.constantFrom('focalPoint', 'director', 'secretaryGeneral') as fc.Arbitrary<
      'focalPoint' | 'director' | 'secretaryGeneral'
    >;
    fc.assert(
      fc.property(windowsArb, rung, fc.integer({ min: 1, max: 4000 }), wholeMinuteInstant, (w, level, minutes, at) => {
        const ladder = LadderWindows.parse({ ...w, entities: { E: { [level]: minutes } } });
        const base = referralSchedule(w, calendar, at);
        const overridden = referralSchedule(ladderWindowsFor(ladder, 'E'), calendar, at);
        // The focal point's window decides when the director is reached (index 0), and so on up.
        const unaffected = ['focalPoint', 'director', 'secretaryGeneral'].indexOf(level);
        expect(overridden.slice(0, unaffected)).toEqual(base.slice(0, unaffected));
      }),
      { numRuns: 200 },
    );
  });
});
