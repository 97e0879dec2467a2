import type { DeskHandlers } from '../deskHandlers';
import type { HubSession } from './hubSession';

/** Signing in to the hub and out of it. */
export function sessionHandlers(
  session: Pick<HubSession, 'state' | 'signIn' | 'signOut'>,
): DeskHandlers<'session.status' | 'session.signIn' | 'session.signOut'> {
  return {
    'session.status': async () => session.state,
    'session.signIn': async ({ username, password }) => session.signIn(username, password),
    'session.signOut': async () => session.signOut(),
  };
}
