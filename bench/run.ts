import { DEMO_ACCOUNT } from '../tests/support/staffSession';
import { mkdtempSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHub } from '../server/hubServer';
import { DeskCore } from '../electron/core/deskCore';
import { CaseRecord } from '../shared/domain/caseRecord';
import { percentile, rawSocketEchoRoundTripMs, rawSqliteInsertRowsPerSecond } from './baselines';
import { sampleApplication, postApplication } from '../tests/support/sampleApplication';
import { recordResults } from './resultsFile';

// `npm run bench`: each figure beside a baseline measured in the same run,
// written to bench/results.json. BENCH_CASES sets the scale (default 20,000).
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const LIVE_CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 400);
const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
const say = (line: string) => process.stdout.write(line + '\n');
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

say(`Seeding an in-memory PGlite hub with ${CASES.toLocaleString()} cases…`);
const hub = await startHub({ seed: { cases: CASES, seed: 1 }, simulate: false, logLevel: 'silent' });

say('Bootstrapping the desk core…');
const core = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
const started = performance.now();
core.start();
await new Promise<void>((resolve) => {
  const check = () => core.sync.current.phase === 'live' && resolve();
  core.sync.on('status', check);
});
const bootstrapSeconds = (performance.now() - started) / 1000;

// Baseline: the same decoded rows, inserted raw.
const rows = new Database(core.cachePath, { readonly: true })
  .prepare(
    `SELECT id, number, type, channel, entity_id AS entityId, focal_point_id AS focalPointId, pillar, importance, status,
            escalation_level AS escalationLevel, title, body, language, applicant_name AS applicantName,
            applicant_phone AS applicantPhone, submitted_at AS submittedAt, due_at AS dueAt, updated_at AS updatedAt,
            version, seq FROM cases`,
  )
  .all() as CaseRecord[];
const rawRate = rawSqliteInsertRowsPerSecond(join(dir, 'raw.sqlite'), rows);
const rawSeconds = rows.length / rawRate;

say('Measuring live latency (intake commit → applied in the cache)…');
const latencies: number[] = [];
for (let i = 0; i < LIVE_CHANGES; i++) {
  const sent = await postApplication(hub.url, sampleApplication());
  const committedAt = performance.now();
  const seq = sent.json.seq as number;
  if (core.store.lastAppliedSeq < seq) {
    await new Promise<void>((resolve) => {
      const onApplied = (applied: number) => {
        if (applied >= seq) {
          core.sync.off('applied', onApplied);
          resolve();
        }
      };
      core.sync.on('applied', onApplied);
    });
  }
  latencies.push(performance.now() - committedAt);
}
const echo = await rawSocketEchoRoundTripMs(1000);

say('Measuring queue pages…');
const pageTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await core.dispatch('queue.page', {
    sort: i % 2 ? 'urgent' : 'newest',
    openOnly: i % 3 === 0,
    offset: (i * 97) % Math.max(1, CASES - 100),
    limit: 100,
  });
  pageTimes.push(performance.now() - t);
}
await core.stop();
await hub.close();
clearInterval(rssTimer);

const results = {
  cases: CASES,
  [`bootstrap_s`]: { value: round(bootstrapSeconds), baseline: { raw_sqlite_insert_s: round(rawSeconds) } },
  bootstrap_vs_raw_insert: {
    value: round(bootstrapSeconds / rawSeconds),
    baseline: 'raw better-sqlite3 insert of the same rows',
  },
  live_p99_ms: {
    value: round(percentile(latencies, 0.99)),
    p50: round(percentile(latencies, 0.5)),
    baseline: { raw_socketio_echo_p99_ms: round(echo.p99), p50: round(echo.p50) },
  },
  queue_page_p99_ms: { value: round(percentile(pageTimes, 0.99)), baseline: null },
  cache_file_mb: { value: round(statSync(core.cachePath).size / 1e6), baseline: null },
  main_peak_rss_mb: { value: Math.round(peakRss / 1e6), baseline: null },
};
recordResults(results);
say(JSON.stringify(results, null, 2));
rmSync(dir, { recursive: true, force: true });
process.exit(0);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
