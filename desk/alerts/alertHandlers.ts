import type { DeskHandlers } from '../deskHandlers';
import type { AlertReader } from './alertReader';

/** The alerts the hub raised, newest first. */
export function alertHandlers(alerts: Pick<AlertReader, 'recent'>): DeskHandlers<'alerts.list'> {
  return {
    'alerts.list': async ({ limit, unacknowledgedOnly }) => alerts.recent(limit, unacknowledgedOnly),
  };
}
