import { z } from 'zod';

/** A case's resolution clock as the desk computes it (QueueRow.sla.state). */
export const SlaState = z.enum(['running', 'paused', 'atRisk', 'breached', 'met']);
export type SlaState = z.infer<typeof SlaState>;

/**
 * Filters that depend on the time as well as the case: they are read with
 * the hub's clock each time (desk/queue/queueClock.ts), never kept
 * in the queue's journalled counts, which time alone would make wrong.
 */
export const ClockFilters = z
  .object({
    /** Keeps cases whose resolution clock is in one of these states. */
    slaState: z.array(SlaState).max(5).optional(),
    /** Open cases whose resolution deadline passed today (Amman), not yet met. */
    breachedToday: z.boolean().optional(),
    /** Open cases nothing has changed on for at least this many days. */
    unchangedDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type ClockFilters = z.infer<typeof ClockFilters>;

/** Does this ask for anything? An empty clock leaves the query to the queue's own reader. */
export const hasClock = (clock: ClockFilters | undefined): clock is ClockFilters =>
  !!clock && (!!clock.slaState?.length || !!clock.breachedToday || !!clock.unchangedDays);
