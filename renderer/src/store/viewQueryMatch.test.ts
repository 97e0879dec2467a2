import { describe, expect, it } from 'vitest';
import { sameQuery } from './viewQueryMatch';

describe('sameQuery', () => {
  const view = {
    sort: 'urgent' as const,
    openOnly: true,
    filters: { entityId: ['b', 'a'], status: [] },
    clock: { unchangedDays: 3 },
  };
  it('treats empty parts as absent and lists in any order as equal', () => {
    expect(
      sameQuery(view, {
        sort: 'urgent',
        search: undefined,
        openOnly: true,
        filters: { entityId: ['a', 'b'] },
        clock: { unchangedDays: 3, slaState: [] },
      }),
    ).toBe(true);
  });
  it('tells apart a different sort, search, open-only or clock filter', () => {
    const base = {
      sort: 'urgent' as const,
      search: undefined,
      openOnly: true,
      filters: { entityId: ['a', 'b'] },
      clock: { unchangedDays: 3 },
    };
    expect(sameQuery(view, { ...base, sort: 'newest' })).toBe(false);
    expect(sameQuery(view, { ...base, search: 'ماء' })).toBe(false);
    expect(sameQuery(view, { ...base, openOnly: false })).toBe(false);
    expect(sameQuery(view, { ...base, clock: { unchangedDays: 4 } })).toBe(false);
    expect(sameQuery(view, { ...base, filters: { entityId: ['a'] } })).toBe(false);
  });
});
