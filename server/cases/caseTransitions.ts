import type { CaseStatus } from '../../shared/domain/taxonomy';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { recordChanges } from '../changes/changeLog';
import { HubError } from '../http/hubError';
import { addWorkingMinutes, workingMinutesBetween } from '../../shared/sla';
import { loadSlaRules } from '../sla/slaRulesStore';

/** Which status may follow which: the platform's case lifecycle. */
export const ALLOWED_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  submitted: ['assigned', 'referred'],
  assigned: ['inProgress', 'awaitingCitizen', 'answered', 'referred'],
  inProgress: ['awaitingCitizen', 'answered', 'referred'],
  awaitingCitizen: ['inProgress', 'answered', 'closed'],
  answered: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['inProgress', 'answered', 'referred'],
  referred: ['assigned', 'inProgress'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export interface Transition {
  to: CaseStatus;
  actor: string;
  at: Date;
  /** Event details kept in the case's history. */
  data?: Record<string, unknown>;
  rating?: number;
}

/** Moves a case along its lifecycle, records the event, and logs the change. */
export async function transitionCase(db: HubDatabase, caseId: string, transition: Transition): Promise<number> {
  return db.transaction((tx) => applyTransition(tx, caseId, transition));
}

/** The same, inside the caller's transaction (commands add their own checks and records around it). */
export async function applyTransition(tx: SqlRunner, caseId: string, transition: Transition): Promise<number> {
  const [current] = await tx.query<{ status: CaseStatus }>('SELECT status FROM cases WHERE id = $1 FOR UPDATE', [
    caseId,
  ]);
  if (!current) throw new HubError(404, 'noSuchCase', `No case ${caseId}.`);
  if (!canTransition(current.status, transition.to)) {
    throw new HubError(409, 'badTransition', `A case that is ${current.status} cannot become ${transition.to}.`);
  }
  const at = transition.at.toISOString();
  if (current.status === 'awaitingCitizen') await extendDeadlineByPause(tx, caseId, transition.at);
  await tx.query(
    `UPDATE cases SET status = $2, updated_at = $3, version = version + 1,
       first_response_at = CASE WHEN $2 IN ('inProgress','awaitingCitizen','answered') THEN COALESCE(first_response_at, $3) ELSE first_response_at END,
       answered_at = CASE WHEN $2 = 'answered' THEN $3 ELSE answered_at END,
       closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END,
       rating = COALESCE($4, rating)
     WHERE id = $1`,
    [caseId, transition.to, at, transition.rating ?? null],
  );
  await tx.query('INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)', [
    caseId,
    at,
    `status:${transition.to}`,
    transition.actor,
    JSON.stringify(transition.data ?? {}),
  ]);
  const [seq] = await recordChanges(tx, [{ table: 'cases', id: caseId }]);
  return seq!;
}

/**
 * The SLA clock stops while a case awaits the citizen: on resuming, the
 * deadline moves by the working time the case spent waiting.
 */
async function extendDeadlineByPause(tx: SqlRunner, caseId: string, resumedAt: Date): Promise<void> {
  const [pause] = await tx.query<{ since_ms: number; due_ms: number | null }>(
    `SELECT (extract(epoch FROM max(e.at)) * 1000)::float8 AS since_ms,
            (SELECT (extract(epoch FROM due_at) * 1000)::float8 FROM cases WHERE id = $1::uuid) AS due_ms
     FROM case_events e WHERE e.case_id = $1::uuid AND e.kind = 'status:awaitingCitizen'`,
    [caseId],
  );
  if (!pause?.since_ms || pause.due_ms === null) return;
  const { calendar } = await loadSlaRules(tx);
  const paused = Math.max(0, workingMinutesBetween(calendar, pause.since_ms, resumedAt.getTime()));
  if (paused === 0) return;
  await tx.query('UPDATE cases SET due_at = $2 WHERE id = $1::uuid', [
    caseId,
    new Date(addWorkingMinutes(calendar, pause.due_ms, paused)).toISOString(),
  ]);
}
