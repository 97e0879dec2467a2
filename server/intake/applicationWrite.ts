import { v7 as uuidv7 } from 'uuid';
import type { IntakeAccepted } from '../../shared/domain/intakeApplication';
import type { IntakeApplication } from '../../shared/domain/intakeApplication';
import type { SqlRunner } from '../db/hubDatabase';
import { recordChanges } from '../changes/changeLog';
import { HubError } from '../http/hubError';
import { formatCaseNumber } from '../cases/caseNumber';
import { FocalPointLoads } from '../cases/focalPointPick';
import { deadlineColumnValues, initialDeadlines } from '../cases/caseDeadlines';
import { loadSlaRules } from '../sla/slaRulesStore';
import { nextReferralValue } from '../cases/nextReferral';

export type ParsedIntake = ReturnType<typeof IntakeApplication.parse>;
export type Accepted = IntakeAccepted & { replayed: boolean };
export type WriteOutcome = Accepted | { error: HubError };

export interface ApplicationToWrite {
  application: ParsedIntake;
  /** When it arrived: its submission time, from which its deadlines run. */
  now: Date;
}

/**
 * Writes a set of applications in the caller's transaction with a fixed
 * number of statements however many there are: each becomes a numbered case
 * with its deadlines, routed to its entity's least-loaded focal point, with
 * its first timeline event and its change-log entry. A resend (a client id
 * already held, or twice in the set) is answered with the first result; an
 * application to an unknown entity is refused alone. Outcomes are in the
 * order given.
 *
 * Statements, not applications, are what a busy hub pays for: each is a round
 * trip, and the last one takes the change counter's lock until commit.
 */
export async function writeApplications(tx: SqlRunner, items: readonly ApplicationToWrite[]): Promise<WriteOutcome[]> {
  const held = await casesByClientId(
    tx,
    items.map((i) => i.application.clientId),
  );
  const entities = await entityIdsByCode(tx, [...new Set(items.map((i) => i.application.entityCode))]);
  const loads = await FocalPointLoads.of(tx, [...new Set(entities.values())]);
  const rules = await loadSlaRules(tx);

  type Planned =
    { kind: 'new'; row: CaseRow } | { kind: 'held'; accepted: IntakeAccepted } | { kind: 'error'; error: HubError };
  const planned: Planned[] = [];
  const firstNew = new Map<string, CaseRow>();
  const fresh: CaseRow[] = [];
  for (const { application, now } of items) {
    const existing = held.get(application.clientId);
    if (existing) {
      planned.push({ kind: 'held', accepted: existing });
      continue;
    }
    const earlier = firstNew.get(application.clientId);
    if (earlier) {
      planned.push({ kind: 'new', row: earlier });
      continue;
    }
    const entityId = entities.get(application.entityCode);
    if (!entityId) {
      planned.push({
        kind: 'error',
        error: new HubError(422, 'unknownEntity', `No government entity has the code "${application.entityCode}".`),
      });
      continue;
    }
    const row = newCaseRow(application, now, entityId, loads.takeLeastLoaded(entityId), rules);
    firstNew.set(application.clientId, row);
    fresh.push(row);
    planned.push({ kind: 'new', row });
  }
  const seqOf = await insertCases(tx, fresh);
  const reported = new Set<CaseRow>();
  return planned.map((p): WriteOutcome => {
    if (p.kind === 'error') return { error: p.error };
    if (p.kind === 'held') return { ...p.accepted, replayed: true };
    const replayed = reported.has(p.row);
    reported.add(p.row);
    return { id: p.row.id, number: p.row.number, seq: seqOf.get(p.row.id)!, replayed };
  });
}

interface CaseRow {
  id: string;
  number: string;
  application: ParsedIntake;
  entityId: string;
  focalPointId: string | null;
  submittedAt: string;
  deadlines: ReturnType<typeof deadlineColumnValues>;
  /** When it is first referred up: its resolution deadline plus its entity's focal-point window. */
  nextReferralAt: string | null;
}

function newCaseRow(
  application: ParsedIntake,
  now: Date,
  entityId: string,
  focalPointId: string | null,
  rules: Awaited<ReturnType<typeof loadSlaRules>>,
): CaseRow {
  const deadlines = initialDeadlines(now, application, rules);
  return {
    id: uuidv7({ msecs: now.getTime() }),
    number: '', // numbered below, once the batch's serials are drawn
    application,
    entityId,
    focalPointId,
    submittedAt: now.toISOString(),
    deadlines: deadlineColumnValues(deadlines),
    nextReferralAt: nextReferralValue(rules, {
      status: focalPointId ? 'assigned' : 'submitted',
      level: 'focalPoint',
      dueMs: deadlines.resolutionDueMs,
      entityCode: application.entityCode,
    }),
  };
}

/** Numbers, inserts and logs the new cases; returns each one's change-log sequence number. */
async function insertCases(tx: SqlRunner, rows: CaseRow[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const serials = await tx.query<{ n: number }>(
    `SELECT nextval('case_number_seq')::float8 AS n FROM generate_series(1, $1::int)`,
    [rows.length],
  );
  rows.forEach((row, i) => (row.number = formatCaseNumber(new Date(row.submittedAt), serials[i]!.n)));
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      client_id: r.application.clientId,
      type: r.application.type,
      channel: r.application.channel,
      entity_id: r.entityId,
      focal_point_id: r.focalPointId,
      pillar: r.application.pillar,
      importance: r.application.importance,
      status: r.focalPointId ? 'assigned' : 'submitted',
      title: r.application.title,
      body: r.application.body,
      language: r.application.language,
      applicant_name: r.application.applicant.name,
      applicant_phone: r.application.applicant.phone,
      submitted_at: r.submittedAt,
      due_at: r.deadlines[0],
      first_response_due_at: r.deadlines[1],
      update_due_at: r.deadlines[2],
      at_risk_at: r.deadlines[3],
      next_referral_at: r.nextReferralAt,
    })),
  );
  // The row type fills in the defaults of every column not named; json_populate_recordset casts each field.
  await tx.query(
    `INSERT INTO cases (id, number, client_id, type, channel, entity_id, focal_point_id, pillar, importance, status,
       title, body, language, applicant_name, applicant_phone, submitted_at, due_at, first_response_due_at,
       update_due_at, at_risk_at, next_referral_at, updated_at)
     SELECT id, number, client_id, type, channel, entity_id, focal_point_id, pillar, importance, status,
       title, body, language, applicant_name, applicant_phone, submitted_at, due_at, first_response_due_at,
       update_due_at, at_risk_at, next_referral_at, submitted_at
     FROM json_populate_recordset(NULL::cases, $1::json)`,
    [json],
  );
  await tx.query(
    `INSERT INTO case_events (case_id, at, kind, actor, data)
     SELECT (r->>'id')::uuid, (r->>'at')::timestamptz, 'submitted', r->>'actor', r->'data'
     FROM json_array_elements($1::json) r`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          at: r.submittedAt,
          actor: `channel:${r.application.channel}`,
          data: { focalPointId: r.focalPointId },
        })),
      ),
    ],
  );
  const seqs = await recordChanges(
    tx,
    rows.map((r) => ({ table: 'cases' as const, id: r.id })),
  );
  return new Map(rows.map((r, i) => [r.id, seqs[i]!]));
}

/** The cases already made for these client ids (resends), by client id. */
export async function casesByClientId(tx: SqlRunner, clientIds: string[]): Promise<Map<string, IntakeAccepted>> {
  const rows = await tx.query<IntakeAccepted & { client_id: string }>(
    'SELECT client_id, id::text AS id, number, seq::float8 AS seq FROM cases WHERE client_id = ANY($1::text[])',
    [clientIds],
  );
  return new Map(rows.map(({ client_id, ...accepted }) => [client_id, accepted]));
}

async function entityIdsByCode(tx: SqlRunner, codes: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; code: string }>(
    'SELECT id, code FROM entities WHERE code = ANY($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}
