import { create } from 'zustand';
import type {
  AlertView,
  Language,
  QueueFilters,
  QueueRow,
  QueueSort,
  SessionStatus,
  SyncStatus,
} from '../../../shared/contract/deskContract';
import { announceAlerts } from './alertAnnouncer';
import { getDeskBridge } from '../bridge/deskBridge';
import { PAGE_SIZE, pagesInView, pagesToDrop } from './pageWindow';

interface DeskState {
  language: Language;
  sync: SyncStatus | null;
  session: SessionStatus | null;
  outbox: { queued: number; refused: number };
  alerts: AlertView[];
  unacknowledged: number;
  muted: boolean;
  refreshAlerts(): void;
  acknowledge(alertId: string): Promise<void>;
  claim(caseId: string, claim: boolean): Promise<void>;
  sort: QueueSort;
  search: string;
  filters: QueueFilters;
  setFilters(filters: QueueFilters): void;
  total: number | null;
  /** Rows by page index; only pages near the screen are held. */
  pages: Map<number, QueueRow[]>;
  visible: { first: number; last: number };
  setLanguage(language: Language): Promise<void>;
  setSort(sort: QueueSort): void;
  setSearch(search: string): void;
  showRows(first: number, last: number): void;
  refresh(): void;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let lastRefresh = 0;
const REFRESH_EVERY_MS = 250;

/**
 * The renderer's one store: what the core last said (sync, session, language)
 * and the window of the queue on screen. Data only flows in from the core.
 */
export const useDeskStore = create<DeskState>((set, get) => {
  const fetchPages = async (pages: readonly number[], replace: boolean) => {
    const { sort, search, filters } = get();
    const results = await Promise.all(
      pages.map((page) =>
        getDeskBridge().call('queue.page', {
          sort,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...(search ? { search } : {}),
          filters,
        }),
      ),
    );
    // A reply for an old sort or search is dropped: the operator has moved on.
    if (get().sort !== sort || get().search !== search || get().filters !== filters) return;
    const next = replace ? new Map<number, QueueRow[]>() : new Map(get().pages);
    results.forEach((result, i) => next.set(pages[i]!, result.rows));
    set({ pages: next, total: results[0]?.total ?? get().total });
  };

  const reload = () => {
    const { first, last } = get().visible;
    const wanted = pagesInView(
      first,
      Math.max(last, first + PAGE_SIZE - 1),
      Math.max(get().total ?? PAGE_SIZE, PAGE_SIZE),
    );
    void fetchPages(wanted.length ? wanted : [0], true);
  };

  return {
    language: 'ar',
    sync: null,
    session: null,
    outbox: { queued: 0, refused: 0 },
    alerts: [],
    unacknowledged: 0,
    muted: localStorage.getItem('alerts-muted') === '1',
    refreshAlerts() {
      void getDeskBridge()
        .call('alerts.list', { limit: 100 })
        .then(({ alerts, unacknowledged }) => set({ alerts, unacknowledged }));
    },
    async claim(caseId, claim) {
      // Queued durably first; the row shows it pending until the hub's change comes back.
      await getDeskBridge().call('outbox.queue', { command: 'claimCase', input: { caseId, claim } });
      get().refresh();
    },
    async acknowledge(alertId) {
      await getDeskBridge().call('outbox.queue', { command: 'acknowledgeAlert', input: { alertId } });
      get().refreshAlerts();
    },
    sort: 'urgent',
    search: '',
    filters: {},
    setFilters(filters) {
      set({ filters, pages: new Map(), total: null });
      reload();
    },
    total: null,
    pages: new Map(),
    visible: { first: 0, last: PAGE_SIZE - 1 },
    async setLanguage(language) {
      set({ language });
      await getDeskBridge().call('settings.setLanguage', { language });
    },
    setSort(sort) {
      set({ sort, pages: new Map(), total: null });
      reload();
    },
    setSearch(search) {
      set({ search, pages: new Map(), total: null });
      reload();
    },
    showRows(first, last) {
      set({ visible: { first, last } });
      const total = get().total ?? 0;
      const inView = pagesInView(first, last, total);
      const missing = inView.filter((page) => !get().pages.has(page));
      const drop = pagesToDrop(get().pages.keys(), inView);
      if (drop.length) {
        const pages = new Map(get().pages);
        for (const page of drop) pages.delete(page);
        set({ pages });
      }
      if (missing.length) void fetchPages(missing, false);
    },
    refresh() {
      // At most every 250 ms, however fast changes arrive.
      if (refreshTimer) return;
      const wait = Math.max(0, lastRefresh + REFRESH_EVERY_MS - Date.now());
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        lastRefresh = Date.now();
        reload();
      }, wait);
    },
  };
});

/** Wires the store to the core: first state, then pushed events. */
export async function connectStore(): Promise<void> {
  const bridge = getDeskBridge();
  bridge.subscribe('sync.status', (sync) => useDeskStore.setState({ sync }));
  bridge.subscribe('session.changed', (session) => useDeskStore.setState({ session }));
  bridge.subscribe('queue.changed', () => {
    useDeskStore.getState().refresh();
    useDeskStore.getState().refreshAlerts();
  });
  bridge.subscribe('alerts.raised', ({ alerts }) => announceAlerts(alerts, useDeskStore.getState()));
  bridge.subscribe('outbox.changed', (outbox) => useDeskStore.setState({ outbox }));
  const [settings, sync, session] = await Promise.all([
    bridge.call('settings.get', {}),
    bridge.call('sync.status', {}),
    bridge.call('session.status', {}),
  ]);
  useDeskStore.setState({ language: settings.language, sync, session });
  useDeskStore.getState().refresh();
  useDeskStore.getState().refreshAlerts();
}
