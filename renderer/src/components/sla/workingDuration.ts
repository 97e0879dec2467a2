// Targets and ladder windows are working minutes; an administrator types them in working hours
// or working days, a day being the working day of the calendar in force (workingDayMinutes):
// seven hours for 08:00–15:00, less on a calendar with a break.

export type DurationUnit = 'hours' | 'days';

export interface WorkingDuration {
  value: number;
  unit: DurationUnit;
}

const unitMinutes = (unit: DurationUnit, dayMinutes: number) => (unit === 'days' ? dayMinutes : 60);

/** Whole working days where it divides evenly, else working hours (to two decimals). */
export function durationOfMinutes(minutes: number, dayMinutes: number): WorkingDuration {
  if (minutes > 0 && minutes % dayMinutes === 0) return { value: minutes / dayMinutes, unit: 'days' };
  return { value: Math.round((minutes / 60) * 100) / 100, unit: 'hours' };
}

/** Whole working minutes; null for anything that is not a finite, non-negative number. */
export function minutesOfDuration({ value, unit }: WorkingDuration, dayMinutes: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.round(value * unitMinutes(unit, dayMinutes));
}
