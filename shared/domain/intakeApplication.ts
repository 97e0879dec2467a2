import { z } from 'zod';
import { ApplicationType, Channel, Importance, Pillar } from './taxonomy';

/** What a citizens' channel posts to POST /api/intake/applications. */
export const IntakeApplication = z
  .object({
    /** The channel's own id for this submission: a resend with the same id is the same application. */
    clientId: z.string().min(8).max(100),
    type: ApplicationType,
    channel: Channel,
    entityCode: z.string().min(1).max(32),
    pillar: Pillar,
    importance: Importance.default('normal'),
    title: z.string().trim().min(3).max(300),
    body: z.string().trim().min(1).max(10_000),
    language: z.enum(['ar', 'en']).default('ar'),
    applicant: z
      .object({
        name: z.string().trim().min(2).max(200),
        phone: z.string().regex(/^\+?[0-9 ]{7,20}$/),
      })
      .strict(),
  })
  .strict();
export type IntakeApplication = z.input<typeof IntakeApplication>;

export const IntakeAccepted = z.object({ id: z.uuid(), number: z.string(), seq: z.number().int() });
export type IntakeAccepted = z.infer<typeof IntakeAccepted>;
