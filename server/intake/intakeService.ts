import { v7 as uuidv7 } from 'uuid';
import { IntakeApplication, type IntakeAccepted } from '../../shared/domain/intakeApplication';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { recordChanges } from '../changes/changeLog';
import { HubError } from '../http/hubError';
import { formatCaseNumber } from '../cases/caseNumber';
import { leastLoadedFocalPoint } from '../cases/focalPointPick';
import { deadlineColumnValues, initialDeadlines } from '../cases/caseDeadlines';
import { loadSlaRules } from '../sla/slaRulesStore';

export type ParsedIntake = ReturnType<typeof IntakeApplication.parse>;

/**
 * A citizen's application enters the platform: numbered, routed to the
 * entity's least-loaded focal point, given its deadline, and logged as a
 * change. A resend with the same clientId returns the first result.
 */
export async function submitApplication(
  db: HubDatabase,
  application: ParsedIntake,
  now: Date = new Date(),
): Promise<IntakeAccepted & { replayed: boolean }> {
  try {
    return await insertApplication(db, application, now);
  } catch (error) {
    // Two resends racing: the loser of the unique clientId gets the winner's result.
    if ((error as { code?: string }).code === '23505') {
      const existing = await findByClientId(db, application.clientId);
      if (existing) return { ...existing, replayed: true };
    }
    throw error;
  }
}

async function insertApplication(
  db: HubDatabase,
  application: ParsedIntake,
  now: Date,
): Promise<IntakeAccepted & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    const written = await insertCase(tx, application, now);
    if (written.replayed) return written;
    const [seq] = await recordChanges(tx, [{ table: 'cases', id: written.id }]);
    return { ...written, seq: seq! };
  });
}

export type WrittenCase = { id: string; number: string } & (
  { replayed: true; seq: number } | { replayed: false; seq?: undefined }
);

/**
 * Writes one application's case and its first event, or finds the case a
 * resend already made. Leaves the change log to the caller, which stamps a
 * whole batch at once: the change counter's lock is taken last and held for
 * as little as possible (see intakeBatcher.ts).
 */
export async function insertCase(tx: SqlRunner, application: ParsedIntake, now: Date): Promise<WrittenCase> {
  const existing = await findByClientId(tx, application.clientId);
  if (existing) return { ...existing, replayed: true };

  const [entity] = await tx.query<{ id: string }>('SELECT id FROM entities WHERE code = $1', [application.entityCode]);
  if (!entity)
    throw new HubError(422, 'unknownEntity', `No government entity has the code "${application.entityCode}".`);

  const focalPointId = await leastLoadedFocalPoint(tx, entity.id);
  const [serial] = await tx.query<{ n: number }>(`SELECT nextval('case_number_seq')::float8 AS n`);
  const id = uuidv7({ msecs: now.getTime() });
  const number = formatCaseNumber(now, serial!.n);
  const deadlines = deadlineColumnValues(initialDeadlines(now, application, await loadSlaRules(tx)));
  const status = focalPointId ? 'assigned' : 'submitted';
  await tx.query(
    `INSERT INTO cases (id, number, client_id, type, channel, entity_id, focal_point_id, pillar, importance, status,
       title, body, language, applicant_name, applicant_phone, submitted_at, due_at, first_response_due_at,
       update_due_at, at_risk_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$16)`,
    [
      id,
      number,
      application.clientId,
      application.type,
      application.channel,
      entity.id,
      focalPointId,
      application.pillar,
      application.importance,
      status,
      application.title,
      application.body,
      application.language,
      application.applicant.name,
      application.applicant.phone,
      now.toISOString(),
      ...deadlines,
    ],
  );
  await tx.query(`INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1, $2, 'submitted', $3, $4)`, [
    id,
    now.toISOString(),
    `channel:${application.channel}`,
    JSON.stringify({ focalPointId }),
  ]);
  return { id, number, replayed: false };
}

async function findByClientId(tx: SqlRunner, clientId: string): Promise<IntakeAccepted | null> {
  const [row] = await tx.query<{ id: string; number: string; seq: number }>(
    'SELECT id::text AS id, number, seq::float8 AS seq FROM cases WHERE client_id = $1',
    [clientId],
  );
  return row ?? null;
}
