import type { Language } from '../contract/deskContract';
import { t } from '../i18n/catalogue';

// Latin digits in Arabic too: case numbers, times and counts stay legible side by side.
const LOCALES: Record<Language, string> = { ar: 'ar-JO-u-nu-latn', en: 'en-GB' };
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: Language, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withDate}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'Asia/Amman',
      hourCycle: 'h23',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A UTC instant as Amman wall time, e.g. "27/05/2026, 08:30". */
export function formatAmman(iso: string | number, language: Language, withDate = true): string {
  return dateTimeFormat(language, withDate).format(new Date(iso));
}

type SpanUnit = 'day' | 'hour' | 'minute' | 'second';
const spanFormats = new Map<string, Intl.NumberFormat>();

function spanFormat(language: Language, unit: SpanUnit): Intl.NumberFormat {
  const key = `${language}:${unit}`;
  let format = spanFormats.get(key);
  if (!format) {
    // Arabic counts have singular, dual, 3–10 and 11+ forms ("ساعتان", "3 ساعات", "11 ساعة"):
    // ICU knows them, a "{n} ساعة" template does not. English stays short to fit the column.
    format = new Intl.NumberFormat(LOCALES[language], {
      style: 'unit',
      unit,
      unitDisplay: language === 'ar' ? 'long' : 'short',
    });
    spanFormats.set(key, format);
  }
  return format;
}

/** A span, whatever its sign, in the largest sensible unit: "3 days", "5 hrs", "12 mins", "40 sec". */
export function formatSpan(ms: number, language: Language): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.round(seconds / 60);
  if (minutes >= 48 * 60) return spanFormat(language, 'day').format(Math.floor(minutes / 1440));
  if (minutes >= 60) return spanFormat(language, 'hour').format(Math.floor(minutes / 60));
  if (seconds >= 60) return spanFormat(language, 'minute').format(minutes);
  return spanFormat(language, 'second').format(seconds);
}

/** "5 hrs left" or "overdue by 3 days", against the given now (the hub-corrected clock). */
export function countdown(dueIso: string, nowMs: number, language: Language): { text: string; overdue: boolean } {
  const left = new Date(dueIso).getTime() - nowMs;
  const span = formatSpan(left, language);
  return left < 0
    ? { text: t(language, 'time.overdue', { span }), overdue: true }
    : { text: t(language, 'time.left', { span }), overdue: false };
}
