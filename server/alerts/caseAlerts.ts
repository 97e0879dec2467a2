import { v7 as uuidv7 } from 'uuid';
import type { AlertKind } from '../../shared/domain/alertRecord';
import { recordChanges } from '../changes/changeLog';
import type { SqlRunner } from '../db/hubDatabase';

/**
 * Raises an alert for the operation room inside the caller's transaction, so
 * it commits with the change it reports (or not at all), and logs it for the
 * consoles. `detail` holds ids, levels and the case number only: alerts reach
 * every desk and notifications, so no personal data.
 */
export async function raiseCaseAlert(
  tx: SqlRunner,
  caseId: string,
  kind: AlertKind,
  detail: Record<string, string | number | null>,
  at: Date,
): Promise<string> {
  const id = uuidv7();
  await tx.query(`INSERT INTO alerts (id, case_id, kind, detail, raised_at) VALUES ($1, $2::uuid, $3, $4, $5)`, [
    id,
    caseId,
    kind,
    JSON.stringify(detail),
    at.toISOString(),
  ]);
  await recordChanges(tx, [{ table: 'alerts', id }]);
  return id;
}

/** A rating at or below this is a low rating the operation room looks into. */
export const LOW_RATING = 2;
