import { parentPort } from 'node:worker_threads';
import { fetchSnapshotPage } from './snapshotPageFetch';
import type { SnapshotPageReply, SnapshotPageOrder } from './snapshotPageThread';

// The snapshot thread: fetches pages and decodes them as their bytes arrive,
// while the main thread writes the page before (see snapshotPageThread.ts).
const fetches = new Map<number, AbortController>();
parentPort!.on('message', (order: SnapshotPageOrder) => {
  if (order.type === 'cancel') {
    fetches.get(order.id)?.abort();
    fetches.delete(order.id);
    return;
  }
  const controller = new AbortController();
  fetches.set(order.id, controller);
  void fetchSnapshotPage(order.table, order.request, controller.signal, (event) => {
    if (!fetches.has(order.id)) return;
    if (event.type === 'decoded') fetches.delete(order.id);
    parentPort!.postMessage({ id: order.id, event } satisfies SnapshotPageReply);
  });
});
// Loaded: the thread may now be closed without leaving module files open (SnapshotPageThread.close).
parentPort!.postMessage({ loaded: true } satisfies SnapshotPageReply);
