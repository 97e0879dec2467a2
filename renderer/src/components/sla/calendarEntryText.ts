import type { Language } from '../../../../shared/contract/deskContract';
import { t } from '../../../../shared/i18n/catalogue';
import { formatAmman } from '../../../../shared/time/ammanTime';
import {
  dateKey,
  fromEpochDay,
  hijriHolidayDates,
  hijriToGregorian,
  parseDateKey,
  toEpochDay,
  type CalendarEntry,
  type CivilDate,
} from '../../../../shared/sla';

// Calendar entries in the reader's words. Civil dates are Amman dates already, so they are formatted
// as they stand (in UTC, which leaves them unshifted); exact instants go through Amman time.

const LOCALES: Record<Language, string> = { ar: 'ar-JO-u-nu-latn', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat>();
function format(language: Language, kind: 'date' | 'dayMonth' | 'hijri' | 'weekday'): Intl.DateTimeFormat {
  const key = `${language}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      date: { day: 'numeric', month: 'long', year: 'numeric' },
      dayMonth: { day: 'numeric', month: 'long' },
      hijri: { day: 'numeric', month: 'long', calendar: 'islamic-umalqura' },
      weekday: { weekday: 'long' },
    };
    f = new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', ...options[kind] });
    formats.set(key, f);
  }
  return f;
}

const utcOf = ({ year, month, day }: CivilDate) => Date.UTC(year, month - 1, day);

/** 'YYYY-MM-DD' as "15 January 2026" / "15 كانون الثاني 2026". */
export const civilDateText = (isoDate: string, language: Language): string =>
  format(language, 'date').format(utcOf(parseDateKey(isoDate)));

/** 0 = Sunday … 6 = Saturday, by name. 2026-01-04 was a Sunday. */
export const weekdayText = (weekday: number, language: Language): string =>
  format(language, 'weekday').format(Date.UTC(2026, 0, 4 + weekday));

/** A span of whole days from an Amman date: one date, or the first and last. */
export function dayRangeText(isoDate: string, spanDays: number, language: Language): string {
  if (spanDays <= 1) return civilDateText(isoDate, language);
  const first = parseDateKey(isoDate);
  const last = dateKey(fromEpochDay(toEpochDay(first.year, first.month, first.day) + spanDays - 1));
  return t(language, 'sla.when.range', { from: civilDateText(isoDate, language), to: civilDateText(last, language) });
}

function hijriDayText(month: number, day: number, language: Language): string {
  // Any year in which that Hijri day exists names it; 1447–1449 cover day 30 of every month.
  for (const year of [1447, 1448, 1449]) {
    const date = hijriToGregorian(year, month, day);
    if (date) return format(language, 'hijri').format(utcOf(date));
  }
  return `${day}/${month}`;
}

const daysText = (days: number, language: Language) =>
  new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);

const forDays = (when: string, spanDays: number, language: Language) =>
  spanDays > 1 ? t(language, 'sla.when.forDays', { when, days: daysText(spanDays, language) }) : when;

/**
 * When an entry takes effect, one line per fact: the rule, then for Hijri
 * holidays the dates in `year` (announced by circular, or forecast) and any
 * other year a circular gave.
 */
export function entryWhen(entry: CalendarEntry, language: Language, year: number): string[] {
  switch (entry.kind) {
    case 'gregorianHoliday': {
      const date = format(language, 'dayMonth').format(Date.UTC(2000, entry.month - 1, entry.day));
      return [forDays(t(language, 'sla.when.everyYear', { date }), entry.spanDays, language)];
    }
    case 'hijriHoliday': {
      const rule = forDays(
        t(language, 'sla.when.hijri', { date: hijriDayText(entry.hijriMonth, entry.hijriDay, language) }),
        entry.spanDays,
        language,
      );
      const announced = entry.overrides.map((o) => {
        const dates = `${dayRangeText(o.startDate, o.spanDays, language)}${o.source ? ` · ${t(language, 'sla.when.announced', { source: o.source })}` : ''}`;
        return t(language, 'sla.when.year', { year: o.startDate.slice(0, 4), dates });
      });
      const thisYearAnnounced = entry.overrides.some((o) => o.startDate.startsWith(`${year}-`));
      const forecast = thisYearAnnounced
        ? []
        : hijriHolidayDates(year, entry.hijriMonth, entry.hijriDay).map((d) => {
            const dates = `${dayRangeText(dateKey(d), entry.spanDays, language)} · ${t(language, 'sla.when.forecast')}`;
            return t(language, 'sla.when.year', { year, dates });
          });
      return [rule, ...forecast, ...announced];
    }
    case 'ramadanHours':
      return [
        t(language, 'sla.when.ramadan', { start: entry.start, end: entry.end }),
        ...entry.overrides.map((o) =>
          t(language, 'sla.when.range', {
            from: civilDateText(o.fromDate, language),
            to: `${civilDateText(o.toDate, language)}: ${o.start}–${o.end}`,
          }),
        ),
      ];
    case 'closure': {
      const p = entry.period;
      switch (p.type) {
        case 'wholeDays':
          return [dayRangeText(p.date, p.spanDays, language)];
        case 'lateStart':
          return [t(language, 'sla.when.lateStart', { date: civilDateText(p.date, language), time: p.startsAt })];
        case 'earlyClose':
          return [t(language, 'sla.when.earlyClose', { date: civilDateText(p.date, language), time: p.endsAt })];
        case 'interval':
          return [
            t(language, 'sla.when.range', {
              from: formatAmman(p.fromMs, language),
              to: formatAmman(p.toMs, language),
            }),
          ];
      }
    }
  }
}
