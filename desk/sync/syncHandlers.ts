import type { DeskHandlers } from '../deskHandlers';
import type { SyncEngine } from './syncEngine';

/** What the status bar shows, and the operator's "check the replica against the hub". */
export function syncHandlers(
  sync: Pick<SyncEngine, 'current' | 'verify'>,
): DeskHandlers<'sync.status' | 'sync.verify'> {
  return {
    'sync.status': async () => sync.current,
    'sync.verify': async () => sync.verify(),
  };
}
