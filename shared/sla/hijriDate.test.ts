import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from './civilDate';
import { gregorianToHijri, hijriHolidayDates, hijriOfEpochDay, hijriToEpochDay, hijriToGregorian } from './hijriDate';

describe('gregorianToHijri (Umm al-Qura through Intl)', () => {
  it.each([
    ['2026-02-17', 1447, 8, 29, 'last day of Shaʿban'],
    ['2026-02-18', 1447, 9, 1, 'Ramadan begins'],
    ['2026-03-19', 1447, 9, 30, 'last day of Ramadan'],
    ['2026-03-20', 1447, 10, 1, 'Eid al-Fitr'],
    ['2026-05-26', 1447, 12, 9, 'Arafat Day'],
    ['2026-05-27', 1447, 12, 10, 'Eid al-Adha'],
    ['2026-06-16', 1448, 1, 1, 'Islamic New Year 1448'],
    ['2025-06-06', 1446, 12, 10, 'Eid al-Adha 2025'],
  ])('%s is %i-%i-%i (%s)', (iso, year, month, day) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(gregorianToHijri(y, m, d)).toEqual({ year, month, day });
  });
});

describe('hijriToGregorian', () => {
  it.each([
    [1447, 9, 1, { year: 2026, month: 2, day: 18 }],
    [1447, 12, 10, { year: 2026, month: 5, day: 27 }],
    [1448, 3, 12, { year: 2026, month: 8, day: 25 }],
    [1447, 7, 27, { year: 2026, month: 1, day: 16 }],
  ])('%i-%i-%i', (y, m, d, expected) => {
    expect(hijriToGregorian(y, m, d)).toEqual(expected);
  });

  it('gives null for day 30 of a 29-day month (Shaʿban 1447)', () => {
    expect(hijriToGregorian(1447, 8, 30)).toBeNull();
  });

  it('rejects impossible input without asking Intl', () => {
    expect(hijriToGregorian(1447, 13, 1)).toBeNull();
    expect(hijriToGregorian(1447, 1, 31)).toBeNull();
  });
});

describe('hijriHolidayDates', () => {
  it('finds Eid al-Adha 2026 and the Islamic New Year', () => {
    expect(hijriHolidayDates(2026, 12, 10)).toEqual([{ year: 2026, month: 5, day: 27 }]);
    expect(hijriHolidayDates(2026, 1, 1)).toEqual([{ year: 2026, month: 6, day: 16 }]);
  });

  it('finds both Eids al-Fitr of 2000', () => {
    expect(hijriHolidayDates(2000, 10, 1)).toEqual([
      { year: 2000, month: 1, day: 8 },
      { year: 2000, month: 12, day: 27 },
    ]);
  });

  it('every date returned lies in the year and carries the Hijri date asked for', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2075 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (year, month, day) => {
          const dates = hijriHolidayDates(year, month, day);
          expect(dates.length).toBeLessThanOrEqual(2);
          for (const g of dates) {
            expect(g.year).toBe(year);
            expect(gregorianToHijri(g.year, g.month, g.day)).toMatchObject({ month, day });
          }
          // Every day up to 29 exists in every month, and the Hijri year is shorter than the Gregorian one.
          if (day <= 29) expect(dates.length).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('properties', () => {
  const epochDayArb = fc.integer({ min: toEpochDay(1950, 1, 1), max: toEpochDay(2075, 12, 31) });

  it('Gregorian → Hijri → Gregorian is the identity', () => {
    fc.assert(
      fc.property(epochDayArb, (n) => {
        const h = hijriOfEpochDay(n);
        expect(hijriToEpochDay(h.year, h.month, h.day)).toBe(n);
        const g = fromEpochDay(n);
        expect(hijriToGregorian(h.year, h.month, h.day)).toEqual(g);
      }),
      { numRuns: 1000 },
    );
  });

  it('the next day is the next Hijri day, or day 1 after a 29- or 30-day month', () => {
    fc.assert(
      fc.property(epochDayArb, (n) => {
        const today = hijriOfEpochDay(n);
        const tomorrow = hijriOfEpochDay(n + 1);
        if (tomorrow.day === today.day + 1) {
          expect([tomorrow.year, tomorrow.month]).toEqual([today.year, today.month]);
        } else {
          expect(tomorrow.day).toBe(1);
          expect([29, 30]).toContain(today.day);
          expect(tomorrow.month).toBe((today.month % 12) + 1);
          expect(tomorrow.year).toBe(today.month === 12 ? today.year + 1 : today.year);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
