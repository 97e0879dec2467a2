import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../electron/core/deskCore';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';
import type { SlaRulesView } from '../../shared/contract/slaRulesContract';
import type { WorkingCalendar } from '../../shared/sla';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// An administrator's rule edit goes out through the outbox like any command; the desk holds the hub's
// new rules before the edit stops showing as pending. Anyone else's is refused with the hub's reason.
describe('rule edits from a desk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-rule-edits-'));
  let hub: RunningHub;
  let admin: DeskCore;
  let supervisor: DeskCore;
  beforeAll(async () => {
    hub = await startHub({ seed: { cases: 50, seed: 3 }, simulate: false, jobs: false, logLevel: 'silent' });
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
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (core: DeskCore, method: string, input: unknown) => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const rules = async (core: DeskCore) => (await call(core, 'sla.rules', {})) as SlaRulesView;
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
