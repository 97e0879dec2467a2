import type { CaseStatus, EscalationLevel } from '../../shared/domain/taxonomy';
import { type LadderWindows, type WorkingCalendar, ladderWindowsFor, nextReferralAtMs } from '../../shared/sla';
import type { SqlRunner } from '../db/hubDatabase';

// When each open case is next referred up the ladder (`cases.next_referral_at`,
// hub migration 9): computed wherever the hub writes what it depends on, so
// the referral job reads only the cases due now.

/** The statuses the referral job acts on; the same list as `case_referable` in migration 0009. */
export const REFERABLE_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'assigned',
  'inProgress',
  'reopened',
  'referred',
];
export const REFERABLE_SQL = `status IN (${REFERABLE_STATUSES.map((s) => `'${s}'`).join(',')})`;

/** What the instant is counted with: the working calendar and the ladder's windows. */
export interface ReferralRules {
  calendar: WorkingCalendar;
  ladder: LadderWindows;
}

export interface ReferralInputs {
  status: CaseStatus;
  level: EscalationLevel;
  /** The resolution deadline, ms since the epoch; null when the case has none. */
  dueMs: number | null;
  /** The code of the case's entity (its ladder windows), null if unknown. */
  entityCode: string | null;
}

/** The instant in ms, or null when the case cannot be referred (not open for it, at the top, no deadline). */
export function nextReferralMs(rules: ReferralRules, c: ReferralInputs): number | null {
  if (!REFERABLE_STATUSES.includes(c.status)) return null;
  return nextReferralAtMs(ladderWindowsFor(rules.ladder, c.entityCode), rules.calendar, c.dueMs, c.level);
}

/** The same, as the column stores it (an ISO instant or null). */
export function nextReferralValue(rules: ReferralRules, c: ReferralInputs): string | null {
  const ms = nextReferralMs(rules, c);
  return ms === null ? null : new Date(ms).toISOString();
}

/** The code of a `cases` row's entity, as a scalar subquery: it reads `entities` without locking it. */
export const ENTITY_CODE_OF_CASE = `(SELECT e.code FROM entities e WHERE e.id = cases.entity_id)`;

/**
 * Computes and stores one case's instant inside the caller's transaction, which
 * holds the case's row lock: after a write that moved the case to another
 * entity or level outside the clocks (a reassign, a referral to another entity).
 */
export async function keepNextReferral(tx: SqlRunner, caseId: string, rules: ReferralRules): Promise<void> {
  const [row] = await tx.query<{ status: CaseStatus; level: EscalationLevel; due_ms: number | null; code: string }>(
    `SELECT status, escalation_level AS level, (extract(epoch FROM due_at) * 1000)::float8 AS due_ms,
       ${ENTITY_CODE_OF_CASE} AS code
     FROM cases WHERE id = $1::uuid`,
    [caseId],
  );
  if (!row) return;
  const value = nextReferralValue(rules, {
    status: row.status,
    level: row.level,
    dueMs: row.due_ms,
    entityCode: row.code,
  });
  await tx.query('UPDATE cases SET next_referral_at = $2 WHERE id = $1::uuid', [caseId, value]);
}
