import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/domain/taxonomy';
import { ALLOWED_TRANSITIONS, canTransition } from './caseTransitions';

describe('case lifecycle', () => {
  it.each([
    ['submitted', 'assigned', true],
    ['assigned', 'inProgress', true],
    ['inProgress', 'awaitingCitizen', true],
    ['awaitingCitizen', 'inProgress', true],
    ['answered', 'closed', true],
    ['answered', 'reopened', true],
    ['closed', 'reopened', true],
    ['closed', 'inProgress', false],
    ['submitted', 'answered', false],
    ['answered', 'submitted', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('never allows a status to follow itself and names only known statuses', () => {
    for (const from of CASE_STATUSES) {
      expect(ALLOWED_TRANSITIONS[from]).not.toContain(from);
      for (const to of ALLOWED_TRANSITIONS[from]) expect(CASE_STATUSES).toContain(to);
    }
  });
});
