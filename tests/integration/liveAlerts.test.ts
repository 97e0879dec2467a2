import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHub } from '../../server/hubServer';
import { referOverdueCases } from '../../server/jobs/escalationJob';
import { loadSlaRules } from '../../server/sla/slaRulesStore';
import { DeskCore } from '../../desk/deskCore';
import type { AlertView } from '../../shared/contract/deskContract';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

// Every breach and referral reaches the operation room live, and an acknowledgement reaches every desk.
describe('live alerts', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 200, seed: 12 } });
  const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
  let hub: RunningHub;
  let core: DeskCore;
  const raised: AlertView[] = [];
  beforeAll(async () => {
    hub = fixture.hub;
    core = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    core.events.on('alerts.raised', ({ alerts }) => raised.push(...alerts));
    core.start();
    await waitFor(() => core.sync.current.phase === 'live', 'live');
  });
  afterAll(async () => {
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a breach alert on every desk when a case passes its deadline, and shares the acknowledgement', async () => {
    const [late] = (await hub.db.query(
      `UPDATE cases SET due_at = now() - interval '1 hour'
       WHERE id = (SELECT id FROM cases WHERE status IN ('assigned', 'inProgress') AND escalation_level = 'focalPoint' ORDER BY id LIMIT 1)
       RETURNING id::text AS id, number`,
    )) as { id: string; number: string }[];
    const rules = await loadSlaRules(hub.db);
    expect(await referOverdueCases(hub.db, new Date(), rules, rules.ladder)).toBeGreaterThan(0);

    const alert = await waitFor(
      () => raised.find((a) => a.caseNumber === late!.number),
      'the breach alert on the desk',
    );
    expect(alert).toMatchObject({ kind: 'breach', from: 'focalPoint', to: 'director', acknowledgedBy: null });

    const queued = await core.dispatch('outbox.queue', { command: 'acknowledgeAlert', input: { alertId: alert.id } });
    expect(queued.ok).toBe(true);
    await waitFor(async () => {
      const list = await core.dispatch('alerts.list', { limit: 50 });
      return (
        list.ok &&
        (list.value as { alerts: AlertView[] }).alerts.find((a) => a.id === alert.id)?.acknowledgedBy ===
          'supervisor:rana'
      );
    }, 'the acknowledgement to come back through the hub');
  });
});
