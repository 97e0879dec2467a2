/** Who is asking: every command and read is checked against this on the hub. */
export const STAFF_ROLES = ['operator', 'supervisor', 'support', 'administrator', 'focalPoint'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Actor {
  userId: string;
  /** Staff sign in; a citizen acts on their own application through a channel. */
  role: StaffRole | 'citizen';
  /** A focal point's entity: they see and act on that entity's cases only. */
  entityId: string | null;
  focalPointId: string | null;
}

export const actorLabel = (actor: Actor) => `${actor.role}:${actor.userId}`;
