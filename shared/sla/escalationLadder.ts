import { ESCALATION_LEVELS, type EscalationLevel } from '../domain/taxonomy';
import type { RungWindows } from './ladderWindows';
import { addWorkingMinutes, type WorkingCalendar } from './workingCalendar';

// A case that passes its deadline climbs focal point → director →
// secretary-general → minister on its own; no one has to remember to refer it.
// Each level gets a window of working minutes before the case moves up: the
// windows of the case's entity (ladderWindows.ts).

export interface Referral {
  readonly level: EscalationLevel;
  /** The case moves to `level` once the clock passes this instant. */
  readonly dueAtMs: number;
}

/**
 * When the case reaches each level above the focal point. `breachedAtMs` is
 * the deadline that was (or will be) passed, e.g. the resolution timer's
 * dueAtMs; as with the timers, a level is reached once the clock passes it.
 */
export function referralSchedule(
  windows: RungWindows,
  calendar: WorkingCalendar,
  breachedAtMs: number,
): readonly Referral[] {
  const toDirector = addWorkingMinutes(calendar, breachedAtMs, windows.focalPoint);
  const toSecretaryGeneral = addWorkingMinutes(calendar, toDirector, windows.director);
  const toMinister = addWorkingMinutes(calendar, toSecretaryGeneral, windows.secretaryGeneral);
  return [
    { level: 'director', dueAtMs: toDirector },
    { level: 'secretaryGeneral', dueAtMs: toSecretaryGeneral },
    { level: 'minister', dueAtMs: toMinister },
  ];
}

/** The level a case should be at now; the focal point while there is no breach (null) or it lies ahead. */
export function escalationLevelAt(
  windows: RungWindows,
  calendar: WorkingCalendar,
  breachedAtMs: number | null,
  nowMs: number,
): EscalationLevel {
  if (breachedAtMs === null || nowMs <= breachedAtMs) return 'focalPoint';
  let level: EscalationLevel = 'focalPoint';
  for (const referral of referralSchedule(windows, calendar, breachedAtMs)) {
    if (nowMs > referral.dueAtMs) level = referral.level;
    else break;
  }
  return level;
}

/** The next rung above where the case should be now, and when it is reached; null at the top or without a deadline. */
export function nextReferral(
  windows: RungWindows,
  calendar: WorkingCalendar,
  breachedAtMs: number | null,
  nowMs: number,
): Referral | null {
  if (breachedAtMs === null) return null;
  return referralSchedule(windows, calendar, breachedAtMs).find((r) => !(nowMs > r.dueAtMs)) ?? null;
}

/**
 * When a case now at `level` is next referred up: the instant the clock must
 * pass for the referral job to move it (the rung just above `level` in its
 * entity's schedule), or null at the top or without a deadline. Stored per
 * open case by the hub (`cases.next_referral_at`), so a referral run reads only
 * the cases due now. For every clock reading `now`, `now > nextReferralAtMs(…)`
 * exactly when `escalationLevelAt(…, now)` is above `level`: the schedule only
 * climbs, so the rung just above is the first to pass.
 */
export function nextReferralAtMs(
  windows: RungWindows,
  calendar: WorkingCalendar,
  breachedAtMs: number | null,
  level: EscalationLevel,
): number | null {
  if (breachedAtMs === null) return null;
  // Rung i of the schedule is the level of rank i + 1: the one above the level of rank i.
  return referralSchedule(windows, calendar, breachedAtMs)[escalationRank(level)]?.dueAtMs ?? null;
}

/** Position on the ladder, 0 = focal point, for comparing levels. */
export function escalationRank(level: EscalationLevel): number {
  return ESCALATION_LEVELS.indexOf(level);
}
