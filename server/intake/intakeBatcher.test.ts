import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../db/openHubDatabase';
import type { HubDatabase } from '../db/hubDatabase';
import { IntakeApplication } from '../../shared/domain/intakeApplication';
import { HubError } from '../http/hubError';
import { hubTargets } from '../../tests/support/hubDatabaseTargets';
import { sampleApplication } from '../../tests/support/sampleApplication';
import { IntakeBatcher } from './intakeBatcher';

/**
 * Applications that arrive together are committed together. What a channel
 * must see is unchanged: each accepted once, numbered, logged with its own
 * sequence number; a resend answered with the first result; a refusal only for
 * the application at fault, even when it sinks the batch's transaction.
 */

const application = (over: Partial<Parameters<typeof sampleApplication>[0]> = {}) =>
  IntakeApplication.parse(sampleApplication({ entityCode: 'MOH', ...over }));

describe.each(await hubTargets())('intake batches on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    db = await openHubDatabase(created.config);
    await db.query(
      `INSERT INTO entities (id, code, name_ar, name_en, sector, kind) VALUES
         ('ent-moh', 'MOH', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry'),
         ('ent-gam', 'GAM', 'أمانة عمان', 'Greater Amman Municipality', 'municipal', 'municipality')`,
    );
    await db.query(
      `INSERT INTO focal_points (id, entity_id, name_ar, name_en, phone, email, active) VALUES
         ('fp-m1', 'ent-moh', 'ضابط', 'Officer', '+962790000001', 'm1@example.jo', true),
         ('fp-m2', 'ent-moh', 'ضابط', 'Officer', '+962790000002', 'm2@example.jo', true),
         ('fp-g1', 'ent-gam', 'ضابط', 'Officer', '+962790000003', 'g1@example.jo', true)`,
    );
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  it('accepts every application of a burst once, each logged with its own sequence number', async () => {
    const batcher = new IntakeBatcher(db);
    const burst = Array.from({ length: 40 }, (_, i) => application({ entityCode: i % 3 ? 'MOH' : 'GAM' }));
    const accepted = await Promise.all(burst.map((a) => batcher.submit(a)));

    // The burst did go in batches: otherwise this test would prove nothing about them.
    expect(batcher.largestBatch).toBeGreaterThan(1);
    expect(new Set(accepted.map((a) => a.id)).size).toBe(40);
    expect(new Set(accepted.map((a) => a.number)).size).toBe(40);
    expect(accepted.every((a) => !a.replayed)).toBe(true);
    const logged = await db.query<{ row_id: string; seq: number; case_seq: number; client_id: string }>(
      `SELECT l.row_id, l.seq::float8 AS seq, c.seq::float8 AS case_seq, c.client_id
       FROM change_log l JOIN cases c ON c.id::text = l.row_id WHERE l.row_id = ANY($1::text[])`,
      [accepted.map((a) => a.id)],
    );
    expect(logged).toHaveLength(40);
    for (const [i, a] of accepted.entries()) {
      const row = logged.find((l) => l.row_id === a.id)!;
      // The channel is told the sequence number the case carries and the log holds.
      expect([row.seq, row.case_seq]).toEqual([a.seq, a.seq]);
      expect(row.client_id).toBe(burst[i]!.clientId);
    }
    // Load spread within a batch as it does one by one: each later case sees the earlier ones' counts.
    const loads = await db.query<{ id: string; open_cases: number }>(
      `SELECT id, open_cases FROM focal_points WHERE entity_id = 'ent-moh' ORDER BY id`,
    );
    expect(Math.abs(loads[0]!.open_cases - loads[1]!.open_cases)).toBeLessThanOrEqual(1);
  });

  it('answers a resend in the same batch and a resend of an earlier one with the first result', async () => {
    const batcher = new IntakeBatcher(db);
    const first = application();
    const earlier = await batcher.submit(first);
    const twice = application();
    const results = await Promise.all([
      batcher.submit(application()),
      batcher.submit(twice),
      batcher.submit(application({ clientId: twice.clientId })),
      batcher.submit(first),
    ]);
    expect(results[2]).toEqual({ ...results[1], replayed: true });
    expect(results[3]).toEqual({ ...earlier, replayed: true });
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE client_id = $1`, [
      twice.clientId,
    ])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses only the application to an unknown entity', async () => {
    const batcher = new IntakeBatcher(db);
    const outcomes = await Promise.allSettled([
      batcher.submit(application()),
      batcher.submit(application()),
      batcher.submit(application({ entityCode: 'NOPE' })),
      batcher.submit(application()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refusal = (outcomes[2] as PromiseRejectedResult).reason as HubError;
    expect([refusal.statusCode, refusal.code]).toEqual([422, 'unknownEntity']);
  });

  it('tries each application alone when one sinks the whole transaction, so its neighbours are still accepted', async () => {
    // A fault inside the database (a constraint, a deadlock): here a trigger that refuses one title.
    await db.exec(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'poison' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const batcher = new IntakeBatcher(db);
      const before = await caseCount(db);
      const good = [application(), application(), application()];
      const outcomes = await Promise.allSettled([
        batcher.submit(good[0]!),
        batcher.submit(good[1]!),
        batcher.submit(application({ title: 'poison' })),
        batcher.submit(good[2]!),
      ]);
      expect(batcher.largestBatch).toBeGreaterThan(1);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/refused by test/);
      expect(await caseCount(db)).toBe(before + 3);
    } finally {
      await db.exec(`DROP TRIGGER refuse_poison ON cases; DROP FUNCTION refuse_poison();`);
    }
  });
});

async function caseCount(db: HubDatabase): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
  return row!.n;
}
