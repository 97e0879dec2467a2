import { describe, expect, it } from 'vitest';
import { countTableFor } from './queueCounts';
import type { QueueFilters } from '../../shared/contract/deskContract';

describe('counter table for a selection', () => {
  it.each<[string, QueueFilters, boolean, string | null]>([
    ['everything', {}, false, 'queue_counts_by_kind'],
    ['open only', {}, true, 'queue_counts_by_kind'],
    [
      'type, channel, pillar together',
      { type: ['complaint'], channel: ['web'], pillar: ['deliveryTime'] },
      false,
      'queue_counts_by_kind',
    ],
    ['an entity and an importance', { entityId: ['ent-moh'], importance: ['high'] }, true, 'queue_counts_by_entity'],
    [
      'a sector and a ladder level',
      { sector: ['health'], escalationLevel: ['minister'] },
      false,
      'queue_counts_by_entity',
    ],
    ['a focal point, open', { focalPointId: ['fp-001'] }, true, 'queue_counts_by_focal_point'],
    ['an entity and a type: no cube holds both', { entityId: ['ent-moh'], type: ['complaint'] }, false, null],
    ['a focal point and an importance', { focalPointId: ['fp-001'], importance: ['high'] }, false, null],
    ['an empty filter list is no filter', { entityId: [], type: ['report'] }, false, 'queue_counts_by_kind'],
  ])('%s', (_what, filters, openOnly, expected) => {
    expect(countTableFor({ openOnly, filters })).toBe(expected);
  });
});
