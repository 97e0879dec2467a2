import { z } from 'zod';
import { ApplicationType, CaseStatus, Channel, EscalationLevel, Importance, Pillar } from './taxonomy';

const isoInstant = z.iso.datetime({ offset: true });

/**
 * A case as the hub publishes it to consoles: one row of the synced `cases`
 * table. `version` counts changes to the case (reassign conflicts compare it);
 * `seq` is the change-log position of the last change, so a replica can tell an
 * older copy from a newer one whatever order it receives them in.
 */
export const CaseRecord = z
  .object({
    id: z.uuid(),
    number: z.string().regex(/^BK-\d{2}-\d{7}$/),
    type: ApplicationType,
    channel: Channel,
    entityId: z.string().min(1).max(64),
    focalPointId: z.string().min(1).max(64).nullable(),
    pillar: Pillar,
    importance: Importance,
    status: CaseStatus,
    escalationLevel: EscalationLevel,
    title: z.string().min(1).max(300),
    body: z.string().max(10_000),
    language: z.enum(['ar', 'en']),
    applicantName: z.string().max(200),
    applicantPhone: z.string().max(32),
    submittedAt: isoInstant,
    dueAt: isoInstant.nullable(),
    firstResponseAt: isoInstant.nullable(),
    answeredAt: isoInstant.nullable(),
    closedAt: isoInstant.nullable(),
    /**
     * Every stretch the case spent awaiting the citizen (`to` null while it
     * still does): the SLA clocks stop for them, and the desk needs them to
     * count down exactly as the hub does.
     */
    pauses: z
      .array(z.object({ from: isoInstant, to: isoInstant.nullable() }).strict())
      .max(500)
      .default([]),
    /** The last time the citizen heard from the government: the update clock restarts there. */
    lastUpdateAt: isoInstant.nullable().default(null),
    /** The hub's first-response and update deadlines; null once that clock has stopped for good. */
    firstResponseDueAt: isoInstant.nullable().default(null),
    updateDueAt: isoInstant.nullable().default(null),
    rating: z.number().int().min(1).max(5).nullable(),
    ratingComment: z.string().max(2000).nullable().default(null),
    /** Who in the operation room said "I'm on it", so two desks never chase the same case. */
    claimedBy: z.string().max(100).nullable().default(null),
    claimedAt: isoInstant.nullable().default(null),
    updatedAt: isoInstant,
    version: z.number().int().positive(),
    seq: z.number().int().nonnegative(),
  })
  // Not strict: a newer hub may add fields an older console does not know; they are dropped, not fatal.
  .strip();
export type CaseRecord = z.infer<typeof CaseRecord>;
