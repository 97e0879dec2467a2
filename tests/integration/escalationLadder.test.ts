import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import type { RunningHub } from '../../server/hubServer';
import { JobScheduler } from '../../server/jobs/jobScheduler';
import { escalationJob, referOverdueCases } from '../../server/jobs/escalationJob';
import { hubLogger } from '../../server/hubLogger';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { loadSlaRules, readSlaRulesVersion, saveSlaRuleVersion } from '../../server/sla/slaRulesStore';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  WORKING_DAY_MINUTES,
  ladderWindowsFor,
  referralSchedule,
} from '../../shared/sla';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// A controlled clock walks one case up the whole ladder while two hub
// processes' schedulers run the referral job: every rung once, never twice.
// Then an entity with windows of its own climbs on its own schedule.

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
describe.each(await hubTargets())('the escalation ladder on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 5, seed: 1 } });
  let hub: RunningHub;
  const extra: HubDatabase[] = [];
  beforeAll(async () => {
    hub = fixture.hub;
    // A second "process" needs its own connections; PGlite is one process by nature.
    extra.push(target.name === 'postgres' ? await openHubDatabase(fixture.database) : hub.db);
  });
  afterAll(async () => {
    if (target.name === 'postgres') for (const db of extra) await db.close();
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

  const dueOf = async (id: string) =>
    (
      (await hub.db.query(`SELECT (extract(epoch FROM due_at) * 1000)::float8 AS due FROM cases WHERE id = $1::uuid`, [
        id,
      ])) as { due: number }[]
    )[0]!.due;
  const levelOf = async (id: string) =>
    (
      (await hub.db.query('SELECT escalation_level FROM cases WHERE id = $1::uuid', [id])) as {
        escalation_level: string;
      }[]
    )[0]!.escalation_level;

  it('refers a case of an entity with a shorter director window to the secretary-general when that window ends', async () => {
    // A document stored before overrides existed still loads, with every entity on the defaults.
    await saveSlaRuleVersion(hub.db, 'ladder', { ...DEFAULT_LADDER_WINDOWS }, 'admin', 'as stored before overrides');
    expect((await loadSlaRules(hub.db)).ladder).toEqual(DEFAULT_LADDER_WINDOWS);

    const ladder = { ...DEFAULT_LADDER_WINDOWS, entities: { MOH: { director: WORKING_DAY_MINUTES } } };
    await expect(
      executeCommand(hub.db, 'updateLadderWindows', admin, {
        clientId: randomUUID(),
        ladder: { ...ladder, entities: { ...ladder.entities, NOPE: { director: 60 } } },
        basedOn: { version: await readSlaRulesVersion(hub.db) },
        reason: 'a typo',
      }),
    ).rejects.toMatchObject({ statusCode: 422, code: 'unknownEntity' });
    await executeCommand(hub.db, 'updateLadderWindows', admin, {
      clientId: randomUUID(),
      ladder,
      basedOn: { version: await readSlaRulesVersion(hub.db) },
      reason: 'Ministry of Health agreement 12/2026: its directors answer within a working day',
    });
    const rules = await loadSlaRules(hub.db);
    expect(ladderWindowsFor(rules.ladder, 'MOH').director).toBe(WORKING_DAY_MINUTES);

    const health = (await postApplication(hub.url, sampleApplication({ importance: 'critical', entityCode: 'MOH' })))
      .json.id as string;
    const education = (await postApplication(hub.url, sampleApplication({ importance: 'critical', entityCode: 'MOE' })))
      .json.id as string;
    // Both late at the same instant, and only they: the rest move out of the way.
    const due = await dueOf(health);
    await hub.db.query(`UPDATE cases SET due_at = to_timestamp($2::float8 / 1000) WHERE id = $1::uuid`, [
      education,
      due,
    ]);
    expect(await dueOf(education)).toBe(due);
    await hub.db.query(`UPDATE cases SET due_at = now() + interval '3650 days' WHERE NOT (id = ANY($1::uuid[]))`, [
      [health, education],
    ]);
    const [, healthToSg] = referralSchedule(ladderWindowsFor(rules.ladder, 'MOH'), rules.calendar, due);
    const [, educationToSg] = referralSchedule(ladderWindowsFor(rules.ladder, 'MOE'), rules.calendar, due);
    expect(educationToSg!.dueAtMs).toBeGreaterThan(healthToSg!.dueAtMs);

    let now = new Date(due + 60_000);
    const job = escalationJob();
    const schedulers = [
      new JobScheduler(hub.db, [job], hubLogger('silent'), () => now),
      new JobScheduler(extra[0]!, [job], hubLogger('silent'), () => now),
    ];
    const tickBoth = () => Promise.all(schedulers.map((s) => s.tick(job)));
    const levels = async () => [await levelOf(health), await levelOf(education)];

    await tickBoth();
    expect(await levels()).toEqual(['director', 'director']);
    now = new Date(healthToSg!.dueAtMs);
    await tickBoth();
    // A level is reached once the clock passes its instant, not at it.
    expect(await levels()).toEqual(['director', 'director']);
    const healthReferredAt = new Date(healthToSg!.dueAtMs + 60_000);
    now = healthReferredAt;
    await tickBoth();
    await tickBoth();
    expect(await levels()).toEqual(['secretaryGeneral', 'director']);
    now = new Date(educationToSg!.dueAtMs + 60_000);
    await tickBoth();
    expect(await levels()).toEqual(['secretaryGeneral', 'secretaryGeneral']);
    for (const s of schedulers) await s.stop();

    // Recorded as any referral is: a timeline event naming the notice, the notice, and an alert.
    const events = (await hub.db.query(
      `SELECT at, data FROM case_events WHERE case_id = $1::uuid AND kind = 'referredUp' ORDER BY id`,
      [health],
    )) as { at: Date | string; data: { from: string; to: string; noticeId: string | null } }[];
    expect(events.map((e) => [e.data.from, e.data.to])).toEqual([
      ['focalPoint', 'director'],
      ['director', 'secretaryGeneral'],
    ]);
    expect(new Date(events[1]!.at).getTime()).toBe(healthReferredAt.getTime());
    const notices = (await hub.db.query(
      `SELECT id::text AS id, level FROM referral_notices WHERE case_id = $1::uuid ORDER BY queued_at`,
      [health],
    )) as { id: string; level: string }[];
    expect(notices.map((n) => n.level)).toEqual(['director', 'secretaryGeneral']);
    expect(events.map((e) => e.data.noticeId)).toEqual(notices.map((n) => n.id));
    const alerts = (await hub.db.query(`SELECT kind FROM alerts WHERE case_id = $1::uuid ORDER BY raised_at`, [
      health,
    ])) as { kind: string }[];
    expect(alerts.map((a) => a.kind)).toEqual(['breach', 'referral']);
  });

  it('refers a newly late case even when a whole batch of older ones is still inside a long window', async () => {
    // Five older late cases wait with a director given a long window; a newer one has just passed its deadline.
    await executeCommand(hub.db, 'updateLadderWindows', admin, {
      clientId: randomUUID(),
      ladder: { ...DEFAULT_LADDER_WINDOWS, entities: { MOE: { director: 20 * WORKING_DAY_MINUTES } } },
      basedOn: { version: await readSlaRulesVersion(hub.db) },
      reason: 'Ministry of Education agreement 13/2026',
    });
    const now = Date.now();
    const waiting = (await hub.db.query(
      `UPDATE cases SET due_at = now() - interval '1 hour' - make_interval(mins => n), escalation_level = 'director',
              status = 'inProgress', entity_id = (SELECT id FROM entities WHERE code = 'MOE')
       FROM (SELECT id AS pick, row_number() OVER (ORDER BY id)::int AS n FROM cases ORDER BY id LIMIT 5) p
       WHERE cases.id = p.pick RETURNING cases.id::text AS id`,
    )) as { id: string }[];
    expect(waiting).toHaveLength(5);
    const fresh = (await postApplication(hub.url, sampleApplication({ entityCode: 'MOI' }))).json.id as string;
    await hub.db.query(`UPDATE cases SET due_at = now() - interval '1 minute' WHERE id = $1::uuid`, [fresh]);
    const rules = await loadSlaRules(hub.db);
    // Batches of two: the waiting cases fill the first two batches and more.
    expect(await referOverdueCases(hub.db, new Date(now), rules, rules.ladder, 2)).toBe(1);
    expect(await levelOf(fresh)).toBe('director');
    for (const { id } of waiting) expect(await levelOf(id)).toBe('director');
  });
});
