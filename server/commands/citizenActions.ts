import { z } from 'zod';
import { CitizenRating, CitizenReopen, CommandResult } from '../../shared/domain/commands';
import { applyTransition } from '../cases/caseTransitions';
import type { HubDatabase } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { defineRoute, type RouteSpec } from '../http/routeSpec';
import { phoneKey } from '../../shared/text/phoneKey';
import { recordChanges } from '../changes/changeLog';
import type { Actor } from './actor';
import { runCommand } from './commandRunner';

const CITIZEN: Actor = { userId: 'channel', role: 'citizen', entityId: null, focalPointId: null };
const ErrorBody = z.object({ error: z.string(), message: z.string() });
const CaseNumber = z.object({ number: z.string().regex(/^BK-\d{2}-\d{7}$/) });

/**
 * The citizen's own actions on their application, through the channels: a
 * rating of the answer, or reopening it. The phone number the application
 * was made with proves it is theirs; a mismatch looks like no such case.
 */
async function lockOwnCase(
  tx: Parameters<Parameters<HubDatabase['transaction']>[0]>[0],
  number: string,
  phone: string,
) {
  const [row] = await tx.query<{ id: string; status: string; applicant_phone: string }>(
    'SELECT id::text AS id, status, applicant_phone FROM cases WHERE number = $1 FOR UPDATE',
    [number],
  );
  const digits = (p: string) => phoneKey(p.replace(/\D/g, ''));
  if (!row || digits(row.applicant_phone) !== digits(phone))
    throw new HubError(404, 'noSuchCase', `No application ${number} for that phone number.`);
  return row;
}

export function citizenRoutes(db: HubDatabase): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/citizen/applications/:number/rating',
      summary: "The citizen's e-rating (1–5 and a comment) of an answered or closed application.",
      tag: 'citizen',
      params: CaseNumber,
      body: CitizenRating,
      perMinute: 120,
      responses: {
        200: { description: 'Rated', schema: CommandResult },
        404: { description: 'No such application', schema: ErrorBody },
        409: { description: 'Not answered yet', schema: ErrorBody },
      },
      handle: async ({ params, body }) =>
        runCommand(db, 'rateCase', CITIZEN, body.clientId, async (tx) => {
          const own = await lockOwnCase(tx, params.number, body.phone);
          if (own.status !== 'answered' && own.status !== 'closed') {
            throw new HubError(409, 'notAnswered', 'An application is rated once it has been answered.');
          }
          await tx.query('UPDATE cases SET rating = $2, rating_comment = $3, updated_at = now() WHERE id = $1::uuid', [
            own.id,
            body.rating,
            body.comment || null,
          ]);
          await tx.query(
            `INSERT INTO case_events (case_id, at, kind, actor, data) VALUES ($1::uuid, now(), 'rated', 'citizen', $2)`,
            [own.id, JSON.stringify({ rating: body.rating })],
          );
          const [seq] = await recordChanges(tx, [{ table: 'cases', id: own.id }]);
          return { seq: seq!, id: own.id };
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/citizen/applications/:number/reopen',
      summary: 'The citizen reopens an answered or closed application, saying why.',
      tag: 'citizen',
      params: CaseNumber,
      body: CitizenReopen,
      perMinute: 120,
      responses: {
        200: { description: 'Reopened', schema: CommandResult },
        404: { description: 'No such application', schema: ErrorBody },
        409: { description: 'Cannot be reopened now', schema: ErrorBody },
      },
      handle: async ({ params, body }) =>
        runCommand(db, 'reopenCase', CITIZEN, body.clientId, async (tx) => {
          const own = await lockOwnCase(tx, params.number, body.phone);
          const seq = await applyTransition(tx, own.id, {
            to: 'reopened',
            actor: 'citizen',
            at: new Date(),
            data: { reason: body.reason },
          });
          return { seq, id: own.id };
        }),
    }),
  ];
}
