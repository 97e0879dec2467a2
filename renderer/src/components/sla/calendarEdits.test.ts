import { describe, expect, it } from 'vitest';
import { DEFAULT_JORDAN_CALENDAR, WorkingCalendar, type CalendarEntry } from '../../../../shared/sla';
import { entryChanges, withEntry, withHijriOverride, withoutEntry, withoutHijriOverride } from './calendarEdits';

const closure: CalendarEntry = {
  kind: 'closure',
  id: 'closure-2026-01-15',
  source: 'circular 7/2026',
  name: { ar: 'عطلة جوية', en: 'Weather closure' },
  period: { type: 'wholeDays', date: '2026-01-15', spanDays: 1 },
};
const base = DEFAULT_JORDAN_CALENDAR;
const fitr = (calendar: WorkingCalendar) => calendar.entries.find((e) => e.id === 'eid-al-fitr');

describe('calendar edits', () => {
  it('adds and removes entries without touching the calendar it was given', () => {
    const added = withEntry(base, closure);
    expect(added.entries.at(-1)).toBe(closure);
    expect(base.entries).toHaveLength(10);
    expect(WorkingCalendar.safeParse(added).success).toBe(true);
    expect(withoutEntry(added, closure.id).entries.map((e) => e.id)).toEqual(base.entries.map((e) => e.id));
  });

  it.each([
    ['a first year', [], { startDate: '2026-03-20', spanDays: 3 }, ['2026-03-20']],
    [
      'a corrected circular for the same year replaces it',
      [{ startDate: '2026-03-20', spanDays: 3 }],
      { startDate: '2026-03-19', spanDays: 4 },
      ['2026-03-19'],
    ],
    [
      'another year is kept, in date order',
      [{ startDate: '2027-03-10', spanDays: 3 }],
      { startDate: '2026-03-20', spanDays: 3 },
      ['2026-03-20', '2027-03-10'],
    ],
  ])('a Hijri override: %s', (_what, existing, override, starts) => {
    const seeded = existing.reduce((c, o) => withHijriOverride(c, 'eid-al-fitr', o), base);
    const result = withHijriOverride(seeded, 'eid-al-fitr', { ...override, source: 'circular 3/2026' });
    const entry = fitr(result);
    expect(entry?.kind === 'hijriHoliday' && entry.overrides.map((o) => o.startDate)).toEqual(starts);
    expect(WorkingCalendar.safeParse(result).success).toBe(true);
    expect(result).not.toBe(seeded);
  });

  it('removes one Hijri override by its start date', () => {
    const two = withHijriOverride(
      withHijriOverride(base, 'eid-al-fitr', { startDate: '2026-03-20', spanDays: 3 }),
      'eid-al-fitr',
      { startDate: '2027-03-10', spanDays: 3 },
    );
    const entry = fitr(withoutHijriOverride(two, 'eid-al-fitr', '2026-03-20'));
    expect(entry?.kind === 'hijriHoliday' && entry.overrides.map((o) => o.startDate)).toEqual(['2027-03-10']);
  });
});

describe('entryChanges', () => {
  const withOverride = withHijriOverride(base, 'eid-al-fitr', { startDate: '2026-03-20', spanDays: 3 });
  it.each([
    ['nothing queued', base, base, [], []],
    ['a closure on its way', base, withEntry(base, closure), [['closure-2026-01-15', 'added']], []],
    ['a holiday on its way out', base, withoutEntry(base, 'christmas'), [['christmas', 'removed']], ['christmas']],
    ['an override on its way', base, withOverride, [['eid-al-fitr', 'changed']], []],
  ])('%s', (_what, held, draft, changes, removed) => {
    const result = entryChanges(held, draft);
    expect([...result.changes]).toEqual(changes);
    expect(result.removed.map((e) => e.id)).toEqual(removed);
  });
});
