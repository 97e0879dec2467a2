import type { Language } from '../contract/deskContract';
import { t } from '../i18n/catalogue';
import { tCount } from '../i18n/plural';
import { workingSpanParts } from './workingSpan';

const pair = (language: Language, first: string, second: string | null) =>
  second ? t(language, 'span.join', { first, second }) : first;

/** Hours and minutes, the hours labelled as working ("5 working hours 20 minutes"); minutes alone under an hour. */
function hoursText(hours: number, minutes: number, language: Language): string {
  if (hours === 0) return tCount(language, 'span.workingMinutes', minutes);
  return pair(
    language,
    tCount(language, 'span.workingHours', hours),
    minutes > 0 ? tCount(language, 'span.minutes', minutes) : null,
  );
}

/**
 * Working minutes in words, the one way the console says a working span: the largest part and
 * the next, labelled as working time ("2 working days 3 hours", "يوما عمل وساعتان",
 * "5 working hours 20 minutes", "42 working minutes"). `dayMinutes` is the calendar's working
 * day (workingDayMinutes). Sign is ignored: the caller says "left" or "late".
 */
export function workingSpanText(workingMinutes: number, dayMinutes: number, language: Language): string {
  const { days, hours, minutes } = workingSpanParts(workingMinutes, dayMinutes);
  if (days === 0) return hoursText(hours, minutes, language);
  return pair(
    language,
    tCount(language, 'span.workingDays', days),
    hours > 0 ? tCount(language, 'span.hours', hours) : null,
  );
}

/** The length of a working day itself, in hours and minutes ("6 working hours 30 minutes"). */
export function workingDayText(dayMinutes: number, language: Language): string {
  const whole = Math.floor(dayMinutes);
  return hoursText(Math.floor(whole / 60), whole % 60, language);
}
