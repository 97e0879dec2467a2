import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startHub, type RunningHub } from '../../server/hubServer';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import { readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import { executeCommand } from '../../server/commands/commandRoutes';
import { recomputeOpenDeadlines } from '../../server/sla/recomputeDeadlines';
import type { Actor } from '../../server/commands/actor';
import { DeskCore } from '../../desk/deskCore';
import type { CaseDetail } from '../../shared/contract/caseDetailContract';
import { SlaRulesDocument } from '../../shared/protocol/slaRulesProtocol';
import {
  DEFAULT_LADDER_WINDOWS,
  type WorkingCalendar,
  WORKING_DAY_MINUTES,
  ammanEpochDay,
  dateKey,
  deadlineTimer,
  fromEpochDay,
  slaTargetsFor,
  workingDaySchedule,
} from '../../shared/sla';
import { hubTargets } from '../support/hubDatabaseTargets';
import { startHubProcess, type HubProcess } from '../support/hubProcess';
import { postApplication, sampleApplication } from '../support/sampleApplication';
import { DEMO_ACCOUNT, authorized } from '../support/staffSession';
import type { SyncStatus } from '../../shared/contract/deskContract';
import { waitFor } from '../support/waitFor';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

const postgres = (await hubTargets()).find((t) => t.name === 'postgres');

/** Where the administrator sends the change, where the desk follows, and how to read a case's deadline in the hub's database. */
interface Setting {
  commandHub: string;
  deskHub: string;
  dueAtOf(caseId: string): Promise<number>;
  /** Has the recompute job apply the change, where the hub runs no jobs; hubs that do apply it by themselves. */
  applyRuleChange?(): Promise<unknown>;
  dataDir: string;
}

/** The first Amman date after today with working time, on the given calendar. */
function comingWorkingDay(calendar: WorkingCalendar, nowMs: number): { date: string; minutes: number } {
  for (let day = ammanEpochDay(nowMs) + 1; ; day++) {
    const date = dateKey(fromEpochDay(day));
    const minutes = workingDaySchedule(calendar, date).spans.reduce(
      (sum, s) => sum + (s.endMs - s.startMs) / 60_000,
      0,
    );
    if (minutes > 0) return { date, minutes };
  }
}

/**
 * A desk follows `deskHub`; an administrator declares a closure for the coming
 * working day through `commandHub`. Without reconnecting, the desk takes the
 * new rules version and its clocks agree with the hub's recomputed deadline.
 */
async function closureReachesTheDesk({
  commandHub,
  deskHub,
  dueAtOf,
  applyRuleChange,
  dataDir,
}: Setting): Promise<void> {
  const core = new DeskCore({ dataDir, hubUrl: deskHub, demoAccount: DEMO_ACCOUNT });
  const seen: string[] = [];
  core.sync.on('slaRules', (version) => seen.push(`rules:${version}`));
  core.events.on('queue.changed', () => seen.push('queue.changed'));
  core.start();
  try {
    await waitFor(() => core.sync.current.phase === 'live' && core.sync.current.connection === 'online', 'live');
    let connects = 0;
    let wentAway = false;
    core.sync.on('connected', () => connects++);
    core.sync.on('status', (s) => (wentAway ||= s.connection !== 'online'));

    const posted = await postApplication(commandHub, sampleApplication());
    expect(posted.status).toBe(201);
    const caseId = posted.json.id as string;
    await waitFor(() => core.store.lastAppliedSeq >= posted.json.seq, 'the new case on the desk');
    const detail = async () => {
      const reply = await core.dispatch('case.detail', { caseId });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value as CaseDetail;
    };
    const resolutionDue = async () => (await detail()).timers.find((t) => t.kind === 'resolution')!.dueAtMs;
    const before = await dueAtOf(caseId);
    expect(await resolutionDue()).toBe(before);

    // The administrator closes the coming working day, through the other hub.
    const headers = { 'content-type': 'application/json', ...(await authorized(commandHub, 'admin')) };
    const rulesBefore = SlaRulesDocument.parse(await (await fetch(`${commandHub}/api/sla/rules`, { headers })).json());
    const heldBefore = core.sync.current.slaRules.version;
    expect(heldBefore).toBe(rulesBefore.version);
    const closed = comingWorkingDay(rulesBefore.calendar, Date.now());
    const closure = {
      kind: 'closure' as const,
      id: `weather-${closed.date}`,
      source: 'Prime Ministry circular (test)',
      name: { ar: 'تعطيل الدوام الرسمي بسبب الأحوال الجوية', en: 'Weather closure' },
      period: { type: 'wholeDays' as const, date: closed.date, spanDays: 1 },
    };
    const calendar = { ...rulesBefore.calendar, entries: [...rulesBefore.calendar.entries, closure] };
    const response = await fetch(`${commandHub}/api/commands/updateWorkingCalendar`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        clientId: randomUUID(),
        calendar,
        basedOn: { version: rulesBefore.version },
        reason: 'Weather closure of the coming working day',
      }),
    });
    expect(response.status).toBe(200);
    const version = Number(((await response.json()) as { id: string }).id);
    expect(version).toBeGreaterThan(heldBefore ?? 0);

    // The hub moves the deadline by the closed day, in the background once the command has returned; the desk
    // takes the new version and agrees, live.
    await applyRuleChange?.();
    const after = await waitFor(async () => {
      const due = await dueAtOf(caseId);
      return due > before ? due : null;
    }, "the recompute job to move the case's deadline");
    await waitFor(() => core.sync.current.slaRules.version === version, 'the desk to hold the new rules version');
    await waitFor(async () => (await resolutionDue()) === after, "the desk's resolution clock to equal the hub's");
    expect(connects).toBe(0);
    expect(wentAway).toBe(false);
    expect(core.sync.current.slaRules.problem).toBeNull();
    // The views were told to read again after the rules changed, not only when rows did.
    await waitFor(() => seen.indexOf('queue.changed', seen.indexOf(`rules:${version}`)) > 0, 'a queue refresh');

    // The queue's SLA column counts working time left on the new calendar: the closed day is not working time.
    const page = await core.dispatch('queue.page', { search: posted.json.number as string, limit: 5 });
    if (!page.ok) throw new Error(page.error.message);
    const row = (
      page.value as { rows: { id: string; dueAt: string; sla: { workingMinutesLeft: number } }[] }
    ).rows.find((r) => r.id === caseId)!;
    expect(Date.parse(row.dueAt)).toBe(after);
    const left = (onCalendar: WorkingCalendar) =>
      deadlineTimer(
        {
          status: 'submitted',
          dueAtMs: after,
          answeredAtMs: null,
          targetMinutes: slaTargetsFor(rulesBefore.matrix, 'complaint', 'high', 'deliveryTime').resolutionMinutes,
          nowMs: Date.now() + core.sync.current.clockOffsetMs,
        },
        onCalendar,
      )!.workingMinutesLeft;
    expect(Math.abs(row.sla.workingMinutesLeft - left(calendar))).toBeLessThanOrEqual(2);
    // With the old calendar the desk would count the closed day as working time.
    expect(left(rulesBefore.calendar) - left(calendar)).toBeGreaterThanOrEqual(closed.minutes - 2);
  } finally {
    await core.stop();
  }
}

describe('SLA rule changes reach a connected desk live', () => {
  describe('one hub on PGlite', () => {
    const fixture = hubFixture(inMemoryPglite, { seed: { cases: 30, seed: 17 } });
    let hub: RunningHub;
    const dataDir = mkdtempSync(join(tmpdir(), 'live-rules-'));
    beforeAll(() => {
      hub = fixture.hub;
    });
    afterAll(async () => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a closure declared by an administrator moves the desk’s clocks with the hub’s deadlines', async () => {
      await closureReachesTheDesk({
        commandHub: hub.url,
        deskHub: hub.url,
        dataDir,
        applyRuleChange: () => recomputeOpenDeadlines(hub.db),
        dueAtOf: async (id) =>
          (
            await hub.db.query<{ due: number }>(
              `SELECT (extract(epoch FROM due_at) * 1000)::float8 AS due FROM cases WHERE id = $1::uuid`,
              [id],
            )
          )[0]!.due,
      });
    });
  });

  // A desk away when the rules change catches up when it is back, by the version alone.
  describe('a desk that was away', () => {
    // Started by hand, not by hubFixture: the test stops the hub and starts another on the same database and port.
    const dir = mkdtempSync(join(tmpdir(), 'live-rules-away-'));
    const hubDir = join(dir, 'hub');
    const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
    let hub: RunningHub | null = null;
    let core: DeskCore | null = null;
    afterAll(async () => {
      await core?.stop();
      await hub?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const ladder = (directorDays: number) => ({
      ...DEFAULT_LADDER_WINDOWS,
      director: directorDays * WORKING_DAY_MINUTES,
    });
    const heldDirectorWindow = () =>
      (JSON.parse(core!.store.meta('slaRules') ?? '{}') as { ladder?: { director: number } }).ladder?.director;

    it('takes the rules saved while the hub was down once its socket is back, and those saved while it was closed before it goes live', async () => {
      hub = await startHub({
        pgliteDataDir: hubDir,
        seed: { cases: 20, seed: 3 },
        simulate: false,
        logLevel: 'silent',
      });
      const port = Number(new URL(hub.url).port);
      const desk = () =>
        new DeskCore({ dataDir: join(dir, 'desk'), hubUrl: `http://127.0.0.1:${port}`, demoAccount: DEMO_ACCOUNT });
      core = desk();
      core.start();
      await waitFor(() => core!.sync.current.phase === 'live', 'live');

      // The hub goes down; the rules change in its database meanwhile; it comes back on the same address.
      // The desk's socket reconnects by itself (no new sync from the head): the hub names the version as it connects.
      await hub.close();
      hub = null;
      await waitFor(() => core!.sync.current.connection !== 'online', 'the desk to notice the hub is gone');
      const db = await openHubDatabase({ pgliteDataDir: hubDir });
      const whileDown = await executeCommand(db, 'updateLadderWindows', admin, {
        clientId: randomUUID(),
        ladder: ladder(3),
        basedOn: { version: await readSlaRulesVersion(db) },
        reason: 'Circular: directors get three working days',
      });
      await db.close();
      hub = await startHub({ pgliteDataDir: hubDir, port, seed: false, simulate: false, logLevel: 'silent' });
      await waitFor(() => core!.sync.current.slaRules.version === Number(whileDown.id), 'the version saved while down');
      expect(heldDirectorWindow()).toBe(3 * WORKING_DAY_MINUTES);

      // The desk is closed; the rules change; a desk opened on the same cache takes them before it goes live.
      await core.stop();
      core = null;
      const whileClosed = await executeCommand(hub.db, 'updateLadderWindows', admin, {
        clientId: randomUUID(),
        ladder: ladder(4),
        basedOn: { version: await readSlaRulesVersion(hub.db) },
        reason: 'Circular: directors get four working days',
      });
      core = desk();
      const statuses: SyncStatus[] = [];
      core.sync.on('status', (s) => statuses.push(s));
      expect(core.sync.current.slaRules.version).toBe(Number(whileDown.id));
      core.start();
      await waitFor(() => core!.sync.current.phase === 'live', 'live again');
      const catchingUp = statuses.find((s) => s.phase === 'catchingUp');
      expect(catchingUp?.slaRules).toEqual({ version: Number(whileClosed.id), problem: null });
      expect(heldDirectorWindow()).toBe(4 * WORKING_DAY_MINUTES);
    });
  });

  // Two real hub processes on one PostgreSQL: the change is made through A, the desk follows B.
  describe.skipIf(!postgres)('two hub processes on PostgreSQL', () => {
    let dispose: () => Promise<void>;
    let a: HubProcess;
    let b: HubProcess;
    let client: pg.Client;
    const dataDir = mkdtempSync(join(tmpdir(), 'live-rules-multi-'));
    beforeAll(async () => {
      const created = await postgres!.create();
      dispose = created.dispose;
      const databaseUrl = created.config.databaseUrl!;
      a = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '30' });
      b = await startHubProcess({ DATABASE_URL: databaseUrl, HUB_SEED_CASES: '30' });
      client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
      await a?.stop();
      await b?.stop();
      await dispose?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a closure declared through one process reaches a desk on the other, which agrees with the hub', async () => {
      await closureReachesTheDesk({
        commandHub: a.url,
        deskHub: b.url,
        dataDir,
        dueAtOf: async (id) =>
          (
            await client.query<{ due: number }>(
              `SELECT (extract(epoch FROM due_at) * 1000)::float8 AS due FROM cases WHERE id = $1::uuid`,
              [id],
            )
          ).rows[0]!.due,
      });
    });
  });
});
