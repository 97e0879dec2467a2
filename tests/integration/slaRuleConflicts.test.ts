import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { loadSlaRules, readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import { DEFAULT_JORDAN_CALENDAR, DEFAULT_SLA_MATRIX, type WorkingCalendar } from '../../shared/sla';
import { hubTargets } from '../support/hubDatabaseTargets';

// Two administrators editing the SLA rules at once: each edit says which version of its document it was
// built on, and the hub refuses a stale one with a 409 that says what changed, who changed it, when and why.
// Exactly once still holds: a resend of an accepted edit returns its first result, never a conflict.

const rana: Actor = { userId: 'rana-admin', role: 'administrator', entityId: null, focalPointId: null };
const khaled: Actor = { userId: 'khaled-admin', role: 'administrator', entityId: null, focalPointId: null };

const closure = (id: string, en: string) => ({
  kind: 'closure' as const,
  id,
  source: 'Prime Ministry circular',
  name: { ar: 'عطلة', en },
  period: { type: 'wholeDays' as const, date: '2026-02-10', spanDays: 1 },
});
const withClosure = (calendar: WorkingCalendar, id: string, en = `Closure ${id}`): WorkingCalendar => ({
  ...calendar,
  entries: [...calendar.entries, closure(id, en)],
});

describe.each(await hubTargets())('SLA rule edits built on a version, on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    db = await openHubDatabase(created.config);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  const calendarNow = async () => (await loadSlaRules(db)).calendar;
  const versions = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sla_rule_versions'))[0]!.n;
  const editCalendar = (actor: Actor, calendar: WorkingCalendar, basedOn: unknown, reason: string, clientId?: string) =>
    executeCommand(db, 'updateWorkingCalendar', actor, {
      clientId: clientId ?? randomUUID(),
      calendar,
      basedOn,
      reason,
    });

  it('takes a fresh edit and refuses a stale one, naming the version, who, when, why and what changed', async () => {
    const start = await readSlaRulesVersion(db);
    const base = await calendarNow();
    // Both begin from the same version; Rana's reaches the hub first.
    const first = await editCalendar(
      rana,
      withClosure(base, 'storm', 'Storm closure'),
      { version: start },
      'Circular 40/2026: storm',
    );
    expect(first).toMatchObject({ ok: true, replayed: false });
    const saved = await versions();

    const stale = editCalendar(khaled, withClosure(base, 'dust', 'Dust closure'), { version: start }, 'Circular 41');
    await expect(stale).rejects.toMatchObject({ statusCode: 409, code: 'rulesChanged' });
    const message = ((await stale.catch((e: unknown) => e)) as Error).message;
    expect(message).toContain(`changed after version ${start}`);
    expect(message).toContain(`version ${first.id}`);
    expect(message).toContain('administrator:rana-admin');
    expect(message).toContain('Circular 40/2026: storm');
    expect(message).toContain('added “Storm closure”');
    expect(message).toMatch(/\d\d\/\d\d\/\d{4}, \d\d:\d\d Amman time/);
    // Nothing of Khaled's was saved: Rana's closure stands, alone.
    expect(await versions()).toBe(saved);
    expect((await calendarNow()).entries.map((e) => e.id)).toContain('storm');
    expect((await calendarNow()).entries.map((e) => e.id)).not.toContain('dust');

    // Another document is not stale because the calendar changed.
    await expect(
      executeCommand(db, 'updateSlaMatrix', khaled, {
        clientId: randomUUID(),
        matrix: { ...DEFAULT_SLA_MATRIX, atRiskShare: 0.75 },
        basedOn: { version: start },
        reason: 'Circular 42',
      }),
    ).resolves.toMatchObject({ ok: true });
    // Built on what is in force now, Khaled's closure is taken, beside Rana's.
    const now = await readSlaRulesVersion(db);
    await editCalendar(
      khaled,
      withClosure(await calendarNow(), 'dust', 'Dust closure'),
      { version: now },
      'Circular 41',
    );
    expect((await calendarNow()).entries.map((e) => e.id)).toEqual(expect.arrayContaining(['storm', 'dust']));
  });

  it('answers a resend of an accepted edit with its first result, even once its basis is stale', async () => {
    const clientId = randomUUID();
    const basedOn = { version: await readSlaRulesVersion(db) };
    const calendar = withClosure(await calendarNow(), 'resend', 'Resent closure');
    const first = await editCalendar(rana, calendar, basedOn, 'Circular 43', clientId);
    // Someone else changes the calendar after it: the same edit built on the same version would now be stale.
    await editCalendar(
      khaled,
      withClosure(await calendarNow(), 'later', 'Later closure'),
      { version: await readSlaRulesVersion(db) },
      'Circular 44',
    );
    const saved = await versions();
    // The reply was lost; the desk sends the very same command again, twice at once.
    const resent = await Promise.all([
      editCalendar(rana, calendar, basedOn, 'Circular 43', clientId),
      editCalendar(rana, calendar, basedOn, 'Circular 43', clientId),
    ]);
    for (const again of resent) expect(again).toEqual({ ...first, replayed: true });
    expect(await versions()).toBe(saved);
    expect((await calendarNow()).entries.map((e) => e.id)).toEqual(expect.arrayContaining(['resend', 'later']));
  });

  it('checks an edit built on an earlier edit from the same desk against that edit’s result', async () => {
    const first = randomUUID();
    const one = withClosure(await calendarNow(), 'chain-1');
    await editCalendar(rana, one, { version: await readSlaRulesVersion(db) }, 'Circular 45', first);
    // Made before the hub answered the first, so built on it rather than on a version.
    const two = withClosure(one, 'chain-2');
    await expect(editCalendar(rana, two, { clientId: first }, 'Circular 46')).resolves.toMatchObject({ ok: true });
    // A third built on the first too is stale: the second came after it.
    await expect(
      editCalendar(rana, withClosure(one, 'chain-3'), { clientId: first }, 'Circular 47'),
    ).rejects.toMatchObject({ statusCode: 409, code: 'rulesChanged' });
    // Built on an edit the hub never applied (refused, or never sent): refused too, and it says so.
    await expect(
      editCalendar(rana, withClosure(two, 'chain-4'), { clientId: randomUUID() }, 'Circular 48'),
    ).rejects.toThrow(/built on an earlier edit from the same desk that the hub has not applied/);
    expect((await calendarNow()).entries.map((e) => e.id)).not.toContain('chain-3');
  });

  it('refuses an edit built on a version this hub never had (a hub restored from a backup)', async () => {
    const ahead = (await readSlaRulesVersion(db)) + 10;
    await expect(
      editCalendar(rana, withClosure(DEFAULT_JORDAN_CALENDAR, 'ahead'), { version: ahead }, 'Circular 49'),
    ).rejects.toMatchObject({ statusCode: 409, code: 'rulesChanged' });
  });

  it('refuses a rule edit that does not say what it was built on', async () => {
    await expect(
      executeCommand(db, 'updateWorkingCalendar', rana, {
        clientId: randomUUID(),
        calendar: await calendarNow(),
        reason: 'no basis',
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
