import { DEMO_ACCOUNT } from '../support/staffSession';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import { SEARCH_INDEXED_UP_TO } from '../../desk/search/searchIndexer';
import type { SyncStatus } from '../../shared/contract/deskContract';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { waitFor } from '../support/waitFor';
import { postApplication, sampleApplication } from '../support/sampleApplication';

const SEEDED = 400;

describe.each(await hubTargets())('hub on $name → desk core → SQLite', (target) => {
  const fixture = hubFixture(target, { seed: { cases: SEEDED, seed: 11 } });
  let hub: RunningHub;
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-it-'));

  beforeAll(() => {
    hub = fixture.hub;
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startCore = () => {
    const core = new DeskCore({ dataDir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    const phases: SyncStatus['phase'][] = [];
    core.sync.on('status', (s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
    });
    core.start();
    return { core, phases };
  };
  const numbersInQueue = async (core: DeskCore) => {
    const page = await core.dispatch('queue.page', { sort: 'newest', limit: 500 });
    if (!page.ok) throw new Error(page.error.message);
    return (page.value as { rows: { number: string }[] }).rows.map((r) => r.number);
  };

  it('bootstraps every seeded case into a real SQLite file, then applies a live delta', async () => {
    const { core, phases } = startCore();
    await waitFor(() => core.sync.current.phase === 'live' && core.sync.current.connection === 'online', 'live');
    expect(phases).toContain('bootstrapping');
    expect(core.sync.current.casesHeld).toBe(SEEDED);

    // The file on disk, read by another connection, holds the same.
    const file = new Database(core.replicaPath, { readonly: true });
    expect((file.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(SEEDED);
    expect((file.prepare('SELECT count(*) AS n FROM entities').get() as { n: number }).n).toBe(106);
    file.close();

    // Search built behind the snapshot first: a live case's text is then owed and written on its own.
    await waitFor(() => !core.store.meta(SEARCH_INDEXED_UP_TO), 'search built', 10_000);
    const signals: { lastAppliedSeq: number; searchTextOnly?: true }[] = [];
    core.events.on('queue.changed', (signal) => signals.push(signal));
    const posted = await postApplication(hub.url, sampleApplication({ title: 'عطل في عداد المياه الذكي' }));
    expect(posted.status).toBe(201);
    await waitFor(
      async () => (await numbersInQueue(core)).includes(posted.json.number),
      'the new case in the queue',
      5000,
    );
    expect(core.sync.current.lastAppliedSeq).toBe(posted.json.seq);
    expect(core.sync.current.casesHeld).toBe(SEEDED + 1);
    // The row is announced as a change of rows (its search text follows as text alone, which only a
    // search on screen reads again for: replicaChangeSignal.test.ts), and a search then finds the case.
    expect(signals.find((s) => s.lastAppliedSeq >= posted.json.seq)?.searchTextOnly).toBeUndefined();
    await waitFor(
      async () => {
        const found = await core.dispatch('queue.page', { sort: 'newest', search: 'عداد المياة' });
        if (!found.ok) throw new Error(found.error.message);
        return (found.value as { rows: { number: string }[] }).rows.some((r) => r.number === posted.json.number);
      },
      'a search to find the live case',
      5000,
    );
    await core.stop();
  });

  it('resumes after a restart from the stored sequence number without a new snapshot', async () => {
    const stored = new Database(join(dataDir, 'replica.sqlite'), { readonly: true });
    const storedSeq = Number(
      (stored.prepare(`SELECT value FROM sync_meta WHERE key = 'lastAppliedSeq'`).get() as { value: string }).value,
    );
    stored.close();

    // A change made while the console is closed arrives by catch-up.
    const whileAway = await postApplication(hub.url, sampleApplication({ entityCode: 'GAM', type: 'report' }));
    expect(whileAway.status).toBe(201);
    expect(whileAway.json.seq).toBe(storedSeq + 1);

    const { core, phases } = startCore();
    expect(core.sync.current.lastAppliedSeq).toBe(storedSeq);
    await waitFor(
      async () => (await numbersInQueue(core)).includes(whileAway.json.number),
      'the case made while away',
      10_000,
    );
    expect(phases).not.toContain('bootstrapping');
    // The status bar's count follows within a quarter second (SyncEngine.recountCasesSoon).
    await waitFor(() => core.sync.current.casesHeld === SEEDED + 2, 'the cases held counted', 2000);
    await core.stop();
  });
});
