import { z } from 'zod';

/** Who may see and announce presence: the operation room's desks, never focal points or citizens. */
export const PRESENCE_ROLES = ['operator', 'supervisor', 'support', 'administrator'] as const;

export const PRESENCE_EVENTS = {
  /** Desk → hub, acknowledged with a PresenceSnapshot: this socket wants presence. */
  join: 'presence:join',
  /** Desk → hub, acknowledged with `{ ok }`: the case this desk has open now (null: none). */
  viewing: 'presence:viewing',
  /** Hub → desks: everyone viewing a case now. */
  changed: 'presence:changed',
} as const;

export const PresenceViewing = z.object({ caseId: z.string().min(1).max(64).nullable() }).strict();
export type PresenceViewing = z.infer<typeof PresenceViewing>;

export const PresenceViewer = z.object({
  caseId: z.string().max(64),
  userId: z.string().max(100),
  role: z.string().max(32),
});
export const PresenceSnapshot = z.object({ viewers: z.array(PresenceViewer).max(5000) });
export type PresenceSnapshot = z.infer<typeof PresenceSnapshot>;
