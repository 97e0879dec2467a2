import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amman, calendarArb, showAmman, wholeMinuteInstant } from '../../tests/support/slaArbitraries';
import {
  type CalendarEntry,
  DEFAULT_JORDAN_CALENDAR,
  WorkingCalendar,
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingMoment,
  workingDaySchedule,
  workingMinutesBetween,
} from './workingCalendar';
import { hijriHolidayDates } from './hijriDate';

const civil = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};

const jordan = DEFAULT_JORDAN_CALENDAR;
const DAY = 420;

function withEntries(...entries: CalendarEntry[]): WorkingCalendar {
  return WorkingCalendar.parse({ ...jordan, entries: [...jordan.entries, ...entries] });
}

const byCircular = (id: string) => ({
  id,
  source: 'Prime Ministry circular (test)',
  name: { ar: 'تعطيل', en: 'Closure' },
});

// A snow storm: offices shut on Wednesday 14 Jan 2026 and open at 10:00 the next day;
// an evacuation empties them for two hours on Tuesday 20 Jan.
const weather = withEntries(
  { kind: 'closure', ...byCircular('snow-2026-01-14'), period: { type: 'wholeDays', date: '2026-01-14', spanDays: 1 } },
  {
    kind: 'closure',
    ...byCircular('late-2026-01-15'),
    period: { type: 'lateStart', date: '2026-01-15', startsAt: '10:00' },
  },
  {
    kind: 'closure',
    ...byCircular('evacuation-2026-01-20'),
    period: { type: 'interval', fromMs: amman('2026-01-20 10:00'), toMs: amman('2026-01-20 12:00') },
  },
);

// The circular moved Eid al-Adha 2026 to run six days, through Sunday 31 May.
const eidAnnounced = WorkingCalendar.parse({
  ...jordan,
  entries: jordan.entries.map((e) =>
    e.id === 'eid-al-adha' && e.kind === 'hijriHoliday'
      ? { ...e, overrides: [{ startDate: '2026-05-26', spanDays: 6, source: 'Prime Ministry circular 21/2026' }] }
      : e,
  ),
});

// Ramadan hours announced as 10:00–15:00 from the second day only.
const ramadanAnnounced = WorkingCalendar.parse({
  ...jordan,
  entries: jordan.entries.map((e) =>
    e.kind === 'ramadanHours'
      ? { ...e, overrides: [{ fromDate: '2026-02-19', toDate: '2026-03-19', start: '10:00', end: '15:00' }] }
      : e,
  ),
});

describe('addWorkingMinutes: Jordan cases', () => {
  it.each([
    ['complaint filed Thursday 14:50 runs into Sunday', jordan, '2026-01-08 14:50', DAY, '2026-01-11 14:50 Sun'],
    ['two working days from Wednesday skip the weekend', jordan, '2026-01-07 10:00', 2 * DAY, '2026-01-11 10:00 Sun'],
    [
      'a full day from Thursday 08:00 ends at 15:00, not on Sunday',
      jordan,
      '2026-01-08 08:00',
      DAY,
      '2026-01-08 15:00 Thu',
    ],
    ['filed Thursday 15:00 counts from Sunday 08:00', jordan, '2026-01-08 15:00', 1, '2026-01-11 08:01 Sun'],
    ['filed on Friday counts from Sunday', jordan, '2026-01-09 11:00', 60, '2026-01-11 09:00 Sun'],
    ['filed before opening counts from 08:00', jordan, '2026-01-11 06:30', 30, '2026-01-11 08:30 Sun'],
    ['New Year 2026 (Thursday) joins the weekend', jordan, '2025-12-31 14:00', 120, '2026-01-04 09:00 Sun'],
    ['Independence Day and Eid al-Adha 2026', jordan, '2026-05-24 10:00', DAY, '2026-05-31 10:00 Sun'],
    ['ten working days around Eid al-Adha 2026', jordan, '2026-05-21 08:00', 10 * DAY, '2026-06-09 15:00 Tue'],
    ['the circular adds a sixth Eid day', eidAnnounced, '2026-05-24 10:00', DAY, '2026-06-01 10:00 Mon'],
    ['Ramadan hours are 09:00–14:00', jordan, '2026-02-22 09:00', DAY, '2026-02-23 11:00 Mon'],
    ['filed the day before Ramadan', jordan, '2026-02-17 14:00', DAY, '2026-02-19 10:00 Thu'],
    ['filed in Ramadan before 09:00', jordan, '2026-02-22 08:30', 30, '2026-02-22 09:30 Sun'],
    ['last day of Ramadan into Eid al-Fitr', jordan, '2026-03-19 13:00', 120, '2026-03-23 09:00 Mon'],
    ['announced Ramadan hours', ramadanAnnounced, '2026-02-18 14:00', 120, '2026-02-19 11:00 Thu'],
    ['snow day and a late start', weather, '2026-01-13 14:00', DAY, '2026-01-18 09:00 Sun'],
    ['an evacuation stops the clock for two hours', weather, '2026-01-20 09:00', 120, '2026-01-20 13:00 Tue'],
    // Jordan's last DST change: 01:00 on Friday 29 Oct 2021 became 00:00.
    ['across the autumn 2021 clock change', jordan, '2021-10-28 14:00', 120, '2021-10-31 09:00 Sun'],
  ])('%s', (_label, calendar, start, minutes, due) => {
    expect(showAmman(addWorkingMinutes(calendar, amman(start), minutes))).toBe(due);
  });

  it('keeps UTC right across the 2021 clock change', () => {
    expect(new Date(addWorkingMinutes(jordan, amman('2021-10-28 14:00'), 120)).toISOString()).toBe(
      '2021-10-31T07:00:00.000Z',
    );
  });

  it('returns the start itself for zero minutes and refuses negative ones', () => {
    const friday = amman('2026-01-09 11:00');
    expect(addWorkingMinutes(jordan, friday, 0)).toBe(friday);
    expect(() => addWorkingMinutes(jordan, friday, -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(jordan, Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['Thursday 14:00 → Sunday 09:00', jordan, '2026-01-08 14:00', '2026-01-11 09:00', 120],
    ['a whole Friday', jordan, '2026-01-09 00:00', '2026-01-10 00:00', 0],
    ['a Sunday–Thursday week', jordan, '2026-01-11 00:00', '2026-01-16 00:00', 5 * DAY],
    ['a Ramadan day', jordan, '2026-02-22 00:00', '2026-02-23 00:00', 300],
    ['Independence Day through Eid al-Adha 2026', jordan, '2026-05-25 00:00', '2026-05-31 00:00', 0],
    ['snow week', weather, '2026-01-11 00:00', '2026-01-16 00:00', 3 * DAY + 300],
  ])('%s', (_label, calendar, a, b, minutes) => {
    expect(workingMinutesBetween(calendar, amman(a), amman(b))).toBe(minutes);
  });

  it('is negative when the interval runs backwards', () => {
    expect(workingMinutesBetween(jordan, amman('2026-01-11 09:00'), amman('2026-01-08 14:00'))).toBe(-120);
  });
});

describe('isWorkingTime and nextWorkingMoment', () => {
  it.each([
    ['2026-01-08 08:00', true, '2026-01-08 08:00 Thu'],
    ['2026-01-08 14:59', true, '2026-01-08 14:59 Thu'],
    ['2026-01-08 15:00', false, '2026-01-11 08:00 Sun'],
    ['2026-01-10 12:00', false, '2026-01-11 08:00 Sun'],
    ['2026-05-25 09:00', false, '2026-05-31 08:00 Sun'],
    ['2026-02-18 08:30', false, '2026-02-18 09:00 Wed'],
    ['2026-02-18 14:00', false, '2026-02-19 09:00 Thu'],
  ])('%s', (at, working, next) => {
    expect(isWorkingTime(jordan, amman(at))).toBe(working);
    expect(showAmman(nextWorkingMoment(jordan, amman(at)))).toBe(next);
  });

  it('gives up, rather than looping, on a calendar without working time', () => {
    const shut = withEntries({
      kind: 'closure',
      ...byCircular('forever'),
      period: { type: 'interval', fromMs: amman('2026-01-01 00:00'), toMs: amman('2040-01-01 00:00') },
    });
    expect(() => nextWorkingMoment(shut, amman('2026-01-05 09:00'))).toThrow(RangeError);
    expect(() => addWorkingMinutes(shut, amman('2026-01-05 09:00'), 1)).toThrow(RangeError);
  });
});

describe('workingDaySchedule', () => {
  it('says why a day is off or short', () => {
    expect(workingDaySchedule(jordan, '2026-05-27')).toMatchObject({ spans: [], entryIds: ['eid-al-adha'] });
    expect(workingDaySchedule(jordan, '2026-01-09')).toMatchObject({ weekend: true, spans: [] });
    expect(workingDaySchedule(jordan, '2026-02-18').entryIds).toEqual(['ramadan-hours']);
    expect(workingDaySchedule(weather, '2026-01-15')).toMatchObject({
      entryIds: ['late-2026-01-15'],
      spans: [{ startMs: amman('2026-01-15 10:00'), endMs: amman('2026-01-15 15:00') }],
    });
    expect(workingDaySchedule(weather, '2026-01-20').spans).toEqual([
      { startMs: amman('2026-01-20 08:00'), endMs: amman('2026-01-20 10:00') },
      { startMs: amman('2026-01-20 12:00'), endMs: amman('2026-01-20 15:00') },
    ]);
  });

  it('splits the day around breaks', () => {
    const withBreak = WorkingCalendar.parse({
      ...jordan,
      workingHours: { start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '12:30' }] },
    });
    expect(workingDaySchedule(withBreak, '2026-01-11').spans).toEqual([
      { startMs: amman('2026-01-11 08:00'), endMs: amman('2026-01-11 12:00') },
      { startMs: amman('2026-01-11 12:30'), endMs: amman('2026-01-11 16:00') },
    ]);
  });

  it('lets a holiday spill into the next year', () => {
    const yearEnd = withEntries({
      kind: 'gregorianHoliday',
      ...byCircular('year-end'),
      month: 12,
      day: 30,
      spanDays: 5,
    });
    // 30 Dec 2025 (Tue) through 3 Jan 2026: back at work on Sunday 4 January.
    expect(showAmman(nextWorkingMoment(yearEnd, amman('2025-12-30 09:00')))).toBe('2026-01-04 08:00 Sun');
  });
});

describe('an announced Hijri date replaces only the occurrence it is for', () => {
  // 27 Rajab (Isra and Mi'raj) falls twice in 2027: 1448 in January, 1449 in December.
  const JANUARY = '2027-01-05';
  const DECEMBER = '2027-12-25';
  const announced = (...startDates: string[]) =>
    WorkingCalendar.parse({
      ...jordan,
      entries: jordan.entries.map((e) =>
        e.id === 'isra-miraj' && e.kind === 'hijriHoliday'
          ? { ...e, overrides: startDates.map((startDate) => ({ startDate, spanDays: 1, source: 'circular (test)' })) }
          : e,
      ),
    });
  const off = (calendar: WorkingCalendar, date: string) =>
    workingDaySchedule(calendar, date).entryIds.includes('isra-miraj');

  it('computes both occurrences', () => {
    expect(hijriHolidayDates(2027, 7, 27)).toEqual([JANUARY, DECEMBER].map(civil));
  });

  it.each([
    ['nothing announced', [], [JANUARY, DECEMBER], ['2027-01-06', '2027-12-26']],
    ['January announced a day later', ['2027-01-06'], ['2027-01-06', DECEMBER], [JANUARY, '2027-12-26']],
    ['December announced a day later', ['2027-12-26'], [JANUARY, '2027-12-26'], ['2027-01-06', DECEMBER]],
    ['both announced', ['2027-01-06', '2027-12-26'], ['2027-01-06', '2027-12-26'], [JANUARY, DECEMBER]],
  ])('%s', (_what, startDates, holidays, workingDays) => {
    const calendar = announced(...startDates);
    for (const date of holidays) expect(off(calendar, date), date).toBe(true);
    for (const date of workingDays) expect(off(calendar, date), date).toBe(false);
  });

  it('so does an announced Ramadan: the other Ramadan of the same year keeps its hours (2030 has two)', () => {
    // Computed: 5 January – 3 February 2030, and from Thursday 26 December; the circular says Friday 27 December.
    const calendar = WorkingCalendar.parse({
      ...jordan,
      entries: jordan.entries.map((e) =>
        e.kind === 'ramadanHours'
          ? { ...e, overrides: [{ fromDate: '2030-12-27', toDate: '2031-01-24', start: '10:00', end: '14:00' }] }
          : e,
      ),
    });
    const hours = (date: string) =>
      workingDaySchedule(calendar, date).spans.map((s) => [showAmman(s.startMs), showAmman(s.endMs)]);
    expect(hours('2030-01-15')).toEqual([['2030-01-15 09:00 Tue', '2030-01-15 14:00 Tue']]);
    expect(hours('2030-12-26')).toEqual([['2030-12-26 08:00 Thu', '2030-12-26 15:00 Thu']]);
    expect(hours('2030-12-29')).toEqual([['2030-12-29 10:00 Sun', '2030-12-29 14:00 Sun']]);
  });
});

describe('schema', () => {
  it('accepts the default Jordan calendar as it stands', () => {
    expect(WorkingCalendar.parse(jordan)).toEqual(jordan);
  });

  it('fills defaults: Friday–Saturday weekend, no breaks', () => {
    const parsed = WorkingCalendar.parse({ workingHours: { start: '08:00', end: '15:00' } });
    expect(parsed.weekendDays).toEqual([5, 6]);
    expect(parsed.workingHours.breaks).toEqual([]);
    expect(parsed.entries).toEqual([]);
  });

  it.each([
    ['hours ending before they start', { workingHours: { start: '15:00', end: '08:00' } }],
    [
      'a break outside hours',
      { workingHours: { start: '08:00', end: '15:00', breaks: [{ start: '15:00', end: '15:30' }] } },
    ],
    ['a seven-day weekend', { weekendDays: [0, 1, 2, 3, 4, 5, 6], workingHours: { start: '08:00', end: '15:00' } }],
    ['24:00', { workingHours: { start: '08:00', end: '24:00' } }],
    [
      'duplicate entry ids',
      {
        workingHours: { start: '08:00', end: '15:00' },
        entries: [
          { kind: 'gregorianHoliday', ...byCircular('x'), month: 1, day: 1 },
          { kind: 'gregorianHoliday', ...byCircular('x'), month: 5, day: 1 },
        ],
      },
    ],
    [
      '31 April',
      {
        workingHours: { start: '08:00', end: '15:00' },
        entries: [{ kind: 'gregorianHoliday', ...byCircular('x'), month: 4, day: 31 }],
      },
    ],
    [
      'an entry without a source',
      {
        workingHours: { start: '08:00', end: '15:00' },
        entries: [{ kind: 'gregorianHoliday', id: 'x', source: '', name: { ar: 'x', en: 'x' }, month: 1, day: 1 }],
      },
    ],
  ])('rejects %s', (_label, input) => {
    expect(WorkingCalendar.safeParse(input).success).toBe(false);
  });
});

describe('properties', () => {
  const calendars = fc.oneof({ weight: 1, arbitrary: fc.constant(jordan) }, { weight: 2, arbitrary: calendarArb });
  const minutesArb = fc.integer({ min: 1, max: 12 * DAY });

  it('a deadline is the end of working time: the minute before it is working time', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, minutesArb, (calendar, start, minutes) => {
        const due = addWorkingMinutes(calendar, start, minutes);
        expect(due).toBeGreaterThan(start);
        expect(isWorkingTime(calendar, due - 60_000)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('workingMinutesBetween(s, addWorkingMinutes(s, n)) === n', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, fc.integer({ min: 0, max: 12 * DAY }), (calendar, start, n) => {
        expect(workingMinutesBetween(calendar, start, addWorkingMinutes(calendar, start, n))).toBe(n);
      }),
      { numRuns: 400 },
    );
  });

  it('more target minutes never give an earlier deadline', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, minutesArb, minutesArb, (calendar, start, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(addWorkingMinutes(calendar, start, more)).toBeGreaterThanOrEqual(
          addWorkingMinutes(calendar, start, less),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, fc.integer({ min: 0, max: 20_000 }), minutesArb, (c, s, gap, n) => {
        const later = s + gap * 60_000;
        expect(addWorkingMinutes(c, later, n)).toBeGreaterThanOrEqual(addWorkingMinutes(c, s, n));
      }),
      { numRuns: 300 },
    );
  });

  it('nextWorkingMoment is working time, with none skipped before it', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, (calendar, ms) => {
        const next = nextWorkingMoment(calendar, ms);
        expect(next).toBeGreaterThanOrEqual(ms);
        expect(isWorkingTime(calendar, next)).toBe(true);
        expect(workingMinutesBetween(calendar, ms, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('workingMinutesBetween adds up over consecutive intervals', () => {
    fc.assert(
      fc.property(calendars, fc.array(wholeMinuteInstant, { minLength: 3, maxLength: 3 }), (calendar, instants) => {
        const [a, b, c] = instants.sort((x, y) => x - y) as [number, number, number];
        if (c - a > 400 * 86_400_000) return;
        const whole = workingMinutesBetween(calendar, a, c);
        expect(workingMinutesBetween(calendar, a, b) + workingMinutesBetween(calendar, b, c)).toBe(whole);
        expect(whole).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with counting minute by minute over a few days', () => {
    fc.assert(
      fc.property(calendars, wholeMinuteInstant, fc.integer({ min: 0, max: 4 * 24 * 60 }), (calendar, a, span) => {
        let counted = 0;
        for (let m = 0; m < span; m++) if (isWorkingTime(calendar, a + m * 60_000)) counted++;
        expect(workingMinutesBetween(calendar, a, a + span * 60_000)).toBe(counted);
      }),
      { numRuns: 40 },
    );
  });
});
