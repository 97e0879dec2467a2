import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../pgliteDatabase';
import { migrateHubDatabase } from '../migrateHubDatabase';
import { HUB_MIGRATIONS } from './index';
import type { HubDatabase } from '../hubDatabase';
import { trackUntrackedClocks } from '../../sla/recomputeDeadlines';
import { CaseRecord } from '../../../shared/domain/caseRecord';

const CASE = '018f0000-0000-7000-8000-000000000001';
const CLOSED = '018f0000-0000-7000-8000-000000000002';

// Real rows of a version-5 hub, migrated across version 6: pauses rebuilt from
// the status history, open cases' clocks tracked on the next start.
describe('hub migration 0006 (case clocks)', () => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openPgliteDatabase();
    await migrateHubDatabase(
      db,
      HUB_MIGRATIONS.filter((m) => m.version <= 5),
    );
    await db.exec(`
      INSERT INTO entities (id, code, name_ar, name_en, sector, kind) VALUES ('ent-1', 'MOH', 'وزارة الصحة', 'Ministry of Health', 'health', 'ministry');
      INSERT INTO cases (id, number, type, channel, entity_id, pillar, importance, status, title, body, language,
        applicant_name, applicant_phone, submitted_at, due_at, first_response_at, updated_at)
      VALUES
        ('${CASE}', 'BK-26-0000001', 'complaint', 'web', 'ent-1', 'deliveryTime', 'normal', 'awaitingCitizen', 'تأخر', 'نص',
         'ar', 'رنا', '+962791234567', '2026-11-22T06:00:00Z', '2026-11-29T12:00:00Z', '2026-11-22T08:00:00Z', '2026-11-24T07:00:00Z'),
        ('${CLOSED}', 'BK-26-0000002', 'inquiry', 'web', 'ent-1', 'deliveryTime', 'low', 'closed', 'سؤال', 'نص',
         'ar', 'سامي', '+962791234568', '2026-10-01T06:00:00Z', '2026-10-05T12:00:00Z', NULL, '2026-10-03T07:00:00Z');
      INSERT INTO case_events (case_id, at, kind, actor) VALUES
        ('${CASE}', '2026-11-22T06:00:00Z', 'submitted', 'channel:web'),
        ('${CASE}', '2026-11-22T08:00:00Z', 'status:awaitingCitizen', 'focalPoint:x'),
        ('${CASE}', '2026-11-22T10:00:00Z', 'note', 'operator:huda'),
        ('${CASE}', '2026-11-23T09:00:00Z', 'status:inProgress', 'citizen'),
        ('${CASE}', '2026-11-24T07:00:00Z', 'status:awaitingCitizen', 'focalPoint:x');
    `);
    await migrateHubDatabase(db);
  });
  afterAll(() => db?.close());

  it('rebuilds each case’s pauses from its status events, the open one last', async () => {
    const [row] = await db.query<{ row: unknown }>(`SELECT row FROM case_records WHERE id = $1::uuid`, [CASE]);
    const record = CaseRecord.parse(typeof row!.row === 'string' ? JSON.parse(row!.row) : row!.row);
    expect(record.pauses).toEqual([
      { from: '2026-11-22T08:00:00.000Z', to: '2026-11-23T09:00:00.000Z' },
      { from: '2026-11-24T07:00:00.000Z', to: null },
    ]);
    expect(record.lastUpdateAt).toBe('2026-11-22T08:00:00.000Z');
    expect(record.dueAt).toBe('2026-11-29T12:00:00.000Z');
  });

  it('tracks the open case’s clocks once on the next start, and leaves closed ones alone', async () => {
    expect(await trackUntrackedClocks(db, new Date('2026-11-24T07:00:00Z'))).toBe(1);
    expect(await trackUntrackedClocks(db, new Date('2026-11-24T07:00:00Z'))).toBe(0);
    const rows = await db.query<{
      id: string;
      first_response_due_at: unknown;
      update_due_at: unknown;
      at_risk_at: unknown;
    }>(`SELECT id::text AS id, first_response_due_at, update_due_at, at_risk_at FROM cases ORDER BY id`);
    const open = rows.find((r) => r.id === CASE)!;
    // Responded already: no first-response deadline; the update and at-risk clocks now have one.
    expect(open.first_response_due_at).toBeNull();
    expect(open.update_due_at).not.toBeNull();
    expect(open.at_risk_at).not.toBeNull();
    expect(rows.find((r) => r.id === CLOSED)).toMatchObject({ update_due_at: null, at_risk_at: null });
  });
});
