import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PresenceClient } from '../../desk/presence/presenceClient';
import type { PresenceList } from '../../shared/contract/deskContract';
import { hubTargets } from '../support/hubDatabaseTargets';
import { startHubProcess, type HubProcess } from '../support/hubProcess';
import { DEMO_ACCOUNT, staffToken } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');

// Two real hub processes on one PostgreSQL, a desk's presence client on each.
describe.skipIf(!postgres)('presence across hub processes', () => {
  let dispose: () => Promise<void>;
  let a: HubProcess;
  let b: HubProcess;
  let caseIds: string[];
  const desks: PresenceClient[] = [];

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    const databaseUrl = created.config.databaseUrl!;
    a = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '10' });
    b = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '10' });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    caseIds = (await client.query<{ id: string }>(`SELECT id::text AS id FROM cases ORDER BY id LIMIT 2`)).rows.map(
      (r) => r.id,
    );
    await client.end();
  });
  afterAll(async () => {
    for (const desk of desks) desk.stop();
    await a?.stop();
    await b?.stop();
    await dispose?.();
  });

  /** A desk's presence side, signed in as `username`, connected to one hub process. */
  const desk = (hub: HubProcess, username: string) => {
    const client = new PresenceClient(hub.url, {
      accessToken: () => staffToken(hub.url, username),
      rejected: async () => null,
    });
    desks.push(client);
    client.start();
    return client;
  };
  const seen = (list: PresenceList) =>
    list.viewers
      .map((v) => `${v.caseId}:${v.userId}`)
      .sort()
      .join(' ');

  it('shows a case opened on a desk of one process to a desk of the other, clears it on leaving, and drops it when that process dies', async () => {
    const [first, second] = caseIds as [string, string];
    const onA = desk(a, DEMO_ACCOUNT.username);
    const onB = desk(b, 'huda');

    // A desk on hub A opens a case: the desk on hub B sees who, and which case.
    await waitFor(() => onA.viewing(first), 'the desk on A to be heard');
    await waitFor(() => seen(onB.viewers) === `${first}:${DEMO_ACCOUNT.username}`, 'B to see A viewing', 30_000);
    expect(onB.viewers.viewers).toEqual([{ caseId: first, userId: DEMO_ACCOUNT.username, role: 'supervisor' }]);

    // And the other way round: B opens another case, A sees both.
    await waitFor(() => onB.viewing(second), 'the desk on B to be heard');
    const both = [`${first}:${DEMO_ACCOUNT.username}`, `${second}:huda`].sort().join(' ');
    await waitFor(() => seen(onA.viewers) === both, 'A to see both', 30_000);

    // A closes the case: B sees only its own.
    await onA.viewing(null);
    await waitFor(() => seen(onB.viewers) === `${second}:huda`, 'A to leave on B', 30_000);

    // A opens it again, then its hub process dies without a word: B drops A's viewer once it falls silent.
    await onA.viewing(first);
    await waitFor(() => seen(onB.viewers) === both, 'B to see A again', 30_000);
    await a.kill();
    await waitFor(() => seen(onB.viewers) === `${second}:huda`, "A's viewer to expire on B", 60_000);
  });
});
