import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_ENTRIES, forkNodeChild } from '../../launcher/childProcess';
import { CoreSupervisor } from '../../launcher/coreSupervisor';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

const NOTES = 30;
const KILL_AFTER_COMMIT = 8;

// The desk core runs in a process of its own, as in Electron (a utilityProcess) and in browser mode.
// Killed mid-drain — after the hub committed a command but before its reply reached the core — it
// is started again on the same replica and sends what is left, each command applied once.
const [pglite] = await hubTargets();
describe('the desk core in its own process', () => {
  let supervisor: CoreSupervisor | null = null;
  let notesCommitted = 0;
  let killedPid: number | undefined;
  const fixture = hubFixture(pglite!, {
    seed: { cases: 60, seed: 21 },
    commandFaults: {
      afterCommit(command) {
        if (command !== 'addNote' || ++notesCommitted !== KILL_AFTER_COMMIT) return;
        killedPid = supervisor?.pid;
        if (killedPid) process.kill(killedPid, 'SIGKILL');
      },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'core-process-'));
  afterAll(async () => {
    await supervisor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, input: unknown) => {
    const reply = await supervisor!.dispatch(method, input);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as never;
  };

  it('is restarted after a crash mid-drain, says so, and sends every queued command exactly once', async () => {
    const restarted: unknown[] = [];
    supervisor = new CoreSupervisor({
      fork: () => forkNodeChild(CHILD_ENTRIES.core),
      start: { dataDir: join(dir, 'desk'), hubUrl: fixture.hub.url, demoAccount: DEMO_ACCOUNT },
      restartDelaysMs: [100],
    });
    supervisor.events.on('core.restarted', (payload) => restarted.push(payload));
    await supervisor.start();
    const firstPid = supervisor.pid;
    await waitFor(async () => ((await call('sync.status', {})) as { phase: string }).phase === 'live', 'live', 60_000);

    const [target] = (await fixture.hub.db.query(
      `SELECT id::text AS id FROM cases WHERE status IN ('assigned', 'inProgress') ORDER BY id LIMIT 1`,
    )) as { id: string }[];
    // Queued in one go: each is in the outbox file before its call returns, so the crash cannot lose it.
    await Promise.all(
      Array.from({ length: NOTES }, (_, i) =>
        call('outbox.queue', { command: 'addNote', input: { caseId: target!.id, body: `ملاحظة رقم ${i + 1}` } }),
      ),
    );

    await waitFor(() => restarted.length === 1, 'the core to come back', 60_000);
    expect(killedPid).toBe(firstPid);
    expect(supervisor.pid).not.toBe(firstPid);
    expect(restarted).toEqual([{ restarts: 1 }]);
    await waitFor(
      async () => ((await call('outbox.list', {})) as unknown[]).length === 0,
      'the outbox to drain after the restart',
      60_000,
    );
    const notes = (await fixture.hub.db.query(
      `SELECT body, count(*)::int AS n FROM case_notes WHERE case_id = $1::uuid GROUP BY body`,
      [target!.id],
    )) as { body: string; n: number }[];
    expect(notes).toHaveLength(NOTES);
    expect(notes.every((note) => note.n === 1)).toBe(true);
    // The replica survived the kill: the restarted core resumed rather than downloading again.
    expect(((await call('sync.status', {})) as { phase: string }).phase).toBe('live');
  });

  it('answers a call made while it restarts once it is back', async () => {
    const before = supervisor!.restartCount;
    process.kill(supervisor!.pid!, 'SIGKILL');
    await waitFor(() => supervisor!.pid === undefined, 'the supervisor to see the exit');
    const reply = await supervisor!.dispatch('settings.get', {});
    expect(reply).toMatchObject({ ok: true, value: { language: expect.any(String) } });
    expect(supervisor!.restartCount).toBe(before + 1);
  });
});
