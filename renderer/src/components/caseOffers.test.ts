import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../../shared/domain/taxonomy';
import { chaseOffered, claimOffer, reassignOffered, type ClaimOffer } from './caseOffers';

describe('what a desk is offered on a case', () => {
  it.each<[CaseStatus, string | null, ClaimOffer]>([
    ['assigned', null, 'claim'],
    ['inProgress', 'rana', 'release'],
    ['inProgress', 'huda', 'heldBy'],
    ['awaitingCitizen', null, 'claim'],
    ['reopened', null, 'claim'],
    // Answered: nothing to take on, though a claim of mine can be let go and another's is shown.
    ['answered', null, null],
    ['answered', 'rana', 'release'],
    ['answered', 'huda', 'heldBy'],
    // Closed: history, whoever held it.
    ['closed', null, null],
    ['closed', 'rana', null],
    ['closed', 'huda', null],
  ])('a %s case held by %s: %s for rana', (status, holder, offer) => {
    expect(claimOffer(status, holder, 'rana')).toBe(offer);
  });

  it.each<[CaseStatus, string | null, boolean]>([
    ['inProgress', 'Focal point', true],
    ['awaitingCitizen', 'Focal point', true],
    ['submitted', null, false],
    ['answered', 'Focal point', false],
    ['closed', 'Focal point', false],
  ])('chase on a %s case with focal point %s: %s', (status, focalPoint, offered) => {
    expect(chaseOffered(status, focalPoint)).toBe(offered);
  });

  it.each<[CaseStatus, boolean]>([
    ['inProgress', true],
    ['answered', true],
    ['closed', false],
  ])('reassign on a %s case: %s', (status, offered) => {
    expect(reassignOffered(status)).toBe(offered);
  });
});
