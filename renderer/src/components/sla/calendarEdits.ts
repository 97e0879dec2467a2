import type { CalendarEntry, HijriHolidayOverride, WorkingCalendar } from '../../../../shared/sla';

// Each edit builds a new calendar (the calendar's schedules are memoised per object) for one command.

export const withEntry = (calendar: WorkingCalendar, entry: CalendarEntry): WorkingCalendar => ({
  ...calendar,
  entries: [...calendar.entries, entry],
});

export const withoutEntry = (calendar: WorkingCalendar, id: string): WorkingCalendar => ({
  ...calendar,
  entries: calendar.entries.filter((e) => e.id !== id),
});

const yearOf = (isoDate: string) => isoDate.slice(0, 4);

/**
 * The circular's dates for one year of a Hijri holiday. They replace the
 * dates announced before for the same Gregorian year (a corrected circular),
 * as the calendar drops that year's Umm al-Qura forecast for them.
 */
export function withHijriOverride(
  calendar: WorkingCalendar,
  holidayId: string,
  override: HijriHolidayOverride,
): WorkingCalendar {
  return {
    ...calendar,
    entries: calendar.entries.map((e) =>
      e.kind === 'hijriHoliday' && e.id === holidayId
        ? {
            ...e,
            overrides: [
              ...e.overrides.filter((o) => yearOf(o.startDate) !== yearOf(override.startDate)),
              override,
            ].sort((a, b) => a.startDate.localeCompare(b.startDate)),
          }
        : e,
    ),
  };
}

export function withoutHijriOverride(calendar: WorkingCalendar, holidayId: string, startDate: string): WorkingCalendar {
  return {
    ...calendar,
    entries: calendar.entries.map((e) =>
      e.kind === 'hijriHoliday' && e.id === holidayId
        ? { ...e, overrides: e.overrides.filter((o) => o.startDate !== startDate) }
        : e,
    ),
  };
}

export type EntryChange = 'added' | 'changed' | 'removed';

/**
 * How this desk's queued edits differ from the rules held, entry by entry,
 * so the screen marks what is still on its way to the hub. Removed entries
 * come back from the held calendar, to be shown struck through.
 */
export function entryChanges(
  held: WorkingCalendar,
  draft: WorkingCalendar,
): { changes: Map<string, EntryChange>; removed: CalendarEntry[] } {
  const heldById = new Map(held.entries.map((e) => [e.id, e]));
  const draftIds = new Set(draft.entries.map((e) => e.id));
  const changes = new Map<string, EntryChange>();
  for (const entry of draft.entries) {
    const before = heldById.get(entry.id);
    if (!before) changes.set(entry.id, 'added');
    else if (JSON.stringify(before) !== JSON.stringify(entry)) changes.set(entry.id, 'changed');
  }
  const removed = held.entries.filter((e) => !draftIds.has(e.id));
  for (const entry of removed) changes.set(entry.id, 'removed');
  return { changes, removed };
}
