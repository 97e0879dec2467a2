import type { Change } from '../../shared/protocol/syncProtocol';
import type { Actor } from '../commands/actor';

/**
 * What one reader of the sync stream may see: focal points their own entity's
 * cases only, and the applicant's contact details only for roles that work
 * with the citizen or must find a case by phone.
 */
export interface SyncAudience {
  entityScope: string | null;
  seesPersonalData: boolean;
}

export const FULL_AUDIENCE: SyncAudience = { entityScope: null, seesPersonalData: true };

export function audienceOf(actor: Actor): SyncAudience {
  return {
    entityScope: actor.role === 'focalPoint' ? actor.entityId : null,
    seesPersonalData: actor.role !== 'support',
  };
}

const REDACTED = { applicantName: '', applicantPhone: '' };

/** The change as this audience receives it: redacted, or a delete where the case left their scope. */
export function changeFor(audience: SyncAudience, change: Change): Change {
  // Alerts are the operation room's: a focal point's replica holds none.
  if (change.table === 'alerts' && audience.entityScope) return { ...change, op: 'delete', row: null };
  if (change.table !== 'cases' || !change.row) return change;
  if (audience.entityScope && change.row.entityId !== audience.entityScope) {
    return { seq: change.seq, table: 'cases', op: 'delete', id: change.id, row: null };
  }
  return audience.seesPersonalData ? change : { ...change, row: { ...change.row, ...REDACTED } };
}

/** SQL for a snapshot page of cases as this audience may see it: the row expression and an optional scope. */
export function caseSnapshotSql(audience: SyncAudience): { row: string; scope: string | null } {
  return {
    row: audience.seesPersonalData ? 'row::text' : `(row::jsonb || '${JSON.stringify(REDACTED)}'::jsonb)::text`,
    scope: audience.entityScope,
  };
}
