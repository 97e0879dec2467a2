import type { ApplicationType, Importance, Pillar } from '../../shared/domain/taxonomy';
import {
  type ClockRules,
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_SLA_MATRIX,
  type TimedCase,
  type TrackedDeadlines,
  trackedDeadlines,
} from '../../shared/sla';
import type { EscalationLevel } from '../../shared/domain/taxonomy';
import type { SqlRunner } from '../db/hubDatabase';
import { ENTITY_CODE_OF_CASE, type ReferralRules, nextReferralValue } from './nextReferral';

export type SlaRules = ClockRules;

export const DEFAULT_SLA_RULES: SlaRules = { calendar: DEFAULT_JORDAN_CALENDAR, matrix: DEFAULT_SLA_MATRIX };

/** A new case's three deadlines: its SLA targets in working time from submission, on the working calendar. */
export function initialDeadlines(
  submittedAt: Date,
  application: { type: ApplicationType; importance: Importance; pillar: Pillar },
  rules: SlaRules = DEFAULT_SLA_RULES,
): TrackedDeadlines {
  const timed: TimedCase = {
    ...application,
    status: 'submitted',
    submittedAtMs: submittedAt.getTime(),
    pauses: [],
    firstResponseAtMs: null,
    lastUpdateAtMs: null,
    answeredAtMs: null,
    closedAtMs: null,
  };
  return trackedDeadlines(timed, rules, submittedAt.getTime());
}

/** The tracked-deadline columns of `cases`, as an ISO string or null each, in this order. */
export const DEADLINE_COLUMNS = ['due_at', 'first_response_due_at', 'update_due_at', 'at_risk_at'] as const;

export function deadlineColumnValues(
  d: TrackedDeadlines,
): [dueAt: string, firstResponseDueAt: string | null, updateDueAt: string | null, atRiskAt: string | null] {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return [
    new Date(d.resolutionDueMs).toISOString(),
    iso(d.firstResponseDueMs),
    iso(d.updateDueMs),
    iso(d.resolutionAtRiskMs),
  ];
}

/** A case row as `TIMED_CASE_COLUMNS` selects it. */
export interface TimedCaseRow {
  type: ApplicationType;
  importance: Importance;
  pillar: Pillar;
  status: TimedCase['status'];
  submitted_ms: number;
  pauses: { from: string; to: string | null }[] | string;
  first_response_ms: number | null;
  last_update_ms: number | null;
  answered_ms: number | null;
  closed_ms: number | null;
  due_ms: number | null;
}

const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** Selects what the clocks need of a case (the row is read as `TimedCaseRow`). */
export const TIMED_CASE_COLUMNS = `type, importance, pillar, status, ${epochMs('submitted_at')} AS submitted_ms, pauses,
  ${epochMs('first_response_at')} AS first_response_ms, ${epochMs('last_update_at')} AS last_update_ms,
  ${epochMs('answered_at')} AS answered_ms, ${epochMs('closed_at')} AS closed_ms, ${epochMs('due_at')} AS due_ms`;

/** Selects the tracked deadlines other than `due_ms` as stored, in ms since the epoch (null where none). */
export const STORED_DEADLINE_COLUMNS = `${epochMs('first_response_due_at')} AS first_response_due_ms,
  ${epochMs('update_due_at')} AS update_due_ms, ${epochMs('at_risk_at')} AS at_risk_ms`;

export function timedCaseOfRow(row: TimedCaseRow): TimedCase {
  const pauses = typeof row.pauses === 'string' ? (JSON.parse(row.pauses) as TimedCaseRow['pauses']) : row.pauses;
  return {
    type: row.type,
    importance: row.importance,
    pillar: row.pillar,
    status: row.status,
    submittedAtMs: row.submitted_ms,
    pauses: (pauses as Exclude<TimedCaseRow['pauses'], string>).map((p) => ({
      fromMs: Date.parse(p.from),
      toMs: p.to === null ? Number.POSITIVE_INFINITY : Date.parse(p.to),
    })),
    firstResponseAtMs: row.first_response_ms,
    lastUpdateAtMs: row.last_update_ms,
    answeredAtMs: row.answered_ms,
    closedAtMs: row.closed_ms,
  };
}

/**
 * Recomputes and stores a case's deadlines as they stand at `at`, and when it
 * is next referred up (nextReferral.ts), inside the caller's transaction (which
 * logs the change). Returns the resolution deadline before and after, for the
 * timeline.
 */
export async function trackCaseClocks(
  tx: SqlRunner,
  caseId: string,
  rules: SlaRules & ReferralRules,
  at: Date,
): Promise<{ fromDueMs: number | null; deadlines: TrackedDeadlines }> {
  const [row] = await tx.query<TimedCaseRow & { escalation_level: EscalationLevel; entity_code: string | null }>(
    `SELECT ${TIMED_CASE_COLUMNS}, escalation_level, ${ENTITY_CODE_OF_CASE} AS entity_code FROM cases WHERE id = $1::uuid`,
    [caseId],
  );
  if (!row) throw new Error(`No case ${caseId} to track.`);
  const deadlines = trackedDeadlines(timedCaseOfRow(row), rules, at.getTime());
  const nextReferral = nextReferralValue(rules, {
    status: row.status,
    level: row.escalation_level,
    dueMs: deadlines.resolutionDueMs,
    entityCode: row.entity_code,
  });
  await tx.query(
    `UPDATE cases SET ${DEADLINE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, clocks_tracked = true,
       next_referral_at = $${DEADLINE_COLUMNS.length + 2}
     WHERE id = $1::uuid`,
    [caseId, ...deadlineColumnValues(deadlines), nextReferral],
  );
  return { fromDueMs: row.due_ms, deadlines };
}
