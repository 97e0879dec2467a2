import { describe, expect, it } from 'vitest';
import { DEFAULT_JORDAN_CALENDAR, WorkingCalendar } from './workingCalendar';
import { type WorkingSpanParts, workingDayMinutes, workingSpanParts } from './workingSpan';

const calendar = (start: string, end: string, breaks: { start: string; end: string }[] = []) =>
  WorkingCalendar.parse({ workingHours: { start, end, breaks } });

// Three calendars with days of different lengths: the standard 7 hours, 8 hours, and 6.5 hours
// (08:00–15:00 less a half-hour break).
const SEVEN = DEFAULT_JORDAN_CALENDAR;
const EIGHT = calendar('08:00', '16:00');
const SIX_AND_A_HALF = calendar('08:00', '15:00', [{ start: '12:00', end: '12:30' }]);

describe('the length of a working day', () => {
  it.each([
    ['08:00–15:00', SEVEN, 420],
    ['08:00–16:00', EIGHT, 480],
    ['08:00–15:00 less 12:00–12:30', SIX_AND_A_HALF, 390],
    [
      '07:30–15:30 less two breaks of 15 minutes',
      calendar('07:30', '15:30', [
        { start: '10:00', end: '10:15' },
        { start: '13:00', end: '13:15' },
      ]),
      450,
    ],
  ])('%s is %i working minutes', (_name, cal, minutes) => {
    expect(workingDayMinutes(cal)).toBe(minutes);
  });

  it('is the standard day, not the shorter Ramadan one the calendar also holds', () => {
    expect(DEFAULT_JORDAN_CALENDAR.entries.some((e) => e.kind === 'ramadanHours')).toBe(true);
    expect(workingDayMinutes(DEFAULT_JORDAN_CALENDAR)).toBe(7 * 60);
  });
});

describe('working minutes in working days of the calendar, hours and minutes', () => {
  // Each figure worked by hand: days = minutes ÷ day length, the rest in hours and minutes.
  it.each<[string, number, number, WorkingSpanParts]>([
    // 600 = 420 + 180: a working day and 3 hours.
    ['7 h', 600, 420, { days: 1, hours: 3, minutes: 0 }],
    // 600 = 480 + 120.
    ['8 h', 600, 480, { days: 1, hours: 2, minutes: 0 }],
    // 600 = 390 + 210, and 210 = 3 h 30.
    ['6.5 h', 600, 390, { days: 1, hours: 3, minutes: 30 }],
    // A ten-day target (10 × 420 = 4200) on an 8-hour calendar: 8 × 480 = 3840, 360 left = 6 h.
    ['8 h', 4200, 480, { days: 8, hours: 6, minutes: 0 }],
    // The same on 6.5 h: 10 × 390 = 3900, 300 left = 5 h.
    ['6.5 h', 4200, 390, { days: 10, hours: 5, minutes: 0 }],
    // What the queue used to call "42 hours" (2520 minutes, in 24-hour days) is six working days.
    ['7 h', 2520, 420, { days: 6, hours: 0, minutes: 0 }],
    // What it called "2 days" could be 2940 minutes: seven working days.
    ['7 h', 2940, 420, { days: 7, hours: 0, minutes: 0 }],
    ['7 h', 419, 420, { days: 0, hours: 6, minutes: 59 }],
    ['6.5 h', 389, 390, { days: 0, hours: 6, minutes: 29 }],
    ['7 h', 42, 420, { days: 0, hours: 0, minutes: 42 }],
    ['7 h', 0, 420, { days: 0, hours: 0, minutes: 0 }],
    // Late by as much reads the same: the caller says "late".
    ['7 h', -600, 420, { days: 1, hours: 3, minutes: 0 }],
    // A part of a minute is dropped, never rounded up into a longer span.
    ['7 h', 419.9, 420, { days: 0, hours: 6, minutes: 59 }],
    // Minutes summed from milliseconds a hair under a whole minute still count it.
    ['7 h', 420 - 1e-9, 420, { days: 1, hours: 0, minutes: 0 }],
  ])('on a %s day, %d working minutes', (_day, minutes, dayMinutes, parts) => {
    expect(workingSpanParts(minutes, dayMinutes)).toEqual(parts);
  });

  it('refuses a day of no length and a span that is not a number', () => {
    expect(() => workingSpanParts(60, 0)).toThrow(RangeError);
    expect(() => workingSpanParts(Number.NaN, 420)).toThrow(RangeError);
  });
});
