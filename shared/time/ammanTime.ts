import type { Language } from '../contract/deskContract';
import { t } from '../i18n/catalogue';

// Latin digits in Arabic too: case numbers, times and counts stay legible side by side.
const LOCALES: Record<Language, string> = { ar: 'ar-JO-u-nu-latn', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'Asia/Amman',
      hourCycle: 'h23',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(key, f);
  }
  return f;
}

/** A UTC instant as Amman wall time, e.g. "27/05/2026, 08:30". */
export function formatAmman(iso: string | number, language: Language, withDate = true): string {
  return formatter(language, withDate).format(new Date(iso));
}

/** A span in the largest sensible unit: "3 d", "5 h", "12 min". */
export function formatSpan(ms: number, language: Language): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes >= 48 * 60) return t(language, 'time.days', { n: Math.floor(minutes / 1440) });
  if (minutes >= 60) return t(language, 'time.hours', { n: Math.floor(minutes / 60) });
  return t(language, 'time.minutes', { n: minutes });
}

/** "2 d left" or "overdue by 5 h", against the given now (the hub-corrected clock). */
export function countdown(dueIso: string, nowMs: number, language: Language): { text: string; overdue: boolean } {
  const left = new Date(dueIso).getTime() - nowMs;
  const span = formatSpan(left, language);
  return left < 0
    ? { text: t(language, 'time.overdue', { span }), overdue: true }
    : { text: t(language, 'time.left', { span }), overdue: false };
}
