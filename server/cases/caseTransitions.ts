import type { CaseStatus } from '../../shared/domain/taxonomy';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { recordChanges } from '../changes/changeLog';
import { HubError } from '../http/hubError';
import { trackCaseClocks } from './caseDeadlines';
import { LOW_RATING, raiseCaseAlert } from '../alerts/caseAlerts';
import { loadSlaRules } from '../sla/slaRulesStore';
import { RECOMPUTE_RUN_BEHIND, catchUpRecompute } from '../sla/recomputeDeadlines';

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
  const [current] = await tx.query<{ status: CaseStatus; behind_run: number | null }>(
    `SELECT status, ${RECOMPUTE_RUN_BEHIND} AS behind_run FROM cases WHERE id = $1 FOR UPDATE`,
    [caseId],
  );
  if (!current) throw new HubError(404, 'noSuchCase', `No case ${caseId}.`);
  if (!canTransition(current.status, transition.to)) {
    throw new HubError(409, 'badTransition', `A case that is ${current.status} cannot become ${transition.to}.`);
  }
  // A rule change not yet applied to this case is applied first, with its timeline event (recomputeDeadlines.ts).
  if (current.behind_run !== null) await catchUpRecompute(tx, caseId, current.behind_run, transition.at);
  const at = transition.at.toISOString();
  await tx.query(
    `UPDATE cases SET status = $2, updated_at = $3, version = version + 1,
       first_response_at = CASE WHEN $2 IN (${CONTACT_STATUSES}) THEN COALESCE(first_response_at, $3) ELSE first_response_at END,
       last_update_at = CASE WHEN $2 IN (${CONTACT_STATUSES}) THEN $3 ELSE last_update_at END,
       answered_at = CASE WHEN $2 = 'answered' THEN $3 ELSE answered_at END,
       closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END,
       rating = COALESCE($4, rating),
       pauses = ${PAUSE_UPDATE}
     WHERE id = $1`,
    [caseId, transition.to, at, transition.rating ?? null, current.status],
  );
  // The clocks move with every status: a pause ends, a response stops one, an update restarts another.
  await trackCaseClocks(tx, caseId, await loadSlaRules(tx), transition.at);
  await tx.query('INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)', [
    caseId,
    at,
    `status:${transition.to}`,
    transition.actor,
    JSON.stringify(transition.data ?? {}),
  ]);
  const [seq] = await recordChanges(tx, [{ table: 'cases', id: caseId }]);
  await alertOnCitizenVerdict(tx, caseId, transition);
  return seq!;
}

/** A reopened case and a low rating are the citizen saying the answer failed: the operation room hears at once. */
async function alertOnCitizenVerdict(tx: SqlRunner, caseId: string, transition: Transition): Promise<void> {
  const low = transition.rating !== undefined && transition.rating <= LOW_RATING;
  if (transition.to !== 'reopened' && !low) return;
  const [c] = await tx.query<{ number: string }>('SELECT number FROM cases WHERE id = $1::uuid', [caseId]);
  if (transition.to === 'reopened') await raiseCaseAlert(tx, caseId, 'reopened', { number: c!.number }, transition.at);
  if (low)
    await raiseCaseAlert(tx, caseId, 'lowRating', { number: c!.number, rating: transition.rating! }, transition.at);
}

/** Statuses the citizen hears of: each is a response and an update. */
const CONTACT_STATUSES = `'inProgress','awaitingCitizen','answered'`;

/**
 * The SLA clocks stop while a case awaits the citizen: entering that status
 * opens a pause, leaving it closes the last one ($5 is the status left).
 */
const PAUSE_UPDATE = `CASE
  WHEN $5 = 'awaitingCitizen' AND jsonb_array_length(pauses) > 0
    THEN jsonb_set(pauses, ARRAY[(jsonb_array_length(pauses) - 1)::text, 'to'], to_jsonb(iso_ms($3::timestamptz)))
  WHEN $2 = 'awaitingCitizen'
    THEN pauses || jsonb_build_array(jsonb_build_object('from', iso_ms($3::timestamptz), 'to', NULL))
  ELSE pauses END`;
