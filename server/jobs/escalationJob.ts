import { v7 as uuidv7 } from 'uuid';
import type { EscalationLevel } from '../../shared/domain/taxonomy';
import {
  DEFAULT_LADDER_WINDOWS,
  escalationLevelAt,
  escalationRank,
  ladderWindowsFor,
  type LadderWindows,
} from '../../shared/sla';
import { recordChanges } from '../changes/changeLog';
import { raiseCaseAlert } from '../alerts/caseAlerts';
import { DEFAULT_SLA_RULES, type SlaRules } from '../cases/caseDeadlines';
import type { HubDatabase } from '../db/hubDatabase';
import type { TimedJob } from './jobScheduler';
import { loadSlaRules } from '../sla/slaRulesStore';
import { DEADLINES_STAND_UP_TO } from '../sla/recomputeDeadlines';

const BATCH = 200;

/**
 * Refers late cases up the ladder of officials. The level a case should be at
 * is computed from its deadline with the shared ladder rules and its entity's
 * windows (the same ones the desk shows); a case only ever
 * climbs, one recorded referral (and one alert) per rung. Runs under the job
 * lease, and each referral re-checks the level under a row lock, so two hub
 * processes never refer the same case twice. Cases a rule change has yet to
 * reach wait for it: their deadlines are about to move.
 */
export function escalationJob(): TimedJob {
  return {
    name: 'refer-overdue-cases',
    everyMs: 15_000,
    // The rules in force are read each run: an administrator's change applies at the next tick.
    run: async (db, now) => {
      const rules = await loadSlaRules(db);
      return referOverdueCases(db, now, rules, rules.ladder);
    },
  };
}

export async function referOverdueCases(
  db: HubDatabase,
  now: Date,
  rules: SlaRules = DEFAULT_SLA_RULES,
  ladder: LadderWindows = DEFAULT_LADDER_WINDOWS,
  batch = BATCH,
): Promise<number> {
  let referred = 0;
  // Every late case is looked at, a batch at a time. Windows differ by entity,
  // so the oldest deadlines are not the first to climb: a first batch of cases
  // still inside a long window must not hold back the cases behind it.
  let after: { due: string; id: string } | null = null;
  for (;;) {
    const candidates: Candidate[] = await db.query<Candidate>(
      `SELECT c.id::text AS id, c.due_at::text AS due_key, (extract(epoch FROM c.due_at) * 1000)::float8 AS due_ms,
              c.escalation_level, e.code AS entity_code
       FROM cases c LEFT JOIN entities e ON e.id = c.entity_id
       WHERE c.status IN ('submitted','assigned','inProgress','reopened','referred') AND c.due_at < $1
         AND c.escalation_level <> 'minister' AND c.id <= ${DEADLINES_STAND_UP_TO}
         AND ($3::timestamptz IS NULL OR (c.due_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.due_at, c.id LIMIT $2`,
      [now.toISOString(), batch, after?.due ?? null, after?.id ?? null],
    );
    for (const candidate of candidates) if (await referCase(db, now, rules, ladder, candidate)) referred++;
    if (candidates.length < batch) return referred;
    const last = candidates.at(-1)!;
    after = { due: last.due_key, id: last.id };
  }
}

interface Candidate {
  id: string;
  due_key: string;
  due_ms: number;
  escalation_level: EscalationLevel;
  entity_code: string | null;
}

async function referCase(
  db: HubDatabase,
  now: Date,
  rules: SlaRules,
  ladder: LadderWindows,
  candidate: Candidate,
): Promise<boolean> {
  const windows = ladderWindowsFor(ladder, candidate.entity_code);
  const target = escalationLevelAt(windows, rules.calendar, candidate.due_ms, now.getTime());
  if (escalationRank(target) <= escalationRank(candidate.escalation_level)) return false;
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ escalation_level: EscalationLevel; number: string }>(
      'SELECT escalation_level, number FROM cases WHERE id = $1::uuid FOR UPDATE',
      [candidate.id],
    );
    if (!current || escalationRank(target) <= escalationRank(current.escalation_level)) return false;
    await tx.query(
      `UPDATE cases SET escalation_level = $2, updated_at = $3, version = version + 1 WHERE id = $1::uuid`,
      [candidate.id, target, now.toISOString()],
    );
    const detail = { from: current.escalation_level, to: target, number: current.number };
    // The official at the new rung is told: a notice queued for the messaging gateway, named in the timeline.
    const [notice] = await tx.query<{ id: string }>(
      `INSERT INTO referral_notices (id, case_id, entity_id, level, queued_at)
         SELECT $1::uuid, c.id, c.entity_id, $3, $4 FROM cases c WHERE c.id = $2::uuid
         ON CONFLICT (case_id, level) DO NOTHING RETURNING id::text AS id`,
      [uuidv7(), candidate.id, target, now.toISOString()],
    );
    await tx.query(
      `INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1::uuid, $2, 'referredUp', 'sla', $3)`,
      [candidate.id, now.toISOString(), JSON.stringify({ ...detail, noticeId: notice?.id ?? null })],
    );
    await raiseCaseAlert(
      tx,
      candidate.id,
      current.escalation_level === 'focalPoint' ? 'breach' : 'referral',
      { ...detail, timer: 'resolution' },
      now,
    );
    await recordChanges(tx, [{ table: 'cases', id: candidate.id }]);
    return true;
  });
}
