import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateKey,
  fromEpochDay,
  isValidCivilDate,
  parseDateKey,
  parseTimeOfDay,
  toEpochDay,
  weekdayOfEpochDay,
} from './civilDate';

describe('civil dates', () => {
  it.each([
    [1970, 1, 1, 0, 4],
    [2026, 1, 8, 20461, 4],
    [2026, 5, 27, 20600, 3],
    [1969, 12, 31, -1, 3],
  ])('%i-%i-%i is epoch day %i, weekday %i', (y, m, d, epochDay, weekday) => {
    expect(toEpochDay(y, m, d)).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toEqual({ year: y, month: m, day: d });
    expect(weekdayOfEpochDay(epochDay)).toBe(weekday);
  });

  it.each([
    [2024, 2, 29, true],
    [2025, 2, 29, false],
    [2026, 4, 31, false],
    [2026, 13, 1, false],
    [2026, 1, 0, false],
  ])('isValidCivilDate(%i, %i, %i) is %s', (y, m, d, valid) => {
    expect(isValidCivilDate(y, m, d)).toBe(valid);
  });

  it('parses and prints keys', () => {
    expect(dateKey(parseDateKey('2026-05-27'))).toBe('2026-05-27');
    expect(() => parseDateKey('2026-02-30')).toThrow(RangeError);
    expect(() => parseDateKey('27/05/2026')).toThrow(RangeError);
    expect(parseTimeOfDay('14:50')).toBe(890);
    expect(() => parseTimeOfDay('24:00')).toThrow(RangeError);
  });

  it('epoch days round-trip and weekdays advance by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (n) => {
        const d = fromEpochDay(n);
        expect(toEpochDay(d.year, d.month, d.day)).toBe(n);
        expect(weekdayOfEpochDay(n + 1)).toBe((weekdayOfEpochDay(n) + 1) % 7);
        expect(new Date(n * 86_400_000).getUTCDay()).toBe(weekdayOfEpochDay(n));
      }),
    );
  });
});
