import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { openHubDatabase } from '../../server/db/openHubDatabase';
import type { HubDatabase } from '../../server/db/hubDatabase';
import { submitApplication } from '../../server/intake/intakeService';
import { IntakeApplication } from '../../shared/domain/intakeApplication';
import { executeCommand } from '../../server/commands/commandRoutes';
import { transitionCase } from '../../server/cases/caseTransitions';
import { leastLoadedFocalPoint } from '../../server/cases/focalPointPick';
import type { Actor } from '../../server/commands/actor';
import { HubError } from '../../server/http/hubError';
import { hubTargets } from '../support/hubDatabaseTargets';
import { sampleApplication } from '../support/sampleApplication';

/**
 * Intake gives a new case to the least-busy active focal point of its entity,
 * busy meaning assigned, in progress or reopened. The hub keeps that load as a
 * count (focal_points.open_cases, migration 0007); these tests drive the real
 * intake, commands and transitions and hold the count equal to a fresh count.
 */

const ENTITIES = [
  { id: 'ent-moh', code: 'MOH', focalPoints: ['fp-m1', 'fp-m2', 'fp-m3', 'fp-m4'] },
  { id: 'ent-gam', code: 'GAM', focalPoints: ['fp-g1', 'fp-g2'] },
  // An entity with no focal point yet: its cases wait, unassigned.
  { id: 'ent-new', code: 'NEW', focalPoints: [] },
] as const;
const FOCAL_POINTS = ENTITIES.flatMap((e) => e.focalPoints);

const supervisor: Actor = { userId: 'rana', role: 'supervisor', entityId: null, focalPointId: null };
const clientId = () => `load-${randomUUID()}`;

interface CaseRow {
  id: string;
  status: string;
  version: number;
  entity_id: string;
  focal_point_id: string | null;
}

/** Each focal point's busy cases, counted afresh from the cases. */
async function freshLoads(db: HubDatabase): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; n: number }>(
    `SELECT fp.id, count(c.id)::int AS n FROM focal_points fp
     LEFT JOIN cases c ON c.focal_point_id = fp.id AND c.status IN ('assigned','inProgress','reopened')
     GROUP BY fp.id`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

async function keptLoads(db: HubDatabase): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; open_cases: number }>('SELECT id, open_cases FROM focal_points');
  return new Map(rows.map((r) => [r.id, r.open_cases]));
}

/** The active focal points of an entity that have the fewest busy cases. */
async function leastBusy(db: HubDatabase, entityId: string): Promise<string[]> {
  const loads = await freshLoads(db);
  const active = await db.query<{ id: string }>('SELECT id FROM focal_points WHERE entity_id = $1 AND active', [
    entityId,
  ]);
  const min = Math.min(...active.map((fp) => loads.get(fp.id)!));
  return active.filter((fp) => loads.get(fp.id) === min).map((fp) => fp.id);
}

async function expectLoadsExact(db: HubDatabase): Promise<void> {
  expect(Object.fromEntries(await keptLoads(db))).toEqual(Object.fromEntries(await freshLoads(db)));
  for (const entity of ENTITIES) {
    const pick = await leastLoadedFocalPoint(db, entity.id);
    const candidates = await leastBusy(db, entity.id);
    if (candidates.length === 0) expect(pick).toBeNull();
    // Ties go to the lowest id, as they always have.
    else expect(pick).toBe(candidates.sort()[0]);
  }
}

async function intake(db: HubDatabase, entityCode: string): Promise<CaseRow> {
  const accepted = await submitApplication(db, IntakeApplication.parse(sampleApplication({ entityCode })));
  return (await caseRow(db, accepted.id))!;
}

async function caseRow(db: HubDatabase, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.query<CaseRow>(
    'SELECT id::text AS id, status, version, entity_id, focal_point_id FROM cases WHERE id = $1::uuid',
    [id],
  );
  return row;
}

/** Refusals (a transition the lifecycle forbids, a closed case) change nothing: that is fine here. */
async function allowingRefusal(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof HubError) || error.statusCode >= 500) throw error;
  }
}

/** Nothing in the hub deletes a case; the load must still follow if something ever does. */
async function deleteCase(db: HubDatabase, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ['case_events', 'case_notes', 'chases', 'alerts', 'referral_notices']) {
      await tx.query(`DELETE FROM ${table} WHERE case_id = $1::uuid`, [id]);
    }
    await tx.query('DELETE FROM cases WHERE id = $1::uuid', [id]);
  });
}

const TRANSITIONS = ['accept', 'answer', 'ask', 'close', 'reopen'] as const;

type Step =
  | { kind: 'intake'; entity: number }
  | { kind: 'transition'; pick: number; to: (typeof TRANSITIONS)[number] }
  | { kind: 'reassign'; pick: number; entity: number; named: number | null }
  | { kind: 'refer'; pick: number; entity: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'toggleActive'; focalPoint: number };

const entityIndex = fc.integer({ min: 0, max: ENTITIES.length - 1 });
const pick = fc.nat({ max: 10_000 });
const STEP: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('intake' as const), entity: entityIndex }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('transition' as const), pick, to: fc.constantFrom(...TRANSITIONS) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('reassign' as const),
      pick,
      entity: entityIndex,
      named: fc.option(fc.nat({ max: 3 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refer' as const), pick, entity: entityIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('toggleActive' as const),
      focalPoint: fc.integer({ min: 0, max: FOCAL_POINTS.length - 1 }),
    }),
  },
);

async function runStep(db: HubDatabase, step: Step): Promise<void> {
  if (step.kind === 'intake') {
    const entity = ENTITIES[step.entity]!;
    const expected = await leastBusy(db, entity.id);
    const created = await intake(db, entity.code);
    // What the citizen's case gets: the least-busy active focal point of its entity, or none yet.
    if (expected.length === 0) expect(created).toMatchObject({ status: 'submitted', focal_point_id: null });
    else {
      expect(created.status).toBe('assigned');
      expect(expected).toContain(created.focal_point_id);
    }
    return;
  }
  if (step.kind === 'toggleActive') {
    await db.query('UPDATE focal_points SET active = NOT active WHERE id = $1', [FOCAL_POINTS[step.focalPoint]]);
    return;
  }
  const cases = await db.query<CaseRow>(
    'SELECT id::text AS id, status, version, entity_id, focal_point_id FROM cases ORDER BY id',
  );
  if (cases.length === 0) return;
  const target = cases[step.pick % cases.length]!;
  const focalPoint: Actor = {
    userId: target.focal_point_id ?? 'fp-x',
    role: 'focalPoint',
    entityId: target.entity_id,
    focalPointId: target.focal_point_id,
  };
  switch (step.kind) {
    case 'transition': {
      const caseId = target.id;
      const run = {
        accept: () => executeCommand(db, 'acceptCase', focalPoint, { clientId: clientId(), caseId }),
        answer: () => executeCommand(db, 'answerCase', focalPoint, { clientId: clientId(), caseId, answer: 'تم' }),
        ask: () => executeCommand(db, 'askCitizen', focalPoint, { clientId: clientId(), caseId, question: 'متى؟' }),
        close: () => executeCommand(db, 'closeCase', focalPoint, { clientId: clientId(), caseId }),
        reopen: () => transitionCase(db, caseId, { to: 'reopened', actor: 'citizen', at: new Date() }),
      }[step.to];
      return allowingRefusal(run());
    }
    case 'reassign': {
      const entity = ENTITIES[step.entity]!;
      const named = step.named === null ? null : (entity.focalPoints[step.named % 4] ?? null);
      const [active] = named
        ? await db.query('SELECT 1 FROM focal_points WHERE id = $1 AND active', [named])
        : [undefined];
      return allowingRefusal(
        executeCommand(db, 'reassignCase', supervisor, {
          clientId: clientId(),
          caseId: target.id,
          expectedVersion: target.version,
          toEntityCode: entity.code,
          toFocalPointId: active ? named : null,
          reason: 'اختصاص',
        }),
      );
    }
    case 'refer':
      return allowingRefusal(
        executeCommand(db, 'referCase', focalPoint, {
          clientId: clientId(),
          caseId: target.id,
          toEntityCode: ENTITIES[step.entity]!.code,
          reason: 'ليس من اختصاصنا',
        }),
      );
    case 'delete':
      return deleteCase(db, target.id);
  }
}

describe.each(await hubTargets())('focal point load on $name', (target) => {
  let db: HubDatabase;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await target.create();
    dispose = created.dispose;
    db = await openHubDatabase(created.config);
    await db.query(
      `INSERT INTO entities (id, code, name_ar, name_en, sector, kind)
       SELECT r->>'id', r->>'code', r->>'code', r->>'code', 'health', 'ministry' FROM json_array_elements($1::json) r`,
      [JSON.stringify(ENTITIES)],
    );
    await db.query(
      `INSERT INTO focal_points (id, entity_id, name_ar, name_en, phone, email, active)
       SELECT r->>'id', r->>'entity', 'ضابط', 'Officer', '+962790000000', 'fp@example.jo', (r->>'id') <> 'fp-m4'
       FROM json_array_elements($1::json) r`,
      [JSON.stringify(ENTITIES.flatMap((e) => e.focalPoints.map((id) => ({ id, entity: e.id }))))],
    );
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  it('gives each new case to the least-busy active focal point of its entity', async () => {
    // fp-m4 is inactive: it never gets a case, however idle.
    const first: CaseRow[] = [];
    for (let i = 0; i < 3; i++) first.push(await intake(db, 'MOH'));
    expect(first.map((c) => c.focal_point_id)).toEqual(['fp-m1', 'fp-m2', 'fp-m3']);
    // fp-m2 answers its case (an answered case is not busy): the next case is fp-m2's.
    const m2Actor: Actor = { userId: 'fp-m2', role: 'focalPoint', entityId: 'ent-moh', focalPointId: 'fp-m2' };
    await executeCommand(db, 'answerCase', m2Actor, { clientId: clientId(), caseId: first[1]!.id, answer: 'تم' });
    expect((await intake(db, 'MOH')).focal_point_id).toBe('fp-m2');
    // The citizen reopens the answered case: fp-m2 is the busiest now, and fp-m1 (lowest id of the rest) is next.
    await transitionCase(db, first[1]!.id, { to: 'reopened', actor: 'citizen', at: new Date() });
    expect((await intake(db, 'MOH')).focal_point_id).toBe('fp-m1');
    await expectLoadsExact(db);
  });

  it('keeps every focal point’s load exact through any run of intakes, transitions, reassigns, referrals and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(STEP, { minLength: 5, maxLength: 25, size: 'max' }), async (steps) => {
        for (const step of steps) {
          await runStep(db, step);
          await expectLoadsExact(db);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('stays exact when intakes and reassigns crossing between two focal points run at once', async () => {
    for (const fp of FOCAL_POINTS)
      await db.query(`UPDATE focal_points SET active = (id <> 'fp-m4') WHERE id = $1`, [fp]);
    const moh = await Promise.all(Array.from({ length: 8 }, () => intake(db, 'MOH')));
    const gam = await Promise.all(Array.from({ length: 8 }, () => intake(db, 'GAM')));
    const reassign = (c: CaseRow, toEntityCode: string, toFocalPointId: string) =>
      executeCommand(db, 'reassignCase', supervisor, {
        clientId: clientId(),
        caseId: c.id,
        expectedVersion: c.version,
        toEntityCode,
        toFocalPointId,
        reason: 'تبادل',
      });
    // Cases move m1 → g1 and g1 → m1 at once (and intakes keep coming): a crossing pair locks both
    // focal points' rows, always in the same order, so neither waits on the other for ever.
    await Promise.all([
      ...moh.map((c) => reassign(c, 'GAM', 'fp-g1')),
      ...gam.map((c) => reassign(c, 'MOH', 'fp-m1')),
      ...Array.from({ length: 8 }, () => intake(db, 'MOH')),
    ]);
    await expectLoadsExact(db);
  });
});
