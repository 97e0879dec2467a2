import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHub } from '../../server/hubServer';
import { transitionCase } from '../../server/cases/caseTransitions';
import { DeskCore } from '../../desk/deskCore';
import type { DeskView, QueuePage, QueueQuery } from '../../shared/contract/deskContract';
import { SlaState } from '../../shared/contract/clockFilters';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

// Saved views per person with live counts, and the clock filters they use
// (SLA state, breached today, unchanged for days), against a real hub.
describe('saved views on the desk', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 400, seed: 31 } });
  const dir = mkdtempSync(join(tmpdir(), 'desk-views-'));
  let hub: RunningHub;
  let core: DeskCore;
  beforeAll(async () => {
    hub = fixture.hub;
    core = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    core.start();
    await waitFor(() => core.sync.current.phase === 'live' && core.session.state.signedIn, 'live');
  });
  afterAll(async () => {
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const reply = await core.dispatch(method as 'views.list', input as never);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  };
  const page = (query: QueueQuery) => call<QueuePage>('queue.page', query);
  const views = () => call<{ views: DeskView[]; followedEntities: string[] }>('views.list', {});

  it('selects by SLA state exactly as each row shows its clock', async () => {
    const all = await page({ limit: 500 });
    expect(all.total).toBe(400);
    let counted = 0;
    for (const state of SlaState.options) {
      const selected = await page({ limit: 500, clock: { slaState: [state] } });
      expect(
        selected.rows.every((row) => row.sla?.state === state),
        state,
      ).toBe(true);
      expect(selected.total, state).toBe(all.rows.filter((row) => row.sla?.state === state).length);
      counted += selected.total;
    }
    expect(counted).toBe(all.rows.filter((row) => row.sla).length);
    // Combined with the ordinary filters and search.
    const late = await page({ limit: 500, filters: { importance: ['high'] }, clock: { slaState: ['breached'] } });
    expect(late.rows.every((row) => row.importance === 'high' && row.sla?.state === 'breached')).toBe(true);
  });

  it('lists the built-in views with counts, and "breached today" and "stalled" agree with the cases', async () => {
    const { views: list, followedEntities } = await views();
    expect(list.map((v) => v.kind)).toEqual(['breachedToday', 'stalled', 'myEntities']);
    expect(followedEntities).toEqual([]);
    expect(list.find((v) => v.kind === 'myEntities')!.count).toBe(0);
    const now = Date.now();
    const all = await page({ limit: 500 });
    const rows = (await hub.db.query(`SELECT id::text AS id, updated_at AS "updatedAt" FROM cases`)) as {
      id: string;
      updatedAt: Date;
    }[];
    const updated = new Map(rows.map((r) => [r.id, new Date(r.updatedAt).getTime()]));
    const stalled = await page({ limit: 500, openOnly: true, clock: { unchangedDays: 3 } });
    expect(stalled.rows.every((row) => now - updated.get(row.id)! >= 3 * 86_400_000 - 60_000)).toBe(true);
    expect(list.find((v) => v.kind === 'stalled')!.count).toBe(stalled.total);
    const today = await page({ limit: 500, clock: { breachedToday: true } });
    expect(today.rows.every((row) => row.sla?.state === 'breached' && Date.parse(row.dueAt!) <= now)).toBe(true);
    expect(today.total).toBeLessThanOrEqual(all.rows.filter((row) => row.sla?.state === 'breached').length);
  });

  it("keeps each person's own views and followed entities, and counts them live", async () => {
    const [entity] = await call<{ id: string }[]>('entities.list', {});
    expect(await call('views.follow', { entityIds: [entity!.id] })).toEqual([entity!.id]);
    const saved = await call<DeskView>('views.save', {
      name: 'عالية الأهمية',
      query: { sort: 'newest', filters: { importance: ['high', 'critical'] } },
    });
    expect(saved.kind).toBe('saved');
    const highs = (await page({ limit: 1, filters: { importance: ['high', 'critical'] } })).total;
    expect(saved.count).toBe(highs);
    const mine = (await views()).views.find((v) => v.kind === 'myEntities')!;
    expect(mine.query.filters.entityId).toEqual([entity!.id]);
    expect(mine.count).toBe((await page({ limit: 1, openOnly: true, filters: { entityId: [entity!.id] } })).total);

    // A case changes on the hub: a view's count follows the delta.
    const working = await call<DeskView>('views.save', {
      name: 'in progress',
      query: { filters: { status: ['inProgress'] } },
    });
    const [moving] = (await hub.db.query(
      `SELECT id::text AS id FROM cases WHERE status = 'inProgress' ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    await transitionCase(hub.db, moving!.id, { to: 'awaitingCitizen', actor: 'focalPoint:t', at: new Date() });
    await waitFor(
      async () => (await views()).views.find((v) => v.id === working.id)!.count === working.count - 1,
      'the count to follow the change',
    );
    expect(await call('views.delete', { id: working.id })).toBe(true);
    // Bad input is refused before the core sees it.
    expect(await core.dispatch('views.save', { name: '', query: {} })).toMatchObject({ ok: false });
    expect(await core.dispatch('views.save', { name: 'x', query: { filters: { status: ['nope'] } } })).toMatchObject({
      ok: false,
      error: { code: 'badInput' },
    });

    // Another person on this desk sees none of it.
    await call('session.signOut', {});
    await call('session.signIn', { username: 'huda', password: 'demo-password' });
    const huda = await views();
    expect(huda.views.filter((v) => v.kind === 'saved')).toEqual([]);
    expect(huda.followedEntities).toEqual([]);
    await call('session.signOut', {});
    await call('session.signIn', DEMO_ACCOUNT);
    const back = await views();
    expect(back.views.find((v) => v.id === saved.id)?.name).toBe('عالية الأهمية');
    expect(await call('views.delete', { id: saved.id })).toBe(true);
    expect((await views()).views.some((v) => v.id === saved.id)).toBe(false);
  });
  it('finds every open late case of a focal point for a bulk chase, and lists focal points for the filter', async () => {
    const late = await page({ limit: 500, openOnly: true, clock: { slaState: ['breached'] } });
    const withFocal = late.rows.find((row) => row.focalPointNameAr);
    expect(withFocal).toBeDefined();
    const found = await call<{ focalPointId: string; cases: { id: string; number: string }[] }>('bulkChase.lateCases', {
      caseId: withFocal!.id,
    });
    expect(found.cases.map((c) => c.id)).toContain(withFocal!.id);
    const theirs = await page({ limit: 500, filters: { focalPointId: [found.focalPointId] } });
    const expected = theirs.rows.filter(
      (row) =>
        row.sla?.state === 'breached' &&
        ['submitted', 'assigned', 'inProgress', 'reopened', 'referred'].includes(row.status),
    );
    expect(new Set(found.cases.map((c) => c.id))).toEqual(new Set(expected.map((row) => row.id)));
    const unassigned = late.rows.find((row) => !row.focalPointNameAr);
    if (unassigned) expect(await call('bulkChase.lateCases', { caseId: unassigned.id })).toBeNull();
    const focalPoints = await call<{ id: string }[]>('focalPoints.list', {});
    expect(focalPoints.map((f) => f.id)).toContain(found.focalPointId);
  });
});
