import type { DeskHandlers } from '../deskHandlers';
import type { PresenceClient } from './presenceClient';

/** Which case is open here, and who has which case open elsewhere. */
export function presenceHandlers(
  presence: Pick<PresenceClient, 'viewing' | 'viewers'>,
): DeskHandlers<'presence.viewing' | 'presence.list'> {
  return {
    'presence.viewing': async ({ caseId }) => presence.viewing(caseId),
    'presence.list': async () => presence.viewers,
  };
}
