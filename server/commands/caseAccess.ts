import type { CaseStatus } from '../../shared/domain/taxonomy';
import type { SqlRunner } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import type { Actor } from './actor';

export interface LockedCase {
  id: string;
  number: string;
  status: CaseStatus;
  version: number;
  entity_id: string;
  focal_point_id: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
}

/**
 * Locks a case for a command. A focal point reaches only their own entity's
 * cases; to them another entity's case does not exist (no existence leak).
 */
export async function lockCase(tx: SqlRunner, caseId: string, actor: Actor): Promise<LockedCase> {
  const [row] = await tx.query<LockedCase>(
    `SELECT id::text AS id, number, status, version, entity_id, focal_point_id, claimed_by, iso_ms(claimed_at) AS claimed_at
     FROM cases WHERE id = $1::uuid FOR UPDATE`,
    [caseId],
  );
  if (!row || (actor.role === 'focalPoint' && row.entity_id !== actor.entityId)) {
    throw new HubError(404, 'noSuchCase', `No case ${caseId}.`);
  }
  return row;
}

export async function recordCaseEvent(
  tx: SqlRunner,
  caseId: string,
  kind: string,
  actor: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx.query('INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)', [
    caseId,
    at.toISOString(),
    kind,
    actor,
    JSON.stringify(data),
  ]);
}

/** What changed a case since a version, in words for the 409 an operator reads. */
export async function describeChangesSince(tx: SqlRunner, caseRow: LockedCase, seenVersion: number): Promise<string> {
  const [last] = await tx.query<{ kind: string; actor: string; at: string }>(
    `SELECT kind, actor, iso_ms(at) AS at FROM case_events WHERE case_id = $1::uuid ORDER BY at DESC, id DESC LIMIT 1`,
    [caseRow.id],
  );
  const what = last ? `${last.kind} by ${last.actor} at ${last.at}` : 'a change';
  return `Case ${caseRow.number} changed after you saw it (you saw version ${seenVersion}, it is now ${caseRow.version}): ${what}. Review it and try again.`;
}
