import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/protocol/syncProtocol';
import { planBatch } from './batchPlan';

const c = (seq: number) => ({ seq, table: 'entities', op: 'delete', id: `e${seq}`, row: null }) as Change;
const batch = (afterSeq: number, seqs: number[]) => ({ afterSeq, changes: seqs.map(c) });

describe('planBatch', () => {
  it.each([
    ['the next batch', 10, batch(10, [11, 12]), { action: 'apply', seqs: [11, 12] }],
    ['a duplicate (resent after a reconnect)', 12, batch(10, [11, 12]), { action: 'ignore' }],
    ['an overlap: only the new part', 11, batch(10, [11, 12, 13]), { action: 'apply', seqs: [12, 13] }],
    ['a dropped batch before it (gap)', 10, batch(12, [13, 14]), { action: 'catchUp', reason: 'gap' }],
    ['changes out of order', 10, batch(10, [12, 11]), { action: 'catchUp', reason: 'outOfOrder' }],
    ['a hole inside the batch', 10, batch(10, [11, 13]), { action: 'catchUp', reason: 'outOfOrder' }],
    ['a duplicate change inside the batch', 10, batch(10, [11, 11, 12]), { action: 'catchUp', reason: 'outOfOrder' }],
  ] as const)('%s', (_what, lastApplied, input, expected) => {
    const plan = planBatch(lastApplied, input);
    if (expected.action === 'apply') {
      expect(plan.action).toBe('apply');
      expect(plan.action === 'apply' && plan.changes.map((x) => x.seq)).toEqual(expected.seqs);
    } else expect(plan).toEqual(expected);
  });
});
