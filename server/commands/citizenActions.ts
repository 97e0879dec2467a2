import { z } from 'zod';
import { CitizenRating, CitizenReopen, CommandResult } from '../../shared/domain/commands';
import { applyTransition } from '../cases/caseTransitions';
import { LOW_RATING, raiseCaseAlert } from '../alerts/caseAlerts';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
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

/** One citizen action as a route: same path shape, limits and answers; only the effect differs. */
function citizenAction<B extends typeof CitizenRating | typeof CitizenReopen>(
  db: HubDatabase,
  spec: { action: 'rating' | 'reopen'; summary: string; body: B; done: string; conflict: string },
  effect: (tx: SqlRunner, own: { id: string; status: string }, body: z.output<B>) => Promise<number>,
): RouteSpec {
  return defineRoute({
    method: 'POST',
    url: `/api/citizen/applications/:number/${spec.action}`,
    summary: spec.summary,
    tag: 'citizen',
    params: CaseNumber,
    body: spec.body,
    perMinute: 120,
    responses: {
      200: { description: spec.done, schema: CommandResult },
      404: { description: 'No such application for that phone number', schema: ErrorBody },
      409: { description: spec.conflict, schema: ErrorBody },
    },
    handle: async ({ params, body }) => {
      // defineRoute parsed the body with spec.body; generics over the two schemas lose that here.
      const input = body as z.output<B> & { clientId: string; phone: string };
      return runCommand(db, `citizen.${spec.action}`, CITIZEN, input.clientId, async (tx) => {
        const own = await lockOwnCase(tx, params.number, input.phone);
        return { seq: await effect(tx, own, input), id: own.id };
      });
    },
  });
}

export function citizenRoutes(db: HubDatabase): RouteSpec[] {
  return [
    citizenAction(
      db,
      {
        action: 'rating',
        summary: "The citizen's e-rating (1–5 and a comment) of an answered or closed application.",
        body: CitizenRating,
        done: 'Rated',
        conflict: 'Not answered yet',
      },
      async (tx, own, body) => {
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
        if (body.rating <= LOW_RATING) {
          const [c] = await tx.query<{ number: string }>('SELECT number FROM cases WHERE id = $1::uuid', [own.id]);
          await raiseCaseAlert(tx, own.id, 'lowRating', { number: c!.number, rating: body.rating }, new Date());
        }
        return seq!;
      },
    ),
    citizenAction(
      db,
      {
        action: 'reopen',
        summary: 'The citizen reopens an answered or closed application, saying why.',
        body: CitizenReopen,
        done: 'Reopened',
        conflict: 'Cannot be reopened now',
      },
      (tx, own, body) =>
        applyTransition(tx, own.id, {
          to: 'reopened',
          actor: 'citizen',
          at: new Date(),
          data: { reason: body.reason },
        }),
    ),
  ];
}
