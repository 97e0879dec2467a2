import { raiseCaseAlert } from '../alerts/caseAlerts';
import { DEFAULT_CHASE_ANSWER_MINUTES, isChaseOverdue } from '../../shared/sla';
import { loadSlaRules } from '../sla/slaRulesStore';
import { DEADLINES_STAND_UP_TO } from '../sla/recomputeDeadlines';
import type { HubDatabase } from '../db/hubDatabase';
import type { TimedJob } from './jobScheduler';

const BATCH = 200;

/**
 * The SLA alerts that are not referrals: a first response or an update that
 * is late, and a resolution clock that has used its at-risk share. The
 * resolution breach itself is the ladder's first referral (escalationJob).
 * Each sweep reads one partial index; each alert records its key on the case
 * under a row lock, so it is raised once however many hub processes run.
 */
export interface ClockSweep {
  /** The key kept in `cases.sla_alerts` once raised; SQL over the case row. */
  readonly key: string;
  readonly kind: 'breach' | 'atRisk';
  readonly timer: 'firstResponse' | 'update' | 'resolution';
  /** The deadline column the sweep walks, and the condition a raise needs ($1 is now). */
  readonly column: string;
  readonly when: string;
}

export const CLOCK_SWEEPS: readonly ClockSweep[] = [
  {
    key: `'firstResponse'`,
    kind: 'breach',
    timer: 'firstResponse',
    column: 'first_response_due_at',
    when: `first_response_due_at < $1 AND first_response_at IS NULL`,
  },
  {
    // The update clock restarts with every update, so each overrun is its own alert.
    key: `'update@' || iso_ms(update_due_at)`,
    kind: 'breach',
    timer: 'update',
    column: 'update_due_at',
    when: `update_due_at < $1 AND first_response_at IS NOT NULL`,
  },
  {
    key: `'resolution:atRisk'`,
    kind: 'atRisk',
    timer: 'resolution',
    column: 'at_risk_at',
    when: `at_risk_at < $1 AND due_at > $1`,
  },
];

// Clocks stand still while the case awaits the citizen; closed and answered cases have stopped them.
// Cases a rule change has yet to reach wait for it: their deadlines are about to move.
const RUNNING = `status IN ('submitted','assigned','inProgress','reopened','referred') AND id <= ${DEADLINES_STAND_UP_TO}`;

export function slaAlertJob(): TimedJob {
  return {
    name: 'raise-sla-alerts',
    everyMs: 15_000,
    run: async (db, now) => (await raiseClockAlerts(db, now)) + (await raiseUnansweredChaseAlerts(db, now)),
  };
}

export async function raiseClockAlerts(db: HubDatabase, now: Date): Promise<number> {
  let raised = 0;
  for (const sweep of CLOCK_SWEEPS) {
    const due = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM cases
       WHERE ${sweep.column} IS NOT NULL AND ${sweep.when} AND ${RUNNING} AND NOT (${sweep.key} = ANY(sla_alerts))
       ORDER BY ${sweep.column} LIMIT ${BATCH}`,
      [now.toISOString()],
    );
    for (const { id } of due) if (await raiseOne(db, sweep, id, now)) raised++;
  }
  return raised;
}

async function raiseOne(db: HubDatabase, sweep: ClockSweep, caseId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Re-checked under the row lock: another process, or a response, may have come first.
    const [row] = await tx.query<{ key: string; number: string; due: string }>(
      `SELECT ${sweep.key} AS key, number, iso_ms(${sweep.column}) AS due FROM cases
       WHERE id = $2::uuid AND ${sweep.column} IS NOT NULL AND ${sweep.when} AND ${RUNNING}
         AND NOT (${sweep.key} = ANY(sla_alerts))
       FOR UPDATE`,
      [now.toISOString(), caseId],
    );
    if (!row) return false;
    await tx.query(`UPDATE cases SET sla_alerts = array_append(sla_alerts, $2) WHERE id = $1::uuid`, [caseId, row.key]);
    await raiseCaseAlert(tx, caseId, sweep.kind, { timer: sweep.timer, number: row.number, dueAt: row.due }, now);
    return true;
  });
}

/**
 * Chases the focal point has left unanswered past their window (working
 * time): one alert each, marked on the chase under its row lock.
 */
export async function raiseUnansweredChaseAlerts(db: HubDatabase, now: Date): Promise<number> {
  const { calendar } = await loadSlaRules(db);
  // Working time never exceeds clock time: the window in hours is a safe first cut for the index.
  const candidates = await db.query<{ id: string; sent_ms: number }>(
    `SELECT id::text AS id, (extract(epoch FROM sent_at) * 1000)::float8 AS sent_ms FROM chases
     WHERE answered_at IS NULL AND unanswered_alerted_at IS NULL AND sent_at < $1
     ORDER BY sent_at LIMIT ${BATCH}`,
    [new Date(now.getTime() - DEFAULT_CHASE_ANSWER_MINUTES * 60_000).toISOString()],
  );
  let raised = 0;
  for (const chase of candidates) {
    if (!isChaseOverdue(calendar, { sentAtMs: chase.sent_ms, answeredAtMs: null }, now.getTime())) continue;
    const done = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ case_id: string; number: string; focal_point_id: string; sent_at: string }>(
        `SELECT ch.case_id::text AS case_id, c.number, ch.focal_point_id, iso_ms(ch.sent_at) AS sent_at
         FROM chases ch JOIN cases c ON c.id = ch.case_id
         WHERE ch.id = $1::uuid AND ch.answered_at IS NULL AND ch.unanswered_alerted_at IS NULL
         FOR UPDATE OF ch`,
        [chase.id],
      );
      if (!row) return false;
      await tx.query('UPDATE chases SET unanswered_alerted_at = $2 WHERE id = $1::uuid', [chase.id, now.toISOString()]);
      await raiseCaseAlert(
        tx,
        row.case_id,
        'unansweredChase',
        { number: row.number, chaseId: chase.id, focalPointId: row.focal_point_id, sentAt: row.sent_at },
        now,
      );
      return true;
    });
    if (done) raised++;
  }
  return raised;
}
