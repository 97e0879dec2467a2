import { z } from 'zod';

export const ALERT_KINDS = ['breach', 'referral', 'atRisk', 'lowRating', 'reopened', 'unansweredChase'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

const isoInstant = z.iso.datetime({ offset: true });

/** An alert for the operation room, as the hub publishes it to consoles. */
export const AlertRecord = z
  .object({
    id: z.uuid(),
    caseId: z.uuid().nullable(),
    kind: AlertKind,
    /** Ids and levels only (from, to, the case number): no personal data. */
    detail: z.record(z.string(), z.unknown()),
    raisedAt: isoInstant,
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: isoInstant.nullable(),
    seq: z.number().int().nonnegative(),
  })
  .strip();
export type AlertRecord = z.infer<typeof AlertRecord>;
