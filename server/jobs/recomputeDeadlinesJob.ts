import { hasRecomputeToDo, recomputeOpenDeadlines, type RecomputeHooks } from '../sla/recomputeDeadlines';
import type { TimedJob } from './jobScheduler';

export const RECOMPUTE_DEADLINES_JOB = 'recompute-open-deadlines';

export interface RecomputeJobOptions {
  everyMs?: number;
  batchSize?: number;
  pauseMs?: number;
  /** Tests only (tests/integration/slaRecompute.test.ts). */
  hooks?: RecomputeHooks;
}

/**
 * Applies a rule change to the open cases' deadlines, in batches, after the
 * administrator's command has committed (server/sla/recomputeDeadlines.ts).
 * It ticks every second, but an idle tick is one read of a partial index and
 * no lease write; the hub also kicks it when it hears a rules NOTIFY, so a
 * run starts at once. Under the lease one process works a run; the lease is
 * renewed between batches, and the run's row lock keeps two processes whose
 * leases overlap from ever doing a batch twice.
 */
export function recomputeDeadlinesJob(options: RecomputeJobOptions = {}): TimedJob {
  return {
    name: RECOMPUTE_DEADLINES_JOB,
    everyMs: options.everyMs ?? 1_000,
    hasWork: (db) => hasRecomputeToDo(db),
    run: (db, _now, context) =>
      recomputeOpenDeadlines(db, {
        now: context.now,
        carryOn: context.carryOn,
        batchSize: options.batchSize,
        // A few milliseconds between batches: on PGlite, which runs one transaction at a time, the intake and
        // commands that queued behind a batch go first; on PostgreSQL the change counter is free in between.
        pauseMs: options.pauseMs ?? 5,
        hooks: options.hooks,
      }),
  };
}
