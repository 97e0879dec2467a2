import type { CaseRecord } from '../domain/caseRecord';
import type { ApplicationType, CaseStatus, Importance, Pillar } from '../domain/taxonomy';
import {
  type CaseTimers,
  computeCaseTimers,
  DEFAULT_AT_RISK_THRESHOLD,
  deadlineWithPauses,
  type PauseInterval,
} from './caseTimers';
import { type SlaMatrix, slaTargetsFor } from './slaMatrix';
import type { WorkingCalendar } from './workingCalendar';

// One reading of a case's three SLA clocks for the hub and the desk alike:
// the hub stores the deadlines it acts on, the desk counts down from the same
// row with the same code, so the two can only disagree if their rules do.

export interface ClockRules {
  readonly calendar: WorkingCalendar;
  readonly matrix: SlaMatrix;
}

/**
 * The share of a target after which a running clock is at risk: the rules'
 * (set in the matrix), else 80%. One reading for the case view, the queue's
 * rows and its at-risk filter, so a hub that changes it is shown one way.
 */
export function atRiskShareOf(rules: Pick<ClockRules, 'matrix'>): number {
  return rules.matrix.atRiskShare ?? DEFAULT_AT_RISK_THRESHOLD;
}

/** What the clocks need of a case: its SLA key, its milestones and the pauses it has had. */
export interface TimedCase {
  readonly type: ApplicationType;
  readonly importance: Importance;
  readonly pillar: Pillar;
  readonly status: CaseStatus;
  readonly submittedAtMs: number;
  readonly pauses: readonly PauseInterval[];
  readonly firstResponseAtMs: number | null;
  readonly lastUpdateAtMs: number | null;
  readonly answeredAtMs: number | null;
  readonly closedAtMs: number | null;
}

/**
 * When the case was resolved for the clocks: answered, or closed without an
 * answer (the citizen never replied). A reopened case is not resolved.
 */
export function resolvedAtMs(c: TimedCase): number | null {
  if (c.status === 'answered') return c.answeredAtMs;
  if (c.status === 'closed') return c.answeredAtMs ?? c.closedAtMs;
  return null;
}

export function timersOfCase(
  c: TimedCase,
  rules: ClockRules,
  nowMs: number,
  atRiskThreshold = atRiskShareOf(rules),
): CaseTimers {
  return computeCaseTimers({
    targets: slaTargetsFor(rules.matrix, c.type, c.importance, c.pillar),
    submittedAtMs: c.submittedAtMs,
    statusHistory: [],
    pauses: c.pauses,
    firstResponseAtMs: c.firstResponseAtMs,
    lastUpdateAtMs: c.lastUpdateAtMs,
    resolvedAtMs: resolvedAtMs(c),
    calendar: rules.calendar,
    atRiskThreshold,
    nowMs,
  });
}

/** The instants the hub acts on; null where a clock has stopped for good. */
export interface TrackedDeadlines {
  readonly firstResponseDueMs: number | null;
  readonly updateDueMs: number | null;
  readonly resolutionDueMs: number;
  /** When the resolution clock crosses the at-risk share of its target. */
  readonly resolutionAtRiskMs: number | null;
}

/**
 * The deadlines as they stand at `atMs`, typically the instant of the change
 * being recorded. An open pause counts up to `atMs` only, so a case that
 * starts waiting for the citizen keeps the deadline it had; resuming moves it
 * by the working time the pause covered.
 */
export function trackedDeadlines(
  c: TimedCase,
  rules: ClockRules,
  atMs: number,
  atRiskThreshold = atRiskShareOf(rules),
): TrackedDeadlines {
  const timers = timersOfCase(c, rules, atMs, atRiskThreshold);
  const resolved = resolvedAtMs(c) !== null;
  const targets = slaTargetsFor(rules.matrix, c.type, c.importance, c.pillar);
  const pausesSoFar = c.pauses
    .map((p) => ({ fromMs: Math.max(p.fromMs, c.submittedAtMs), toMs: Math.min(p.toMs, atMs) }))
    .filter((p) => p.toMs > p.fromMs);
  return {
    firstResponseDueMs: timers.firstResponse.stoppedAtMs === null ? timers.firstResponse.dueAtMs : null,
    updateDueMs: resolved ? null : timers.update.dueAtMs,
    resolutionDueMs: timers.resolution.dueAtMs,
    resolutionAtRiskMs: resolved
      ? null
      : deadlineWithPauses(
          rules.calendar,
          c.submittedAtMs,
          Math.ceil(targets.resolutionMinutes * atRiskThreshold),
          pausesSoFar,
        ),
  };
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** A synced case row as the clocks read it. */
export function timedCaseOfRecord(
  record: Pick<
    CaseRecord,
    | 'type'
    | 'importance'
    | 'pillar'
    | 'status'
    | 'submittedAt'
    | 'pauses'
    | 'firstResponseAt'
    | 'lastUpdateAt'
    | 'answeredAt'
    | 'closedAt'
  >,
): TimedCase {
  return {
    type: record.type,
    importance: record.importance,
    pillar: record.pillar,
    status: record.status,
    submittedAtMs: Date.parse(record.submittedAt),
    pauses: record.pauses.map((p) => ({
      fromMs: Date.parse(p.from),
      toMs: p.to === null ? Number.POSITIVE_INFINITY : Date.parse(p.to),
    })),
    firstResponseAtMs: ms(record.firstResponseAt),
    lastUpdateAtMs: ms(record.lastUpdateAt),
    answeredAtMs: ms(record.answeredAt),
    closedAtMs: ms(record.closedAt),
  };
}
