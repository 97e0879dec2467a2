import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { migrateHubDatabase } from '../migrateHubDatabase';
import type { HubDatabase } from '../hubDatabase';
import { executeCommand } from '../../commands/commandRoutes';
import type { Actor } from '../../commands/actor';
import { RECOMPUTE_OPEN, hasRecomputeToDo, recomputeOpenDeadlines } from '../../sla/recomputeDeadlines';
import { readSlaRulesVersion } from '../../sla/slaRulesStore';
import { DEFAULT_JORDAN_CALENDAR } from '../../../shared/sla';
import { CASE_STATUSES } from '../../../shared/domain/taxonomy';
import { hubTargets } from '../../../tests/support/hubDatabaseTargets';
import { openHubDatabaseAtVersion } from '../../../tests/support/hubDatabaseAtVersion';

const admin: Actor = { userId: 'admin', role: 'administrator', entityId: null, focalPointId: null };
const OPEN = new Set(['submitted', 'assigned', 'inProgress', 'awaitingCitizen', 'reopened', 'referred']);

/** Version-7 cases in every status, submitted a day apart from 1 November 2026, with the deadlines a v7 hub stored. */
const CASES = Array.from({ length: 60 }, (_, i) => ({
  id: `018f0000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
  number: `BK-26-${String(i + 1).padStart(7, '0')}`,
  status: CASE_STATUSES[(i * 5 + Math.floor(i / 8)) % CASE_STATUSES.length]!,
  submitted_at: new Date(Date.UTC(2026, 10, 1 + (i % 20), 6)).toISOString(),
}));
const NOW = new Date('2026-11-25T07:00:00Z');

// Real rows of a version-7 hub — cases, their events, a calendar an administrator changed — migrated across
// version 8: nothing is left to recompute, the synced rows are as they were, and the next rule change is applied
// to those same rows by the recompute job.
describe.each(await hubTargets())('hub migration 0008 (SLA recompute runs) on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;
  let recordsBefore: unknown[];

  beforeAll(async () => {
    ({ db, dispose } = await openHubDatabaseAtVersion(target, 7));
    await db.exec(`
      INSERT INTO entities (id, code, name_ar, name_en, sector, kind) VALUES
        ('ent-1', 'MOH', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry');
    `);
    // Deadlines as a version-7 hub left them: the resolution due a week after submission, the clocks tracked.
    await db.query(
      `INSERT INTO cases (id, number, type, channel, entity_id, pillar, importance, status, title, body,
         language, applicant_name, applicant_phone, submitted_at, updated_at, due_at, first_response_due_at,
         update_due_at, at_risk_at, closed_at, answered_at)
       SELECT (r->>'id')::uuid, r->>'number', 'complaint', 'web', 'ent-1', 'deliveryTime', 'normal', r->>'status',
         'تأخر', 'نص', 'ar', 'رنا', '+962791234567', (r->>'submitted_at')::timestamptz, (r->>'submitted_at')::timestamptz,
         (r->>'submitted_at')::timestamptz + interval '7 days', (r->>'submitted_at')::timestamptz + interval '1 day',
         (r->>'submitted_at')::timestamptz + interval '2 days', (r->>'submitted_at')::timestamptz + interval '5 days',
         CASE WHEN r->>'status' = 'closed' THEN (r->>'submitted_at')::timestamptz + interval '3 days' END,
         CASE WHEN r->>'status' IN ('answered', 'closed') THEN (r->>'submitted_at')::timestamptz + interval '2 days' END
       FROM json_array_elements($1::json) r`,
      [JSON.stringify(CASES)],
    );
    await db.query(
      `INSERT INTO case_events (case_id, at, kind, actor) SELECT (r->>'id')::uuid, (r->>'submitted_at')::timestamptz,
         'submitted', 'channel:web' FROM json_array_elements($1::json) r`,
      [JSON.stringify(CASES)],
    );
    await db.query(
      `INSERT INTO sla_rule_versions (kind, document, changed_by, reason) VALUES ('calendar', $1, 'administrator:admin', 'v7 change')`,
      [JSON.stringify(DEFAULT_JORDAN_CALENDAR)],
    );
    recordsBefore = await syncedRows(db);
    await migrateHubDatabase(db);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  it('starts with no run to do: a version-7 hub recomputed inside its commands', async () => {
    expect(await db.query('SELECT * FROM sla_recompute_runs')).toEqual([]);
    expect(await hasRecomputeToDo(db)).toBe(false);
    expect(await recomputeOpenDeadlines(db, { now: () => NOW })).toBe(0);
  });

  it('leaves the synced rows and the timelines as they were', async () => {
    expect(await syncedRows(db)).toEqual(recordsBefore);
    const [events] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events`);
    expect(events!.n).toBe(CASES.length);
  });

  it('walks the open cases by the new index, not the closed ones', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT id FROM cases WHERE ${RECOMPUTE_OPEN} AND id > $1::uuid ORDER BY id LIMIT 250`,
        [CASES[3]!.id],
      );
    });
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toContain('cases_open_by_id');
  });

  it('applies the next rule change to the migrated open cases, once each, and leaves the others', async () => {
    const closure = {
      kind: 'closure' as const,
      id: 'storm-2026',
      source: 'Prime Ministry circular 40/2026',
      name: { ar: 'عطلة بسبب المنخفض الجوي', en: 'Storm closure' },
      period: { type: 'wholeDays' as const, date: '2026-11-01', spanDays: 30 },
    };
    const calendar = { ...DEFAULT_JORDAN_CALENDAR, entries: [...DEFAULT_JORDAN_CALENDAR.entries, closure] };
    const { id: version } = await executeCommand(
      db,
      'updateWorkingCalendar',
      admin,
      {
        clientId: randomUUID(),
        calendar,
        basedOn: { version: await readSlaRulesVersion(db) },
        reason: 'Circular 40/2026: storm',
      },
      NOW,
    );
    expect(await hasRecomputeToDo(db)).toBe(true);
    const open = CASES.filter((c) => OPEN.has(c.status));
    expect(await recomputeOpenDeadlines(db, { now: () => NOW, batchSize: 7 })).toBe(open.length);

    const events = await db.query<{ case_id: string; data: { rulesVersion: number; reason: string } }>(
      `SELECT case_id::text AS case_id, data FROM case_events WHERE kind = 'deadlineChanged' ORDER BY case_id`,
    );
    expect(events.map((e) => e.case_id)).toEqual(open.map((c) => c.id));
    expect(new Set(events.map((e) => `${e.data.rulesVersion} ${e.data.reason}`))).toEqual(
      new Set([`${version} Circular 40/2026: storm`]),
    );
    const [run] = await db.query<{ cases_checked: number; cases_moved: number; done: boolean }>(
      `SELECT cases_checked, cases_moved, finished_at IS NOT NULL AS done FROM sla_recompute_runs`,
    );
    expect(run).toEqual({ cases_checked: open.length, cases_moved: open.length, done: true });
    // Closed and answered cases kept the deadlines the version-7 hub stored.
    const untouched = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE NOT (${RECOMPUTE_OPEN}) AND due_at = submitted_at + interval '7 days'`,
    );
    expect(untouched[0]!.n).toBe(CASES.length - open.length);
  });
});

async function syncedRows(db: HubDatabase): Promise<unknown[]> {
  return db.query(`SELECT key, row::text AS row FROM case_records ORDER BY key`);
}
