import { parseTimeOfDay } from './civilDate';
import type { WorkingCalendar } from './workingCalendar';

// Clocks count working minutes; people read them in working days and hours. A "day" here is a
// working day of the calendar in force, never 24 hours: with 08:00–15:00, 600 working minutes
// are 1 working day and 3 hours, not 10 hours.

/**
 * The minutes of a regular working day of `calendar`: its standard hours less their breaks.
 * Days that differ (Ramadan hours, a late start, an early close) do not change it: a span is
 * told in the standard day all year, the day the targets are set in, so "3 working days" means
 * the same amount of work in Ramadan as outside it.
 */
export function workingDayMinutes(calendar: Pick<WorkingCalendar, 'workingHours'>): number {
  const { start, end, breaks } = calendar.workingHours;
  const breakMinutes = breaks.reduce((sum, b) => sum + parseTimeOfDay(b.end) - parseTimeOfDay(b.start), 0);
  return parseTimeOfDay(end) - parseTimeOfDay(start) - breakMinutes;
}

export interface WorkingSpanParts {
  /** Whole working days of the calendar's length. */
  readonly days: number;
  /** 0 up to the hours of one working day. */
  readonly hours: number;
  /** 0–59. */
  readonly minutes: number;
}

/**
 * A number of working minutes, whatever its sign (callers say "left" or "late"), as working
 * days of `dayMinutes`, hours and minutes. A part of a minute is dropped: a span never reads
 * longer than it is.
 */
export function workingSpanParts(workingMinutes: number, dayMinutes: number): WorkingSpanParts {
  if (!Number.isFinite(dayMinutes) || dayMinutes <= 0) throw new RangeError(`Not a working day length: ${dayMinutes}`);
  if (!Number.isFinite(workingMinutes)) throw new RangeError(`Not a number of working minutes: ${workingMinutes}`);
  // Minutes summed from whole milliseconds can land a hair under a whole minute.
  const total = Math.floor(Math.abs(workingMinutes) + 1e-6);
  const days = Math.floor(total / dayMinutes);
  const rest = total - days * dayMinutes;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
