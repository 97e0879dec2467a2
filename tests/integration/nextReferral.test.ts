import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RunningHub } from '../../server/hubServer';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { transitionCase } from '../../server/cases/caseTransitions';
import { nextReferralMs } from '../../server/cases/nextReferral';
import { referOverdueCases } from '../../server/jobs/escalationJob';
import { recomputeOpenDeadlines } from '../../server/sla/recomputeDeadlines';
import { loadSlaRules, readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import type { CaseStatus, EscalationLevel } from '../../shared/domain/taxonomy';
import {
  DEFAULT_LADDER_WINDOWS,
  addWorkingMinutes,
  ammanEpochDay,
  dateKey,
  fromEpochDay,
  type LadderWindows,
  type WorkingCalendar,
} from '../../shared/sla';
import { hubFixture } from '../support/hubFixture';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';

// Each open case stores when it is next referred up (`next_referral_at`, hub migration 9). It must equal a fresh
// computation after every write the hub makes — intake, status changes, reassigns, referrals to another entity,
// referrals up — and follow every rule change, the ladder's windows included, through the recompute run.

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
const supervisor: Actor = { userId: 'rana', role: 'supervisor', entityId: null, focalPointId: null };

describe.each(await hubTargets())('when each open case is next referred up, on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 60, seed: 11 } });
  let hub: RunningHub;
  let db: HubDatabase;
  beforeAll(() => {
    hub = fixture.hub;
    db = hub.db;
  });

  interface Row {
    id: string;
    status: CaseStatus;
    level: EscalationLevel;
    due_ms: number | null;
    code: string;
    next_ms: number | null;
  }
  const rows = () =>
    db.query<Row>(
      `SELECT c.id::text AS id, c.status, c.escalation_level AS level, (extract(epoch FROM c.due_at) * 1000)::float8 AS due_ms,
         e.code, (extract(epoch FROM c.next_referral_at) * 1000)::float8 AS next_ms
       FROM cases c JOIN entities e ON e.id = c.entity_id ORDER BY c.id`,
    );
  const rowOf = async (id: string) => (await rows()).find((r) => r.id === id)!;
  /** Every case's stored instant equals a fresh computation with the rules in force. */
  const expectExact = async () => {
    const rules = await loadSlaRules(db);
    const all = await rows();
    const wrong = all.filter(
      (r) =>
        r.next_ms !== nextReferralMs(rules, { status: r.status, level: r.level, dueMs: r.due_ms, entityCode: r.code }),
    );
    expect(wrong).toEqual([]);
    return all;
  };
  const post = async (entityCode = 'MOH') =>
    (await postApplication(hub.url, sampleApplication({ entityCode, importance: 'critical' }))).json.id as string;
  const basedOn = async () => ({ version: await readSlaRulesVersion(db) });
  const changeLadder = async (ladder: LadderWindows, reason: string) =>
    Number(
      (
        await executeCommand(db, 'updateLadderWindows', admin, {
          clientId: randomUUID(),
          ladder,
          basedOn: await basedOn(),
          reason,
        })
      ).id,
    );
  const closeUntil = async (calendar: WorkingCalendar, untilMs: number, reason: string) => {
    const today = ammanEpochDay(Date.now());
    const closure = {
      kind: 'closure' as const,
      id: `closure-${randomUUID().slice(0, 8)}`,
      source: 'Prime Ministry circular',
      name: { ar: 'عطلة', en: 'Closure' },
      period: {
        type: 'wholeDays' as const,
        date: dateKey(fromEpochDay(today)),
        spanDays: ammanEpochDay(untilMs) - today + 1,
      },
    };
    const { id } = await executeCommand(db, 'updateWorkingCalendar', admin, {
      clientId: randomUUID(),
      calendar: { ...calendar, entries: [...calendar.entries, closure] },
      basedOn: await basedOn(),
      reason,
    });
    return Number(id);
  };

  it('is exact for the seeded cases, and after intake, status changes, a reassign and a referral elsewhere', async () => {
    const all = await expectExact();
    expect(all.filter((r) => r.next_ms !== null).length).toBeGreaterThan(5);
    const [a, b, c] = [await post('MOH'), await post('MOE'), await post('MOH')];
    const fresh = await rowOf(a);
    // Nothing of the focal point's window by default: first referred when the deadline passes.
    expect(fresh.next_ms).toBe(fresh.due_ms);
    await expectExact();

    await transitionCase(db, a, { to: 'inProgress', actor: 'focalPoint:t', at: new Date() });
    await transitionCase(db, a, { to: 'awaitingCitizen', actor: 'focalPoint:t', at: new Date() });
    // The clock stands while the citizen is awaited: no referral.
    expect((await rowOf(a)).next_ms).toBeNull();
    await transitionCase(db, a, { to: 'inProgress', actor: 'citizen', at: new Date(Date.now() + 60_000) });
    expect((await rowOf(a)).next_ms).not.toBeNull();
    await transitionCase(db, b, { to: 'answered', actor: 'focalPoint:t', at: new Date() });
    expect((await rowOf(b)).next_ms).toBeNull();
    await transitionCase(db, b, { to: 'reopened', actor: 'citizen', at: new Date() });
    await expectExact();

    // Reassigned to an entity with windows of its own; then referred by its focal point to a third.
    await changeLadder(
      { ...DEFAULT_LADDER_WINDOWS, entities: { MOI: { focalPoint: 180 }, MOE: { focalPoint: 30 } } },
      'MOI and MOE agreements',
    );
    await recomputeOpenDeadlines(db);
    const [{ version }] = (await db.query<{ version: number }>('SELECT version FROM cases WHERE id = $1::uuid', [
      c,
    ])) as [{ version: number }];
    await executeCommand(db, 'reassignCase', supervisor, {
      clientId: randomUUID(),
      caseId: c,
      expectedVersion: version,
      toEntityCode: 'MOI',
      reason: 'The interior ministry handles it',
    });
    const moved = await rowOf(c);
    const { calendar } = await loadSlaRules(db);
    expect(moved.next_ms).toBe(addWorkingMinutes(calendar, moved.due_ms!, 180));
    const [entity] = await db.query<{ entity_id: string; focal_point_id: string }>(
      'SELECT entity_id, focal_point_id FROM cases WHERE id = $1::uuid',
      [c],
    );
    const focalPoint: Actor = {
      userId: 'fp',
      role: 'focalPoint',
      entityId: entity!.entity_id,
      focalPointId: entity!.focal_point_id,
    };
    await executeCommand(db, 'referCase', focalPoint, {
      clientId: randomUUID(),
      caseId: c,
      toEntityCode: 'MOE',
      reason: 'Schools, not the interior ministry',
    });
    expect((await rowOf(c)).next_ms).toBe(addWorkingMinutes(calendar, moved.due_ms!, 30));
    await expectExact();

    // Referred up as time passes: each rung stores the next one's instant, the minister none.
    const rules = await loadSlaRules(db);
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(await referOverdueCases(db, later, rules, rules.ladder)).toBeGreaterThan(0);
    expect((await rowOf(c)).level).toBe('minister');
    expect((await rowOf(c)).next_ms).toBeNull();
    await expectExact();
  });

  it('moves when the ladder changes: in the background, by the new windows, with no deadline moved', async () => {
    const id = await post('MOH');
    const before = await rowOf(id);
    expect(before.next_ms).toBe(before.due_ms);
    const events = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'deadlineChanged'`))[0]!
        .n;
    const eventsBefore = await events();

    await changeLadder({ ...DEFAULT_LADDER_WINDOWS, entities: { MOH: { focalPoint: 120 } } }, 'MOH agreement 14/2026');
    const [run] = await db.query<{ kind: string; deadlines_of: number | null; finished: boolean }>(
      `SELECT kind, deadlines_of, finished_at IS NOT NULL AS finished FROM sla_recompute_runs ORDER BY id DESC LIMIT 1`,
    );
    expect(run).toEqual({ kind: 'ladder', deadlines_of: null, finished: false });
    // The command only records the run.
    expect((await rowOf(id)).next_ms).toBe(before.next_ms);
    await recomputeOpenDeadlines(db, { batchSize: 9 });
    const { calendar } = await loadSlaRules(db);
    const after = await rowOf(id);
    expect(after.due_ms).toBe(before.due_ms);
    expect(after.next_ms).toBe(addWorkingMinutes(calendar, before.due_ms!, 120));
    expect(after.next_ms).toBeGreaterThan(before.next_ms!);
    expect(await events()).toBe(eventsBefore);
    await expectExact();

    // The job refers it by the new window: not an hour past its deadline, but once the two hours have passed.
    const rules = await loadSlaRules(db);
    const onlyThis = async (at: number) => {
      await db.query(`UPDATE cases SET due_at = now() + interval '3650 days' WHERE id <> $1::uuid AND due_at < $2`, [
        id,
        new Date(at).toISOString(),
      ]);
      return referOverdueCases(db, new Date(at), rules, rules.ladder);
    };
    expect(await onlyThis(addWorkingMinutes(calendar, before.due_ms!, 60))).toBe(0);
    expect((await rowOf(id)).level).toBe('focalPoint');
    expect(await onlyThis(after.next_ms! + 1)).toBe(1);
    expect((await rowOf(id)).level).toBe('director');
    await expectExact();
  });

  it('moves with the deadline when the calendar changes; a ladder change that takes over that run names it', async () => {
    const id = await post('MOE');
    const before = await rowOf(id);
    const { calendar } = await loadSlaRules(db);
    const closedVersion = await closeUntil(calendar, before.due_ms!, 'Circular 50/2026: storm');
    // Before that run has gone anywhere, a ladder change: its run takes over, and must finish the deadline moves.
    await changeLadder({ ...DEFAULT_LADDER_WINDOWS, director: 3 * 420 }, 'Circular 51/2026: directors get three days');
    const runs = await db.query<{ kind: string; deadlines_of: number | null; id: number }>(
      `SELECT id::int AS id, kind, deadlines_of::int AS deadlines_of FROM sla_recompute_runs
       WHERE finished_at IS NULL ORDER BY id`,
    );
    expect(runs.map((r) => r.kind)).toEqual(['calendar', 'ladder']);
    expect(runs[1]!.deadlines_of).toBe(runs[0]!.id);
    // Until the runs have passed it, the job leaves it: its deadline is about to move.
    await recomputeOpenDeadlines(db);
    const after = await rowOf(id);
    expect(after.due_ms).toBeGreaterThan(before.due_ms!);
    expect(after.next_ms).toBe(after.due_ms);
    const [event] = await db.query<{ data: { rulesVersion: number; reason: string } }>(
      `SELECT data FROM case_events WHERE case_id = $1::uuid AND kind = 'deadlineChanged'`,
      [id],
    );
    // Named after the calendar change that moved it, not the ladder change whose run did the work.
    expect(event!.data).toMatchObject({ rulesVersion: closedVersion, reason: 'Circular 50/2026: storm' });
    await expectExact();
  });

  it('marks a case written without its instant as due for a look; the job stores the exact one, or refers it', async () => {
    const waiting = await post('MOH');
    const late = await post('MOE');
    await db.query(`UPDATE cases SET due_at = now() + interval '1 day' WHERE id = $1::uuid`, [waiting]);
    await db.query(
      `UPDATE cases SET due_at = now() - interval '1 minute', escalation_level = 'focalPoint' WHERE id = $1::uuid`,
      [late],
    );
    expect((await rowOf(waiting)).next_ms).toBe(-Infinity);
    expect((await rowOf(late)).next_ms).toBe(-Infinity);
    await db.query(
      `UPDATE cases SET due_at = now() + interval '3650 days' WHERE next_referral_at < now() AND NOT (id = ANY($1::uuid[]))`,
      [[waiting, late]],
    );
    const rules = await loadSlaRules(db);
    expect(await referOverdueCases(db, new Date(), rules, rules.ladder)).toBe(1);
    expect((await rowOf(waiting)).level).toBe('focalPoint');
    expect((await rowOf(late)).level).toBe('director');
    // A case that leaves the statuses the job refers from has none, however it is written.
    await db.query(`UPDATE cases SET status = 'answered' WHERE id = $1::uuid`, [waiting]);
    expect((await rowOf(waiting)).next_ms).toBeNull();
    await expectExact();
  });
});
