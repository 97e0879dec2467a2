import type { CaseStatus } from '../domain/taxonomy';
import { DEFAULT_AT_RISK_THRESHOLD, type TimerState } from './caseTimers';
import { workingMinutesBetween, type WorkingCalendar } from './workingCalendar';

export interface DeadlineTimerInput {
  status: CaseStatus;
  /** The hub's deadline, already moved for every pause so far. */
  dueAtMs: number | null;
  answeredAtMs: number | null;
  /** The case's resolution target in working minutes (from the SLA matrix). */
  targetMinutes: number;
  nowMs: number;
  atRiskThreshold?: number;
}

export interface DeadlineTimer {
  state: TimerState;
  /** Working minutes left (negative once breached). */
  workingMinutesLeft: number;
  fractionUsed: number;
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
  const until = answered ? input.answeredAtMs! : input.nowMs;
  const left = workingMinutesBetween(calendar, until, input.dueAtMs);
  const fractionUsed = Math.max(0, (target - left) / target);
  if (answered)
    return { state: input.answeredAtMs! <= input.dueAtMs ? 'met' : 'breached', workingMinutesLeft: left, fractionUsed };
  if (input.nowMs > input.dueAtMs) return { state: 'breached', workingMinutesLeft: left, fractionUsed };
  if (input.status === 'awaitingCitizen') return { state: 'paused', workingMinutesLeft: left, fractionUsed };
  const atRisk = fractionUsed >= (input.atRiskThreshold ?? DEFAULT_AT_RISK_THRESHOLD);
  return { state: atRisk ? 'atRisk' : 'running', workingMinutesLeft: left, fractionUsed };
}
