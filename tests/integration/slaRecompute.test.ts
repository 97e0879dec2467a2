import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hubFixture } from '../support/hubFixture';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import type { RunningHub } from '../../server/hubServer';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { loadSlaRules, readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import {
  RECOMPUTE_OPEN,
  hasRecomputeToDo,
  recomputeOpenDeadlines,
  type BatchOutcome,
} from '../../server/sla/recomputeDeadlines';
import {
  STORED_DEADLINE_COLUMNS,
  TIMED_CASE_COLUMNS,
  type TimedCaseRow,
  timedCaseOfRow,
} from '../../server/cases/caseDeadlines';
import { transitionCase } from '../../server/cases/caseTransitions';
import { JobScheduler } from '../../server/jobs/jobScheduler';
import { recomputeDeadlinesJob } from '../../server/jobs/recomputeDeadlinesJob';
import { referOverdueCases } from '../../server/jobs/escalationJob';
import { raiseClockAlerts } from '../../server/jobs/slaAlertJob';
import { hubLogger } from '../../server/hubLogger';
import { readHeadSeq } from '../../server/changes/changeLog';
import { trackedDeadlines } from '../../shared/sla';

// A rule change is applied to open cases by the recompute job, in batches, after the administrator's command has
// returned. Batches here are small, so a few hundred seeded cases make several of them.

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
const BATCH = 25;

describe.each(await hubTargets())('rule changes applied in batches on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 800, seed: 11 }, snapshotCache: false });
  let hub: RunningHub;
  let db: HubDatabase;
  beforeAll(() => {
    hub = fixture.hub;
    db = hub.db;
  });

  const openIds = async () =>
    (await db.query<{ id: string }>(`SELECT id::text AS id FROM cases WHERE ${RECOMPUTE_OPEN} ORDER BY id`)).map(
      (r) => r.id,
    );

  /** Every rule's resolution target a working hour longer (or shorter): every open case's deadline moves. */
  const stretchResolution = async (reason: string, minutes = 60) => {
    const { matrix } = await loadSlaRules(db);
    const stretched = {
      ...matrix,
      rules: matrix.rules.map((r) => ({
        ...r,
        targets: { ...r.targets, resolutionMinutes: r.targets.resolutionMinutes + minutes },
      })),
    };
    const { id } = await executeCommand(db, 'updateSlaMatrix', admin, {
      clientId: randomUUID(),
      matrix: stretched,
      basedOn: { version: await readSlaRulesVersion(db) },
      reason,
    });
    return Number(id);
  };

  const eventsOf = async (version: number) =>
    db.query<{ case_id: string; reason: string; actor: string; from: string; to: string }>(
      `SELECT case_id::text AS case_id, data->>'reason' AS reason, actor, data->>'from' AS "from", data->>'to' AS "to"
       FROM case_events WHERE kind = 'deadlineChanged' AND (data->>'rulesVersion')::int = $1 ORDER BY case_id, id`,
      [version],
    );

  const runOf = async (version: number) =>
    (
      await db.query<{
        id: number;
        after_case_id: string | null;
        cases_checked: number;
        cases_moved: number;
        finished: boolean;
        superseded_by: number | null;
      }>(
        `SELECT id::int AS id, after_case_id::text AS after_case_id, cases_checked, cases_moved,
                finished_at IS NOT NULL AS finished, superseded_by::int AS superseded_by
         FROM sla_recompute_runs WHERE rules_version = $1`,
        [version],
      )
    )[0]!;

  const closedRecords = `SELECT key, row::text AS row FROM case_records
    WHERE id IN (SELECT id FROM cases WHERE NOT (${RECOMPUTE_OPEN})) ORDER BY key`;

  const headSeq = () => readHeadSeq(db);

  /** Every open case's stored deadlines are the shared clocks' answer on the rules as of `version`. */
  const expectOnRules = async (version: number) => {
    const rules = await loadSlaRules(db, version);
    const rows = await db.query<
      TimedCaseRow & { id: string; first_response_due_ms: number | null; update_due_ms: number | null }
    >(`SELECT id::text AS id, ${TIMED_CASE_COLUMNS}, ${STORED_DEADLINE_COLUMNS} FROM cases WHERE ${RECOMPUTE_OPEN}`);
    const off = rows.flatMap((row) => {
      const timed = timedCaseOfRow(row);
      // A case awaiting the citizen keeps its deadlines as of the start of its wait.
      const pausedSince = Math.min(
        ...timed.pauses.filter((p) => p.toMs === Number.POSITIVE_INFINITY).map((p) => p.fromMs),
      );
      const d = trackedDeadlines(timed, rules, Math.min(Date.now(), pausedSince));
      const stored = [row.due_ms, row.first_response_due_ms, row.update_due_ms];
      const expected = [d.resolutionDueMs, d.firstResponseDueMs, d.updateDueMs];
      return stored.every((v, i) => v === expected[i]) ? [] : [{ id: row.id, stored, expected }];
    });
    expect(off).toEqual([]);
  };

  it('moves every open case exactly once, each with one timeline event naming the version and the reason, and leaves closed cases alone', async () => {
    const open = await openIds();
    expect(open.length).toBeGreaterThan(3 * BATCH);
    const closedBefore = await db.query(closedRecords);
    const dueBefore = new Map(
      (
        await db.query<{ id: string; due: string }>(
          `SELECT id::text AS id, iso_ms(due_at) AS due FROM cases WHERE ${RECOMPUTE_OPEN}`,
        )
      ).map((r) => [r.id, r.due]),
    );
    const head = await headSeq();

    const version = await stretchResolution('Circular 12/2026: resolution targets a working hour longer');
    // The command returned having moved nothing: the run waits for the job, from the first open case.
    expect(await eventsOf(version)).toEqual([]);
    expect(await runOf(version)).toMatchObject({ after_case_id: null, cases_checked: 0, finished: false });
    expect(await headSeq()).toBe(head);

    const batches: BatchOutcome[] = [];
    const moved = await recomputeOpenDeadlines(db, {
      batchSize: BATCH,
      hooks: { afterCommit: (_batch, outcome) => void batches.push(outcome) },
    });
    expect(moved).toBe(open.length);
    expect(batches.length).toBe(Math.floor(open.length / BATCH) + 1);
    expect(batches.map((b) => b.checked)).toEqual(batches.map((_, i) => Math.min(BATCH, open.length - i * BATCH)));

    const events = await eventsOf(version);
    expect(events.map((e) => e.case_id)).toEqual(open);
    expect(new Set(events.map((e) => `${e.actor} | ${e.reason}`))).toEqual(
      new Set(['administrator:admin | Circular 12/2026: resolution targets a working hour longer']),
    );
    // Each event names where the deadline was and where it is now.
    const dueAfter = new Map(
      (
        await db.query<{ id: string; due: string }>(
          `SELECT id::text AS id, iso_ms(due_at) AS due FROM cases WHERE ${RECOMPUTE_OPEN}`,
        )
      ).map((r) => [r.id, r.due]),
    );
    expect(events.map((e) => [e.from, e.to])).toEqual(
      events.map((e) => [dueBefore.get(e.case_id), dueAfter.get(e.case_id)]),
    );
    await expectOnRules(version);
    expect(await runOf(version)).toMatchObject({
      after_case_id: open.at(-1),
      cases_checked: open.length,
      cases_moved: open.length,
      finished: true,
    });
    // One change each in the log, gap-free, for the desks; closed cases neither moved nor logged.
    const logged = await db.query<{ row_id: string }>(`SELECT row_id FROM change_log WHERE seq > $1 ORDER BY row_id`, [
      head,
    ]);
    expect(logged.map((l) => l.row_id)).toEqual(open);
    expect(await headSeq()).toBe(head + open.length);
    expect(await db.query(closedRecords)).toEqual(closedBefore);

    // Done is done: nothing left to do, and a second pass moves nothing.
    expect(await hasRecomputeToDo(db)).toBe(false);
    expect(await recomputeOpenDeadlines(db, { batchSize: BATCH })).toBe(0);
    expect(await eventsOf(version)).toHaveLength(open.length);
  });

  it('resumes a run stopped or broken off mid-way from its cursor, without a second event for any case', async () => {
    const open = await openIds();
    const head = await headSeq();
    const version = await stretchResolution('Circular 13/2026: another working hour');

    // The hub stops after one batch (its scheduler says not to carry on)...
    expect(await recomputeOpenDeadlines(db, { batchSize: BATCH, carryOn: async () => false })).toBe(BATCH);
    expect((await runOf(version)).after_case_id).toBe(open[BATCH - 1]);
    // ...and the next attempt fails inside its second batch, after writing its cases and cursor: all rolled back.
    await expect(
      recomputeOpenDeadlines(db, {
        batchSize: BATCH,
        hooks: {
          beforeRecord: (batch) => {
            if (batch === 2) throw new Error('power cut');
          },
        },
      }),
    ).rejects.toThrow('power cut');
    expect((await eventsOf(version)).map((e) => e.case_id)).toEqual(open.slice(0, 2 * BATCH));
    expect(await runOf(version)).toMatchObject({ after_case_id: open[2 * BATCH - 1], finished: false });

    expect(await recomputeOpenDeadlines(db, { batchSize: BATCH })).toBe(open.length - 2 * BATCH);
    expect((await eventsOf(version)).map((e) => e.case_id)).toEqual(open);
    expect(await runOf(version)).toMatchObject({ cases_checked: open.length, cases_moved: open.length });
    await expectOnRules(version);
    // The broken batch left no gap and no double in the change log.
    expect(await headSeq()).toBe(head + open.length);
  });

  it('never lets two hub processes both record a case, under the lease or with leases overlapping', async () => {
    // A second "process" needs its own connections; PGlite is one process by nature.
    const second = target.name === 'postgres' ? await openHubDatabase(fixture.database) : db;
    try {
      const open = await openIds();
      const job = recomputeDeadlinesJob({ batchSize: BATCH, pauseMs: 0 });
      const schedulers = [db, second].map((d) => new JobScheduler(d, [job], hubLogger('silent')));
      const version = await stretchResolution('Circular 14/2026');
      const ran = await Promise.all(schedulers.map((s) => s.tick(job)));
      expect(ran.filter(Boolean)).toHaveLength(1);
      for (const s of schedulers) await s.stop();
      expect((await eventsOf(version)).map((e) => e.case_id)).toEqual(open);

      // A lease that lapsed mid-run: both processes work the same run at once. The run's row lock makes them take
      // turns, each batch reading the cursor the other advanced.
      const overlapping = await stretchResolution('Circular 15/2026');
      const moved = await Promise.all(
        [db, second].map((d) => recomputeOpenDeadlines(d, { batchSize: BATCH, pauseMs: 0 })),
      );
      expect(moved[0]! + moved[1]!).toBe(open.length);
      expect((await eventsOf(overlapping)).map((e) => e.case_id)).toEqual(open);
      expect(await runOf(overlapping)).toMatchObject({ cases_checked: open.length, finished: true });
      await expectOnRules(overlapping);
    } finally {
      if (second !== db) await second.close();
    }
  });

  it('brings every open case to the newest rules when a newer change supersedes a run under way', async () => {
    const open = await openIds();
    const dueBefore = new Map(
      (
        await db.query<{ id: string; due: string }>(
          `SELECT id::text AS id, iso_ms(due_at) AS due FROM cases WHERE ${RECOMPUTE_OPEN}`,
        )
      ).map((r) => [r.id, r.due]),
    );
    const older = await stretchResolution('Circular 16/2026: a working hour longer');
    let newer = 0;
    let batchesLeft = 2;
    await recomputeOpenDeadlines(db, {
      batchSize: BATCH,
      carryOn: async () => --batchesLeft > 0,
      hooks: {
        // On PostgreSQL the newer change is made while the older run's batch holds its row and its cases: the command
        // does not wait for it. (PGlite runs one transaction at a time, so there it comes between batches.)
        beforeRecord: async (batch) => {
          if (batch === 2 && target.name === 'postgres')
            newer = await stretchResolution('Circular 17/2026: two working hours shorter', -120);
        },
      },
    });
    if (!newer) newer = await stretchResolution('Circular 17/2026: two working hours shorter', -120);

    await recomputeOpenDeadlines(db, { batchSize: BATCH });
    const [olderRun, newerRun] = [await runOf(older), await runOf(newer)];
    expect(olderRun).toMatchObject({ finished: true, superseded_by: newerRun.id, cases_checked: 2 * BATCH });
    expect(newerRun).toMatchObject({ finished: true, superseded_by: null, cases_checked: open.length });
    await expectOnRules(newer);

    // The older run's cases have its event; the newer rules moved every case again, once.
    expect((await eventsOf(older)).map((e) => e.case_id)).toEqual(open.slice(0, 2 * BATCH));
    const newerEvents = await eventsOf(newer);
    expect(newerEvents.map((e) => e.case_id)).toEqual(open);
    // A case the older run had not reached moved once, from its deadline before either change to the newest.
    const unreached = newerEvents.find((e) => e.case_id === open.at(-1))!;
    expect(unreached.from).toBe(dueBefore.get(open.at(-1)!));
    expect(unreached.reason).toBe('Circular 17/2026: two working hours shorter');
  });

  it('applies the change to a case the run has not reached yet when it changes status, once', async () => {
    const version = await stretchResolution('Circular 18/2026');
    await recomputeOpenDeadlines(db, { batchSize: BATCH, carryOn: async () => false });
    const [behind] = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM cases WHERE status = 'assigned' AND id > $1::uuid ORDER BY id DESC LIMIT 1`,
      [(await runOf(version)).after_case_id],
    );
    await transitionCase(db, behind!.id, { to: 'inProgress', actor: 'focalPoint:x', at: new Date() });
    const kinds = async () =>
      (
        await db.query<{ kind: string; version: number | null }>(
          `SELECT kind, (data->>'rulesVersion')::int AS version FROM case_events WHERE case_id = $1::uuid ORDER BY id`,
          [behind!.id],
        )
      ).slice(-2);
    // The rule change first, with its reason, then the status.
    expect(await kinds()).toEqual([
      { kind: 'deadlineChanged', version },
      { kind: 'status:inProgress', version: null },
    ]);
    await recomputeOpenDeadlines(db, { batchSize: BATCH });
    expect(await kinds()).toEqual([
      { kind: 'deadlineChanged', version },
      { kind: 'status:inProgress', version: null },
    ]);
    expect((await eventsOf(version)).map((e) => e.case_id)).toEqual(await openIds());
  });

  it('lets an intake through while a run is under way, without waiting for the run', async () => {
    const open = await openIds();
    const version = await stretchResolution('Circular 19/2026');
    const order: string[] = [];
    const heads: number[] = [];
    let intake: { status: number; json: { seq: number } } | null = null;
    const submit = async (where: string) => {
      intake = (await postApplication(hub.url, sampleApplication())) as typeof intake;
      order.push(`intake answered ${intake!.status} ${where}`);
      // Still under way: the run has not passed its last open case.
      expect((await runOf(version)).finished).toBe(false);
    };
    await recomputeOpenDeadlines(db, {
      batchSize: BATCH,
      hooks: {
        // On PostgreSQL, inside the first batch's transaction, its cases locked, before it takes the change counter.
        beforeRecord: async (batch) => {
          if (batch === 1 && target.name === 'postgres') await submit('inside batch 1');
        },
        afterCommit: async (batch) => {
          order.push(`batch ${batch} committed`);
          heads.push(await headSeq());
          if (batch === 1 && target.name === 'pglite') await submit('between batches 1 and 2');
        },
      },
    });
    expect(order.slice(0, 3)).toEqual(
      target.name === 'postgres'
        ? ['intake answered 201 inside batch 1', 'batch 1 committed', 'batch 2 committed']
        : ['batch 1 committed', 'intake answered 201 between batches 1 and 2', 'batch 2 committed'],
    );
    // The intake's change sits between the run's batches in the log: the counter was free for it.
    const seq = intake!.json.seq;
    if (target.name === 'postgres') expect(seq).toBeLessThan(heads[0]!);
    else expect(seq).toBeGreaterThan(heads[0]!);
    expect(seq).toBeLessThan(heads[1]!);
    // Made on the new rules, the new case was not moved again; every other open case was, once.
    expect((await eventsOf(version)).map((e) => e.case_id)).toEqual(open);
  });

  it('writes and logs a changed first-response target without a timeline event: the resolution did not move', async () => {
    const { matrix } = await loadSlaRules(db);
    const waiting = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM cases WHERE ${RECOMPUTE_OPEN} AND first_response_due_at IS NOT NULL ORDER BY id`,
    );
    expect(waiting.length).toBeGreaterThan(0);
    const { id } = await executeCommand(db, 'updateSlaMatrix', admin, {
      clientId: randomUUID(),
      matrix: {
        ...matrix,
        rules: matrix.rules.map((r) => ({
          ...r,
          targets: { ...r.targets, firstResponseMinutes: r.targets.firstResponseMinutes + 30 },
        })),
      },
      basedOn: { version: await readSlaRulesVersion(db) },
      reason: 'Circular 21/2026: first responses within another half hour',
    });
    const head = await headSeq();
    expect(await recomputeOpenDeadlines(db, { batchSize: BATCH })).toBe(0);
    expect(await eventsOf(Number(id))).toEqual([]);
    await expectOnRules(Number(id));
    // The desks hold the first-response deadline: exactly the cases still waiting for one are logged.
    const logged = await db.query<{ row_id: string }>(`SELECT row_id FROM change_log WHERE seq > $1 ORDER BY row_id`, [
      head,
    ]);
    expect(logged.map((l) => l.row_id)).toEqual(waiting.map((w) => w.id));
  });

  it('holds back referrals and SLA alerts for cases whose deadlines a rule change is about to move', async () => {
    const version = await stretchResolution('Circular 20/2026', 30);
    const farFuture = new Date(Date.now() + 400 * 86_400_000);
    expect(await referOverdueCases(db, farFuture)).toBe(0);
    expect(await raiseClockAlerts(db, farFuture)).toBe(0);
    await recomputeOpenDeadlines(db, { batchSize: BATCH });
    expect((await runOf(version)).finished).toBe(true);
    expect(await referOverdueCases(db, farFuture)).toBeGreaterThan(0);
    expect(await raiseClockAlerts(db, farFuture)).toBeGreaterThan(0);
    // Every run these tests started was seen through.
    expect(await hasRecomputeToDo(db)).toBe(false);
  });
});
