import { type CivilDate, fromEpochDay, toEpochDay } from './civilDate';

// Hijri dates follow the Umm al-Qura tables as the runtime's ICU knows them.
// Jordan fixes religious holidays by moon sighting and announces them by
// circular, so these dates are a forecast that may be a day off; the working
// calendar lets an administrator override any year.

export interface HijriDate {
  readonly year: number;
  /** 1 = Muharram … 9 = Ramadan … 12 = Dhu al-Hijjah */
  readonly month: number;
  readonly day: number;
}

export const HIJRI_CALENDAR = 'islamic-umalqura';

let formatter: Intl.DateTimeFormat | undefined;
function hijriFormatter(): Intl.DateTimeFormat {
  if (formatter) return formatter;
  const candidate = new Intl.DateTimeFormat('en-US', {
    calendar: HIJRI_CALENDAR,
    numberingSystem: 'latn',
    // The civil date is fixed at UTC noon below; UTC keeps the runtime's own zone out of it.
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  // An engine without the calendar silently falls back to Gregorian; dates would be wildly wrong.
  const resolved = candidate.resolvedOptions().calendar;
  if (resolved !== HIJRI_CALENDAR) {
    throw new Error(`This runtime's Intl lacks the ${HIJRI_CALENDAR} calendar (got ${resolved})`);
  }
  formatter = candidate;
  return formatter;
}

const byEpochDay = new Map<number, HijriDate>();
const CACHE_LIMIT = 50_000;

/** The Umm al-Qura date of a Gregorian (civil) date. */
export function gregorianToHijri(year: number, month: number, day: number): HijriDate {
  return hijriOfEpochDay(toEpochDay(year, month, day));
}

export function hijriOfEpochDay(epochDay: number): HijriDate {
  const cached = byEpochDay.get(epochDay);
  if (cached) return cached;
  const parts = hijriFormatter().formatToParts(new Date(epochDay * 86_400_000 + 43_200_000));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    // parseInt, not Number: some engines append the era ("1447 AH") to the year part.
    const value = part ? Number.parseInt(part.value, 10) : Number.NaN;
    if (!Number.isFinite(value)) throw new Error(`Intl gave no Hijri ${type}`);
    return value;
  };
  const hijri = { year: get('year'), month: get('month'), day: get('day') };
  if (byEpochDay.size >= CACHE_LIMIT) byEpochDay.clear();
  byEpochDay.set(epochDay, hijri);
  return hijri;
}

// 1 Muharram 1 AH in the arithmetic (civil) calendar, proleptic Gregorian.
const HIJRI_EPOCH_DAY = toEpochDay(622, 7, 19);

/** The arithmetic Islamic calendar's day for a Hijri date: within a couple of days of Umm al-Qura. */
function civilEstimate(year: number, month: number, day: number): number {
  return (
    HIJRI_EPOCH_DAY + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + Math.ceil(29.5 * (month - 1)) + day - 1
  );
}

const SEARCH_RADIUS_DAYS = 5;

/**
 * The Gregorian date of an Umm al-Qura date, or null when that date does not
 * exist (day 30 of a 29-day month). Intl only converts the other way, so this
 * searches outward from the arithmetic estimate.
 */
export function hijriToGregorian(year: number, month: number, day: number): CivilDate | null {
  const epochDay = hijriToEpochDay(year, month, day);
  return epochDay === null ? null : fromEpochDay(epochDay);
}

export function hijriToEpochDay(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 30) return null;
  const estimate = civilEstimate(year, month, day);
  for (let step = 0; step <= SEARCH_RADIUS_DAYS; step++) {
    for (const candidate of step === 0 ? [estimate] : [estimate - step, estimate + step]) {
      const h = hijriOfEpochDay(candidate);
      if (h.year === year && h.month === month && h.day === day) return candidate;
    }
  }
  return null;
}

/**
 * Every Gregorian date in `gregorianYear` that falls on this Hijri month and
 * day: usually one, sometimes none or two, since the Hijri year is eleven days
 * shorter (Shawwal 1 fell on both 8 Jan and 27 Dec 2000).
 */
export function hijriHolidayDates(gregorianYear: number, hijriMonth: number, hijriDay: number): CivilDate[] {
  return hijriEpochDaysInYear(gregorianYear, hijriMonth, hijriDay).map(fromEpochDay);
}

export function hijriEpochDaysInYear(gregorianYear: number, hijriMonth: number, hijriDay: number): number[] {
  const first = hijriOfEpochDay(toEpochDay(gregorianYear, 1, 1)).year;
  const last = hijriOfEpochDay(toEpochDay(gregorianYear, 12, 31)).year;
  const yearStart = toEpochDay(gregorianYear, 1, 1);
  const yearEnd = toEpochDay(gregorianYear + 1, 1, 1);
  const days: number[] = [];
  for (let hy = first; hy <= last; hy++) {
    const d = hijriToEpochDay(hy, hijriMonth, hijriDay);
    if (d !== null && d >= yearStart && d < yearEnd) days.push(d);
  }
  return days;
}
