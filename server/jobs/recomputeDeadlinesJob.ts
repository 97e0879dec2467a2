import { hasRecomputeToDo, recomputeOpenDeadlines, type RecomputeHooks } from '../sla/recomputeDeadlines';
import type { TimedJob } from './jobScheduler';

export const RECOMPUTE_DEADLINES_JOB = 'recompute-open-deadlines';

export interface RecomputeJobOptions {
  everyMs?: number;
  batchSize?: number;
  pauseMs?: number;
  restShare?: number;
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
        // A few milliseconds between batches, so writers that queued behind one go before the next. PGlite runs in
        // this thread: a batch there holds up every request the hub is reading, so the job rests as long as its
        // batch took, leaving the hub half its time: back to back, an intake sent as the run began would wait for
        // nearly all of the run.
        pauseMs: options.pauseMs ?? 5,
        restShare: options.restShare ?? (db.kind === 'pglite' ? 1 : 0),
        hooks: options.hooks,
      }),
  };
}
