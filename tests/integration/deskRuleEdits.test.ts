import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';
import type { SlaRulesState } from '../../shared/contract/slaRulesContract';
import type { WorkingCalendar } from '../../shared/sla';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// An administrator's rule edit goes out through the outbox like any command; the desk holds the hub's
// new rules before the edit stops showing as pending. Anyone else's is refused with the hub's reason.
describe('rule edits from a desk', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 50, seed: 3 } });
  const dir = mkdtempSync(join(tmpdir(), 'desk-rule-edits-'));
  let hub: RunningHub;
  let admin: DeskCore;
  let supervisor: DeskCore;
  beforeAll(async () => {
    hub = fixture.hub;
    admin = new DeskCore({
      dataDir: join(dir, 'admin'),
      hubUrl: hub.url,
      demoAccount: { username: 'admin', password: DEMO_PASSWORD },
    });
    supervisor = new DeskCore({ dataDir: join(dir, 'supervisor'), hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    for (const core of [admin, supervisor]) core.start();
    await waitFor(() => [admin, supervisor].every((c) => c.sync.current.phase === 'live'), 'both desks live', 60_000);
  });
  afterAll(async () => {
    await admin.stop();
    await supervisor.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (core: DeskCore, method: string, input: unknown) => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const rules = async (core: DeskCore) => (await call(core, 'sla.rules', {})) as SlaRulesState;
  const withClosure = (calendar: WorkingCalendar, id: string): WorkingCalendar => ({
    ...calendar,
    entries: [
      ...calendar.entries,
      {
        kind: 'closure',
        id,
        source: 'Prime Ministry circular 7/2026',
        name: { ar: 'عطلة بسبب الأحوال الجوية', en: 'Weather closure' },
        period: { type: 'wholeDays', date: '2026-02-10', spanDays: 1 },
      },
    ],
  });

  it('refuses a bad calendar before it is queued', async () => {
    const { held } = await rules(admin);
    const result = await admin.dispatch('outbox.queue', {
      command: 'updateWorkingCalendar',
      input: { calendar: { ...held.calendar, weekendDays: [0, 1, 2, 3, 4, 5, 6] }, reason: 'no work at all' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'badInput' } });
    expect((await rules(admin)).edits).toEqual([]);
  });

  it("holds the hub's new rules once the administrator's closure is applied", async () => {
    const before = await rules(admin);
    const changed: (number | null)[] = [];
    admin.events.on('sla.changed', ({ version }) => changed.push(version));
    await call(admin, 'outbox.queue', {
      command: 'updateWorkingCalendar',
      input: { calendar: withClosure(before.draft.calendar, 'weather-a'), reason: 'Circular 7/2026' },
    });
    const after = await waitFor(async () => {
      const view = await rules(admin);
      return view.edits.length === 0 ? view : null;
    }, 'the edit to leave the outbox');
    // No moment where the edit has left but the old rules still show.
    expect(after.held.calendar.entries.map((e) => e.id)).toContain('weather-a');
    expect(after.version).toBeGreaterThan(before.version ?? 0);
    expect(changed).toContain(after.version);
  });

  it('builds a second edit on the first at once, whether or not the hub has answered the first', async () => {
    const first = await rules(admin);
    await call(admin, 'outbox.queue', {
      command: 'updateWorkingCalendar',
      input: { calendar: withClosure(first.draft.calendar, 'weather-b'), reason: 'Circular 8/2026' },
    });
    const queued = await rules(admin);
    expect(queued.draft.calendar.entries.map((e) => e.id)).toContain('weather-b');
    await call(admin, 'outbox.queue', {
      command: 'updateWorkingCalendar',
      input: { calendar: withClosure(queued.draft.calendar, 'weather-c'), reason: 'Circular 9/2026' },
    });
    const done = await waitFor(async () => {
      const view = await rules(admin);
      return view.edits.length === 0 ? view : null;
    }, 'both edits to be applied');
    expect(done.held.calendar.entries.map((e) => e.id)).toEqual(
      expect.arrayContaining(['weather-a', 'weather-b', 'weather-c']),
    );
  });

  it("shows a supervisor's rule edit refused, with the hub's reason", async () => {
    const { draft } = await rules(supervisor);
    await call(supervisor, 'outbox.queue', {
      command: 'updateSlaMatrix',
      input: { matrix: { ...draft.matrix, atRiskShare: 0.7 }, reason: 'Circular 10/2026' },
    });
    const refused = await waitFor(async () => {
      const [edit] = (await rules(supervisor)).edits;
      return edit?.state === 'refused' ? edit : null;
    }, 'the refusal');
    expect(refused.refusal?.message).toBe('A supervisor may not updateSlaMatrix.');
    expect((await rules(supervisor)).draft.matrix.atRiskShare).toBe(0.8);
  });
});

// Two administrators change the same rules from their own desks at once. Both edits are built on the same
// version; the hub takes the first to arrive and refuses the other as a conflict that names what changed.
// The refused desk holds the newer rules by then, and "apply my change to the current rules" re-applies its
// own change on them, unless both changed the same part.
describe('two administrators editing the rules at once', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 30, seed: 5 } });
  const dir = mkdtempSync(join(tmpdir(), 'desk-rule-conflicts-'));
  let hub: RunningHub;
  let desks: DeskCore[];
  beforeAll(async () => {
    hub = fixture.hub;
    // A second administrator, with the demo password.
    await hub.db.query(
      `INSERT INTO staff_users (id, username, display_ar, display_en, role, password_hash)
       SELECT 'admin2', 'admin2', 'مديرة النظام الثانية', 'Second administrator', 'administrator', password_hash
       FROM staff_users WHERE id = 'admin'`,
    );
    desks = ['admin', 'admin2'].map(
      (username) =>
        new DeskCore({
          dataDir: join(dir, username),
          hubUrl: hub.url,
          demoAccount: { username, password: DEMO_PASSWORD },
        }),
    );
    for (const core of desks) core.start();
    await waitFor(() => desks.every((c) => c.sync.current.phase === 'live'), 'both desks live', 60_000);
  });
  afterAll(async () => {
    for (const core of desks) await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (core: DeskCore, method: string, input: unknown) => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const rules = async (core: DeskCore) => (await call(core, 'sla.rules', {})) as SlaRulesState;
  const closure = (id: string, en: string) => ({
    kind: 'closure' as const,
    id,
    source: `Prime Ministry circular ${id}`,
    name: { ar: 'عطلة بسبب الأحوال الجوية', en },
    period: { type: 'wholeDays' as const, date: '2026-02-10', spanDays: 1 },
  });
  /** Both desks open an edit of the same document from the same version, then save it, as the screen does. */
  const editAtOnce = async (
    change: (view: SlaRulesState, desk: number) => Record<string, unknown>,
    command: 'updateWorkingCalendar' | 'updateSlaMatrix',
  ) => {
    // The same version on both: a desk may still be taking in the rules the test before settled on.
    const views = await waitFor(async () => {
      const both = await Promise.all(desks.map(rules));
      return both[0]!.version === both[1]!.version ? both : null;
    }, 'both desks to hold the same rules');
    const kind = command === 'updateWorkingCalendar' ? 'calendar' : 'matrix';
    await Promise.all(
      desks.map((core, i) =>
        call(core, 'outbox.queue', {
          command,
          input: { ...change(views[i]!, i), basedOn: views[i]!.basedOn[kind] },
          basis: { [kind]: views[i]!.draft[kind] },
        }),
      ),
    );
    // Each edit is answered: taken (it leaves the outbox) or refused (it stays, with the hub's reason).
    const outcomes = await waitFor(async () => {
      const edits = await Promise.all(desks.map(async (core) => (await rules(core)).edits));
      return edits.every((e) => e.every((edit) => edit.state === 'refused')) ? edits : null;
    }, 'both edits answered');
    const loser = outcomes.findIndex((e) => e.length === 1);
    expect(outcomes.map((e) => e.length).sort()).toEqual([0, 1]);
    return { loser, winner: 1 - loser, refused: outcomes[loser]![0]! };
  };

  it('takes one edit, shows the other as a conflict naming what changed, and applies it again on the newer rules', async () => {
    const { loser, winner, refused } = await editAtOnce(
      (view, desk) => ({
        calendar: {
          ...view.draft.calendar,
          entries: [...view.draft.calendar.entries, closure(`weather-${desk}`, `Weather closure ${desk}`)],
        },
        reason: `Circular ${desk}`,
      }),
      'updateWorkingCalendar',
    );
    const winnerName = ['admin', 'admin2'][winner];
    expect(refused.refusal?.code).toBe('rulesChanged');
    expect(refused.refusal?.message).toContain(`saved by administrator:${winnerName}`);
    expect(refused.refusal?.message).toContain(`reason “Circular ${winner}”`);
    expect(refused.refusal?.message).toContain(`added “Weather closure ${winner}”`);
    // By the time it shows as refused, the desk holds the rules it lost to.
    const held = await rules(desks[loser]!);
    expect(held.held.calendar.entries.map((e) => e.id)).toContain(`weather-${winner}`);
    expect(held.draft.calendar.entries.map((e) => e.id)).not.toContain(`weather-${loser}`);

    const reapplied = await call(desks[loser]!, 'sla.reapply', { clientId: refused.clientId });
    expect(reapplied).toMatchObject({ outcome: 'queued' });
    const done = await waitFor(async () => {
      const view = await rules(desks[loser]!);
      return view.edits.length === 0 ? view : null;
    }, 'the re-applied edit to be taken');
    expect(done.held.calendar.entries.map((e) => e.id)).toEqual(
      expect.arrayContaining([`weather-${winner}`, `weather-${loser}`]),
    );
    // Both closures are the hub's, each saved once, each with its own reason.
    const saved = await hub.db.query<{ changed_by: string; reason: string }>(
      `SELECT changed_by, reason FROM sla_rule_versions WHERE kind = 'calendar' ORDER BY id`,
    );
    expect(saved.map((s) => s.reason)).toEqual([`Circular ${winner}`, `Circular ${loser}`]);
  });

  it('names the clash when both change the same setting, and leaves the edit to be discarded', async () => {
    const { loser, refused } = await editAtOnce(
      (view, desk) => ({ matrix: { ...view.draft.matrix, atRiskShare: desk === 0 ? 0.7 : 0.9 }, reason: 'Circular' }),
      'updateSlaMatrix',
    );
    expect(refused.refusal?.message).toContain('changed the at-risk share');
    expect(await call(desks[loser]!, 'sla.reapply', { clientId: refused.clientId })).toEqual({
      outcome: 'clash',
      parts: [{ part: 'setting', setting: 'atRiskShare', key: 'atRiskShare' }],
      problem: null,
    });
    expect((await rules(desks[loser]!)).edits).toMatchObject([{ state: 'refused' }]);
    expect(await call(desks[loser]!, 'outbox.discard', { clientId: refused.clientId })).toBe(true);
    expect((await rules(desks[loser]!)).edits).toEqual([]);
  });
});
