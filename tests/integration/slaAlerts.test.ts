import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { startHub, type RunningHub } from '../../server/hubServer';
import { JobScheduler } from '../../server/jobs/jobScheduler';
import { slaAlertJob } from '../../server/jobs/slaAlertJob';
import { transitionCase } from '../../server/cases/caseTransitions';
import { hubLogger } from '../../server/hubLogger';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// With a controlled clock and two hub processes sweeping, every late first
// response, every late update and every at-risk resolution raises exactly one
// alert for the operation room; a case waiting for the citizen raises none.
describe.each(await hubTargets())('SLA alerts on $name', (target) => {
  let hub: RunningHub;
  let dispose: () => Promise<void>;
  let second: HubDatabase;
  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    hub = await startHub({ ...created.config, seed: { cases: 5, seed: 3 }, simulate: false, jobs: false, logLevel: 'silent' });
    second = target.name === 'postgres' ? await openHubDatabase(created.config) : hub.db;
    // Only the cases these tests post may be late.
    await hub.db.query(`UPDATE cases SET status = 'closed', first_response_due_at = NULL, update_due_at = NULL, at_risk_at = NULL`);
  });
  afterAll(async () => {
    if (second !== hub?.db) await second?.close();
    await hub?.close();
    await dispose?.();
  });

  it('raises each late clock once, however many processes sweep, and none while the citizen is awaited', async () => {
    const posted = await postApplication(hub.url, sampleApplication({ importance: 'critical' }));
    const id = posted.json.id as string;
    const deadlines = async () =>
      (
        (await hub.db.query(
          `SELECT (extract(epoch FROM first_response_due_at) * 1000)::float8 AS "firstResponse",
                  (extract(epoch FROM update_due_at) * 1000)::float8 AS "update",
                  (extract(epoch FROM at_risk_at) * 1000)::float8 AS "atRisk"
           FROM cases WHERE id = $1::uuid`,
          [id],
        )) as { firstResponse: number | null; update: number | null; atRisk: number | null }[]
      )[0]!;
    const alerts = async () =>
      (
        (await hub.db.query(`SELECT kind, detail FROM alerts WHERE case_id = $1::uuid ORDER BY raised_at, id`, [id])) as {
          kind: string;
          detail: { timer: string };
        }[]
      ).map((a) => `${a.kind}:${a.detail.timer}`);

    let now = new Date();
    const job = slaAlertJob();
    const schedulers = [hub.db, second].map((db) => new JobScheduler(db, [job], hubLogger('silent'), () => now));
    const sweep = async () => {
      await Promise.all(schedulers.map((s) => s.tick(job)));
      await Promise.all(schedulers.map((s) => s.tick(job)));
    };

    await sweep();
    expect(await alerts()).toEqual([]);

    const first = await deadlines();
    now = new Date(first.firstResponse! + 60_000);
    await sweep();
    expect(await alerts()).toEqual(['breach:firstResponse']);

    // The focal point asks the citizen: the clocks stop, and nothing more is raised while they wait.
    await transitionCase(hub.db, id, { to: 'awaitingCitizen', actor: 'focalPoint:t', at: now });
    now = new Date(now.getTime() + 30 * 86_400_000);
    await sweep();
    expect(await alerts()).toEqual(['breach:firstResponse']);

    // The citizen answers; the update clock restarts there and runs out later.
    await transitionCase(hub.db, id, { to: 'inProgress', actor: 'citizen', at: now });
    const resumed = await deadlines();
    expect(resumed.firstResponse).toBeNull();
    now = new Date(Math.min(resumed.update!, resumed.atRisk!) - 60_000);
    await sweep();
    expect(await alerts()).toEqual(['breach:firstResponse']);
    now = new Date(Math.max(resumed.update!, resumed.atRisk!) + 60_000);
    await sweep();
    expect((await alerts()).sort()).toEqual(['atRisk:resolution', 'breach:firstResponse', 'breach:update']);

    for (const s of schedulers) await s.stop();
  });
});
