import { create } from 'zustand';
import type { DeskView } from '../../../shared/contract/deskContract';
import { coalescingRunner } from '../../../shared/async/coalescingRunner';
import { getDeskBridge, watchBridgeConnection } from '../bridge/deskBridge';
import { useDeskStore } from './deskStore';
import { sameQuery } from './viewQueryMatch';

/** Counts are re-read at most this often, however fast changes arrive. */
const COUNTS_EVERY_MS = 1000;
/** Clock views ("breached today", "stalled") change with time alone: re-read this often even when nothing arrives. */
const CLOCK_EVERY_MS = 60_000;

interface ViewsState {
  views: DeskView[];
  followedEntities: string[];
  /** A problem saving or deleting, in the core's words. */
  problem: string | null;
  refresh(): void;
  apply(view: DeskView): void;
  saveCurrent(name: string): Promise<void>;
  remove(id: string): Promise<void>;
  follow(entityIds: string[]): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The queue's current query, in the shape a view keeps. */
function currentQuery() {
  const { sort, search, filters, openOnly, clock } = useDeskStore.getState();
  return { sort, search: search || undefined, filters, openOnly, clock };
}

/** Saved views: the built-in ones and the signed-in person's own, each with its live count from the core. */
export const useViewsStore = create<ViewsState>((set, get) => {
  const refreshCounts = coalescingRunner(async () => {
    const started = Date.now();
    try {
      const { views, followedEntities } = await getDeskBridge().call('views.list', {});
      set({ views, followedEntities });
    } catch {
      // The core is away: read again once the link is back.
    }
    await sleep(Math.max(0, started + COUNTS_EVERY_MS - Date.now()));
  });
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      set({ problem: null });
    } catch (error) {
      set({ problem: (error as Error).message });
    }
    get().refresh();
  };
  return {
    views: [],
    followedEntities: [],
    problem: null,
    refresh() {
      void refreshCounts();
    },
    apply(view) {
      const { sort, search, filters, openOnly, clock } = view.query;
      useDeskStore.getState().applyQuery({ sort, search: search ?? '', filters, openOnly, clock: clock ?? {} });
    },
    saveCurrent(name) {
      return act(() => getDeskBridge().call('views.save', { name, query: currentQuery() }));
    },
    remove(id) {
      return act(() => getDeskBridge().call('views.delete', { id }));
    },
    follow(entityIds) {
      return act(async () => {
        await getDeskBridge().call('views.follow', { entityIds });
        // The "my entities" view shows the new choice at once if it is the one on screen.
        const mine = get().views.find((v) => v.kind === 'myEntities');
        if (mine && sameQuery(mine.query, currentQuery()))
          useDeskStore.getState().setFilters({ ...useDeskStore.getState().filters, entityId: entityIds });
      });
    },
  };
});

/** The view on screen, if the queue's query is exactly one of them. */
export function useActiveView(): DeskView | null {
  const views = useViewsStore((s) => s.views);
  const sort = useDeskStore((s) => s.sort);
  const search = useDeskStore((s) => s.search);
  const filters = useDeskStore((s) => s.filters);
  const openOnly = useDeskStore((s) => s.openOnly);
  const clock = useDeskStore((s) => s.clock);
  return (
    views.find((view) => sameQuery(view.query, { sort, search: search || undefined, filters, openOnly, clock })) ?? null
  );
}

let connected = false;
/** Wires the views to the core once: counts follow `queue.changed`, a new person, a reconnection, and the clock. */
export function connectViews(): void {
  if (connected) return;
  connected = true;
  const bridge = getDeskBridge();
  const refresh = () => useViewsStore.getState().refresh();
  bridge.subscribe('queue.changed', refresh);
  bridge.subscribe('session.changed', refresh);
  watchBridgeConnection((up) => up && refresh());
  setInterval(refresh, CLOCK_EVERY_MS);
}
