import type { CaseStatus } from '../domain/taxonomy';
import { DEFAULT_AT_RISK_THRESHOLD, type TimerState } from './caseTimers';
import { workingMinutesBetween, type WorkingCalendar } from './workingCalendar';

export interface DeadlineTimerInput {
  status: CaseStatus;
  /**
   * The hub's deadline, already moved for every pause so far. While the case
   * awaits the citizen it is the deadline as the pause began: the pause moves
   * it only once the case resumes.
   */
  dueAtMs: number | null;
  answeredAtMs: number | null;
  /** The case's resolution target in working minutes (from the SLA matrix). */
  targetMinutes: number;
  nowMs: number;
  atRiskThreshold?: number;
  /** When the case began awaiting the citizen, while it still does; null or absent when not known. */
  pausedSinceMs?: number | null;
}

export interface DeadlineTimer {
  state: TimerState;
  /** Working minutes left (negative once breached). */
  workingMinutesLeft: number;
  fractionUsed: number;
}

/**
 * Whether a case awaiting the citizen stopped its clock in time: its pause
 * began before the deadline (as it stood when the pause began), so no time
 * passes against it while it waits, however long. A pause that began at or
 * after the deadline leaves the case breached. Unknown (no pause start): not
 * in time, as a deadline alone says. The queue's filter decides the same in
 * SQL (desk/queue/queueClock.ts).
 */
export function pausedInTime(dueAtMs: number, pausedSinceMs: number | null | undefined): boolean {
  return typeof pausedSinceMs === 'number' && pausedSinceMs < dueAtMs;
}

/**
 * A case's resolution clock as a desk shows it, from the row it holds: the
 * hub's deadline and the shared working calendar. The desk keeps counting
 * offline with the same rules the hub refers cases by: a deadline passed
 * here is a deadline the hub's ladder acts on.
 */
export function deadlineTimer(input: DeadlineTimerInput, calendar: WorkingCalendar): DeadlineTimer | null {
  if (input.dueAtMs === null) return null;
  const target = Math.max(1, input.targetMinutes);
  const answered = input.answeredAtMs !== null && (input.status === 'answered' || input.status === 'closed');
  const pausedSince =
    !answered && input.status === 'awaitingCitizen' && typeof input.pausedSinceMs === 'number'
      ? input.pausedSinceMs
      : null;
  // The clock stood still from the pause's start: what was left (or overrun) then is what is left now.
  const until = answered
    ? input.answeredAtMs!
    : pausedSince !== null
      ? Math.min(pausedSince, input.nowMs)
      : input.nowMs;
  const left = workingMinutesBetween(calendar, until, input.dueAtMs);
  const fractionUsed = Math.max(0, (target - left) / target);
  if (answered)
    return { state: input.answeredAtMs! <= input.dueAtMs ? 'met' : 'breached', workingMinutesLeft: left, fractionUsed };
  if (pausedSince !== null && pausedInTime(input.dueAtMs, pausedSince))
    return { state: 'paused', workingMinutesLeft: left, fractionUsed };
  // Breach wins over pause: awaiting the citizen from after the deadline does not undo it.
  if (input.nowMs > input.dueAtMs) return { state: 'breached', workingMinutesLeft: left, fractionUsed };
  if (input.status === 'awaitingCitizen') return { state: 'paused', workingMinutesLeft: left, fractionUsed };
  const atRisk = fractionUsed >= (input.atRiskThreshold ?? DEFAULT_AT_RISK_THRESHOLD);
  return { state: atRisk ? 'atRisk' : 'running', workingMinutesLeft: left, fractionUsed };
}
