import type { CaseRecord } from '../../shared/domain/caseRecord';

/** A valid case as the hub publishes it, for tests of the console's cache. */
export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: '018f0000-0000-7000-8000-000000000001',
    number: 'BK-26-0000001',
    type: 'complaint',
    channel: 'web',
    entityId: 'ent-moh',
    focalPointId: 'fp-001',
    pillar: 'deliveryTime',
    importance: 'high',
    status: 'assigned',
    escalationLevel: 'focalPoint',
    title: 'تأخر الموعد',
    body: 'نص',
    language: 'ar',
    applicantName: 'رنا',
    applicantPhone: '+962791234567',
    submittedAt: '2026-11-24T10:00:00.000Z',
    dueAt: '2026-11-26T10:00:00.000Z',
    firstResponseAt: null,
    answeredAt: null,
    closedAt: null,
    pauses: [],
    lastUpdateAt: null,
    firstResponseDueAt: null,
    updateDueAt: null,
    rating: null,
    ratingComment: null,
    claimedBy: null,
    claimedAt: null,
    updatedAt: '2026-11-24T10:00:00.000Z',
    version: 1,
    seq: 10,
    ...overrides,
  };
}
