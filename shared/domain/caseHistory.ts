import { z } from 'zod';

/** A case's timeline, the chases of its focal point and the operation room's notes, as the hub serves them. */
export const CaseHistory = z.object({
  events: z
    .array(z.object({ at: z.string(), kind: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()) }))
    .max(5000),
  chases: z
    .array(
      z.object({
        id: z.string(),
        channel: z.string(),
        template: z.string(),
        message: z.string(),
        sentBy: z.string(),
        sentAt: z.string(),
        answeredAt: z.string().nullable(),
        answer: z.string().nullable(),
      }),
    )
    .max(1000),
  notes: z.array(z.object({ id: z.string(), author: z.string(), body: z.string(), at: z.string() })).max(1000),
});
export type CaseHistory = z.infer<typeof CaseHistory>;
