import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHub } from '../../server/hubServer';
import { transitionCase } from '../../server/cases/caseTransitions';
import { DeskCore } from '../../desk/deskCore';
import type { CaseDetail } from '../../shared/contract/caseDetailContract';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// The case view's data: the three clocks and the ladder from the cache (so
// they go on offline), the history from the hub, and what this desk has queued.
describe('case detail on the desk', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 120, seed: 21 } });
  const dir = mkdtempSync(join(tmpdir(), 'case-detail-'));
  let hub: RunningHub;
  let core: DeskCore;
  beforeAll(async () => {
    hub = fixture.hub;
    core = new DeskCore({ dataDir: dir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    core.start();
    await waitFor(() => core.sync.current.phase === 'live', 'live');
  });
  afterAll(async () => {
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const detailOf = async (caseId: string) => {
    const reply = await core.dispatch('case.detail', { caseId });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as CaseDetail | null;
  };

  it('shows a case waiting for the citizen as paused, with its timeline, and keeps counting offline', async () => {
    const [open] = (await hub.db.query(
      `SELECT id::text AS id FROM cases WHERE status = 'inProgress' AND first_response_at IS NOT NULL ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    const caseId = open!.id;
    await transitionCase(hub.db, caseId, { to: 'awaitingCitizen', actor: 'focalPoint:t', at: new Date() });
    const detail = await waitFor(async () => {
      const d = await detailOf(caseId);
      return d?.case.status === 'awaitingCitizen' ? d : null;
    }, 'the pause reaches the desk');

    const byKind = Object.fromEntries(detail.timers.map((t) => [t.kind, t]));
    expect(byKind.firstResponse!.state).toBe('met');
    expect(['paused', 'breached']).toContain(byKind.resolution!.state);
    expect(detail.case.pauses.at(-1)).toMatchObject({ to: null });
    expect(detail.history?.events.map((e) => e.kind)).toContain('status:awaitingCitizen');
    expect(detail.historyProblem).toBeNull();
    expect(detail.ladder.level).toBe(detail.case.escalationLevel);
    // The code its entity's ladder windows are keyed by.
    const [entity] = (await hub.db.query(
      `SELECT e.code FROM cases c JOIN entities e ON e.id = c.entity_id WHERE c.id = $1::uuid`,
      [caseId],
    )) as { code: string }[];
    expect(detail.case.entityCode).toBe(entity!.code);

    // Offline: the hub goes away; a note is queued. The clocks and the last history remain, and the note shows as pending.
    await fixture.close();
    const note = await core.dispatch('outbox.queue', {
      command: 'addNote',
      input: { caseId, body: 'اتصلت بضابط الارتباط' },
    });
    const offline = await detailOf(caseId);
    expect(offline?.timers.map((t) => t.kind)).toEqual(['firstResponse', 'update', 'resolution']);
    expect(offline?.history?.events.map((e) => e.kind)).toContain('status:awaitingCitizen');
    expect(offline?.historyProblem).toBeTruthy();
    expect(note.ok).toBe(true);
    expect(offline?.pending).toEqual([
      { clientId: (note as { value: { clientId: string } }).value.clientId, command: 'addNote', state: 'queued' },
    ]);
  });

  it('answers null for a case the desk does not hold, and refuses a malformed id', async () => {
    expect(await detailOf('018f0000-0000-7000-8000-00000000abcd')).toBeNull();
    const refused = await core.dispatch('case.detail', { caseId: 'not-a-case' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'badInput' } });
  });
});
