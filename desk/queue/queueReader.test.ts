import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import { ReplicaStore } from '../replica/replicaStore';
import { QueueReader } from './queueReader';
import type { CaseRecord } from '../../shared/domain/caseRecord';
import { caseRecord } from '../../tests/support/caseRecordFixture';
import { QueueQuery } from '../../shared/contract/deskContract';
import { buildSearch } from '../../tests/support/buildSearch';

const base = caseRecord({
  entityId: 'ent-gam',
  focalPointId: null,
  importance: 'normal',
  submittedAt: '2026-11-01T10:00:00.000Z',
  dueAt: '2026-11-10T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  seq: 1,
});
const cases: CaseRecord[] = [
  {
    ...base,
    id: '018f0000-0000-7000-8000-000000000001',
    number: 'BK-26-0000001',
    title: 'انقطاع المياه في إربد',
    body: 'المياه مقطوعة منذ أسبوع عن الحَيّ',
    applicantPhone: '+962791111111',
  },
  {
    ...base,
    id: '018f0000-0000-7000-8000-000000000002',
    number: 'BK-26-0000002',
    title: 'تأخر تجديد جواز السفر',
    body: 'لم يصدر الجواز بعد',
    applicantPhone: '+962782222222',
  },
  {
    ...base,
    id: '018f0000-0000-7000-8000-000000000003',
    number: 'BK-26-0000003',
    title: 'Water cut in Irbid',
    body: 'No water for a week',
    applicantPhone: '+962773333333',
    language: 'en',
    type: 'inquiry',
  },
  {
    ...base,
    id: '018f0000-0000-7000-8000-000000000004',
    number: 'BK-26-0000004',
    title: 'شكوى على مستشفى البشير',
    body: 'الانتظار طويل في الطوارئ',
    applicantPhone: '+962794444444',
    escalationLevel: 'director',
  },
];

function reader() {
  const { db } = openReplicaDatabase(':memory:');
  const store = new ReplicaStore(db);
  store.beginBootstrap('e', 1, { keepRows: false });
  store.writeSnapshotPage('cases', cases, cases.at(-1)!.id, true);
  store.completeBootstrap();
  buildSearch(db); // search is built behind the snapshot
  return new QueueReader(db);
}
const search = (text: string) =>
  reader()
    .page(QueueQuery.parse({ limit: 50, search: text }))
    .rows.map((r) => r.number)
    .sort();

describe('queue search', () => {
  it.each([
    ['a word as written', 'المياه', ['BK-26-0000001']],
    ['hamza forms ignored (اربد finds إربد)', 'اربد', ['BK-26-0000001']],
    ['diacritics ignored', 'الحي', ['BK-26-0000001']],
    ['taa marbuta and alef maqsura ignored (مستشفي)', 'مستشفي', ['BK-26-0000004']],
    ['a prefix of a word', 'جواز', ['BK-26-0000002']],
    ['English, any case', 'WATER', ['BK-26-0000003']],
    ['a case number', 'BK-26-0000004', ['BK-26-0000004']],
    ['a phone number with its country code', '+962782222222', ['BK-26-0000002']],
    ['a local phone number', '0782222222', ['BK-26-0000002']],
    ['two words, both required', 'انقطاع اربد', ['BK-26-0000001']],
    ['nothing matching', 'كهرباء', []],
    ['FTS syntax typed by a user, harmlessly', '"* OR NEAR(', []],
  ])('finds %s', (_what, text, expected) => {
    expect(search(text)).toEqual(expected);
  });
});

describe('queue SLA clocks', () => {
  it('counts each case down in working time with the hub-corrected clock, and keeps counting offline', () => {
    const { db } = openReplicaDatabase(':memory:');
    const store = new ReplicaStore(db);
    store.beginBootstrap('e', 1, { keepRows: false });
    store.writeSnapshotPage('cases', cases, cases.at(-1)!.id, true);
    const due = Date.parse(base.dueAt!);
    let now = due - 30 * 60_000;
    const reader = new QueueReader(db, () => now);
    const first = () => reader.page(QueueQuery.parse({ limit: 1 })).rows[0]!.sla!;
    expect(first().state).toBe('atRisk');
    expect(first().workingMinutesLeft).toBeGreaterThan(0);
    now = due + 60_000;
    expect(first().state).toBe('breached');
  });
});

describe('queue filters', () => {
  const numbers = (filters: object, openOnly = false) =>
    reader()
      .page(QueueQuery.parse({ limit: 50, openOnly, filters }))
      .rows.map((r) => r.number)
      .sort();

  it.each([
    ['no filter', {}, ['BK-26-0000001', 'BK-26-0000002', 'BK-26-0000003', 'BK-26-0000004']],
    ['a type', { type: ['complaint'] }, ['BK-26-0000001', 'BK-26-0000002', 'BK-26-0000004']],
    ['an entity', { entityId: ['ent-gam'] }, ['BK-26-0000001', 'BK-26-0000002', 'BK-26-0000003', 'BK-26-0000004']],
    ['another entity', { entityId: ['ent-moh'] }, []],
    [
      'a status and an escalation level together',
      { status: ['assigned'], escalationLevel: ['director'] },
      ['BK-26-0000004'],
    ],
    ['a hostile value, bound not spliced', { entityId: ["x') OR 1=1 --"] }, []],
  ])('%s', (_what, filters, expected) => {
    expect(numbers(filters)).toEqual(expected);
  });

  it('refuses an unknown vocabulary value before it reaches SQL', () => {
    expect(QueueQuery.safeParse({ filters: { status: ['deleted'] } }).success).toBe(false);
  });
});
