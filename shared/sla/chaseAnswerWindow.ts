import { addWorkingMinutes, type WorkingCalendar } from './workingCalendar';

// A chase asks a focal point to act on a late case. If they do not answer
// within half a working day, the operation room is told, so a chase never
// silently goes nowhere.

export const DEFAULT_CHASE_ANSWER_MINUTES = 240;

/** When an unanswered chase becomes an alert. */
export function chaseAnswerDueAt(
  calendar: WorkingCalendar,
  sentAtMs: number,
  windowMinutes = DEFAULT_CHASE_ANSWER_MINUTES,
): number {
  return addWorkingMinutes(calendar, sentAtMs, windowMinutes);
}

/** Unanswered past its window. */
export function isChaseOverdue(
  calendar: WorkingCalendar,
  chase: { readonly sentAtMs: number; readonly answeredAtMs: number | null },
  nowMs: number,
  windowMinutes = DEFAULT_CHASE_ANSWER_MINUTES,
): boolean {
  // An answer, however late, ends the chase: the alert is about silence.
  return chase.answeredAtMs === null && nowMs > chaseAnswerDueAt(calendar, chase.sentAtMs, windowMinutes);
}
