import type { DeskHandlers } from '../deskHandlers';
import type { QueueReader } from './queueReader';

/** The queue's pages. */
export function queueHandlers(queue: Pick<QueueReader, 'page'>): DeskHandlers<'queue.page'> {
  return {
    'queue.page': async (query) => queue.page(query),
  };
}
