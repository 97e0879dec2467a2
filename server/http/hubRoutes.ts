import { z } from 'zod';
import { IntakeAccepted, IntakeApplication } from '../../shared/domain/intakeApplication';
import { SNAPSHOT_PAGE_MAX, SyncHead, SyncedTable } from '../../shared/protocol/syncProtocol';
import type { HubDatabase } from '../db/hubDatabase';
import { readSyncHead } from '../changes/changeLog';
import { IntakeBatcher } from '../intake/intakeBatcher';
import { snapshotPageStream } from '../sync/snapshotStream';
import { SharedDigests } from '../sync/sharedDigests';
import { DIGEST_FORM, DigestTablesQuery, SyncDigest } from '../../shared/protocol/syncDigest';
import { defineRoute, type RateBudget, type RouteSpec } from './routeSpec';
import { HubError } from './hubError';
import { timingSafeEqual } from 'node:crypto';
import type { Authenticate } from '../commands/commandRoutes';
import { audienceOf } from '../sync/syncAudience';
import { loadSlaRules } from '../sla/slaRulesStore';
import { SlaRulesDocument } from '../../shared/protocol/slaRulesProtocol';
import { gzipped, type SnapshotPageCache } from '../sync/snapshotPageCache';

const ErrorBody = z.object({ error: z.string(), message: z.string() });

/**
 * The channels' intake credential: when keys are configured (HUB_CHANNEL_KEYS), a channel proves itself
 * with `x-channel-key`; the embedded demo hub runs without, so the simulator and tests post freely.
 */
function checkChannel(channelKeys: readonly string[], given: string | string[] | undefined): void {
  if (channelKeys.length === 0) return;
  if (matchChannel(channelKeys, given) === null) {
    throw new HubError(401, 'unknownChannel', 'Intake needs a valid x-channel-key.');
  }
}

/** Which configured key was presented (its position, never the secret), compared in constant time; null if none. */
function matchChannel(channelKeys: readonly string[], given: string | string[] | undefined): number | null {
  const key = Array.isArray(given) ? given[0] : given;
  const expected = Buffer.from(key ?? '');
  let match: number | null = null;
  channelKeys.forEach((k, i) => {
    const candidate = Buffer.from(k);
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) match = i;
  });
  return match;
}

/** A keyed channel posts for a whole portal's citizens; an unkeyed caller is limited like one runaway client. */
export interface IntakeRates {
  keyedPerMinute: number;
  unkeyedPerMinute: number;
}
export const DEFAULT_INTAKE_RATES: IntakeRates = { keyedPerMinute: 30_000, unkeyedPerMinute: 600 };

function intakeBudget(channelKeys: readonly string[], rates: IntakeRates): RateBudget {
  return {
    by: (request) => {
      const channel = matchChannel(channelKeys, request.headers['x-channel-key']);
      return channel === null ? `address:${request.ip}` : `channel:${channel}`;
    },
    max: (caller) => (caller.startsWith('channel:') ? rates.keyedPerMinute : rates.unkeyedPerMinute),
  };
}

export function hubRoutes(
  db: HubDatabase,
  readiness: () => boolean,
  authenticate: Authenticate,
  channelKeys: readonly string[] = [],
  snapshotCache: SnapshotPageCache | null = null,
  intakeRates: IntakeRates = DEFAULT_INTAKE_RATES,
): RouteSpec[] {
  const sharedDigests = new SharedDigests(db);
  const intake = new IntakeBatcher(db);
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness: the process answers.',
      tag: 'operation',
      responses: { 200: { description: 'Alive', schema: z.object({ ok: z.literal(true), database: z.string() }) } },
      handle: async () => ({ ok: true, database: db.kind }),
    }),
    defineRoute({
      method: 'GET',
      url: '/readyz',
      summary: 'Readiness: the database answers and the change feed runs.',
      tag: 'operation',
      responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready', schema: ErrorBody } },
      handle: async (_input, reply) => {
        const ok =
          readiness() &&
          (await db.query('SELECT 1').then(
            () => true,
            () => false,
          ));
        if (!ok)
          return reply.code(503).send({ error: 'notReady', message: 'The hub is starting or lost its database.' });
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/intake/applications',
      summary: "Submit a citizen's application from a channel (idempotent by clientId).",
      tag: 'intake',
      body: IntakeApplication,
      responses: {
        201: { description: 'Accepted and numbered', schema: IntakeAccepted },
        200: { description: 'A resend of an application already accepted: the first result', schema: IntakeAccepted },
        400: { description: 'Malformed', schema: ErrorBody },
        422: { description: 'Unknown entity', schema: ErrorBody },
      },
      // Channels post for many citizens at once; the limit guards against a runaway client, not a person.
      perMinute: intakeBudget(channelKeys, intakeRates),
      handle: async ({ body }, reply, request) => {
        checkChannel(channelKeys, request.headers['x-channel-key']);
        const accepted = await intake.submit(body);
        const { replayed, ...result } = accepted;
        return reply.code(replayed ? 200 : 201).send(result);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sla/rules',
      summary:
        'The SLA rules in force (calendar, matrix, ladder windows), so consoles count down offline with the same rules.',
      tag: 'sla',
      responses: {
        200: {
          description: 'Rules',
          schema: SlaRulesDocument,
        },
      },
      handle: async (_input, _reply, request) => {
        await authenticate(request.headers.authorization);
        return loadSlaRules(db);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sync/head',
      summary: "The change log's head, the replay floor and row counts: where a console starts.",
      tag: 'sync',
      responses: { 200: { description: 'Head', schema: SyncHead } },
      handle: async (_input, _reply, request) => {
        await authenticate(request.headers.authorization);
        return readSyncHead(db);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sync/digest',
      summary:
        "Per-table digests (row count and a sum of hashes of each row's content) of what the reader may see, with the change-log position they were taken at: a console proves its cache equals the hub. `form` names the canonical row form the console computes; any other than the hub's is refused.",
      tag: 'sync',
      query: z.object({ tables: DigestTablesQuery, form: z.string().max(40).optional() }),
      responses: {
        200: { description: 'Digests', schema: SyncDigest },
        409: { description: 'The console digests rows in another form', schema: ErrorBody },
      },
      handle: async ({ query }, reply, request) => {
        const audience = audienceOf(await authenticate(request.headers.authorization));
        // A console of another release would disagree on every table and re-download it: it is told why instead.
        if (query.form !== DIGEST_FORM) {
          throw new HubError(
            409,
            'digestForm',
            `This hub digests rows in form ${DIGEST_FORM}; the console asked for ${query.form ? `form ${query.form}` : 'digests of id:seq (an older console)'}. Update the console to compare its cache with this hub.`,
          );
        }
        const digests = await sharedDigests.read(query.tables, audience);
        return reply.header('cache-control', 'no-store').send(digests);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sync/snapshot/:table',
      summary: 'One page of a table, keyset-paged, as gzip NDJSON ending with a pageEnd line.',
      tag: 'sync',
      params: z.object({ table: SyncedTable }),
      query: z.object({
        after: z.string().min(1).max(64).optional(),
        limit: z.coerce.number().int().min(1).max(SNAPSHOT_PAGE_MAX).default(5000),
      }),
      responses: { 200: { description: 'NDJSON rows', contentType: 'application/x-ndjson', schema: z.string() } },
      handle: async ({ params, query }, reply, request) => {
        const audience = audienceOf(await authenticate(request.headers.authorization));
        const after = query.after ?? null;
        // Case pages come from the page cache where the hub keeps one (see snapshotPageCache.ts).
        const gzip = snapshotCache
          ? await snapshotCache.page(params.table, after, query.limit, audience)
          : gzipped(snapshotPageStream(db, params.table, after, query.limit, audience));
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-encoding', 'gzip')
          .header('cache-control', 'no-store')
          .send(gzip);
      },
    }),
  ];
}
