import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../db/openHubDatabase';
import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { waitFor } from '../../tests/support/waitFor';
import { hubTargets } from '../../tests/support/hubDatabaseTargets';
import { mergeViewers, type PresenceViewer } from './presenceMerge';
import { PresenceRelay, type PresenceRelayOptions } from './presenceRelay';
import { PRESENCE_CHANNEL } from './presenceRelayMessage';

// Two relays on one PGlite stand for two hub processes: the same NOTIFY path, in one process.
describe('presence relay', () => {
  let db: HubDatabase;
  const logged: string[] = [];
  const log: HubLogger = {
    info: () => undefined,
    warn: (message, fields) => logged.push(JSON.stringify({ message, ...fields })),
  };
  const running: PresenceRelay[] = [];

  beforeAll(async () => {
    db = await openHubDatabase({});
  });
  afterEach(async () => {
    for (const relay of running.splice(0)) await relay.stop();
  });
  afterAll(async () => {
    await db?.close();
  });

  const relay = async (viewers: PresenceViewer[], options: PresenceRelayOptions = {}) => {
    const started = new PresenceRelay(db, log, { heartbeatMs: 60_000, ...options });
    started.bind(
      () => viewers,
      () => undefined,
    );
    running.push(started);
    await started.start();
    return {
      relay: started,
      /** What this relay's desks would see of the others. */
      seen: () => mergeViewers([], started.remote()).map((v) => `${v.caseId}:${v.userId}`),
      set(next: PresenceViewer[]) {
        viewers.splice(0, viewers.length, ...next);
        started.localChanged();
      },
    };
  };

  it("carries one process's viewers to another, changes and all, and drops them at once when it stops", async () => {
    const a = await relay([]);
    const b = await relay([]);
    a.set([{ caseId: 'c1', userId: 'omar', role: 'operator' }]);
    await waitFor(() => b.seen().join() === 'c1:omar', 'B to hear A');
    a.set([]);
    await waitFor(() => b.seen().length === 0, 'B to hear A leave');
    a.set([{ caseId: 'c2', userId: 'omar', role: 'operator' }]);
    await waitFor(() => b.seen().join() === 'c2:omar', 'B to hear A again');
    expect(a.seen()).toEqual([]); // a relay never hears itself as someone else
    await a.relay.stop();
    await waitFor(() => b.seen().length === 0, "B to drop a stopped process's viewers");
  });

  it('lets a process that starts late learn who is viewing at once, without waiting for a heartbeat', async () => {
    await relay([{ caseId: 'c1', userId: 'huda', role: 'supervisor' }]);
    const late = await relay([]);
    await waitFor(() => late.seen().join() === 'c1:huda', 'the late process to learn of huda');
  });

  it('drops the viewers of a process that falls silent, after the expiry', async () => {
    // The silent one never beats again after its first word; the listener sweeps often.
    await relay([{ caseId: 'c1', userId: 'sami', role: 'operator' }]);
    const listener = await relay([], { heartbeatMs: 50, expiryMs: 300 });
    await waitFor(() => listener.seen().join() === 'c1:sami', 'the listener to hear sami');
    await waitFor(() => listener.seen().length === 0, 'sami to expire');
  });

  it('ignores a bad notice, saying why without saying who or which case', async () => {
    const b = await relay([]);
    logged.length = 0;
    const bad = [
      'not json',
      JSON.stringify({
        v: 1,
        t: 'viewers',
        from: 'x',
        seq: 1,
        viewers: [['case-secret', 'rana', 'minister']],
        more: false,
      }),
    ];
    for (const payload of bad) await db.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, payload]);
    await waitFor(() => logged.length >= 2, 'both to be logged');
    expect(logged.join('\n')).toContain('notJson');
    expect(logged.join('\n')).toContain('badShape');
    expect(logged.join('\n')).not.toMatch(/case-secret|rana/);
    expect(b.seen()).toEqual([]);
  });
});

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');

// Two hub databases (two pools) on one PostgreSQL: the LISTEN connections are real and can be cut.
describe.skipIf(!postgres)('presence relay on PostgreSQL', () => {
  let dispose: () => Promise<void>;
  const dbs: HubDatabase[] = [];
  const relays: PresenceRelay[] = [];
  const quiet: HubLogger = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    for (let i = 0; i < 2; i++) dbs.push(await openHubDatabase(created.config));
  });
  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    for (const db of dbs) await db.close();
    await dispose?.();
  });

  it('listens again when its LISTEN connection is cut, and hears the others again', async () => {
    const viewers: PresenceViewer[] = [];
    const [a, b] = dbs.map((db) => new PresenceRelay(db, quiet, { heartbeatMs: 100, expiryMs: 500 }));
    relays.push(a!, b!);
    a!.bind(
      () => viewers,
      () => undefined,
    );
    await a!.start();
    await b!.start();
    const seenByB = () =>
      mergeViewers([], b!.remote())
        .map((v) => `${v.caseId}:${v.userId}`)
        .join();
    viewers.push({ caseId: 'c1', userId: 'omar', role: 'operator' });
    a!.localChanged();
    await waitFor(() => seenByB() === 'c1:omar', 'B to hear A');

    // A Postgres restart, as far as the listeners know: every LISTEN connection is cut.
    const [cut] = await dbs[0]!.query<{ cut: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    expect(cut!.cut).toBe(2);
    viewers.splice(0, 1, { caseId: 'c2', userId: 'omar', role: 'operator' });
    a!.localChanged();
    await waitFor(() => seenByB() === 'c2:omar', 'B to hear A once both listen again');
  });
});
