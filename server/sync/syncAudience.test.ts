import { describe, expect, it } from 'vitest';
import { audienceOf, changeFor } from './syncAudience';
import type { Change } from '../../shared/protocol/syncProtocol';
import type { Actor } from '../commands/actor';

const caseChange = (entityId: string): Change =>
  ({
    seq: 9,
    table: 'cases',
    op: 'upsert',
    id: 'c1',
    row: { id: 'c1', entityId, applicantName: 'رنا محمود', applicantPhone: '+962791234567' },
  }) as unknown as Change;
const actor = (role: Actor['role'], entityId: string | null = null): Actor => ({
  userId: 'u',
  role,
  entityId,
  focalPointId: null,
});

describe('sync audience', () => {
  it.each([
    ['operator', null, 'ent-moh', 'upsert', '+962791234567'],
    ['supervisor', null, 'ent-moh', 'upsert', '+962791234567'],
    ['support', null, 'ent-moh', 'upsert', ''],
    ['focalPoint', 'ent-moh', 'ent-moh', 'upsert', '+962791234567'],
    ['focalPoint', 'ent-gam', 'ent-moh', 'delete', null],
  ] as const)('%s of %s sees a case of %s as %s with phone %s', (role, scope, caseEntity, op, phone) => {
    const seen = changeFor(audienceOf(actor(role, scope)), caseChange(caseEntity));
    expect(seen.op).toBe(op);
    expect(seen.row ? (seen.row as { applicantPhone: string }).applicantPhone : null).toBe(phone);
  });
});
