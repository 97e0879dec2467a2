import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DeskCore } from '../../desk/deskCore';
import type { IntegrityReport, OutboxEntryView } from '../../shared/contract/deskContract';
import { DIGEST_FORM, SyncDigest } from '../../shared/protocol/syncDigest';
import { computeReplicaDigest } from '../../desk/digest/replicaDigest';
import { SYNCED_TABLES } from '../../shared/protocol/syncProtocol';
import { hubTargets } from '../support/hubDatabaseTargets';
import { startHubProcess, type HubProcess } from '../support/hubProcess';
import { authorized, DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');
const SEEDED = 2500;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

// The hub is a real OS process on PostgreSQL, killed at the worst moments; the console
// is a real desk core on a real SQLite file. After each crash the console must end up
// holding exactly what the hub holds (proved by digests), and every command the operator
// queued must have had exactly one effect on the hub.
describe.skipIf(!postgres)('a console across hub crashes (hub process on PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-crash-'));
  const deskDir = join(dir, 'desk');
  let dispose: () => Promise<void>;
  let databaseUrl: string;
  let port: number;
  let hub: HubProcess | null = null;
  let core: DeskCore | null = null;
  let sql: pg.Client;

  const hubUrl = () => `http://127.0.0.1:${port}`;
  const startHubOnce = (extra: Record<string, string> = {}, entry?: string) =>
    startHubProcess({ DATABASE_URL: databaseUrl, PORT: String(port), HUB_SEED_CASES: String(SEEDED), ...extra }, entry);
  const startCore = () => {
    core = new DeskCore({ dataDir: deskDir, hubUrl: hubUrl(), demoAccount: DEMO_ACCOUNT });
    core.start();
    return core;
  };
  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const result = await core!.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  const outbox = () => call<OutboxEntryView[]>('outbox.list');
  const openCaseIds = async (n: number) =>
    (
      await sql.query<{ id: string }>(
        `SELECT id::text AS id FROM cases WHERE status IN ('assigned', 'inProgress', 'reopened') ORDER BY id LIMIT $1`,
        [n],
      )
    ).rows.map((r) => r.id);

  /**
   * The console says its cache equals the hub, and the test checks it too, from
   * outside the verifier: the hub's digests against ones computed over the cache
   * file at the same change-log position.
   */
  const expectReplicaEqualsHub = async () => {
    const report = await waitFor(
      async () => {
        const r = await call<IntegrityReport>('sync.verify');
        return r.state === 'verified' ? r : null;
      },
      'the console to verify its cache against the hub',
      25_000,
    );
    expect(report.tables.every((t) => t.matches)).toBe(true);
    const hubDigest = await waitFor(async () => {
      const response = await fetch(`${hubUrl()}/api/sync/digest?form=${DIGEST_FORM}`, {
        headers: await authorized(hubUrl()),
      });
      const digest = SyncDigest.parse(await response.json());
      return core!.store.lastAppliedSeq === digest.seq ? digest : null;
    }, 'the cache at the hub digest position');
    for (const table of SYNCED_TABLES) {
      expect(computeReplicaDigest(core!.store.db, table), table).toEqual(hubDigest.tables[table]);
    }
  };

  /** How many times each body appears as a note on the hub: every queued note must be there once. */
  const noteCounts = async (bodies: readonly string[]) => {
    const { rows } = await sql.query<{ body: string; n: number }>(
      `SELECT body, count(*)::int AS n FROM case_notes WHERE body = ANY($1) GROUP BY body`,
      [bodies],
    );
    return bodies.map((b) => rows.find((r) => r.body === b)?.n ?? 0);
  };

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    databaseUrl = created.config.databaseUrl!;
    port = await freePort();
    sql = new pg.Client({ connectionString: databaseUrl });
    hub = await startHubOnce();
    await sql.connect();
  });
  afterAll(async () => {
    await core?.stop();
    await hub?.kill();
    await sql?.end();
    await dispose?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes a bootstrap cut off by a hub crash, without starting over', async () => {
    const killed: { entities: number; casesDone: boolean }[] = [];
    const c = startCore();
    // Crash the hub as soon as the first table is saved and before the cases are.
    c.sync.on('status', (status) => {
      if (killed.length || !status.bootstrap) return;
      if (!c.store.bootstrapCheckpoint('entities').done) return;
      killed.push({ entities: c.store.count('entities'), casesDone: c.store.bootstrapCheckpoint('cases').done });
      hub!.child.kill('SIGKILL');
    });
    await waitFor(() => killed.length > 0, 'the crash during bootstrap');
    await hub!.exited;
    expect(killed[0]).toEqual({ entities: 106, casesDone: false });
    await waitFor(() => c.sync.current.connection === 'offline', 'the console to show it is offline');
    expect(c.sync.current.phase).not.toBe('live');
    expect(c.store.count('cases')).toBeLessThan(SEEDED);

    const resumedFrom: number[] = [];
    c.sync.on('status', (status) => {
      if (status.bootstrap && resumedFrom.length === 0) resumedFrom.push(status.bootstrap.held);
    });
    hub = await startHubOnce();
    await waitFor(() => c.sync.current.phase === 'live', 'the console to go live after the restart', 25_000);
    // The progress bar went on from what was saved; it did not start from zero.
    expect(resumedFrom[0]).toBeGreaterThanOrEqual(106);
    expect(c.sync.current.casesHeld).toBe(SEEDED);
    await expectReplicaEqualsHub();
  });

  it('sends every queued command exactly once when the hub crashes in the middle of the drain', async () => {
    await hub!.kill();
    hub = null;
    await waitFor(() => core!.sync.current.connection !== 'online', 'offline');
    const cases = await openCaseIds(8);
    const bodies = Array.from({ length: 30 }, (_, i) => `متابعة رقم ${i + 1} ${randomBytes(3).toString('hex')}`);
    for (const [i, body] of bodies.entries()) {
      await call('outbox.queue', { command: 'addNote', input: { caseId: cases[i % cases.length], body } });
    }
    expect(await outbox()).toHaveLength(30);

    // Crash the hub once a few commands have been answered: the drain is under way.
    let crashed = false;
    core!.events.on('outbox.changed', ({ queued }) => {
      if (!crashed && queued <= 25 && hub) {
        crashed = true;
        hub.child.kill('SIGKILL');
      }
    });
    hub = await startHubOnce();
    await waitFor(() => crashed, 'the crash during the drain');
    await hub.exited;
    const leftAfterCrash = (await outbox()).length;
    expect(leftAfterCrash).toBeGreaterThan(0);
    expect(leftAfterCrash).toBeLessThan(30);

    hub = await startHubOnce();
    await waitFor(async () => (await outbox()).length === 0, 'the outbox to drain after the restart', 25_000);
    expect(await noteCounts(bodies)).toEqual(bodies.map(() => 1));
    await expectReplicaEqualsHub();
  });

  it('applies a command once when the hub dies after committing it and before answering, across a console restart', async () => {
    await hub!.stop();
    // This hub process kills itself right after the first addNote commits, before the reply.
    hub = await startHubOnce({ HUB_TEST_EXIT_AFTER_COMMIT: 'addNote' }, 'tests/support/faultyHubMain.ts');
    await waitFor(() => core!.sync.current.phase === 'live' && core!.sync.current.connection === 'online', 'live');
    const [caseId] = await openCaseIds(1);
    const body = `ملاحظة قبل الانهيار ${randomBytes(3).toString('hex')}`;
    const queued = await call<OutboxEntryView>('outbox.queue', { command: 'addNote', input: { caseId, body } });
    await hub.exited;
    hub = null;
    // The hub holds the effect; the console never heard back, so the command is still pending.
    expect(await noteCounts([body])).toEqual([1]);
    await waitFor(() => core!.sync.current.connection !== 'online', 'offline');
    expect((await outbox()).map((e) => e.clientId)).toEqual([queued.clientId]);

    // More work queues while the hub is down, then the console is closed and opened again.
    const more = Array.from({ length: 12 }, (_, i) => `بعد الانهيار ${i} ${randomBytes(3).toString('hex')}`);
    for (const b of more) await call('outbox.queue', { command: 'addNote', input: { caseId, body: b } });
    await core!.stop();
    startCore();
    expect((await outbox()).map((e) => e.clientId)[0]).toBe(queued.clientId);
    expect(await outbox()).toHaveLength(13);

    hub = await startHubOnce();
    await waitFor(async () => (await outbox()).length === 0, 'the outbox to drain', 25_000);
    expect(await noteCounts([body, ...more])).toEqual([1, ...more.map(() => 1)]);
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM command_log WHERE client_id = $1`, [
      queued.clientId,
    ]);
    expect(rows[0]!.n).toBe(1);
    await expectReplicaEqualsHub();
  });

  it('rebuilds a corrupt cache file from the hub, keeping it aside and keeping the commands it held', async () => {
    await hub!.stop();
    hub = null;
    await waitFor(() => core!.sync.current.connection !== 'online', 'offline');
    const [caseId] = await openCaseIds(1);
    const bodies = Array.from({ length: 5 }, (_, i) => `قبل التلف ${i} ${randomBytes(3).toString('hex')}`);
    for (const body of bodies) await call('outbox.queue', { command: 'addNote', input: { caseId, body } });
    const path = core!.replicaPath;
    await core!.stop();
    core = null;

    // Garble a few pages of the cases table in the file (the console is closed, its WAL checkpointed).
    const file = new Database(path, { readonly: true });
    const pageSize = file.pragma('page_size', { simple: true }) as number;
    const pages = (
      file.prepare(`SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' ORDER BY pageno`).all() as {
        pageno: number;
      }[]
    ).map((p) => p.pageno);
    file.close();
    expect(pages.length).toBeGreaterThan(10);
    const fd = openSync(path, 'r+');
    for (const page of pages.slice(3, 6)) writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);

    const c = startCore();
    expect(c.replicaRecovery?.setAsideAs).toMatch(/replica\.sqlite\.corrupt-/);
    expect(readdirSync(deskDir).some((f) => f.startsWith('replica.sqlite.corrupt-'))).toBe(true);
    // The operator's queued commands came back from the damaged file.
    expect(c.replicaRecovery?.restored).toBe(5);
    expect((await outbox()).length).toBe(5);

    hub = await startHubOnce();
    await waitFor(() => c.sync.current.phase === 'live', 'the rebuilt cache to go live', 25_000);
    await waitFor(async () => (await outbox()).length === 0, 'the outbox to drain');
    expect(await noteCounts(bodies)).toEqual(bodies.map(() => 1));
    expect(c.sync.current.casesHeld).toBe(SEEDED);
    await expectReplicaEqualsHub();
  });
});
