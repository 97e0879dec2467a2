// Calendar dates without a time zone ("civil" dates), as integers of days
// since 1970-01-01. Plain arithmetic on Date.UTC: no Intl here, because the
// working calendar walks days in its hot path and Intl is slow.

export interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (negative before). Valid for years ≥ 100: Date.UTC maps 0–99 to 1900–1999. */
export function toEpochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** True when the triple names a real date (rejects 2026-02-30, 2025-02-29). */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const back = fromEpochDay(toEpochDay(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' */
export function dateKey(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function epochDayToKey(epochDay: number): string {
  return dateKey(fromEpochDay(epochDay));
}

/** Parses 'YYYY-MM-DD'; throws on anything else, since keys come from validated data. */
export function parseDateKey(key: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${key}`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidCivilDate(date.year, date.month, date.day)) throw new RangeError(`No such date: ${key}`);
  return date;
}

export function dateKeyToEpochDay(key: string): number {
  const { year, month, day } = parseDateKey(key);
  return toEpochDay(year, month, day);
}

/** 'HH:MM' → minutes after midnight. */
export function parseTimeOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
