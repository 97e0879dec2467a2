import { v7 as uuidv7 } from 'uuid';
import type { CaseStatus, EscalationLevel } from '../../shared/domain/taxonomy';
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
import { REFERABLE_SQL, nextReferralValue, type ReferralRules } from '../cases/nextReferral';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import type { TimedJob } from './jobScheduler';
import { loadSlaRules } from '../sla/slaRulesStore';
import { DEADLINES_STAND_UP_TO, LADDER_RUN_CURSOR, REFERRAL_TIMES_STAND_UP_TO } from '../sla/recomputeDeadlines';

const BATCH = 200;

/**
 * Refers late cases up the ladder of officials. The level a case should be at
 * is computed from its deadline with the shared ladder rules and its entity's
 * windows (the same ones the desk shows); a case only ever
 * climbs, one recorded referral (and one alert) per rung. Runs under the job
 * lease, and each referral re-checks the level under a row lock, so two hub
 * processes never refer the same case twice. Cases a rule change has yet to
 * reach wait for it: their deadlines are about to move.
 *
 * Each open case stores when it is next referred up (`next_referral_at`,
 * nextReferral.ts), so a run reads only the cases whose instant has passed, by
 * one range of a partial index, not every late case below the top rung.
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
  const referral: ReferralRules = { calendar: rules.calendar, ladder };
  let referred = await referDueCases(db, now, referral, batch);
  // A ladder change's run under way: past its cursor the stored instants follow the old windows, so those cases
  // are worked out from their deadlines, each late one below the top rung, until the run has passed them.
  const [ladderRun] = await db.query<{ cursor: string | null }>(`SELECT ${LADDER_RUN_CURSOR}::text AS cursor`);
  if (ladderRun?.cursor) referred += await referLateCasesPastLadderRun(db, now, referral, batch);
  return referred;
}

interface Candidate {
  id: string;
  due_key: string | null;
  due_ms: number;
  escalation_level: EscalationLevel;
  entity_code: string | null;
  status: CaseStatus;
  entity_id: string;
  /** The stored instant, as text, exactly as read: '-infinity' for a case marked due for a look. */
  next_key: string | null;
  /** The same in ms since the epoch (-Infinity for a mark). */
  next_ms: number | null;
}

const CANDIDATE_COLUMNS = `c.id::text AS id, c.due_at::text AS due_key,
  (extract(epoch FROM c.due_at) * 1000)::float8 AS due_ms, c.escalation_level, e.code AS entity_code, c.status,
  c.entity_id, c.next_referral_at::text AS next_key, (extract(epoch FROM c.next_referral_at) * 1000)::float8 AS next_ms`;

/**
 * The cases whose stored instant has passed, in instant order, a batch at a
 * time: one range of `cases_next_referral`. Each is referred if its level is
 * behind; one that is not due after all (its instant was a mark to look, left
 * by a write that did not compute it) gets its exact instant stored.
 */
async function referDueCases(db: HubDatabase, now: Date, rules: ReferralRules, batch: number): Promise<number> {
  let referred = 0;
  let after: { next: string; id: string } | null = null;
  for (;;) {
    const candidates: Candidate[] = await db.query<Candidate>(
      `SELECT ${CANDIDATE_COLUMNS}
       FROM cases c LEFT JOIN entities e ON e.id = c.entity_id
       WHERE c.next_referral_at < $1 AND c.${REFERABLE_SQL} AND c.escalation_level <> 'minister'
         AND c.id <= ${REFERRAL_TIMES_STAND_UP_TO}
         AND ($3::timestamptz IS NULL OR (c.next_referral_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.next_referral_at, c.id LIMIT $2`,
      [now.toISOString(), batch, after?.next ?? null, after?.id ?? null],
    );
    const settled: Candidate[] = [];
    for (const candidate of candidates) {
      if (await referCase(db, now, rules, candidate)) referred++;
      else settled.push(candidate);
    }
    await storeInstants(db, rules, settled);
    if (candidates.length < batch) return referred;
    const last = candidates.at(-1)!;
    after = { next: last.next_key!, id: last.id };
  }
}

/** While a ladder run is under way: the late cases past its cursor, worked out from their deadlines. */
async function referLateCasesPastLadderRun(
  db: HubDatabase,
  now: Date,
  rules: ReferralRules,
  batch: number,
): Promise<number> {
  let referred = 0;
  // Windows differ by entity, so the oldest deadlines are not the first to climb: a first batch of cases
  // still inside a long window must not hold back the cases behind it.
  let after: { due: string; id: string } | null = null;
  for (;;) {
    const candidates: Candidate[] = await db.query<Candidate>(
      `SELECT ${CANDIDATE_COLUMNS}
       FROM cases c LEFT JOIN entities e ON e.id = c.entity_id
       WHERE c.${REFERABLE_SQL} AND c.due_at < $1 AND c.escalation_level <> 'minister'
         AND c.id > ${LADDER_RUN_CURSOR} AND c.id <= ${DEADLINES_STAND_UP_TO}
         AND ($3::timestamptz IS NULL OR (c.due_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.due_at, c.id LIMIT $2`,
      [now.toISOString(), batch, after?.due ?? null, after?.id ?? null],
    );
    for (const candidate of candidates) if (await referCase(db, now, rules, candidate)) referred++;
    if (candidates.length < batch) return referred;
    const last = candidates.at(-1)!;
    after = { due: last.due_key!, id: last.id };
  }
}

async function referCase(db: HubDatabase, now: Date, rules: ReferralRules, candidate: Candidate): Promise<boolean> {
  const windows = ladderWindowsFor(rules.ladder, candidate.entity_code);
  const target = escalationLevelAt(windows, rules.calendar, candidate.due_ms, now.getTime());
  if (escalationRank(target) <= escalationRank(candidate.escalation_level)) return false;
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{
      escalation_level: EscalationLevel;
      number: string;
      status: CaseStatus;
      due_ms: number | null;
      entity_code: string | null;
    }>(
      `SELECT c.escalation_level, c.number, c.status, (extract(epoch FROM c.due_at) * 1000)::float8 AS due_ms,
         (SELECT e.code FROM entities e WHERE e.id = c.entity_id) AS entity_code
       FROM cases c WHERE c.id = $1::uuid FOR UPDATE`,
      [candidate.id],
    );
    if (!current || escalationRank(target) <= escalationRank(current.escalation_level)) return false;
    // The next rung's instant, from the case as it stands under the lock.
    const next = nextReferralValue(rules, {
      status: current.status,
      level: target,
      dueMs: current.due_ms,
      entityCode: current.entity_code,
    });
    await tx.query(
      `UPDATE cases SET escalation_level = $2, updated_at = $3, version = version + 1, next_referral_at = $4
       WHERE id = $1::uuid`,
      [candidate.id, target, now.toISOString(), next],
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

/**
 * Stores the exact instants of cases the run looked at and did not refer, in
 * one statement. Only where the case is as it was read: a write since (a
 * transition, a run's batch) stored its own instant, or marked it again.
 */
async function storeInstants(db: SqlRunner, rules: ReferralRules, cases: readonly Candidate[]): Promise<void> {
  const rows = cases.flatMap((c) => {
    const next = nextReferralValue(rules, {
      status: c.status,
      level: c.escalation_level,
      dueMs: c.due_ms,
      entityCode: c.entity_code,
    });
    // Only marks, and instants the rules have moved, are rewritten.
    return next !== null && Date.parse(next) === c.next_ms ? [] : [{ ...c, next }];
  });
  if (rows.length === 0) return;
  await db.query(
    `UPDATE cases c SET next_referral_at = u.next
     FROM json_to_recordset($1::json) AS u(id uuid, next timestamptz, next_key text, due_key text, escalation_level text,
       entity_id text, status text)
     WHERE c.id = u.id AND c.next_referral_at = u.next_key::timestamptz AND c.due_at = u.due_key::timestamptz
       AND c.escalation_level = u.escalation_level AND c.entity_id = u.entity_id AND c.status = u.status`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          next: r.next,
          next_key: r.next_key,
          due_key: r.due_key,
          escalation_level: r.escalation_level,
          entity_id: r.entity_id,
          status: r.status,
        })),
      ),
    ],
  );
}
