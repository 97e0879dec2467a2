import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import type { RunningHub } from '../../server/hubServer';
import { JobScheduler } from '../../server/jobs/jobScheduler';
import { raiseUnansweredChaseAlerts, slaAlertJob } from '../../server/jobs/slaAlertJob';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { transitionCase } from '../../server/cases/caseTransitions';
import { hubLogger } from '../../server/hubLogger';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// With a controlled clock and two hub processes sweeping, every late first
// response, every late update and every at-risk resolution raises exactly one
// alert for the operation room; a case waiting for the citizen raises none.
const operator: Actor = { userId: 'huda', role: 'operator', entityId: null, focalPointId: null };

describe.each(await hubTargets())('SLA alerts on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 5, seed: 3 } });
  let hub: RunningHub;
  let second: HubDatabase;
  beforeAll(async () => {
    hub = fixture.hub;
    second = target.name === 'postgres' ? await openHubDatabase(fixture.database) : hub.db;
    // Only the cases these tests post may be late.
    await hub.db.query(
      `UPDATE cases SET status = 'closed', first_response_due_at = NULL, update_due_at = NULL, at_risk_at = NULL`,
    );
  });
  afterAll(async () => {
    if (second !== hub?.db) await second?.close();
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
        (await hub.db.query(`SELECT kind, detail FROM alerts WHERE case_id = $1::uuid ORDER BY raised_at, id`, [
          id,
        ])) as {
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

  it('tells the operation room of a chase left unanswered past its window, once, and not of an answered one', async () => {
    const posted = await postApplication(hub.url, sampleApplication({ importance: 'high' }));
    const caseId = posted.json.id as string;
    const sentAt = new Date('2026-01-11T06:00:00Z'); // Sunday 09:00 in Amman: due 13:00
    const chase = (message: string) =>
      executeCommand(
        hub.db,
        'chaseFocalPoint',
        operator,
        { clientId: `chase-${message}`, caseId, channel: 'sms', template: 'lateResolution', message },
        sentAt,
      );
    const silent = (await chase('silent')).id!;
    const answered = (await chase('answered')).id!;
    const [fp] = (await hub.db.query('SELECT focal_point_id AS id FROM chases WHERE id = $1::uuid', [answered])) as {
      id: string;
    }[];
    await executeCommand(
      hub.db,
      'replyToChase',
      { userId: 'fp', role: 'focalPoint', entityId: null, focalPointId: fp!.id },
      { clientId: 'reply-chase-1', chaseId: answered, answer: 'تمت المعالجة' },
      new Date('2026-01-11T07:00:00Z'),
    );
    const chaseAlerts = async () =>
      (
        (await hub.db.query(`SELECT detail FROM alerts WHERE kind = 'unansweredChase' AND case_id = $1::uuid`, [
          caseId,
        ])) as { detail: { chaseId: string } }[]
      ).map((a) => a.detail.chaseId);

    expect(await raiseUnansweredChaseAlerts(hub.db, new Date('2026-01-11T09:59:00Z'))).toBe(0);
    await Promise.all([
      raiseUnansweredChaseAlerts(hub.db, new Date('2026-01-11T10:01:00Z')),
      raiseUnansweredChaseAlerts(second, new Date('2026-01-11T10:01:00Z')),
    ]);
    await raiseUnansweredChaseAlerts(hub.db, new Date('2026-01-12T10:01:00Z'));
    expect(await chaseAlerts()).toEqual([silent]);
  });

  it('alerts on a reopened case and on a low rating, with the change that caused them', async () => {
    const [answered] = (await hub.db.query(
      `SELECT id::text AS id FROM cases WHERE id NOT IN (SELECT case_id FROM alerts WHERE case_id IS NOT NULL) LIMIT 1`,
    )) as { id: string }[];
    await hub.db.query(`UPDATE cases SET status = 'answered', answered_at = now() WHERE id = $1::uuid`, [answered!.id]);
    await transitionCase(hub.db, answered!.id, { to: 'closed', actor: 'citizen', at: new Date(), rating: 1 });
    await transitionCase(hub.db, answered!.id, { to: 'reopened', actor: 'citizen', at: new Date() });
    const kinds = (
      (await hub.db.query(`SELECT kind, detail FROM alerts WHERE case_id = $1::uuid ORDER BY raised_at, id`, [
        answered!.id,
      ])) as { kind: string; detail: { rating?: number } }[]
    ).map((a) => `${a.kind}${a.detail.rating ? `:${a.detail.rating}` : ''}`);
    expect(kinds).toEqual(['lowRating:1', 'reopened']);
  });
});
