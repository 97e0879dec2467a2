import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../../shared/sla';
import { civilDateText, entryWhen, weekdayText } from './calendarEntryText';

const named = { source: 'circular', name: { ar: 'اسم', en: 'Name' } };
const closure = (period: Extract<CalendarEntry, { kind: 'closure' }>['period']): CalendarEntry => ({
  kind: 'closure',
  id: 'c',
  ...named,
  period,
});
const fitr: CalendarEntry = {
  kind: 'hijriHoliday',
  id: 'eid-al-fitr',
  ...named,
  hijriMonth: 10,
  hijriDay: 1,
  spanDays: 3,
  overrides: [],
};

describe('calendar entries in words (English)', () => {
  it.each<[string, CalendarEntry, string[]]>([
    [
      'a Gregorian holiday',
      { kind: 'gregorianHoliday', id: 'x', ...named, month: 5, day: 25, spanDays: 1 },
      ['25 May every year'],
    ],
    [
      'a Hijri holiday: its rule and this year’s forecast',
      fitr,
      ['1 Shawwal AH, Umm al-Qura, for 3 days', '2026: 20 March 2026 – 22 March 2026 · Umm al-Qura forecast'],
    ],
    [
      'a Hijri holiday whose year a circular gave: no forecast for that year',
      { ...fitr, overrides: [{ startDate: '2026-03-19', spanDays: 4, source: 'circular 3/2026' }] },
      ['1 Shawwal AH, Umm al-Qura, for 3 days', '2026: 19 March 2026 – 22 March 2026 · by circular: circular 3/2026'],
    ],
    [
      'Ramadan hours',
      { kind: 'ramadanHours', id: 'r', ...named, start: '09:00', end: '14:00', breaks: [], overrides: [] },
      ['09:00–14:00 throughout Ramadan'],
    ],
    ['a snow day', closure({ type: 'wholeDays', date: '2026-01-15', spanDays: 1 }), ['15 January 2026']],
    [
      'two snow days',
      closure({ type: 'wholeDays', date: '2026-01-15', spanDays: 2 }),
      ['15 January 2026 – 16 January 2026'],
    ],
    [
      'a late start',
      closure({ type: 'lateStart', date: '2026-01-15', startsAt: '10:00' }),
      ['15 January 2026: work starts at 10:00'],
    ],
    [
      'an early finish',
      closure({ type: 'earlyClose', date: '2026-01-15', endsAt: '12:00' }),
      ['15 January 2026: offices close at 12:00'],
    ],
    [
      'an exact stretch, in Amman time',
      closure({ type: 'interval', fromMs: Date.UTC(2026, 0, 15, 7), toMs: Date.UTC(2026, 0, 15, 9) }),
      ['15/01/2026, 10:00 – 15/01/2026, 12:00'],
    ],
  ])('%s', (_what, entry, lines) => {
    expect(entryWhen(entry, 'en', 2026)).toEqual(lines);
  });
});

describe('dates and days in Arabic', () => {
  it.each([
    ['2026-01-15', '15 كانون الثاني 2026'],
    ['2026-12-31', '31 كانون الأول 2026'],
  ])('%s', (iso, text) => {
    expect(civilDateText(iso, 'ar')).toBe(text);
  });

  it.each([
    [5, 'الجمعة', 'Friday'],
    [6, 'السبت', 'Saturday'],
    [0, 'الأحد', 'Sunday'],
  ])('weekday %i', (day, ar, en) => {
    expect(weekdayText(day, 'ar')).toBe(ar);
    expect(weekdayText(day, 'en')).toBe(en);
  });

  it('names the Hijri month in Arabic', () => {
    expect(entryWhen(fitr, 'ar', 2026)[0]).toContain('شوال');
  });
});
