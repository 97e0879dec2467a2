import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { startHub, type RunningHub } from '../../server/hubServer';
import { JobScheduler } from '../../server/jobs/jobScheduler';
import { escalationJob } from '../../server/jobs/escalationJob';
import { hubLogger } from '../../server/hubLogger';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_LADDER_WINDOWS, referralSchedule } from '../../shared/sla';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// A controlled clock walks one case up the whole ladder while two hub
// processes' schedulers run the referral job: every rung once, never twice.
describe.each(await hubTargets())('the escalation ladder on $name', (target) => {
  let hub: RunningHub;
  let dispose: () => Promise<void>;
  const extra: HubDatabase[] = [];
  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    hub = await startHub({
      ...created.config,
      seed: { cases: 5, seed: 1 },
      simulate: false,
      jobs: false,
      logLevel: 'silent',
    });
    // A second "process" needs its own connections; PGlite is one process by nature.
    extra.push(target.name === 'postgres' ? await openHubDatabase(created.config) : hub.db);
  });
  afterAll(async () => {
    if (target.name === 'postgres') for (const db of extra) await db.close();
    await hub?.close();
    await dispose?.();
  });

  it('refers a late case focal point → director → secretary-general → minister, once per rung', async () => {
    const posted = await postApplication(hub.url, sampleApplication({ importance: 'critical' }));
    const [row] = (await hub.db.query(
      `SELECT (extract(epoch FROM due_at) * 1000)::float8 AS due FROM cases WHERE id = $1::uuid`,
      [posted.json.id],
    )) as { due: number }[];
    // Only this case may be late: the seeded ones move out of the way.
    await hub.db.query(`UPDATE cases SET due_at = now() + interval '3650 days' WHERE id <> $1::uuid`, [posted.json.id]);
    const rungs = referralSchedule(DEFAULT_LADDER_WINDOWS, DEFAULT_JORDAN_CALENDAR, row!.due);
    expect(rungs.map((r) => r.level)).toEqual(['director', 'secretaryGeneral', 'minister']);

    let now = new Date(row!.due - 60_000);
    const clock = () => now;
    const job = escalationJob();
    const schedulers = [
      new JobScheduler(hub.db, [job], hubLogger('silent'), clock),
      new JobScheduler(extra[0]!, [job], hubLogger('silent'), clock),
    ];
    const level = async () =>
      (
        (await hub.db.query('SELECT escalation_level FROM cases WHERE id = $1::uuid', [posted.json.id])) as {
          escalation_level: string;
        }[]
      )[0]!.escalation_level;
    const tickBoth = () => Promise.all(schedulers.map((s) => s.tick(job)));

    await tickBoth();
    expect(await level()).toBe('focalPoint');
    for (const rung of rungs) {
      now = new Date(rung.dueAtMs + 60_000);
      await tickBoth();
      await tickBoth();
      expect(await level()).toBe(rung.level);
    }
    const [counts] = (await hub.db.query(
      `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1::uuid AND kind = 'referredUp') AS referrals,
              (SELECT count(*)::int FROM alerts WHERE case_id = $1::uuid) AS alerts,
              (SELECT string_agg(level, ',' ORDER BY queued_at) FROM referral_notices WHERE case_id = $1::uuid) AS notices`,
      [posted.json.id],
    )) as { referrals: number; alerts: number; notices: string }[];
    // Each official on the way up was notified once.
    expect(counts).toEqual({ referrals: 3, alerts: 3, notices: 'director,secretaryGeneral,minister' });
    for (const s of schedulers) await s.stop();
  });
});
