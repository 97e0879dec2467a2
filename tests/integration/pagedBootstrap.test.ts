import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../server/hubServer';
import { openReplicaDatabase } from '../../desk/replica/openReplicaDatabase';
import { ReplicaStore } from '../../desk/replica/replicaStore';
import { HubHttpClient } from '../../desk/sync/hubHttpClient';
import { runBootstrap, type BootstrapProgress } from '../../desk/sync/bootstrapper';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { staffToken } from '../support/staffSession';

const SEEDED = 1_300;
const PAGE = 100; // 13 pages of cases: the download runs pages ahead of the one being written

// The bootstrap requests each page from the previous page's closing line while
// earlier pages still decode and write (desk/sync/bootstrapper.ts):
// many pages, in order, none lost or doubled, and an interruption resumes.
describe.each(await hubTargets())('a bootstrap over many pages on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: SEEDED, seed: 3 } });
  let hub: RunningHub;
  let client: HubHttpClient;

  beforeAll(async () => {
    hub = fixture.hub;
    const token = await staffToken(hub.url);
    client = new HubHttpClient(hub.url, () => undefined, {
      accessToken: async () => token,
      rejected: async () => null,
    });
  });

  const hubCaseIds = async () => {
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const head = await client.head();
    store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: false });
    await runBootstrap(store, client, head, () => undefined, undefined, SEEDED * 2);
    return db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[];
  };

  it('holds every case once, in pages, with progress that only grows', async () => {
    const expected = await hubCaseIds(); // one page: the reference
    expect(expected).toHaveLength(SEEDED);
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const head = await client.head();
    store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: false });
    const progress: BootstrapProgress[] = [];
    const close = vi.spyOn(store, 'completeBootstrap');
    await runBootstrap(store, client, head, (p) => progress.push(p), undefined, PAGE);
    // A fresh load written whole in one run hands the close a tally of every case, so it need not count them again.
    expect(close.mock.calls[0]![0]?.total).toBe(SEEDED);
    expect(db.prepare('SELECT id FROM cases ORDER BY id').pluck().all()).toEqual(expected);
    expect(store.bootstrapState).toBe('complete');
    const held = progress.map((p) => p.held);
    expect(held).toEqual([...held].sort((a, b) => a - b));
    expect(held.at(-1)).toBe(progress.at(-1)!.total);
  });

  it('resumes an interrupted download from its last written page, doubling nothing', async () => {
    const expected = await hubCaseIds();
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const head = await client.head();
    store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: false });
    const stop = new AbortController();
    const interrupted = runBootstrap(
      store,
      client,
      head,
      () => store.count('cases') >= 4 * PAGE && stop.abort(),
      stop.signal,
      PAGE,
    );
    await expect(interrupted).rejects.toThrow();
    const heldThen = store.count('cases');
    expect(heldThen).toBeGreaterThanOrEqual(4 * PAGE);
    expect(heldThen).toBeLessThan(SEEDED);
    expect(store.bootstrapState).toBe('running');

    const close = vi.spyOn(store, 'completeBootstrap');
    await runBootstrap(store, client, head, () => undefined, undefined, PAGE);
    expect(db.prepare('SELECT id FROM cases ORDER BY id').pluck().all()).toEqual(expected);
    // Resumed, this run tallied only the pages after the interruption: the close counts every case itself.
    expect(close).toHaveBeenCalledWith(null);
  });

  // Pages are fetched on the snapshot thread, with the token the main thread hands it.
  it('renews a token the hub refuses, once, and carries on', async () => {
    const expected = await hubCaseIds();
    const token = await staffToken(hub.url);
    let current = 'expired-token';
    let renewals = 0;
    const renewing = new HubHttpClient(hub.url, () => undefined, {
      accessToken: async () => current,
      rejected: async () => {
        renewals++;
        current = token;
        return token;
      },
    });
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const head = await client.head();
    store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: false });
    await runBootstrap(store, renewing, head, () => undefined, undefined, PAGE);
    expect(db.prepare('SELECT id FROM cases ORDER BY id').pluck().all()).toEqual(expected);
    expect(renewals).toBe(1);
  });

  it('asks for a sign-in when the hub refuses every token, and holds nothing it was not sent', async () => {
    const refused = new HubHttpClient(hub.url, () => undefined, {
      accessToken: async () => 'expired-token',
      rejected: async () => 'still-expired',
    });
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    const head = await client.head();
    store.beginBootstrap(head.hubEpoch, head.headSeq, { keepRows: false });
    await expect(runBootstrap(store, refused, head, () => undefined, undefined, PAGE)).rejects.toMatchObject({
      signInNeeded: true,
      message: 'Sign in to the hub to sync.',
    });
    expect(store.count('cases')).toBe(0);
    expect(store.bootstrapState).toBe('running');
  });
});
