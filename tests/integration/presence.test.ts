import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import type { PresenceList } from '../../shared/contract/deskContract';
import { PRESENCE_EVENTS } from '../../shared/protocol/presenceProtocol';
import { DEMO_ACCOUNT, staffToken } from '../support/staffSession';
import { waitFor } from '../support/waitFor';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

// Who is looking at a case now: two real desk cores and a real hub over loopback.
describe('presence between desks', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 40, seed: 41 } });
  const dirs = [mkdtempSync(join(tmpdir(), 'presence-a-')), mkdtempSync(join(tmpdir(), 'presence-b-'))];
  let hub: RunningHub;
  let deskA: DeskCore;
  let deskB: DeskCore;
  const seenByB: PresenceList[] = [];
  beforeAll(async () => {
    hub = fixture.hub;
    deskA = new DeskCore({ dataDir: dirs[0]!, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    deskB = new DeskCore({
      dataDir: dirs[1]!,
      hubUrl: hub.url,
      demoAccount: { username: 'huda', password: 'demo-password' },
    });
    deskB.events.on('presence.changed', (list) => seenByB.push(list));
    deskA.start();
    deskB.start();
    await waitFor(() => deskA.sync.current.phase === 'live' && deskB.sync.current.phase === 'live', 'both live');
  });
  afterAll(async () => {
    await deskA?.stop().catch(() => undefined);
    await deskB?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const viewersOn = async (desk: DeskCore) => {
    const reply = await desk.dispatch('presence.list', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return (reply.value as PresenceList).viewers;
  };

  it('shows one desk opening a case on the other, and drops it when the desk leaves or disconnects', async () => {
    const [caseRow] = (await hub.db.query(`SELECT id::text AS id FROM cases ORDER BY id LIMIT 2`)) as { id: string }[];
    const caseId = caseRow!.id;
    await waitFor(
      async () => (await deskA.dispatch('presence.viewing', { caseId })).ok && (await viewersOn(deskB)).length,
      'A is seen',
    );
    expect(await viewersOn(deskB)).toEqual([{ caseId, userId: DEMO_ACCOUNT.username, role: 'supervisor' }]);
    // Pushed as an event too, which is what the renderer hears.
    expect(seenByB.at(-1)?.viewers.map((v) => v.caseId)).toEqual([caseId]);

    // B opens the same case: both see both.
    expect(await deskB.dispatch('presence.viewing', { caseId })).toEqual({ ok: true, value: true });
    await waitFor(async () => (await viewersOn(deskA)).length === 2, 'A sees both');

    // B leaves: A sees only itself.
    await deskB.dispatch('presence.viewing', { caseId: null });
    await waitFor(async () => (await viewersOn(deskA)).every((v) => v.userId === DEMO_ACCOUNT.username), 'B left');

    // A's desk goes away without saying so: its entry expires with its socket.
    await deskA.stop();
    await waitFor(async () => (await viewersOn(deskB)).length === 0, 'A expired');
  });

  it('refuses a bad payload and a focal point, and keeps no one else from seeing it', async () => {
    expect(await deskB.dispatch('presence.viewing', { caseId: 'x'.repeat(65) })).toMatchObject({
      ok: false,
      error: { code: 'badInput' },
    });
    const token = await staffToken(hub.url, 'fp-001');
    const socket = io(hub.url, { transports: ['websocket'], auth: { token } });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(await socket.timeout(5000).emitWithAck(PRESENCE_EVENTS.join, {})).toEqual({
        ok: false,
        reason: 'forbidden',
      });
      expect(await socket.timeout(5000).emitWithAck(PRESENCE_EVENTS.viewing, { caseId: 'case-1' })).toEqual({
        ok: false,
        reason: 'forbidden',
      });
      expect(await viewersOn(deskB)).toEqual([]);
      // A desk sending garbage straight to the hub is refused too.
      const operator = io(hub.url, { transports: ['websocket'], auth: { token: await staffToken(hub.url, 'omar') } });
      await new Promise<void>((resolve) => operator.once('connect', () => resolve()));
      expect(await operator.timeout(5000).emitWithAck(PRESENCE_EVENTS.viewing, { caseId: 7, extra: 1 })).toEqual({
        ok: false,
        reason: 'badRequest',
      });
      operator.disconnect();
    } finally {
      socket.disconnect();
    }
  });
});
