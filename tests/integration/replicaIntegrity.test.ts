import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHub } from '../../server/hubServer';
import { DeskCore } from '../../desk/deskCore';
import type { IntegrityReport } from '../../shared/contract/deskContract';
import { DIGEST_FORM, SyncDigest } from '../../shared/protocol/syncDigest';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { authorized, DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';
import { postApplication, sampleApplication } from '../support/sampleApplication';

const SEEDED = 600;

// The console proves, table by table, that its cache equals the hub, and repairs a table that does not.
describe.each(await hubTargets())('cache digests against a hub on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: SEEDED, seed: 5 } });
  let hub: RunningHub;
  const dir = mkdtempSync(join(tmpdir(), 'desk-digest-'));
  const cores: DeskCore[] = [];

  beforeAll(() => {
    hub = fixture.hub;
  });
  afterAll(async () => {
    for (const core of cores) await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const startCore = (name: string, account: { username: string; password: string } = DEMO_ACCOUNT) => {
    const core = new DeskCore({ dataDir: join(dir, name), hubUrl: hub.url, demoAccount: account });
    cores.push(core);
    core.start();
    return core;
  };
  /** The first check's outcome (it runs by itself once the console has caught up). */
  const settled = (core: DeskCore) =>
    waitFor(
      () =>
        ['verified', 'failed', 'unverified'].includes(core.sync.current.integrity.state)
          ? core.sync.current.integrity
          : null,
      'the first integrity check to finish',
      30_000,
    );
  const verify = async (core: DeskCore) => {
    const result = await core.dispatch('sync.verify', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as IntegrityReport;
  };
  /**
   * A check, and what every check that ran meanwhile said it re-downloaded: the console
   * also checks by itself after each reconnect (a repair ends with one), and whichever
   * check runs first finds the damage.
   */
  const verifyWatching = async (core: DeskCore) => {
    const repairing = new Set<string>();
    const watch = (status: { integrity: IntegrityReport }) => {
      if (status.integrity.state === 'repairing') repairing.add(status.integrity.message!);
    };
    core.sync.on('status', watch);
    try {
      return { report: await verify(core), repairing: [...repairing] };
    } finally {
      core.sync.off('status', watch);
    }
  };
  const queueIds = async (core: DeskCore) => {
    const page = await core.dispatch('queue.page', { sort: 'newest', limit: 500, search: undefined });
    if (!page.ok) throw new Error(page.error.message);
    return (page.value as { total: number; rows: { id: string }[] }).total;
  };

  it('verifies every table by itself once it has caught up', async () => {
    const core = startCore('operator');
    const integrity = await settled(core);
    expect(integrity.state).toBe('verified');
    expect(integrity.tables.map((t) => [t.table, t.matches])).toEqual([
      ['entities', true],
      ['focalPoints', true],
      ['cases', true],
      ['alerts', true],
    ]);
    expect(integrity.tables.find((t) => t.table === 'cases')!.rows).toBe(SEEDED);
    expect(integrity.atSeq).toBe(core.store.lastAppliedSeq);
  });

  it('serves the digest only to a signed-in reader, and refuses an unknown table', async () => {
    expect((await fetch(`${hub.url}/api/sync/digest`)).status).toBe(401);
    const bad = await fetch(`${hub.url}/api/sync/digest?tables=cases,staff_users`, {
      headers: await authorized(hub.url),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/Unknown table staff_users/);
    const good = await fetch(`${hub.url}/api/sync/digest?tables=cases&form=${DIGEST_FORM}`, {
      headers: await authorized(hub.url),
    });
    const digest = SyncDigest.parse(await good.json());
    expect(digest.form).toBe(DIGEST_FORM);
    expect(Object.keys(digest.tables)).toEqual(['cases']);
    expect(digest.tables.cases!.rows).toBe(SEEDED);
  });

  it('refuses a console that digests rows in another form, saying why', async () => {
    // An older console names no form: it hashes id:seq, and would find every table unequal.
    for (const query of ['tables=cases', 'tables=cases&form=content-1']) {
      const refused = await fetch(`${hub.url}/api/sync/digest?${query}`, { headers: await authorized(hub.url) });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        new RegExp(`digests rows in form ${DIGEST_FORM}.*Update the console`),
      );
    }
  });

  it('finds a cache that lost, gained and misdated rows, and re-downloads just those tables', async () => {
    const core = cores[0]!;
    // Any check still running (the console checks by itself after each reconnect) ends first,
    // so the damage below is found by this test's check and not by one already under way.
    expect((await verify(core)).state).toBe('verified');
    const before = await queueIds(core);
    const [lost] = core.store.db.prepare('SELECT id, number FROM cases ORDER BY id LIMIT 1').all() as {
      id: string;
      number: string;
    }[];
    // What a damaged cache might hold: a case gone, an entity claiming a version the hub never had, a stray alert.
    core.store.db.prepare('DELETE FROM cases WHERE id = ?').run(lost!.id);
    core.store.db.prepare('UPDATE entities SET seq = seq + 1000000, name_ar = ? WHERE id = ?').run('محرف', 'ent-moh');
    core.store.db
      .prepare(
        `INSERT INTO alerts (id, case_id, kind, detail, raised_at, seq) VALUES ('00000000-0000-7000-8000-0000000000aa', NULL, 'breach', '{}', '2026-01-01T00:00:00.000Z', 1)`,
      )
      .run();
    expect(await queueIds(core)).toBe(before - 1);

    const { report, repairing } = await verifyWatching(core);
    expect(report.state).toBe('verified');
    expect(repairing).toEqual(['The local copy differs from the hub in entities, cases, alerts: re-downloading them.']);
    expect(report.tables.every((t) => t.matches)).toBe(true);
    // What the operator sees: the case is back, the entity has its name again, the stray alert is gone.
    expect(await queueIds(core)).toBe(before);
    const search = await core.dispatch('queue.page', { sort: 'newest', search: lost!.number });
    expect(search.ok && (search.value as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([lost!.id]);
    expect(core.store.entities().find((e) => e.id === 'ent-moh')!.nameAr).not.toBe('محرف');
    const alerts = await core.dispatch('alerts.list', {});
    expect(alerts.ok && (alerts.value as { alerts: unknown[] }).alerts).toEqual([]);
    // The repair kept following the log: a new case still arrives.
    const posted = await postApplication(hub.url, sampleApplication());
    await waitFor(() => core.store.lastAppliedSeq >= posted.json.seq, 'the next change after the repair');
    expect(await queueIds(core)).toBe(before + 1);
  });

  it('finds a row whose content changed under the same id and seq, and re-downloads it', async () => {
    const core = cores[0]!;
    expect((await verify(core)).state).toBe('verified');
    const db = core.store.db;
    type Held = { id: string; seq: number; status: string; title: string; is_open: number };
    const read = (id: string) =>
      db.prepare('SELECT id, seq, status, title, is_open FROM cases WHERE id = ?').get(id) as Held;
    const { id } = db.prepare(`SELECT id FROM cases WHERE status = 'inProgress' ORDER BY id LIMIT 1`).get() as {
      id: string;
    };
    const original = read(id);
    const focal = db.prepare('SELECT id, active FROM focal_points ORDER BY id LIMIT 1').get() as {
      id: string;
      active: number;
    };
    // What a bad apply or a damaged column leaves: other fields under the version the hub sent.
    db.prepare(`UPDATE cases SET status = 'closed', title = 'عنوان محرف' WHERE id = ?`).run(id);
    db.prepare('UPDATE focal_points SET active = 1 - active WHERE id = ?').run(focal.id);
    expect(read(id)).toMatchObject({ seq: original.seq, status: 'closed' });
    // The next live change makes the desk write the search text the changed title owes. Until
    // it has, a second change to that title cannot be written (cache v010's trigger, under an
    // upsert, fails on the owed entry): the repair would be interrupted.
    const posted = await postApplication(hub.url, sampleApplication());
    await waitFor(
      () =>
        (core.store.lastAppliedSeq >= posted.json.seq &&
          (db.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n === 0) ||
        null,
      'the next change, and the changed title indexed',
    );

    const { report, repairing } = await verifyWatching(core);
    expect(repairing).toEqual(['The local copy differs from the hub in focalPoints, cases: re-downloading them.']);
    expect(report.state).toBe('verified');
    expect(report.tables.every((t) => t.matches)).toBe(true);
    // The hub's content is back, and what the desk derives from it (is_open) with it.
    expect(read(id)).toEqual(original);
    expect(db.prepare('SELECT active FROM focal_points WHERE id = ?').get(focal.id)).toEqual({ active: focal.active });
  });

  it('compares at one position while the hub keeps changing', async () => {
    const core = cores[0]!;
    // Applications keep arriving, one after another, for as long as the checks run.
    let posting = true;
    let posted = 0;
    const traffic = (async () => {
      while (posting) {
        await postApplication(hub.url, sampleApplication());
        posted++;
      }
    })();
    const reports: IntegrityReport[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        // Each check starts after at least one more application has been committed.
        const seen = posted;
        await waitFor(() => posted > seen, 'the next application');
        reports.push(await verify(core));
      }
    } finally {
      posting = false;
      await traffic;
    }
    // Each is a comparison at one position, taken mid-traffic: both sides were equal there.
    for (const report of reports) {
      expect(report.state).toBe('verified');
      expect(report.tables.every((t) => t.matches && !t.repaired)).toBe(true);
    }
    // Three positions, each later than the one before: the hub moved between the checks.
    const positions = reports.map((r) => r.atSeq!);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(3);
  });

  it("verifies a focal point's cache against the same rules as its snapshot", async () => {
    const core = startCore('focal-point', { username: 'fp-001', password: DEMO_PASSWORD });
    const integrity = await settled(core);
    expect(integrity.state).toBe('verified');
    const cases = integrity.tables.find((t) => t.table === 'cases')!;
    expect(cases.matches).toBe(true);
    expect(cases.rows).toBeGreaterThan(0);
    expect(cases.rows).toBeLessThan(SEEDED);
    expect(integrity.tables.find((t) => t.table === 'alerts')!.rows).toBe(0);
  });
});
