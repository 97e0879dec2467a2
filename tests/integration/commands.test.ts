import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RunningHub } from '../../server/hubServer';
import { executeCommand } from '../../server/commands/commandRoutes';
import type { Actor } from '../../server/commands/actor';
import { HubError } from '../../server/http/hubError';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

const supervisor: Actor = { userId: 'rana', role: 'supervisor', entityId: null, focalPointId: null };
const operator: Actor = { userId: 'huda', role: 'operator', entityId: null, focalPointId: null };
const operator2: Actor = { userId: 'omar', role: 'operator', entityId: null, focalPointId: null };
const clientId = () => `cmd-${randomUUID()}`;

async function refusal(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(await hubTargets())('commands on $name', (target) => {
  const fixture = hubFixture(target, { seed: { cases: 200, seed: 8 } });
  let hub: RunningHub;
  let openCase: { id: string; version: number; entity_id: string; focal_point_id: string; number: string };
  let focalPoint: Actor;

  beforeAll(async () => {
    hub = fixture.hub;
    const [first] = (await hub.db.query(
      `SELECT id::text AS id, version, entity_id, focal_point_id, number FROM cases
       WHERE status IN ('assigned', 'inProgress') AND focal_point_id IS NOT NULL ORDER BY id LIMIT 1`,
    )) as (typeof openCase)[];
    openCase = first!;
    focalPoint = {
      userId: openCase.focal_point_id,
      role: 'focalPoint',
      entityId: openCase.entity_id,
      focalPointId: openCase.focal_point_id,
    };
  });
  const version = async (id: string) =>
    ((await hub.db.query('SELECT version FROM cases WHERE id = $1::uuid', [id])) as { version: number }[])[0]!.version;
  const events = async (id: string, kind: string) =>
    (
      (await hub.db.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1::uuid AND kind = $2', [
        id,
        kind,
      ])) as { n: number }[]
    )[0]!.n;

  it('lets only supervisors reassign', async () => {
    const error = await refusal(
      executeCommand(hub.db, 'reassignCase', operator, {
        clientId: clientId(),
        caseId: openCase.id,
        expectedVersion: openCase.version,
        toEntityCode: 'GAM',
        reason: 'اختصاص الأمانة',
      }),
    );
    expect(error.statusCode).toBe(403);
  });

  it('reassigns once however often the same command is sent', async () => {
    const command = {
      clientId: clientId(),
      caseId: openCase.id,
      expectedVersion: openCase.version,
      toEntityCode: 'GAM',
      reason: 'اختصاص الأمانة',
    };
    const results = await Promise.all([1, 2, 3].map(() => executeCommand(hub.db, 'reassignCase', supervisor, command)));
    expect(new Set(results.map((r) => r.seq)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await version(openCase.id)).toBe(openCase.version + 1);
    expect(await events(openCase.id, 'reassigned')).toBe(1);
    const [moved] = (await hub.db.query('SELECT entity_id FROM cases WHERE id = $1::uuid', [openCase.id])) as {
      entity_id: string;
    }[];
    expect(moved!.entity_id).toBe('ent-gam');
  });

  it('refuses a reassign made on a stale version, saying who changed what', async () => {
    const error = await refusal(
      executeCommand(hub.db, 'reassignCase', supervisor, {
        clientId: clientId(),
        caseId: openCase.id,
        expectedVersion: openCase.version,
        toEntityCode: 'MOH',
        reason: 'خطأ',
      }),
    );
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('staleVersion');
    expect(error.message).toContain(openCase.number);
    expect(error.message).toContain('reassigned by supervisor:rana');
  });

  it('keeps a focal point to their own entity: another entity’s case does not exist for them', async () => {
    // The case now belongs to Greater Amman Municipality, not the focal point's entity.
    const error = await refusal(
      executeCommand(hub.db, 'acceptCase', focalPoint, { clientId: clientId(), caseId: openCase.id }),
    );
    expect(error.statusCode).toBe(404);
  });

  it('lets one desk claim a case and tells the next who is on it, without touching the version', async () => {
    const before = await version(openCase.id);
    await executeCommand(hub.db, 'claimCase', operator, { clientId: clientId(), caseId: openCase.id, claim: true });
    const error = await refusal(
      executeCommand(hub.db, 'claimCase', operator2, { clientId: clientId(), caseId: openCase.id, claim: true }),
    );
    expect(error.statusCode).toBe(409);
    expect(error.message).toContain('operator:huda');
    expect(await version(openCase.id)).toBe(before);
  });

  it('chases the focal point and records their answer', async () => {
    const [assigned] = (await hub.db.query(
      `SELECT id::text AS id, focal_point_id, entity_id FROM cases WHERE status IN ('assigned', 'inProgress') AND focal_point_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
    )) as { id: string; focal_point_id: string; entity_id: string }[];
    const chase = await executeCommand(hub.db, 'chaseFocalPoint', operator, {
      clientId: clientId(),
      caseId: assigned!.id,
      channel: 'sms',
      template: 'lateFirstResponse',
      message: 'نرجو الرد على الطلب المتأخر',
    });
    const theirs: Actor = {
      userId: assigned!.focal_point_id,
      role: 'focalPoint',
      entityId: assigned!.entity_id,
      focalPointId: assigned!.focal_point_id,
    };
    await executeCommand(hub.db, 'replyToChase', theirs, {
      clientId: clientId(),
      chaseId: chase.id!,
      answer: 'تم الرد اليوم',
    });
    const [row] = (await hub.db.query(
      'SELECT answer, answered_at IS NOT NULL AS answered FROM chases WHERE id = $1::uuid',
      [chase.id],
    )) as {
      answer: string;
      answered: boolean;
    }[];
    expect(row).toEqual({ answer: 'تم الرد اليوم', answered: true });
  });

  it('refuses a client id reused for a different command', async () => {
    const id = clientId();
    await executeCommand(hub.db, 'addNote', operator, { clientId: id, caseId: openCase.id, body: 'ملاحظة' });
    const error = await refusal(
      executeCommand(hub.db, 'claimCase', operator, { clientId: id, caseId: openCase.id, claim: false }),
    );
    expect(error.code).toBe('clientIdReused');
  });

  it.each([
    ['an unknown command', 'dropTables', {}, 404],
    ['a malformed case id', 'addNote', { clientId: clientId(), caseId: "1'; DROP TABLE cases;--", body: 'x' }, 400],
    ['an unknown field', 'addNote', { clientId: clientId(), caseId: randomUUID(), body: 'x', admin: true }, 400],
    ['a missing case', 'addNote', { clientId: clientId(), caseId: randomUUID(), body: 'x' }, 404],
  ])('refuses %s', async (_what, name, input, status) => {
    expect((await refusal(executeCommand(hub.db, name, operator, input))).statusCode).toBe(status);
  });
});

describe('the citizen’s own actions', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 200, seed: 3 } });
  it('rates an answered application and reopens it, proven by the phone it was made with', async () => {
    const { hub } = fixture;
    const [c] = (await hub.db.query(
      `SELECT number, applicant_phone AS phone FROM cases WHERE status = 'answered' ORDER BY id LIMIT 1`,
    )) as { number: string; phone: string }[];
    const post = (path: string, body: unknown) =>
      fetch(`${hub.url}/api/citizen/applications/${c!.number}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const localPhone = '0' + c!.phone.slice(-9);
    expect((await post('rating', { clientId: randomUUID(), phone: '+962700000000', rating: 5 })).status).toBe(404);
    expect(
      (await post('rating', { clientId: randomUUID(), phone: localPhone, rating: 2, comment: 'الرد لم يحل المشكلة' }))
        .status,
    ).toBe(200);
    expect(
      (await post('reopen', { clientId: randomUUID(), phone: c!.phone, reason: 'المشكلة ما زالت قائمة' })).status,
    ).toBe(200);
    const [after] = (await hub.db.query('SELECT status, rating, rating_comment FROM cases WHERE number = $1', [
      c!.number,
    ])) as {
      status: string;
      rating: number;
      rating_comment: string;
    }[];
    expect(after).toEqual({ status: 'reopened', rating: 2, rating_comment: 'الرد لم يحل المشكلة' });
  });
});
