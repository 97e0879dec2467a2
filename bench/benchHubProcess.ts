import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../server/hubServer';
import { BENCH_CHANNEL_KEY } from './benchHub';
import { POSTGRES_ADMIN_URL } from '../tests/support/hubDatabaseTargets';

// The bench's hub, in its own process as in production (a console never shares
// an event loop with its hub). Forked by bench/benchHub.ts; tells its parent its
// address over IPC. The seeded database is kept between runs, keyed by its case
// count, because seeding a million cases is not what the bench measures.
const kind = process.env.BENCH_HUB === 'pglite' ? 'pglite' : 'postgres';
// warm: the hub's snapshot pages are built before the desk starts (a hub that has been up a while);
// cold: no page cache at all, every page is read and gzipped as the desk asks for it.
const pages = process.env.BENCH_HUB_PAGES === 'cold' ? 'cold' : 'warm';
const cases = Number(process.env.BENCH_CASES ?? 20_000);
const seed = { cases, seed: 1 };

/** Held from the check until the hub has seeded: two benches started together never drop each other's database. */
let seedLock: pg.Client | null = null;

async function postgresUrl(): Promise<string> {
  const name = `desk_bench_${cases}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  seedLock = admin;
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  let complete = false;
  if (exists) {
    // A seed that was interrupted leaves fewer cases or no replay floor: start it again.
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    complete = await client
      .query(
        `SELECT (SELECT count(*) FROM cases) >= $1 AND EXISTS (SELECT 1 FROM hub_meta WHERE key = 'replay_floor') AS ok`,
        [cases],
      )
      .then((r) => r.rows[0]?.ok === true)
      .catch(() => false);
    await client.end();
  }
  if (!complete) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  return url.toString();
}

const started = performance.now();
const hub = await startHub({
  ...(kind === 'postgres' ? { databaseUrl: await postgresUrl() } : { pgliteDataDir: pgliteDir() }),
  seed,
  simulate: false,
  jobs: false,
  logLevel: 'silent',
  channelKeys: [BENCH_CHANNEL_KEY],
  snapshotCache: pages === 'warm',
});
await (seedLock as pg.Client | null)?.end();
await hub.warming;
process.send!({ url: hub.url, hub: kind, pages, readySeconds: (performance.now() - started) / 1000 });
process.on('message', (message) => {
  if (message === 'close') void hub.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

function pgliteDir(): string {
  const dir = join(process.env.BENCH_PGLITE_DIR ?? join(tmpdir(), 'desk-bench-pglite'), String(cases));
  mkdirSync(dir, { recursive: true });
  return dir;
}
