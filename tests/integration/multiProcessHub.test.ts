import { DEMO_ACCOUNT } from '../support/staffSession';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskCore } from '../../desk/deskCore';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { JobScheduler, type TimedJob } from '../../server/jobs/jobScheduler';
import { hubLogger } from '../../server/hubLogger';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { hubTargets } from '../support/hubDatabaseTargets';
import { startHubProcess, type HubProcess } from '../support/hubProcess';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { waitFor } from '../support/waitFor';

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');

describe.skipIf(!postgres)('several hub processes on one PostgreSQL', () => {
  let dispose: () => Promise<void>;
  let databaseUrl: string;
  let a: HubProcess;
  let b: HubProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-multi-'));

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    databaseUrl = created.config.databaseUrl!;
    a = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '60' });
    b = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '60' });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dispose?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a change made through one process to a console connected to the other', async () => {
    const core = new DeskCore({ dataDir, hubUrl: b.url, demoAccount: DEMO_ACCOUNT });
    core.start();
    try {
      await waitFor(() => core.sync.current.phase === 'live', 'the console to go live on hub B');
      expect(core.sync.current.casesHeld).toBe(60);
      const posted = await postApplication(a.url, sampleApplication());
      expect(posted.status).toBe(201);
      await waitFor(() => core.store.lastAppliedSeq >= posted.json.seq, 'the change made on hub A', 10_000);
      await waitFor(() => core.sync.current.casesHeld === 61, 'the cases held counted', 2000);
    } finally {
      await core.stop();
    }
  });

  it('runs a timed job in exactly one process, and hands it over when that process stops', async () => {
    const dbs: HubDatabase[] = [await openHubDatabase({ databaseUrl }), await openHubDatabase({ databaseUrl })];
    const runs: string[] = [];
    const job = (who: string): TimedJob => ({
      name: 'test-job',
      everyMs: 60_000,
      run: async () => {
        runs.push(who);
      },
    });
    const log = hubLogger('silent');
    const [first, second] = [
      new JobScheduler(dbs[0]!, [job('first')], log),
      new JobScheduler(dbs[1]!, [job('second')], log),
    ];
    try {
      for (let tick = 0; tick < 5; tick++) {
        const ran = await Promise.all([first.tick(job('first')), second.tick(job('second'))]);
        expect(ran.filter(Boolean)).toHaveLength(1);
      }
      expect(new Set(runs).size).toBe(1);
      const holder = runs[0] === 'first' ? first : second;
      const other = holder === first ? second : first;
      await holder.stop();
      expect(await other.tick(job(other === first ? 'first' : 'second'))).toBe(true);
    } finally {
      await first.stop();
      await second.stop();
      for (const db of dbs) await db.close();
    }
  });
});
