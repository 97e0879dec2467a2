import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { startHub } from '../server/hubServer';
import { POSTGRES_ADMIN_URL } from '../tests/support/hubDatabaseTargets';
import { SYNC_EVENTS, SyncHead } from '../shared/protocol/syncProtocol';
import { percentile } from './baselines';
import { recordResults } from './resultsFile';

// The hub under load on PostgreSQL: commands per second and their p99 with
// BENCH_HUB_CASES cases (default 1,000,000) and 500 consoles following the
// change stream, beside raw single-row inserts into the same server.
const CASES = Number(process.env.BENCH_HUB_CASES ?? 1_000_000);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 4000);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 500);
const CONCURRENCY = 16;
const say = (line: string) => process.stdout.write(line + '\n');

const dbName = 'hub_bench';
const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(POSTGRES_ADMIN_URL);
url.pathname = `/${dbName}`;

say(`Seeding ${CASES.toLocaleString()} cases into PostgreSQL…`);
const seedStarted = performance.now();
const hub = await startHub({
  databaseUrl: url.toString(),
  seed: { cases: CASES, seed: 3 },
  simulate: false,
  logLevel: 'silent',
});
const seedSeconds = (performance.now() - seedStarted) / 1000;

const login = await fetch(`${hub.url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'rana', password: 'demo-password' }),
});
const token = login.ok ? ((await login.json()) as { accessToken: string }).accessToken : null;
const auth = token ? { authorization: `Bearer ${token}` } : {};
const head = SyncHead.parse(await (await fetch(`${hub.url}/api/sync/head`, { headers: auth })).json());
say(`Holding ${SOCKETS} console connections on the change stream…`);
const sockets: Socket[] = [];
let deltasReceived = 0;
for (let i = 0; i < SOCKETS; i++) {
  const socket = io(hub.url, { transports: ['websocket'], reconnection: false, auth: { token } });
  socket.on(SYNC_EVENTS.changes, (batch: { changes: unknown[] }) => (deltasReceived += batch.changes.length));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await socket.emitWithAck(SYNC_EVENTS.follow, { afterSeq: head.headSeq, hubEpoch: head.hubEpoch });
  sockets.push(socket);
}

const caseIds = (
  await hub.db.query<{ id: string }>(`SELECT id::text AS id FROM cases ORDER BY random() LIMIT 2000`)
).map((r) => r.id);

async function timed(
  count: number,
  one: (i: number) => Promise<void>,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: Math.round(count / seconds), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

say(`Running ${COMMANDS} commands over HTTP (${CONCURRENCY} at a time)…`);
let refused = 0;
const commands = await timed(COMMANDS, async (i) => {
  const caseId = caseIds[i % caseIds.length]!;
  const [name, body] =
    i % 2 === 0
      ? ['addNote', { clientId: randomUUID(), caseId, body: 'متابعة من غرفة العمليات' }]
      : ['claimCase', { clientId: randomUUID(), caseId, claim: i % 4 === 1 }];
  const response = await fetch(`${hub.url}/api/commands/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) refused++;
  await response.arrayBuffer();
});

say('Baseline: raw single-row inserts into the same server…');
const pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
await pool.query('CREATE TABLE raw_baseline (id uuid PRIMARY KEY, case_id uuid, body text, at timestamptz)');
const raw = await timed(COMMANDS, async (i) => {
  await pool.query('INSERT INTO raw_baseline VALUES ($1, $2, $3, now())', [
    randomUUID(),
    caseIds[i % caseIds.length],
    'متابعة',
  ]);
});
await pool.end();

for (const socket of sockets) socket.close();
await hub.close();

const figures = {
  hub_cases: CASES,
  hub_seed_s: Math.round(seedSeconds),
  hub_commands_per_s: { value: commands.perSecond, baseline: { raw_pg_inserts_per_s: raw.perSecond } },
  hub_command_p99_ms: {
    value: Math.round(commands.p99 * 10) / 10,
    p50: Math.round(commands.p50 * 10) / 10,
    baseline: { raw_pg_insert_p99_ms: Math.round(raw.p99 * 10) / 10 },
  },
  hub_sockets_held: SOCKETS,
  hub_deltas_delivered: deltasReceived,
  hub_commands_refused: refused,
};
recordResults(figures);
say(JSON.stringify(figures, null, 2));
process.exit(0);
