import { v7 as uuidv7 } from 'uuid';
import { recordChanges } from '../changes/changeLog';
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
const RUNNING = `status IN ('submitted','assigned','inProgress','reopened','referred')`;

export function slaAlertJob(): TimedJob {
  return { name: 'raise-sla-alerts', everyMs: 15_000, run: (db, now) => raiseClockAlerts(db, now) };
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
    await tx.query(`UPDATE cases SET sla_alerts = array_append(sla_alerts, $2) WHERE id = $1::uuid`, [
      caseId,
      row.key,
    ]);
    const alertId = uuidv7();
    await tx.query(`INSERT INTO alerts (id, case_id, kind, detail, raised_at) VALUES ($1, $2::uuid, $3, $4, $5)`, [
      alertId,
      caseId,
      sweep.kind,
      JSON.stringify({ timer: sweep.timer, number: row.number, dueAt: row.due }),
      now.toISOString(),
    ]);
    await recordChanges(tx, [{ table: 'alerts', id: alertId }]);
    return true;
  });
}
