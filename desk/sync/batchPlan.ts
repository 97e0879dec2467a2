import type { Change, ChangeBatch } from '../../shared/protocol/syncProtocol';

export type BatchPlan =
  | { action: 'apply'; changes: Change[] }
  /** Everything in it is already applied (a resend after reconnect). */
  | { action: 'ignore' }
  /** A gap, or changes out of order: ask the hub again from where the replica stands. */
  | { action: 'catchUp'; reason: 'gap' | 'outOfOrder' };

/**
 * What to do with a batch given the last applied sequence number. Only
 * changes that continue the replica exactly are applied; a replayed batch is
 * trimmed to what is new; anything else is never applied but re-requested.
 */
export function planBatch(lastApplied: number, batch: Pick<ChangeBatch, 'afterSeq' | 'changes'>): BatchPlan {
  const last = batch.changes.at(-1)!.seq;
  if (last <= lastApplied) return { action: 'ignore' };
  if (batch.afterSeq > lastApplied) return { action: 'catchUp', reason: 'gap' };
  const fresh = batch.changes.filter((c) => c.seq > lastApplied);
  let expected = lastApplied + 1;
  for (const change of fresh) {
    if (change.seq !== expected++) return { action: 'catchUp', reason: 'outOfOrder' };
  }
  return { action: 'apply', changes: fresh };
}
