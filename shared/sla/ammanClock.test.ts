import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ammanEpochDay, ammanOffsetMinutes, ammanWallTime, ammanWallToUtc } from './ammanClock';
import { toEpochDay } from './civilDate';
import { wholeMinuteInstant } from '../../tests/support/slaArbitraries';

describe('ammanWallToUtc', () => {
  it.each([
    ['winter before the switch (UTC+2)', [2021, 1, 10, 8, 0], '2021-01-10T06:00:00.000Z'],
    ['summer DST (UTC+3)', [2021, 7, 1, 8, 0], '2021-07-01T05:00:00.000Z'],
    ['first winter on permanent UTC+3', [2023, 1, 10, 8, 0], '2023-01-10T05:00:00.000Z'],
    ['a 2026 Thursday afternoon', [2026, 1, 8, 14, 50], '2026-01-08T11:50:00.000Z'],
    // 25 Feb 2022: clocks went from 00:00 straight to 01:00, so 00:30 never happened.
    ['a skipped wall time gives the moment of the jump', [2022, 2, 25, 0, 30], '2022-02-24T22:00:00.000Z'],
    ['the first wall time after the jump', [2022, 2, 25, 1, 0], '2022-02-24T22:00:00.000Z'],
    // 29 Oct 2021: 01:00 went back to 00:00, so 00:30 happened twice.
    ['a repeated wall time takes the earlier', [2021, 10, 29, 0, 30], '2021-10-28T21:30:00.000Z'],
  ] as const)('%s', (_label, [y, m, d, hh, mm], iso) => {
    expect(new Date(ammanWallToUtc(y, m, d, hh, mm)).toISOString()).toBe(iso);
  });

  it('defaults to midnight', () => {
    expect(ammanWallToUtc(2026, 3, 1)).toBe(ammanWallToUtc(2026, 3, 1, 0, 0));
  });
});

describe('ammanWallTime', () => {
  it.each([
    ['2026-01-08T11:50:00Z', { year: 2026, month: 1, day: 8, hour: 14, minute: 50, weekday: 4 }],
    ['2026-01-09T21:00:00Z', { year: 2026, month: 1, day: 10, hour: 0, minute: 0, weekday: 6 }],
    ['2021-10-28T22:30:00Z', { year: 2021, month: 10, day: 29, hour: 0, minute: 30, weekday: 5 }],
    ['2021-12-31T22:00:00Z', { year: 2022, month: 1, day: 1, hour: 0, minute: 0, weekday: 6 }],
  ])('%s', (iso, wall) => {
    expect(ammanWallTime(Date.parse(iso))).toEqual(wall);
  });

  it('knows the offsets either side of the 2022 switch', () => {
    expect(ammanOffsetMinutes(Date.UTC(2021, 11, 1))).toBe(120);
    expect(ammanOffsetMinutes(Date.UTC(2022, 6, 1))).toBe(180);
    expect(ammanOffsetMinutes(Date.UTC(2022, 11, 1))).toBe(180);
    expect(ammanOffsetMinutes(Date.UTC(2026, 0, 1))).toBe(180);
  });

  it('agrees with a fresh Intl formatter at any instant (the per-hour cache is exact)', () => {
    const oracle = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Amman',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(wholeMinuteInstant, fc.integer({ min: 0, max: 59_999 }), (minuteMs, extra) => {
        const ms = minuteMs + extra;
        const parts = Object.fromEntries(oracle.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
        expect(ammanWallTime(ms)).toEqual({
          year: Number(parts.year),
          month: Number(parts.month),
          day: Number(parts.day),
          hour: Number(parts.hour),
          minute: Number(parts.minute),
          weekday: weekdays.indexOf(parts.weekday ?? ''),
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('round trips', () => {
  it('later wall times are never earlier instants, even on clock-change days', () => {
    // Jordan's DST changes in 2019–2022, which all happened around local midnight.
    const changeDays = [
      [2019, 3, 29],
      [2019, 10, 25],
      [2020, 3, 27],
      [2020, 10, 30],
      [2021, 2, 26],
      [2021, 10, 29],
      [2022, 2, 25],
      [2022, 10, 28],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...changeDays),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        ([y, m, d], a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const t = (min: number): number => ammanWallToUtc(y, m, d, Math.floor(min / 60), min % 60);
          expect(t(late)).toBeGreaterThanOrEqual(t(early));
          const wall = ammanWallTime(t(early));
          expect(wall.hour * 60 + wall.minute).toBeGreaterThanOrEqual(early);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('wall → UTC → wall is the identity in office hours, any year', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }),
        fc.integer({ min: 6 * 60, max: 22 * 60 }),
        (date, minuteOfDay) => {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const hh = Math.floor(minuteOfDay / 60);
          const mm = minuteOfDay % 60;
          const wall = ammanWallTime(ammanWallToUtc(y, m, d, hh, mm));
          expect([wall.year, wall.month, wall.day, wall.hour, wall.minute]).toEqual([y, m, d, hh, mm]);
          expect(ammanEpochDay(ammanWallToUtc(y, m, d, hh, mm))).toBe(toEpochDay(y, m, d));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
