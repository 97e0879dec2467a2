import { z } from 'zod';
import { CaseStatus } from '../domain/taxonomy';
import type { SlaTargets } from './slaMatrix';
import { addWorkingMinutes, type WorkingCalendar, workingMinutesBetween } from './workingCalendar';

// A case runs three clocks, all in working minutes. The clocks stop while the
// case awaits the citizen, since the delay is then not the government's; each
// pause pushes the deadline out by the working time it covered.

export const TIMER_KINDS = ['firstResponse', 'update', 'resolution'] as const;
export const TimerKind = z.enum(TIMER_KINDS);
export type TimerKind = z.infer<typeof TimerKind>;

export const TIMER_STATES = ['running', 'paused', 'atRisk', 'breached', 'met'] as const;
export const TimerState = z.enum(TIMER_STATES);
export type TimerState = z.infer<typeof TimerState>;

export const CaseTimer = z.object({
  kind: TimerKind,
  state: TimerState,
  /**
   * The deadline. While the case is paused this assumes it resumes now, so it
   * moves later for as long as the pause lasts.
   */
  dueAtMs: z.number(),
  /** Target minus working minutes used; negative by how much the clock has overrun. */
  workingMinutesLeft: z.number(),
  /** Working minutes used over the target: 1 means the whole target is spent. */
  fractionUsed: z.number(),
  /** When this clock started: submission, or for the update clock the last contact. */
  startedAtMs: z.number(),
  /** When the clock stopped for good (responded, resolved), or null while it runs. */
  stoppedAtMs: z.number().nullable(),
  pausedWorkingMinutes: z.number(),
});
export type CaseTimer = z.infer<typeof CaseTimer>;
export type CaseTimers = { readonly [K in TimerKind]: CaseTimer & { readonly kind: K } };

export const StatusChange = z.object({ atMs: z.number(), status: CaseStatus });
export type StatusChange = z.infer<typeof StatusChange>;

export const DEFAULT_AT_RISK_THRESHOLD = 0.8;

export interface CaseTimerInput {
  readonly targets: SlaTargets;
  readonly submittedAtMs: number;
  /** Every status the case entered, with when; order does not matter. Ignored when `pauses` is given. */
  readonly statusHistory: readonly StatusChange[];
  /** The pauses themselves, when the caller keeps them rather than the status history (the hub's case rows do). */
  readonly pauses?: readonly PauseInterval[];
  readonly firstResponseAtMs?: number | null;
  readonly lastUpdateAtMs?: number | null;
  readonly resolvedAtMs?: number | null;
  readonly calendar: WorkingCalendar;
  /** Share of the target after which a running clock counts as at risk. */
  readonly atRiskThreshold?: number;
  readonly nowMs: number;
}

export interface PauseInterval {
  readonly fromMs: number;
  /** Infinity while the case still awaits the citizen. */
  readonly toMs: number;
}

/** The stretches spent in 'awaitingCitizen', from a status history in any order. */
export function pauseIntervals(history: readonly StatusChange[]): PauseInterval[] {
  const sorted = [...history].sort((a, b) => a.atMs - b.atMs);
  const pauses: PauseInterval[] = [];
  let pausedSince: number | null = null;
  for (const change of sorted) {
    const awaiting = change.status === 'awaitingCitizen';
    if (awaiting && pausedSince === null) pausedSince = change.atMs;
    else if (!awaiting && pausedSince !== null) {
      if (change.atMs > pausedSince) pauses.push({ fromMs: pausedSince, toMs: change.atMs });
      pausedSince = null;
    }
  }
  if (pausedSince !== null) pauses.push({ fromMs: pausedSince, toMs: Number.POSITIVE_INFINITY });
  return pauses;
}

/**
 * The instant at which `minutes` unpaused working minutes have passed since
 * `startMs`. `pauses` must be finite, in any order: the same pauses give the
 * same deadline however a caller lists them (overlaps count once).
 */
export function deadlineWithPauses(
  calendar: WorkingCalendar,
  startMs: number,
  minutes: number,
  pauses: readonly PauseInterval[],
): number {
  let cursor = startMs;
  let remaining = minutes;
  // A pause met out of order would be skipped past: the walk below goes forward through time.
  for (const p of [...pauses].sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs)) {
    if (p.toMs <= cursor) continue;
    const candidate = addWorkingMinutes(calendar, cursor, remaining);
    if (candidate <= p.fromMs) return candidate;
    remaining -= workingMinutesBetween(calendar, cursor, Math.max(cursor, p.fromMs));
    cursor = p.toMs;
  }
  return addWorkingMinutes(calendar, cursor, remaining);
}

interface ClockSpec<K extends TimerKind> {
  readonly kind: K;
  readonly targetMinutes: number;
  readonly startMs: number;
  readonly stopMs: number | null;
}

function runClock<K extends TimerKind>(
  spec: ClockSpec<K>,
  pauses: readonly PauseInterval[],
  input: CaseTimerInput,
): CaseTimer & { kind: K } {
  const { calendar, nowMs } = input;
  const threshold = input.atRiskThreshold ?? DEFAULT_AT_RISK_THRESHOLD;
  const endMs = Math.max(spec.startMs, spec.stopMs ?? nowMs);
  // Only pauses that already happened count; an open pause is taken to end now.
  const clipped = pauses
    .map((p) => ({ fromMs: Math.max(p.fromMs, spec.startMs), toMs: Math.min(p.toMs, endMs) }))
    .filter((p) => p.toMs > p.fromMs);
  const pausedWorkingMinutes = clipped.reduce((sum, p) => sum + workingMinutesBetween(calendar, p.fromMs, p.toMs), 0);
  const used = workingMinutesBetween(calendar, spec.startMs, endMs) - pausedWorkingMinutes;
  const dueAtMs = deadlineWithPauses(calendar, spec.startMs, spec.targetMinutes, clipped);
  const fractionUsed = spec.targetMinutes > 0 ? used / spec.targetMinutes : 1;
  const pausedNow =
    spec.stopMs === null && pauses.some((p) => p.toMs === Number.POSITIVE_INFINITY && p.fromMs <= nowMs);

  let state: TimerState;
  if (spec.stopMs !== null) state = spec.stopMs <= dueAtMs ? 'met' : 'breached';
  // Breach wins over pause: awaiting the citizen after the deadline does not undo it.
  else if (nowMs > dueAtMs) state = 'breached';
  else if (pausedNow) state = 'paused';
  else if (fractionUsed >= threshold) state = 'atRisk';
  else state = 'running';

  return {
    kind: spec.kind,
    state,
    dueAtMs,
    workingMinutesLeft: spec.targetMinutes - used,
    fractionUsed,
    startedAtMs: spec.startMs,
    stoppedAtMs: spec.stopMs,
    pausedWorkingMinutes,
  };
}

const given = (ms: number | null | undefined): ms is number => typeof ms === 'number' && Number.isFinite(ms);

export function computeCaseTimers(input: CaseTimerInput): CaseTimers {
  const { targets, submittedAtMs } = input;
  const pauses = input.pauses ?? pauseIntervals(input.statusHistory);
  const resolvedAtMs = given(input.resolvedAtMs) ? input.resolvedAtMs : null;
  // A resolution is also the first answer the citizen gets.
  const firstResponseAtMs = given(input.firstResponseAtMs) ? input.firstResponseAtMs : resolvedAtMs;
  const lastContactMs = Math.max(submittedAtMs, ...[input.firstResponseAtMs, input.lastUpdateAtMs].filter(given));
  return {
    firstResponse: runClock(
      {
        kind: 'firstResponse',
        targetMinutes: targets.firstResponseMinutes,
        startMs: submittedAtMs,
        stopMs: firstResponseAtMs,
      },
      pauses,
      input,
    ),
    update: runClock(
      { kind: 'update', targetMinutes: targets.updateMinutes, startMs: lastContactMs, stopMs: resolvedAtMs },
      pauses,
      input,
    ),
    resolution: runClock(
      { kind: 'resolution', targetMinutes: targets.resolutionMinutes, startMs: submittedAtMs, stopMs: resolvedAtMs },
      pauses,
      input,
    ),
  };
}

/** The three clocks as a list, in a fixed order, for tables and loops. */
export function caseTimerList(timers: CaseTimers): readonly CaseTimer[] {
  return TIMER_KINDS.map((kind) => timers[kind]);
}
