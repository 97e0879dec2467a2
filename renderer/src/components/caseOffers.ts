import type { CaseStatus } from '../../../shared/domain/taxonomy';

// What a desk may do with a case follows from where the case is: a closed case is history
// (nothing to take on, chase or move); an answered one waits for the citizen, not for a focal point.

/** What the claim control shows: claim it, release my claim, who holds it, or nothing. */
export type ClaimOffer = 'claim' | 'release' | 'heldBy' | null;

/** `holder` is the user holding the claim (null when none), `me` the signed-in user. */
export function claimOffer(status: CaseStatus, holder: string | null, me: string | null): ClaimOffer {
  if (status === 'closed') return null;
  if (holder && holder !== me) return 'heldBy';
  // A claim of mine on an answered case may still be let go; no new one is offered on it.
  if (holder) return 'release';
  return status === 'answered' ? null : 'claim';
}

/** A focal point to chase, on a case still waiting for the government's answer. */
export function chaseOffered(status: CaseStatus, focalPointName: string | null): boolean {
  return Boolean(focalPointName) && status !== 'closed' && status !== 'answered';
}

/** Any case not yet closed may move to another entity (the role is checked apart). */
export function reassignOffered(status: CaseStatus): boolean {
  return status !== 'closed';
}
