import { z } from 'zod';
import type { HubDatabase } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { CaseHistory } from '../../shared/domain/caseHistory';
import { defineRoute, type RouteSpec } from '../http/routeSpec';
import type { Authenticate } from '../commands/commandRoutes';

/** A case's whole timeline, its chases (answered or not) and notes: what the case view shows. */
export function caseHistoryRoute(db: HubDatabase, authenticate: Authenticate): RouteSpec {
  return defineRoute({
    method: 'GET',
    url: '/api/cases/:id/history',
    summary: "A case's timeline, chases of its focal point and notes (a focal point: their entity's cases only).",
    tag: 'cases',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'History', schema: CaseHistory }, 404: { description: 'No such case' } },
    handle: async ({ params }, _reply, request) => {
      const actor = await authenticate(request.headers.authorization);
      const [c] = await db.query<{ entity_id: string }>('SELECT entity_id FROM cases WHERE id = $1::uuid', [params.id]);
      if (!c || (actor.role === 'focalPoint' && c.entity_id !== actor.entityId))
        throw new HubError(404, 'noSuchCase', `No case ${params.id}.`);
      const [events, chases, notes] = await Promise.all([
        db.query(
          `SELECT iso_ms(at) AS at, kind, actor, data FROM case_events WHERE case_id = $1::uuid ORDER BY at, id`,
          [params.id],
        ),
        db.query(
          `SELECT id::text AS id, channel, template, message, sent_by AS "sentBy", iso_ms(sent_at) AS "sentAt",
                  iso_ms(answered_at) AS "answeredAt", answer FROM chases WHERE case_id = $1::uuid ORDER BY sent_at`,
          [params.id],
        ),
        db.query(
          `SELECT id::text AS id, author, body, iso_ms(at) AS at FROM case_notes WHERE case_id = $1::uuid ORDER BY at`,
          [params.id],
        ),
      ]);
      return { events, chases, notes };
    },
  });
}
