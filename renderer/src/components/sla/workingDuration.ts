import type { Language } from '../../../../shared/contract/deskContract';
import { WORKING_DAY_MINUTES } from '../../../../shared/sla';

// Targets and ladder windows are working minutes; people think of them in working hours or days
// (a day being the standard 08:00–15:00: seven hours).

export type DurationUnit = 'hours' | 'days';

export interface WorkingDuration {
  value: number;
  unit: DurationUnit;
}

const UNIT_MINUTES: Record<DurationUnit, number> = { hours: 60, days: WORKING_DAY_MINUTES };

/** Whole working days where it divides evenly, else working hours (to two decimals). */
export function durationOfMinutes(minutes: number): WorkingDuration {
  if (minutes > 0 && minutes % WORKING_DAY_MINUTES === 0) return { value: minutes / WORKING_DAY_MINUTES, unit: 'days' };
  return { value: Math.round((minutes / 60) * 100) / 100, unit: 'hours' };
}

/** Whole working minutes; null for anything that is not a finite, non-negative number. */
export function minutesOfDuration({ value, unit }: WorkingDuration): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.round(value * UNIT_MINUTES[unit]);
}

const LOCALES: Record<Language, string> = { ar: 'ar-JO-u-nu-latn', en: 'en-GB' };

/** "10 days", "3.5 hours", "يومان": the unit the duration reads best in, in words. */
export function durationText(minutes: number, language: Language): string {
  const { value, unit } = durationOfMinutes(minutes);
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: unit === 'days' ? 'day' : 'hour',
    unitDisplay: 'long',
    maximumFractionDigits: 2,
  }).format(value);
}
