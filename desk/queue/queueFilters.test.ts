import { describe, expect, it } from 'vitest';
import { openReplicaDatabase } from '../replica/openReplicaDatabase';
import {
  selectionMatcher,
  selectionSignature,
  selectionWhere,
  type QueueSelection,
  type WindowRow,
} from './queueFilters';
import type { QueueFilters, QueueSort } from '../../shared/contract/deskContract';

const { db } = openReplicaDatabase(':memory:');
db.exec(`INSERT INTO entities VALUES ('ent-a', 'A', 'أ', 'A', 'health', 'ministry', NULL, 1),
                                    ('ent-b', 'B', 'ب', 'B', 'economy', 'ministry', NULL, 1)`);
const insert = db.prepare(
  `INSERT INTO cases (id, number, type, channel, entity_id, focal_point_id, pillar, importance, status, escalation_level,
     title, body, language, applicant_name, applicant_phone, submitted_at, due_at, updated_at, version, seq, is_open)
   VALUES (@id, @id, @type, @channel, @entity, @fp, 'deliveryTime', @importance, @status, @level, 't', 'b', 'ar', 'n', 'p',
     '2026-11-01T00:00:00.000Z', NULL, '2026-11-01T00:00:00.000Z', 1, 1, @open)`,
);
// Every combination of a few values per facet, so each filter both keeps and drops rows.
let n = 0;
for (const entity of ['ent-a', 'ent-b'])
  for (const fp of ['fp-1', null])
    for (const type of ['complaint', 'report'])
      for (const status of ['assigned', 'closed'])
        for (const level of ['focalPoint', 'minister'])
          insert.run({
            id: `case-${n++}`,
            type,
            channel: n % 2 ? 'web' : 'chatbot',
            entity,
            fp,
            importance: n % 3 ? 'normal' : 'critical',
            status,
            level,
            open: status === 'closed' ? 0 : 1,
          });
const rows = db
  .prepare(
    `SELECT id, urgent_key, submitted_at, is_open, entity_id, focal_point_id, type, channel, pillar, importance, status,
            escalation_level FROM cases`,
  )
  .all() as WindowRow[];
const sectorOf = (id: string) => ({ 'ent-a': 'health', 'ent-b': 'economy' })[id];

const SELECTIONS: [string, boolean, QueueFilters][] = [
  ['nothing', false, {}],
  ['open only', true, {}],
  ['an entity', false, { entityId: ['ent-a'] }],
  ['two entities', false, { entityId: ['ent-a', 'ent-b'] }],
  ['a sector', false, { sector: ['economy'] }],
  ['a focal point', true, { focalPointId: ['fp-1'] }],
  ['type, channel, importance', false, { type: ['report'], channel: ['web'], importance: ['critical'] }],
  ['status and ladder level', false, { status: ['assigned'], escalationLevel: ['minister'] }],
  ['a hostile value', false, { entityId: ["x') OR 1=1 --"] }],
];

describe('queue selection', () => {
  it.each(SELECTIONS)('%s: the SQL and the journal’s predicate keep the same cases', (_what, openOnly, filters) => {
    const selection: QueueSelection = { sort: 'urgent', openOnly, filters };
    const { clauses, params } = selectionWhere(selection);
    const bySql = db
      .prepare(`SELECT id FROM cases c ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY id`)
      .pluck()
      .all(params);
    const matches = selectionMatcher(selection, sectorOf);
    expect(
      rows
        .filter(matches)
        .map((r) => r.id)
        .sort(),
    ).toEqual(bySql);
  });

  it('names a selection the same whatever the order of its filters and values', () => {
    const a = selectionSignature({
      sort: 'urgent',
      openOnly: false,
      filters: { status: ['closed', 'assigned'], type: ['report'] },
    });
    const b = selectionSignature({
      sort: 'urgent',
      openOnly: false,
      filters: { type: ['report'], status: ['assigned', 'closed'] },
    });
    expect(a).toBe(b);
    expect(selectionSignature({ sort: 'newest', openOnly: false, filters: {} })).not.toBe(
      selectionSignature({ sort: 'urgent', openOnly: false, filters: {} }),
    );
  });

  it.each<[QueueSort, QueueFilters, string]>([
    ['urgent', {}, 'cases_by_urgency'],
    ['urgent', { entityId: ['ent-a'] }, 'cases_by_entity_urgency'],
    ['urgent', { entityId: ['ent-a', 'ent-b'] }, 'cases_by_urgency'],
    ['urgent', { sector: ['health'] }, 'cases_by_urgency'],
    ['urgent', { focalPointId: ['fp-1'] }, 'cases_by_focal_point_urgency'],
    ['newest', { entityId: ['ent-a'] }, 'cases_by_newest'],
    ['newest', { focalPointId: ['fp-1'] }, 'cases_by_newest'],
  ])('a %s page with %j walks %s, sorting nothing', (sort, filters, index) => {
    const { clauses, params } = selectionWhere({ sort, openOnly: false, filters });
    const [key, order] =
      sort === 'urgent' ? ['c.urgent_key', 'c.urgent_key, c.id'] : ['c.submitted_at', 'c.submitted_at DESC, c.id DESC'];
    const keyset = `(${key}, c.id) ${sort === 'urgent' ? '>' : '<'} ('1', 'x')`;
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.id FROM cases c WHERE ${[...clauses, keyset].join(' AND ')} ORDER BY ${order} LIMIT 100`,
        )
        .all(params) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toContain(index);
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
