import { recordChanges } from '../changes/changeLog';
import { trackCaseClocks } from '../cases/caseDeadlines';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { loadSlaRules, type CurrentSlaRules } from './slaRulesStore';

const OPEN = `status IN ('submitted','assigned','inProgress','awaitingCitizen','reopened','referred')`;

/**
 * After the calendar or matrix changes, open cases get their deadlines anew.
 * History is never rewritten: each moved deadline is an event in the case's
 * timeline naming the old and new deadline, the rule version and the reason.
 */
export async function recomputeOpenDeadlines(
  tx: SqlRunner,
  rules: CurrentSlaRules,
  actor: string,
  reason: string,
  now: Date,
): Promise<number> {
  const open = await tx.query<{ id: string }>(`SELECT id::text AS id FROM cases WHERE ${OPEN} ORDER BY id`);
  let moved = 0;
  for (const c of open) {
    const { fromDueMs, deadlines } = await trackCaseClocks(tx, c.id, rules, now);
    if (fromDueMs !== null && Math.abs(deadlines.resolutionDueMs - fromDueMs) < 1000) continue;
    await tx.query(`UPDATE cases SET updated_at = $2 WHERE id = $1::uuid`, [c.id, now.toISOString()]);
    await tx.query(
      `INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1::uuid, $2, 'deadlineChanged', $3, $4)`,
      [
        c.id,
        now.toISOString(),
        actor,
        JSON.stringify({
          from: fromDueMs === null ? null : new Date(fromDueMs).toISOString(),
          to: new Date(deadlines.resolutionDueMs).toISOString(),
          rulesVersion: rules.version,
          reason,
        }),
      ],
    );
    await recordChanges(tx, [{ table: 'cases', id: c.id }]);
    moved++;
  }
  return moved;
}

/**
 * Cases that were open when the hub learned to track all three clocks (schema
 * version 6) get their first-response and update deadlines once, in batches,
 * with the rules in force. Not a change of deadline, so no timeline event.
 */
export async function trackUntrackedClocks(db: HubDatabase, now: Date, batch = 500): Promise<number> {
  let tracked = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const ids = await tx.query<{ id: string }>(
        `SELECT id::text AS id FROM cases WHERE NOT clocks_tracked ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      const rules = await loadSlaRules(tx);
      for (const { id } of ids) await trackCaseClocks(tx, id, rules, now);
      if (ids.length)
        await recordChanges(
          tx,
          ids.map(({ id }) => ({ table: 'cases' as const, id })),
        );
      return ids.length;
    });
    tracked += done;
    if (done < batch) return tracked;
  }
}
