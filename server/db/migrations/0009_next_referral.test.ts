import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateHubDatabase } from '../migrateHubDatabase';
import type { HubDatabase } from '../hubDatabase';
import { referOverdueCases } from '../../jobs/escalationJob';
import { settleNextReferrals } from '../../sla/recomputeDeadlines';
import { loadSlaRules } from '../../sla/slaRulesStore';
import {
  DEFAULT_JORDAN_CALENDAR,
  DEFAULT_LADDER_WINDOWS,
  escalationLevelAt,
  escalationRank,
  ladderWindowsFor,
  nextReferralAtMs,
} from '../../../shared/sla';
import { CASE_STATUSES, ESCALATION_LEVELS, type EscalationLevel } from '../../../shared/domain/taxonomy';
import { hubTargets } from '../../../tests/support/hubDatabaseTargets';
import { openHubDatabaseAtVersion } from '../../../tests/support/hubDatabaseAtVersion';

const REFERABLE = new Set(['submitted', 'assigned', 'inProgress', 'reopened', 'referred']);
const NOW = new Date('2026-11-25T07:00:00Z');

/**
 * Version-8 cases in every status, at every level, in two entities (one with windows of its own), their
 * deadlines spread from three weeks before NOW to a week after, a few with none.
 */
const CASES = Array.from({ length: 96 }, (_, i) => ({
  id: `018f0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
  number: `BK-26-${String(i + 1).padStart(7, '0')}`,
  status: CASE_STATUSES[(i * 5 + Math.floor(i / 8)) % CASE_STATUSES.length]!,
  escalation_level: ESCALATION_LEVELS[(i * 3 + Math.floor(i / 5)) % ESCALATION_LEVELS.length]!,
  entity_id: i % 3 === 0 ? 'ent-moh' : 'ent-moe',
  due_at: i % 17 === 5 ? null : new Date(NOW.getTime() + (i * 7 - 480) * 3_600_000).toISOString(),
}));
/** The ladder a version-8 administrator saved: the Ministry of Health's directors answer within a working hour. */
const LADDER = { ...DEFAULT_LADDER_WINDOWS, entities: { MOH: { focalPoint: 90, director: 60 } } };
const CODE: Record<string, string> = { 'ent-moh': 'MOH', 'ent-moe': 'MOE' };

// Real rows of a version-8 hub — cases at every status and level, a ladder with an entity's own windows, a
// recompute run — migrated across version 9: each case the job may refer is marked due for a look, the hub then
// computes its exact instant, the synced rows stay as they were, and the job refers the same cases it did.
describe.each(await hubTargets())('hub migration 0009 (next referral) on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;
  let recordsBefore: unknown[];

  beforeAll(async () => {
    ({ db, dispose } = await openHubDatabaseAtVersion(target, 8));
    await db.exec(`
      INSERT INTO entities (id, code, name_ar, name_en, sector, kind) VALUES
        ('ent-moh', 'MOH', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry'),
        ('ent-moe', 'MOE', 'وزارة التربية والتعليم', 'Ministry of Education', 'education', 'ministry');
    `);
    await db.query(
      `INSERT INTO cases (id, number, type, channel, entity_id, pillar, importance, status, escalation_level, title,
         body, language, applicant_name, applicant_phone, submitted_at, updated_at, due_at)
       SELECT (r->>'id')::uuid, r->>'number', 'complaint', 'web', r->>'entity_id', 'deliveryTime', 'normal',
         r->>'status', r->>'escalation_level', 'تأخر', 'نص', 'ar', 'رنا', '+962791234567',
         '2026-10-01T06:00:00Z', '2026-10-01T06:00:00Z', (r->>'due_at')::timestamptz
       FROM json_array_elements($1::json) r`,
      [JSON.stringify(CASES)],
    );
    const [ladder] = await db.query<{ id: number }>(
      `INSERT INTO sla_rule_versions (kind, document, changed_by, reason)
       VALUES ('ladder', $1, 'administrator:admin', 'MOH agreement') RETURNING id::int AS id`,
      [JSON.stringify(LADDER)],
    );
    const [calendar] = await db.query<{ id: number }>(
      `INSERT INTO sla_rule_versions (kind, document, changed_by, reason)
       VALUES ('calendar', $1, 'administrator:admin', 'v8 change') RETURNING id::int AS id`,
      [JSON.stringify(DEFAULT_JORDAN_CALENDAR)],
    );
    // A v8 run, finished: its rows carry on as they were.
    await db.query(
      `INSERT INTO sla_recompute_runs (rules_version, kind, actor, reason, requested_at, finished_at)
       VALUES ($1, 'calendar', 'administrator:admin', 'v8 change', $2, $2)`,
      [calendar!.id, NOW.toISOString()],
    );
    expect(ladder!.id).toBeLessThan(calendar!.id);
    recordsBefore = await syncedRows(db);
    await migrateHubDatabase(db);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  const referable = (c: (typeof CASES)[number]) =>
    REFERABLE.has(c.status) && c.escalation_level !== 'minister' && c.due_at !== null;
  const stored = async () =>
    new Map(
      (
        await db.query<{ id: string; next: number | null }>(
          `SELECT id::text AS id, (extract(epoch FROM next_referral_at) * 1000)::float8 AS next FROM cases`,
        )
      ).map((r) => [r.id, r.next]),
    );
  const expected = (c: { entity_id: string; due_at: string | null }, level: EscalationLevel) =>
    nextReferralAtMs(
      ladderWindowsFor(LADDER, CODE[c.entity_id]!),
      DEFAULT_JORDAN_CALENDAR,
      Date.parse(c.due_at!),
      level,
    );

  it('marks every case the job may refer as due for a look, and no other', async () => {
    const marks = await stored();
    for (const c of CASES) expect(marks.get(c.id), c.number).toBe(referable(c) ? -Infinity : null);
    // The data covers what it must: some of each.
    expect(CASES.filter(referable).length).toBeGreaterThan(10);
    expect(CASES.some((c) => REFERABLE.has(c.status) && c.escalation_level === 'minister')).toBe(true);
    expect(CASES.some((c) => REFERABLE.has(c.status) && c.due_at === null)).toBe(true);
  });

  it('leaves the synced rows byte for byte as they were, so the desk’s cache needs no migration', async () => {
    expect(await syncedRows(db)).toEqual(recordsBefore);
  });

  it('computes each instant on the next start, with the rules saved before: its entity’s windows, its level', async () => {
    expect(await settleNextReferrals(db, 7)).toBe(CASES.filter(referable).length);
    expect(await settleNextReferrals(db)).toBe(0);
    const instants = await stored();
    for (const c of CASES) {
      expect(instants.get(c.id), c.number).toBe(referable(c) ? expected(c, c.escalation_level) : null);
    }
    // The ministry's own windows count: its instants differ from the defaults'.
    const moh = CASES.find((c) => referable(c) && c.entity_id === 'ent-moh' && c.escalation_level === 'focalPoint')!;
    expect(instants.get(moh.id)).toBe(Date.parse(moh.due_at!) + 90 * 60_000);
  });

  it('reads the cases due now by one range of the new index', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT id FROM cases WHERE next_referral_at < $1 ORDER BY next_referral_at, id LIMIT 200`,
        [NOW.toISOString()],
      );
    });
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toContain('cases_next_referral');
  });

  it('refers the same cases the job always did, each to the same rung, and stores its next instant', async () => {
    const climbs = CASES.filter(referable).flatMap((c) => {
      const windows = ladderWindowsFor(LADDER, CODE[c.entity_id]!);
      const to = escalationLevelAt(windows, DEFAULT_JORDAN_CALENDAR, Date.parse(c.due_at!), NOW.getTime());
      return escalationRank(to) > escalationRank(c.escalation_level) ? [{ ...c, to }] : [];
    });
    expect(climbs.length).toBeGreaterThan(3);
    const rules = await loadSlaRules(db);
    expect(await referOverdueCases(db, NOW, rules, rules.ladder)).toBe(climbs.length);
    expect(await referOverdueCases(db, NOW, rules, rules.ladder)).toBe(0);
    const levels = new Map(
      (
        await db.query<{ id: string; level: string }>(`SELECT id::text AS id, escalation_level AS level FROM cases`)
      ).map((r) => [r.id, r.level]),
    );
    const instants = await stored();
    for (const c of climbs) {
      expect(levels.get(c.id), c.number).toBe(c.to);
      expect(instants.get(c.id), c.number).toBe(c.to === 'minister' ? null : expected(c, c.to));
    }
    const events = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_events WHERE kind = 'referredUp'`,
    );
    expect(events[0]!.n).toBe(climbs.length);
  });

  it('keeps the v8 run, and takes a ladder change’s run from now on', async () => {
    const runs = await db.query<{ kind: string; deadlines_of: number | null }>(
      `SELECT kind, deadlines_of FROM sla_recompute_runs ORDER BY id`,
    );
    expect(runs).toEqual([{ kind: 'calendar', deadlines_of: null }]);
    const [version] = await db.query<{ id: number }>(
      `INSERT INTO sla_rule_versions (kind, document, changed_by, reason) VALUES ('ladder', $1, 'a', 'b') RETURNING id::int AS id`,
      [JSON.stringify(DEFAULT_LADDER_WINDOWS)],
    );
    await db.query(
      `INSERT INTO sla_recompute_runs (rules_version, kind, actor, reason, requested_at) VALUES ($1, 'ladder', 'a', 'b', now())`,
      [version!.id],
    );
    await expect(
      db.query(
        `INSERT INTO sla_recompute_runs (rules_version, kind, actor, reason, requested_at) VALUES ($1, 'weekend', 'a', 'b', now())`,
        [version!.id],
      ),
    ).rejects.toThrow();
  });
});

async function syncedRows(db: HubDatabase): Promise<unknown[]> {
  return db.query(`SELECT key, row::text AS row FROM case_records ORDER BY key`);
}
