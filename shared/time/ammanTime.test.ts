import { describe, expect, it } from 'vitest';
import { countdown, formatAmman, formatSpan } from './ammanTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('Amman time', () => {
  it.each([
    ['2026-05-27T05:30:00Z', 'en', true, '27/05/2026, 08:30'],
    ['2026-05-27T05:30:00Z', 'en', false, '08:30'],
    ['2026-12-31T21:15:00Z', 'en', true, '01/01/2027, 00:15'],
    // Jordan has kept UTC+3 all year since October 2022; before that, winter was UTC+2.
    ['2021-01-15T10:00:00Z', 'en', true, '15/01/2021, 12:00'],
    ['2021-07-15T10:00:00Z', 'en', true, '15/07/2021, 13:00'],
    ['2026-01-15T10:00:00Z', 'en', true, '15/01/2026, 13:00'],
  ] as const)('%s shows as %s (%s, date %s)', (iso, language, withDate, expected) => {
    expect(formatAmman(iso, language, withDate)).toBe(expected);
  });

  it.each([
    ['2026-05-27T05:30:00Z', '08:30', '27'],
    ['2026-12-31T21:15:00Z', '00:15', '2027'],
  ])('shows %s in Arabic with Latin digits (%s)', (iso, time, datePart) => {
    const text = formatAmman(iso, 'ar');
    expect(text).toContain(time);
    expect(text).toContain(datePart);
    expect(text).not.toMatch(/[٠-٩]/);
  });

  it.each([
    [40_000, 'en', '40 secs'],
    [30 * MINUTE, 'en', '30 mins'],
    [-30 * MINUTE, 'en', '30 mins'],
    [5 * HOUR, 'en', '5 hrs'],
    [47 * HOUR, 'en', '47 hrs'],
    [3 * DAY, 'en', '3 days'],
    // Arabic number agreement: dual, 3–10 plural, 11+ singular accusative.
    [2 * HOUR, 'ar', 'ساعتان'],
    [5 * HOUR, 'ar', '5 ساعات'],
    [11 * HOUR, 'ar', '11 ساعة'],
    [3 * DAY, 'ar', '3 أيام'],
    [30 * MINUTE, 'ar', '30 دقيقة'],
  ] as const)('formats a span of %i ms in %s as %s', (ms, language, expected) => {
    expect(formatSpan(ms, language)).toBe(expected);
  });

  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['2026-11-24T15:00:00Z', 'en', '5 hrs left', false],
    ['2026-11-21T10:00:00Z', 'en', 'overdue by 3 days', true],
    ['2026-11-24T09:58:00Z', 'en', 'overdue by 2 mins', true],
    ['2026-11-24T15:00:00Z', 'ar', 'متبقٍ 5 ساعات', false],
    ['2026-11-21T10:00:00Z', 'ar', 'متأخر 3 أيام', true],
  ] as const)('counts down to %s in %s: %s', (due, language, text, overdue) => {
    expect(countdown(due, now, language)).toEqual({ text, overdue });
  });
});
