import { describe, expect, it } from 'vitest';
import { countdown, formatAmman, formatSpan } from './ammanTime';

describe('Amman time', () => {
  it.each([
    ['2026-05-27T05:30:00Z', 'en', '27/05/2026, 08:30'],
    ['2026-12-31T21:15:00Z', 'en', '01/01/2027, 00:15'],
    // Before October 2022 Jordan kept winter time (UTC+2).
    ['2021-01-15T10:00:00Z', 'en', '15/01/2021, 12:00'],
  ] as const)('%s shows as %s (%s)', (iso, language, expected) => {
    expect(formatAmman(iso, language)).toBe(expected);
  });

  it('uses Latin digits in Arabic', () => {
    const text = formatAmman('2026-05-27T05:30:00Z', 'ar');
    expect(text).toContain('08:30');
    expect(text).not.toMatch(/[٠-٩]/);
  });

  it.each([
    [30 * 60_000, 'en', '30 min'],
    [5 * 3_600_000, 'en', '5 h'],
    [3 * 86_400_000, 'en', '3 d'],
    [5 * 3_600_000, 'ar', '5 ساعة'],
  ] as const)('formats a span of %i ms as %s', (ms, language, expected) => {
    expect(formatSpan(ms, language)).toBe(expected);
  });

  it('counts down, and says overdue past the deadline', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(countdown('2026-11-24T15:00:00Z', now, 'en')).toEqual({ text: '5 h left', overdue: false });
    expect(countdown('2026-11-21T10:00:00Z', now, 'en')).toEqual({ text: 'overdue by 3 d', overdue: true });
    expect(countdown('2026-11-21T10:00:00Z', now, 'ar').text).toContain('متأخر');
  });
});
