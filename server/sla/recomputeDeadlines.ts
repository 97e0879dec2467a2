import { addWorkingMinutes, slaTargetsFor } from '../../shared/sla';
import type { ApplicationType, Importance, Pillar } from '../../shared/domain/taxonomy';
import { recordChanges } from '../changes/changeLog';
import type { SqlRunner } from '../db/hubDatabase';
import type { CurrentSlaRules } from './slaRulesStore';

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
  const open = await tx.query<{
    id: string;
    type: ApplicationType;
    importance: Importance;
    pillar: Pillar;
    submitted_ms: number;
    due_ms: number | null;
  }>(
    `SELECT id::text AS id, type, importance, pillar, (extract(epoch FROM submitted_at) * 1000)::float8 AS submitted_ms,
            (extract(epoch FROM due_at) * 1000)::float8 AS due_ms
     FROM cases WHERE status IN ('submitted','assigned','inProgress','awaitingCitizen','reopened','referred')`,
  );
  let moved = 0;
  for (const c of open) {
    const targets = slaTargetsFor(rules.matrix, c.type, c.importance, c.pillar);
    const due = addWorkingMinutes(rules.calendar, c.submitted_ms, targets.resolutionMinutes);
    if (c.due_ms !== null && Math.abs(due - c.due_ms) < 1000) continue;
    await tx.query(`UPDATE cases SET due_at = $2, updated_at = $3 WHERE id = $1::uuid`, [
      c.id,
      new Date(due).toISOString(),
      now.toISOString(),
    ]);
    await tx.query(
      `INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1::uuid, $2, 'deadlineChanged', $3, $4)`,
      [
        c.id,
        now.toISOString(),
        actor,
        JSON.stringify({
          from: c.due_ms === null ? null : new Date(c.due_ms).toISOString(),
          to: new Date(due).toISOString(),
          rulesVersion: rules.version,
          rule: targets.ruleId,
          reason,
        }),
      ],
    );
    await recordChanges(tx, [{ table: 'cases', id: c.id }]);
    moved++;
  }
  return moved;
}
