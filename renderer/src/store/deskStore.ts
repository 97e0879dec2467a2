import { create } from 'zustand';
import type {
  AlertView,
  Language,
  OutboxEntryView,
  QueueCursor,
  QueueFilters,
  QueueRow,
  QueueSort,
  SessionStatus,
  SyncStatus,
} from '../../../shared/contract/deskContract';
import { hasClock, type ClockFilters } from '../../../shared/contract/clockFilters';
import { coalescingRunner } from '../../../shared/async/coalescingRunner';
import { announceAlerts } from './alertAnnouncer';
import { getDeskBridge, watchBridgeConnection } from '../bridge/deskBridge';
import { PageLedger, type PageTicket } from './pageLedger';
import { PAGE_SIZE, pagesInView, pagesToDrop } from './pageWindow';

interface DeskState {
  language: Language;
  /** The link to the desk core itself: a browser tab loses it while the core restarts. */
  coreLink: 'connecting' | 'up' | 'lost';
  /** The core's process restarted after a crash (how many times): a notice the operator dismisses. */
  coreRestarted: number;
  dismissCoreRestarted(): void;
  sync: SyncStatus | null;
  session: SessionStatus | null;
  outbox: { queued: number; refused: number };
  alerts: AlertView[];
  unacknowledged: number;
  muted: boolean;
  refreshAlerts(): void;
  acknowledge(alertId: string): Promise<void>;
  /** Resolves with the outbox entry once it is durable (the case view shows it pending at once). */
  claim(caseId: string, claim: boolean): Promise<OutboxEntryView>;
  sort: QueueSort;
  search: string;
  filters: QueueFilters;
  setFilters(filters: QueueFilters): void;
  /** Open cases only (a view may ask for it). */
  openOnly: boolean;
  /** Filters read against the hub's clock: SLA state, breached today, unchanged for days. */
  clock: ClockFilters;
  setClock(clock: ClockFilters): void;
  /** A whole query at once (a saved view): one reset of the queue, not one per part. */
  applyQuery(query: {
    sort: QueueSort;
    search: string;
    filters: QueueFilters;
    openOnly: boolean;
    clock: ClockFilters;
  }): void;
  total: number | null;
  /** The total is a lower bound, not a count (a search shows a bounded set of its matches). */
  totalIsLowerBound: boolean;
  /** Rows by page index; only pages near the screen are held. */
  pages: Map<number, QueueRow[]>;
  visible: { first: number; last: number };
  setLanguage(language: Language): Promise<void>;
  setSort(sort: QueueSort): void;
  setSearch(search: string): void;
  showRows(first: number, last: number): void;
  refresh(): void;
}

const REFRESH_EVERY_MS = 250;
/**
 * Under a clock filter (SLA state, breached today, unchanged for days) time
 * alone moves cases in and out: the pages on screen and the total are read
 * again this often even when no change arrives, as each row's countdown ticks
 * (useHubClock). The core keeps those selections exact, so this is a page read.
 */
const CLOCK_REFRESH_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const outboxCounts = (entries: readonly OutboxEntryView[]) => ({
  queued: entries.filter((entry) => entry.state === 'queued').length,
  refused: entries.filter((entry) => entry.state === 'refused').length,
});

/**
 * The renderer's one store: what the core last said (sync, session, language)
 * and the window of the queue on screen. Data only flows in from the core.
 */
export const useDeskStore = create<DeskState>((set, get) => {
  const ledger = new PageLedger();
  /** Each held page's first and last rows' keys: a neighbour is read by key from them. */
  const pageKeys = new Map<number, { first: QueueCursor | null; last: QueueCursor | null }>();

  /**
   * A page next to one current in the ledger is read by key (the core walks
   * on from that row); any other by position (the core's ladder finds it).
   * A stale neighbour is not used: rows may have moved across its edge.
   */
  const pageAnchor = (page: number): { after?: QueueCursor; before?: QueueCursor } => {
    const previous = ledger.isCurrent(page - 1) ? pageKeys.get(page - 1)?.last : null;
    if (previous) return { after: previous };
    const next = ledger.isCurrent(page + 1) ? pageKeys.get(page + 1)?.first : null;
    return next ? { before: next } : {};
  };

  const fetchPage = async (ticket: PageTicket) => {
    const { sort, search, filters, openOnly, clock } = get();
    try {
      const result = await getDeskBridge().call('queue.page', {
        sort,
        openOnly,
        clock,
        offset: ticket.page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(search ? { search } : pageAnchor(ticket.page)),
        filters,
      });
      if (!ledger.accept(ticket)) return;
      pageKeys.set(ticket.page, { first: result.first, last: result.last });
      set({
        pages: new Map(get().pages).set(ticket.page, result.rows),
        total: result.total,
        totalIsLowerBound: result.totalIsLowerBound ?? false,
      });
    } catch {
      // The core went away mid-call: the page is asked for again once it is back.
      ledger.fail(ticket);
      return;
    }
    // The total, or the rows on screen, may have moved while this page was on its way.
    void ensurePages();
  };

  /** Fetches what the view lacks or holds stale, and drops what is far from it; resolves when those replies are in. */
  const ensurePages = async (): Promise<void> => {
    const { visible, total, pages } = get();
    // Before the first reply the total is unknown: assume the view is full.
    const inView = pagesInView(visible.first, visible.last, total ?? visible.last + 1);
    const far = pagesToDrop(pages.keys(), inView);
    if (far.length) {
      const kept = new Map(pages);
      for (const page of far) {
        kept.delete(page);
        pageKeys.delete(page);
      }
      ledger.forget(far);
      set({ pages: kept });
    }
    // An empty queue still asks for its first page: that is how it learns a case has arrived.
    await Promise.all(ledger.request(inView.length ? inView : [0]).map(fetchPage));
  };

  // One refresh at a time, at most every 250 ms: a burst of changes costs two refetches of the view, not one each.
  const refreshView = coalescingRunner(async () => {
    const started = Date.now();
    ledger.invalidate();
    await ensurePages();
    await sleep(Math.max(0, started + REFRESH_EVERY_MS - Date.now()));
  });

  const newQuery = (change: Partial<Pick<DeskState, 'sort' | 'search' | 'filters' | 'openOnly' | 'clock'>>) => {
    ledger.reset();
    pageKeys.clear();
    set({ ...change, pages: new Map(), total: null, totalIsLowerBound: false });
    void ensurePages();
  };

  return {
    language: 'ar',
    coreLink: 'connecting',
    coreRestarted: 0,
    dismissCoreRestarted: () => set({ coreRestarted: 0 }),
    sync: null,
    session: null,
    outbox: { queued: 0, refused: 0 },
    alerts: [],
    unacknowledged: 0,
    muted: localStorage.getItem('alerts-muted') === '1',
    refreshAlerts() {
      void getDeskBridge()
        .call('alerts.list', { limit: 100 })
        .then(({ alerts, unacknowledged }) => set({ alerts, unacknowledged }))
        .catch(() => undefined /* asked again on the next change or reconnection */);
    },
    async claim(caseId, claim) {
      // Queued durably first; the row shows it pending until the hub's change comes back.
      const entry = await getDeskBridge().call('outbox.queue', { command: 'claimCase', input: { caseId, claim } });
      get().refresh();
      return entry;
    },
    async acknowledge(alertId) {
      await getDeskBridge().call('outbox.queue', { command: 'acknowledgeAlert', input: { alertId } });
      get().refreshAlerts();
    },
    sort: 'urgent',
    search: '',
    filters: {},
    setFilters(filters) {
      newQuery({ filters });
    },
    openOnly: false,
    clock: {},
    setClock(clock) {
      newQuery({ clock });
    },
    applyQuery(query) {
      newQuery(query);
    },
    total: null,
    totalIsLowerBound: false,
    pages: new Map(),
    visible: { first: 0, last: PAGE_SIZE - 1 },
    async setLanguage(language) {
      languageChoices++;
      // Applied at once; the core keeps it for the next start.
      set({ language });
      try {
        await getDeskBridge().call('settings.setLanguage', { language });
      } catch {
        // Not kept this time: the screen still follows the operator's choice.
      }
    },
    setSort(sort) {
      newQuery({ sort });
    },
    setSearch(search) {
      if (search !== get().search) newQuery({ search });
    },
    showRows(first, last) {
      const { visible } = get();
      if (visible.first !== first || visible.last !== last) set({ visible: { first, last } });
      void ensurePages();
    },
    refresh() {
      void refreshView();
    },
  };
});

/** Counts the operator's language choices, so an older read of the settings never undoes a newer choice. */
let languageChoices = 0;
/** Pushed events counted by kind: a read under way must not overwrite what an event said after it began. */
const pushed = { sync: 0, session: 0, outbox: 0 };

/** Everything the core knows that events only report changes of: read at start and after every reconnection. */
async function loadFromCore(): Promise<void> {
  const bridge = getDeskBridge();
  const choicesBefore = languageChoices;
  const pushedBefore = { ...pushed };
  const [settings, sync, session, outbox] = await Promise.all([
    bridge.call('settings.get', {}),
    bridge.call('sync.status', {}),
    bridge.call('session.status', {}),
    bridge.call('outbox.list', {}),
  ]);
  // A language the operator picked while this read was under way wins over what the core said before it.
  const language = languageChoices === choicesBefore ? settings.language : useDeskStore.getState().language;
  // Four replies arrive one by one; an event pushed in between (the core finishing its sign-in, say) is newer.
  useDeskStore.setState({
    language,
    ...(pushed.sync === pushedBefore.sync ? { sync } : {}),
    ...(pushed.session === pushedBefore.session ? { session } : {}),
    ...(pushed.outbox === pushedBefore.outbox ? { outbox: outboxCounts(outbox) } : {}),
  });
  useDeskStore.getState().refresh();
  useDeskStore.getState().refreshAlerts();
}

/** Wires the store to the core: pushed events, and a full read whenever the link comes (back) up. */
export function connectStore(): void {
  const bridge = getDeskBridge();
  bridge.subscribe('sync.status', (sync) => {
    pushed.sync++;
    useDeskStore.setState({ sync });
  });
  bridge.subscribe('session.changed', (session) => {
    pushed.session++;
    useDeskStore.setState({ session });
  });
  bridge.subscribe('queue.changed', ({ searchTextOnly }) => {
    // Search text written behind live rows changes nothing a queue without a search shows.
    if (searchTextOnly && !useDeskStore.getState().search) return;
    useDeskStore.getState().refresh();
    if (!searchTextOnly) useDeskStore.getState().refreshAlerts();
  });
  bridge.subscribe('alerts.raised', ({ alerts }) => announceAlerts(alerts, useDeskStore.getState()));
  bridge.subscribe('outbox.changed', (outbox) => {
    pushed.outbox++;
    useDeskStore.setState({ outbox });
  });
  // Events sent while the core was down are gone: everything is read afresh from the new core.
  bridge.subscribe('core.restarted', ({ restarts }) => {
    useDeskStore.setState({ coreRestarted: restarts });
    loadFromCore().catch(() => undefined);
  });
  setInterval(() => {
    if (hasClock(useDeskStore.getState().clock)) useDeskStore.getState().refresh();
  }, CLOCK_REFRESH_MS);
  watchBridgeConnection((up) => {
    useDeskStore.setState({ coreLink: up ? 'up' : 'lost' });
    // A failed read means the link dropped again; the next reconnection reads afresh.
    if (up) loadFromCore().catch(() => undefined);
  });
}
