import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RunningHub } from '../../server/hubServer';
import { hubFixture } from '../support/hubFixture';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { DEFAULT_JORDAN_CALENDAR, addWorkingMinutes, dateKey, fromEpochDay, ammanEpochDay } from '../../shared/sla';
import { transitionCase } from '../../server/cases/caseTransitions';
import { loadSlaRules, readSlaRulesVersion } from '../../server/sla/slaRulesStore';
import { recomputeOpenDeadlines } from '../../server/sla/recomputeDeadlines';
import { hubTargets } from '../support/hubDatabaseTargets';
import { postApplication, sampleApplication } from '../support/sampleApplication';

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
const operator: Actor = { userId: 'huda', role: 'operator', entityId: null, focalPointId: null };

describe.each(await hubTargets())('SLA rules as data on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 20, seed: 4 } });
  let hub: RunningHub;
  beforeAll(() => {
    hub = fixture.hub;
  });
  const dueOf = async (id: string) =>
    (
      (await hub.db.query('SELECT (extract(epoch FROM due_at) * 1000)::float8 AS due FROM cases WHERE id = $1::uuid', [
        id,
      ])) as {
        due: number;
      }[]
    )[0]!.due;

  it('moves open deadlines when a weather closure is declared, and says why in the timeline', async () => {
    const posted = await postApplication(hub.url, sampleApplication());
    const before = await dueOf(posted.json.id);
    // Close every day from today until the old deadline: the deadline must move later.
    const today = ammanEpochDay(Date.now());
    const days = ammanEpochDay(before) - today + 1;
    const closure = {
      kind: 'closure' as const,
      id: 'snow-2026',
      source: 'Prime Ministry circular 31/2026',
      name: { ar: 'عطلة رسمية بسبب الثلوج', en: 'Snow closure' },
      period: { type: 'wholeDays' as const, date: dateKey(fromEpochDay(today)), spanDays: days },
    };
    const calendar = { ...DEFAULT_JORDAN_CALENDAR, entries: [...DEFAULT_JORDAN_CALENDAR.entries, closure] };
    await expect(
      executeCommand(hub.db, 'updateWorkingCalendar', operator, { clientId: randomUUID(), calendar, reason: 'snow' }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await executeCommand(hub.db, 'updateWorkingCalendar', admin, {
      clientId: randomUUID(),
      calendar,
      basedOn: { version: await readSlaRulesVersion(hub.db) },
      reason: 'Prime Ministry circular 31/2026: snow closure',
    });
    // The command only records the run; the recompute job (driven by hand here, the fixture runs no jobs) moves it.
    expect(await dueOf(posted.json.id)).toBe(before);
    await recomputeOpenDeadlines(hub.db);
    expect(await dueOf(posted.json.id)).toBeGreaterThan(before);
    const [event] = (await hub.db.query(
      `SELECT data FROM case_events WHERE case_id = $1::uuid AND kind = 'deadlineChanged'`,
      [posted.json.id],
    )) as { data: { from: string; to: string; reason: string } }[];
    expect(event!.data.reason).toContain('circular 31/2026');
    expect(new Date(event!.data.from).getTime()).toBe(before);
    // The submitted event is untouched: history is added to, never rewritten.
    const kinds = (
      (await hub.db.query('SELECT kind FROM case_events WHERE case_id = $1::uuid ORDER BY id', [posted.json.id])) as {
        kind: string;
      }[]
    ).map((r) => r.kind);
    expect(kinds).toEqual(['submitted', 'deadlineChanged']);
  });

  it('stops the clock while the case awaits the citizen', async () => {
    const posted = await postApplication(hub.url, sampleApplication({ importance: 'normal' }));
    const before = await dueOf(posted.json.id);
    const [{ submitted }] = (await hub.db.query(
      `SELECT (extract(epoch FROM submitted_at) * 1000)::float8 AS submitted FROM cases WHERE id = $1::uuid`,
      [posted.json.id],
    )) as [{ submitted: number }];
    // An hour of working time in, the focal point asks the citizen; the answer comes two working hours
    // later. Counted on the hub's calendar as it stands (the test above declared a closure).
    const { calendar } = await loadSlaRules(hub.db);
    const t0 = addWorkingMinutes(calendar, submitted, 60);
    const resumed = addWorkingMinutes(calendar, t0, 120);
    await transitionCase(hub.db, posted.json.id, { to: 'awaitingCitizen', actor: 'focalPoint:x', at: new Date(t0) });
    // While it waits, the deadline stands.
    expect(await dueOf(posted.json.id)).toBe(before);
    await transitionCase(hub.db, posted.json.id, { to: 'inProgress', actor: 'citizen', at: new Date(resumed) });
    // Two working hours waiting: the deadline moved by exactly two working hours.
    expect(await dueOf(posted.json.id)).toBe(addWorkingMinutes(calendar, before, 120));
  });
});
