import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// Offline, an operator's commands wait in the outbox; back online, each has exactly one effect on the hub.
describe('the console outbox', () => {
  // Started by hand, not by hubFixture: the tests stop the hub and start another on the same database and port.
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  let hub: RunningHub | null = null;
  let core: DeskCore | null = null;
  let port = 0;
  const hubDir = join(dir, 'hub');
  afterAll(async () => {
    await core?.stop();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    hub = await startHub({
      pgliteDataDir: hubDir,
      seed: { cases: 300, seed: 9 },
      simulate: false,
      jobs: false,
      logLevel: 'silent',
    });
    port = Number(new URL(hub.url).port);
    core = new DeskCore({ dataDir: join(dir, 'desk'), hubUrl: hub.url, demoAccount: DEMO_ACCOUNT });
    core.start();
    await waitFor(() => core!.sync.current.phase === 'live', 'live');
  });

  const call = async (method: string, input: unknown) => {
    const result = await core!.dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Record<string, unknown>;
  };
  const openCases = async () =>
    (await hub!.db.query(
      `SELECT id::text AS id, version FROM cases WHERE status IN ('assigned', 'inProgress', 'reopened') ORDER BY id LIMIT 3`,
    )) as {
      id: string;
      version: number;
    }[];

  it('queues while the hub is down, shows the commands pending, and sends each once when it returns', async () => {
    const [a, b] = await openCases();
    await hub!.close();
    hub = null;
    await waitFor(() => core!.sync.current.connection !== 'online', 'offline');

    await call('outbox.queue', { command: 'claimCase', input: { caseId: a!.id, claim: true } });
    await call('outbox.queue', { command: 'addNote', input: { caseId: a!.id, body: 'اتصلت بضابط الارتباط' } });
    await call('outbox.queue', {
      command: 'reassignCase',
      input: { caseId: b!.id, expectedVersion: b!.version, toEntityCode: 'GAM', reason: 'من اختصاص الأمانة' },
    });
    expect(((await call('outbox.list', {})) as unknown as unknown[]).length).toBe(3);
    const page = (await call('queue.page', { sort: 'newest', limit: 500 })) as {
      rows: { id: string; pendingCommands: string[] }[];
    };
    expect(page.rows.find((r) => r.id === a!.id)!.pendingCommands).toEqual(['claimCase', 'addNote']);

    hub = await startHub({
      pgliteDataDir: hubDir,
      port,
      seed: false,
      simulate: false,
      jobs: false,
      logLevel: 'silent',
    });
    await waitFor(
      async () => ((await call('outbox.list', {})) as unknown as unknown[]).length === 0,
      'the outbox to drain',
      30_000,
    );
    const [claimed] = (await hub.db.query(`SELECT claimed_by FROM cases WHERE id = $1::uuid`, [a!.id])) as {
      claimed_by: string;
    }[];
    expect(claimed!.claimed_by).toBe('supervisor:rana');
    const [notes] = (await hub.db.query(`SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1::uuid`, [
      a!.id,
    ])) as { n: number }[];
    expect(notes!.n).toBe(1);
    const [moved] = (await hub.db.query(`SELECT entity_id, version FROM cases WHERE id = $1::uuid`, [b!.id])) as {
      entity_id: string;
      version: number;
    }[];
    expect(moved).toEqual({ entity_id: 'ent-gam', version: b!.version + 1 });
  });

  it('keeps a refused command with the hub’s reason, to retry or discard', async () => {
    const target = (await openCases())[2]!;
    // A version the operator saw before someone else changed the case.
    await call('outbox.queue', {
      command: 'reassignCase',
      input: { caseId: target.id, expectedVersion: target.version + 5, toEntityCode: 'MOH', reason: 'خطأ في الإسناد' },
    });
    const refused = await waitFor(async () => {
      const list = (await call('outbox.list', {})) as unknown as {
        state: string;
        refusal: { code: string; message: string } | null;
        clientId: string;
      }[];
      return list.find((e) => e.state === 'refused');
    }, 'the refusal');
    expect(refused.refusal!.code).toBe('staleVersion');
    expect(refused.refusal!.message).toMatch(/changed after you saw it/);
    expect(await call('outbox.discard', { clientId: refused.clientId })).toBe(true);
    expect(((await call('outbox.list', {})) as unknown as unknown[]).length).toBe(0);
  });

  it('survives a console restart with a full outbox, and still sends each command once', async () => {
    const [, , c] = await openCases();
    await hub!.close();
    hub = null;
    await waitFor(() => core!.sync.current.connection !== 'online', 'offline');
    await call('outbox.queue', { command: 'addNote', input: { caseId: c!.id, body: 'ملاحظة قبل إعادة التشغيل' } });
    await call('outbox.queue', {
      command: 'chaseFocalPoint',
      input: { caseId: c!.id, channel: 'phone', template: 'late', message: 'اتصال للمتابعة' },
    });
    await core!.stop(); // the window closes with commands waiting
    core = new DeskCore({ dataDir: join(dir, 'desk'), hubUrl: `http://127.0.0.1:${port}`, demoAccount: DEMO_ACCOUNT });
    core.start();
    expect(((await call('outbox.list', {})) as unknown as unknown[]).length).toBe(2);
    hub = await startHub({
      pgliteDataDir: hubDir,
      port,
      seed: false,
      simulate: false,
      jobs: false,
      logLevel: 'silent',
    });
    await waitFor(
      async () => ((await call('outbox.list', {})) as unknown as unknown[]).length === 0,
      'the outbox to drain',
      30_000,
    );
    const [counts] = (await hub.db.query(
      `SELECT (SELECT count(*)::int FROM case_notes WHERE case_id = $1::uuid AND body = 'ملاحظة قبل إعادة التشغيل') AS notes,
              (SELECT count(*)::int FROM chases WHERE case_id = $1::uuid AND message = 'اتصال للمتابعة') AS chases`,
      [c!.id],
    )) as { notes: number; chases: number }[];
    expect(counts).toEqual({ notes: 1, chases: 1 });
  });

  it('refuses a malformed command before queueing it', async () => {
    const result = await core!.dispatch('outbox.queue', {
      command: 'claimCase',
      input: { caseId: 'not-a-uuid', claim: 'yes' },
    });
    expect(result.ok).toBe(false);
    expect(((await call('outbox.list', {})) as unknown as unknown[]).length).toBe(0);
  });
});
