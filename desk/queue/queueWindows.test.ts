import { describe, expect, it } from 'vitest';
import { QueueWindow, anchorFor, ladderWith, ladderWithout, type Rung } from './queueWindows';
import type { WindowRow } from './queueFilters';

const rung = (key: string, id: string, position: number): Rung => ({ key, id, position });
/** A ladder over the urgent sort: rungs at b, d, f (positions 0, 10, 20). */
const ladder = () => [rung('b', '1', 0), rung('d', '1', 10), rung('f', '1', 20)];
const positions = (rungs: Rung[]) => rungs.map((r) => `${r.key}@${r.position}`);

describe('position ladder', () => {
  it.each([
    ['a row added before every rung moves them all on', 'with', 'a', '1', ['b@1', 'd@11', 'f@21']],
    ['a row added between rungs moves only the later ones', 'with', 'c', '1', ['b@0', 'd@11', 'f@21']],
    ['a row added after the last rung moves none', 'with', 'g', '1', ['b@0', 'd@10', 'f@20']],
    ['a tie on the key is broken by id', 'with', 'd', '0', ['b@0', 'd@11', 'f@21']],
    ['a row removed between rungs moves the later ones back', 'without', 'c', '1', ['b@0', 'd@9', 'f@19']],
    ['the row under a rung, removed, takes its rung with it', 'without', 'd', '1', ['b@0', 'f@19']],
  ] as const)('%s', (_what, op, key, id, expected) => {
    const rungs = ladder();
    (op === 'with' ? ladderWith : ladderWithout)('urgent', rungs, { key, id });
    expect(positions(rungs)).toEqual(expected);
  });

  it('runs the other way under the newest sort (descending keys)', () => {
    const rungs = [rung('f', '1', 0), rung('d', '1', 10), rung('b', '1', 20)];
    ladderWith('newest', rungs, { key: 'e', id: '1' });
    expect(positions(rungs)).toEqual(['f@0', 'd@11', 'b@21']);
  });

  it.each([
    [0, 'b', 0],
    [9, 'b', 9],
    [10, 'd', 0],
    [25, 'f', 5],
  ])('position %i reads from rung %s, skipping %i', (position, key, skip) => {
    const { rung: from, skip: skipped } = anchorFor(ladder(), position);
    expect([from?.key, skipped]).toEqual([key, skip]);
  });

  it('reads from the start when no rung lies at or before the position', () => {
    expect(anchorFor([rung('d', '1', 10)], 4)).toEqual({ rung: null, skip: 4 });
  });
});

describe('queue window', () => {
  const row = (id: string, due: string, status: string): WindowRow => ({
    id,
    urgent_key: `0${due}`,
    submitted_at: due,
    is_open: 1,
    entity_id: 'ent-moh',
    focal_point_id: null,
    type: 'complaint',
    channel: 'web',
    pillar: 'deliveryTime',
    importance: 'high',
    status,
    escalation_level: 'focalPoint',
  });
  const assignedOnly = (r: WindowRow) => r.status === 'assigned';

  it.each([
    ['a matching row added counts in', null, row('x', '5', 'assigned'), 11],
    ['a row outside the selection changes nothing', null, row('x', '5', 'closed'), 10],
    ['a matching row removed counts out', row('x', '5', 'assigned'), null, 9],
    ['a row leaving the selection counts out', row('x', '5', 'assigned'), row('x', '5', 'closed'), 9],
    ['a row moving inside the selection keeps the count', row('x', '5', 'assigned'), row('x', '7', 'assigned'), 10],
  ])('%s', (_what, before, after, count) => {
    const window = new QueueWindow('urgent', assignedOnly, 10);
    window.apply(before, after);
    expect(window.count).toBe(count);
  });

  it('keeps the rung on a row that changed but stayed where it was in the selection (a note, a touch)', () => {
    const window = new QueueWindow('urgent', assignedOnly, 3000);
    window.step = 1000;
    window.ladder = [rung('0a', 'x', 0), rung('05', 'x', 1000), rung('0c', 'x', 2000)];
    window.apply(row('x', '5', 'assigned'), { ...row('x', '5', 'assigned'), updated_at: '2026-12-01T00:00:00.000Z' });
    expect(window.count).toBe(3000);
    expect(positions(window.ladder)).toEqual(['0a@0', '05@1000', '0c@2000']);
  });

  it('moves a row in or out by membership alone, as the clock does: its key stays', () => {
    const window = new QueueWindow('urgent', assignedOnly, 10);
    window.step = 4;
    window.ladder = [rung('03', 'a', 0), rung('07', 'a', 4)];
    window.move(null, { key: '05', id: 'x' });
    expect([window.count, positions(window.ladder)]).toEqual([11, ['03@0', '07@5']]);
    window.move({ key: '05', id: 'x' }, null);
    window.move({ key: '04', id: 'y' }, null);
    expect([window.count, positions(window.ladder)]).toEqual([9, ['03@0', '07@3']]);
  });

  it('asks for a rebuild once a gap between rungs, or after the last, grows past the limit', () => {
    const window = new QueueWindow('urgent', assignedOnly, 2500);
    expect(window.needsRebuild).toBe(true);
    window.step = 1000;
    window.ladder = [rung('a', '1', 0), rung('b', '1', 1000), rung('c', '1', 2000)];
    expect(window.needsRebuild).toBe(false);
    window.count = 7000;
    expect(window.needsRebuild).toBe(true);
    window.count = 2500;
    window.ladder = [rung('a', '1', 0), rung('c', '1', 5000)];
    expect(window.needsRebuild).toBe(true);
  });
});
