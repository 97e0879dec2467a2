import type { SqlRunner } from '../db/hubDatabase';

/**
 * The entity's least-loaded active focal point (ties to the lowest id), or
 * null when it has none. Intake gives a new case to it, and a reassign or
 * referral without a named focal point does too.
 *
 * The load is focal_points.open_cases, kept exact by triggers on cases
 * (migration 0007), so this is one walk of an index, whatever the entity's
 * backlog: it runs inside write transactions that go on to take the change
 * counter's lock, and counting cases here made every writer queue behind it.
 */
export async function leastLoadedFocalPoint(tx: SqlRunner, entityId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT id FROM focal_points WHERE entity_id = $1 AND active ORDER BY open_cases, id LIMIT 1`,
    [entityId],
  );
  return row?.id ?? null;
}
