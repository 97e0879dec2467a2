import Fastify, { type FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import type { AddressInfo } from 'node:net';
import type { HubDatabase } from './db/hubDatabase';
import { openHubDatabase, type HubDatabaseConfig } from './db/openHubDatabase';
import { ChangeFeed } from './changes/changeFeed';
import { attachSyncSocket } from './sync/syncSocket';
import { attachPresenceSocket } from './presence/presenceSocket';
import { PresenceRelay } from './presence/presenceRelay';
import { hubRoutes, type IntakeRates } from './http/hubRoutes';
import { registerRoutes } from './http/routeSpec';
import { buildOpenApiDocument } from './http/openApiDocument';
import { HubError } from './http/hubError';
import { seedDemoData, type DemoSeedOptions } from './seed/demoSeed';
import { TrafficSimulator, type SimulatorKnobs } from './simulator/trafficSimulator';
import { hubLogger } from './hubLogger';
import { attachCommandSocket, commandRoutes } from './commands/commandRoutes';
import type { CommandFaults } from './commands/commandFaults';
import { citizenRoutes } from './commands/citizenActions';
import { caseHistoryRoute } from './cases/caseHistoryRoute';
import { AuthService } from './auth/authService';
import { authRoutes } from './auth/authRoutes';
import { tokenSecret } from './auth/tokenSecret';
import { seedDemoStaff } from './auth/demoStaff';
import { audienceOf } from './sync/syncAudience';
import { SnapshotPageCache } from './sync/snapshotPageCache';
import { SNAPSHOT_PAGE_MAX } from '../shared/protocol/syncProtocol';
import rateLimit from '@fastify/rate-limit';
import { JobScheduler } from './jobs/jobScheduler';
import { escalationJob } from './jobs/escalationJob';
import { slaAlertJob } from './jobs/slaAlertJob';
import { RECOMPUTE_DEADLINES_JOB, recomputeDeadlinesJob } from './jobs/recomputeDeadlinesJob';
import { settleNextReferrals, trackUntrackedClocks } from './sla/recomputeDeadlines';
import { SlaRulesRelay } from './sla/slaRulesRelay';
import { attachSlaRulesSocket } from './sla/slaRulesSocket';

export interface HubConfig extends HubDatabaseConfig {
  port?: number;
  host?: string;
  /** Seed demo data into an empty database. */
  seed?: DemoSeedOptions | false;
  /** Run the traffic simulator. */
  simulate?: Partial<SimulatorKnobs> | false;
  logLevel?: 'silent' | 'info' | 'warn';
  /**
   * Timed jobs (SLA referrals and alerts, rule-change recomputes); on by default, off in tests that drive them
   * by hand, or only those named (e.g. the recompute job, for an end-to-end test that wants no referrals).
   */
  jobs?: boolean | readonly string[];
  /** Keys the channels present on intake (x-channel-key); none means intake is open (demo, tests). */
  channelKeys?: readonly string[];
  /** Intake requests a minute per keyed channel and per unkeyed address (see hubRoutes.ts). */
  intakeRates?: IntakeRates;
  /** Keep case snapshot pages gzipped and build them at start (server/sync/snapshotPageCache.ts); on by default. */
  snapshotCache?: boolean;
  /** Tests only (see commands/commandFaults.ts): never set from the environment. */
  commandFaults?: CommandFaults;
}

export interface RunningHub {
  url: string;
  db: HubDatabase;
  app: FastifyInstance;
  simulator: TrafficSimulator | null;
  /** Case snapshot pages kept gzipped; `warming` settles once the full audience's are built. */
  snapshotCache: SnapshotPageCache | null;
  warming: Promise<void>;
  close(): Promise<void>;
}

const VERSION = '0.1.0';

/** Starts a hub: database, HTTP API, socket.io change stream, and optionally demo data and traffic. */
export async function startHub(config: HubConfig = {}): Promise<RunningHub> {
  const log = hubLogger(config.logLevel ?? 'info');
  const db = await openHubDatabase(config);
  if (config.seed !== false) {
    const seeded = await seedDemoData(db, config.seed ?? {}, (done, total) => log.info('seed', { done, total }));
    if (seeded) log.info('seeded demo data', { ...seeded, staff: await seedDemoStaff(db) });
  }
  const tracked = await trackUntrackedClocks(db, new Date());
  if (tracked) log.info('tracked the SLA clocks of open cases from before schema 6', { tracked });
  const settled = await settleNextReferrals(db);
  if (settled) log.info('computed when open cases are next referred up', { settled });
  const feed = new ChangeFeed(db);
  await feed.start();
  const snapshotCache = config.snapshotCache === false ? null : new SnapshotPageCache(db, feed);

  // A hub that stops drops its connections rather than wait on them: consoles reconnect and resume by themselves.
  const app = Fastify({ logger: false, bodyLimit: 1_048_576, forceCloseConnections: true });
  let ready = true;
  const auth = new AuthService(db, await tokenSecret(db));
  const authenticate = (authorization: string | undefined) => auth.authenticate(authorization);
  await app.register(rateLimit, { global: false });
  const routes = [
    ...hubRoutes(db, () => ready, authenticate, config.channelKeys ?? [], snapshotCache, config.intakeRates),
    ...authRoutes(auth),
    ...commandRoutes(db, authenticate, config.commandFaults),
    caseHistoryRoute(db, authenticate),
    ...citizenRoutes(db),
  ];
  const openApi = buildOpenApiDocument(routes, VERSION);
  app.get('/api/openapi.json', async () => openApi);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HubError)
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'badRequest', message: (error as Error).message });
    }
    log.warn('request failed', { name: (error as Error).name });
    return reply.code(500).send({ error: 'internal', message: 'The hub failed to handle this request.' });
  });
  registerRoutes(app, routes);

  const io = new SocketServer(app.server, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    cors: { origin: false },
  });
  // Every console signs in: the socket carries the access token, and what it may see follows from the role.
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    authenticate(typeof token === 'string' ? `Bearer ${token}` : undefined).then(
      (actor) => {
        socket.data.actor = actor;
        socket.data.audience = audienceOf(actor);
        next();
      },
      (error: Error) => next(new Error(`unauthorized: ${error.message}`)),
    );
  });
  attachSyncSocket(io, db, feed);
  attachCommandSocket(io, db, config.commandFaults);
  // Who is looking at which case: ephemeral, in memory, operation-room desks only; other hub processes hear of it by NOTIFY.
  const presenceRelay = new PresenceRelay(db, log);
  attachPresenceSocket(io, presenceRelay);
  await presenceRelay.start();
  // A rule version saved through any process reaches this process's consoles at once, without their reconnecting.
  const slaRulesRelay = new SlaRulesRelay(db, log);
  attachSlaRulesSocket(io, slaRulesRelay);
  await slaRulesRelay.start();

  await app.listen({ port: config.port ?? 0, host: config.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  log.info('hub listening', { url, database: db.kind });

  const simulator = config.simulate ? new TrafficSimulator(db, config.simulate, log) : null;
  simulator?.start();
  const jobs = [escalationJob(), slaAlertJob(), recomputeDeadlinesJob()].filter((job) =>
    Array.isArray(config.jobs) ? config.jobs.includes(job.name) : config.jobs !== false,
  );
  const scheduler = jobs.length === 0 ? null : new JobScheduler(db, jobs, log);
  scheduler?.start();
  // A rule change saved through any process records its recompute run in the same transaction as the version the
  // NOTIFY names: whichever process holds the job's lease starts on it now, not at its next tick.
  slaRulesRelay.onVersion(() => scheduler?.kick(RECOMPUTE_DEADLINES_JOB));
  // A run left unfinished (a hub that stopped mid-run) resumes from its cursor.
  scheduler?.kick(RECOMPUTE_DEADLINES_JOB);

  // Every desk bootstraps from the same pages: build them now, in the background, rather than on the first desk's time.
  const warming = snapshotCache?.warm(SNAPSHOT_PAGE_MAX).catch(() => undefined) ?? Promise.resolve();
  return {
    url,
    db,
    app,
    simulator,
    snapshotCache,
    warming,
    async close() {
      ready = false;
      simulator?.stop();
      await scheduler?.stop();
      io.close();
      await app.close();
      await presenceRelay.stop();
      await slaRulesRelay.stop();
      await feed.stop();
      await db.close();
    },
  };
}
