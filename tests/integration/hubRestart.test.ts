import { DEMO_ACCOUNT } from '../support/staffSession';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import { waitFor } from '../support/waitFor';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// A hub that goes down and comes back is handled without anyone touching the console.
describe('the console across a hub restart', () => {
  // Started by hand, not by hubFixture: the test stops the hub and starts another on the same database and port.
  const dir = mkdtempSync(join(tmpdir(), 'hub-restart-'));
  let hub: RunningHub | null = null;
  let core: DeskCore | null = null;
  afterAll(async () => {
    await core?.stop();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows offline while the hub is down, then catches up by itself', async () => {
    const hubDir = join(dir, 'hub');
    hub = await startHub({ pgliteDataDir: hubDir, seed: { cases: 50, seed: 1 }, simulate: false, logLevel: 'silent' });
    const port = Number(new URL(hub.url).port);
    core = new DeskCore({ dataDir: join(dir, 'desk'), hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    core.start();
    await waitFor(() => core!.sync.current.phase === 'live', 'live');

    await hub.close();
    hub = null;
    await waitFor(() => core!.sync.current.connection !== 'online', 'the console to notice the hub is gone');

    hub = await startHub({ pgliteDataDir: hubDir, port, seed: false, simulate: false, logLevel: 'silent' });
    const posted = await postApplication(hub.url, sampleApplication());
    await waitFor(() => core!.store.lastAppliedSeq >= posted.json.seq, 'the change made after the restart', 30_000);
    expect(core.sync.current.connection).toBe('online');
    await waitFor(() => core!.sync.current.casesHeld === 51, 'the cases held counted', 2000);
  });
});
