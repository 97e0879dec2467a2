import { create } from 'zustand';
import type { CaseDetail } from '../../../shared/contract/caseDetailContract';
import type { OutboxEntryView } from '../../../shared/contract/deskContract';
import { getDeskBridge } from '../bridge/deskBridge';

/** A note this desk queued on the open case that the hub has not answered yet (or refused). */
export interface PendingNote {
  clientId: string;
  body: string;
  queuedAt: string;
  state: OutboxEntryView['state'];
}

interface CaseViewState {
  /** The case on screen, or null when the panel is shut. */
  caseId: string | null;
  detail: CaseDetail | null;
  pendingNotes: PendingNote[];
  /** The case is not held by this desk (null answer), or the core could not be asked. */
  problem: 'notHeld' | string | null;
  /** When the last answer came, on this machine's clock (the panel says how fresh it is). */
  loadedAt: number | null;
  open(caseId: string): void;
  close(): void;
  reload(): Promise<void>;
  addNote(body: string): Promise<void>;
  /**
   * A command this desk just queued on the open case (claim, chase, reassign):
   * shown pending at once, as the queue row does, until the next read says
   * whether the hub has answered it.
   */
  showQueued(entry: OutboxEntryView): void;
}

/** Where the keyboard was when the case opened: a queue row (the grid), an alert's button, a case number. */
let opener: HTMLElement | null = null;
/** Answers to an older request never overwrite a newer one's (a reload can overtake the one before it). */
let requestCount = 0;

/**
 * The case view's state: which case is open and what the core last said of it.
 * The core computes the clocks and the ladder (with the hub's rules and
 * clock); this only asks again when something may have moved.
 */
export const useCaseViewStore = create<CaseViewState>((set, get) => ({
  caseId: null,
  detail: null,
  pendingNotes: [],
  problem: null,
  loadedAt: null,
  open(caseId) {
    const active = document.activeElement;
    // Opening another case from inside the panel keeps the first opener: Escape goes back to the queue.
    if (!get().caseId || !(active instanceof HTMLElement && active.closest('[data-testid="case-view"]'))) {
      opener = active instanceof HTMLElement ? active : null;
    }
    if (get().caseId !== caseId) set({ caseId, detail: null, pendingNotes: [], problem: null, loadedAt: null });
    void get().reload();
  },
  close() {
    requestCount++;
    set({ caseId: null, detail: null, pendingNotes: [], problem: null, loadedAt: null });
    const back = opener;
    opener = null;
    // Back to the row (or alert) it was opened from; if that was scrolled away, to the queue itself.
    const target = back?.isConnected ? back : document.querySelector<HTMLElement>('[data-testid="queue-list"]');
    target?.focus();
  },
  async reload() {
    const caseId = get().caseId;
    if (!caseId) return;
    const request = ++requestCount;
    const bridge = getDeskBridge();
    try {
      const [detail, outbox] = await Promise.all([
        bridge.call('case.detail', { caseId }),
        bridge.call('outbox.list', {}),
      ]);
      if (request !== requestCount || get().caseId !== caseId) return;
      set({
        detail,
        problem: detail ? null : 'notHeld',
        pendingNotes: pendingNotesOf(outbox, caseId),
        loadedAt: Date.now(),
      });
    } catch (error) {
      if (request !== requestCount || get().caseId !== caseId) return;
      // What was shown stays on screen; the message says the read failed.
      set({ problem: error instanceof Error ? error.message : String(error) });
    }
  },
  async addNote(body) {
    const caseId = get().caseId;
    if (!caseId) return;
    // Durable in the outbox before this resolves: the note shows as sending until the hub has it.
    const entry = await getDeskBridge().call('outbox.queue', { command: 'addNote', input: { caseId, body } });
    // Shown at once from the outbox's own answer; the next read says whether the hub has it yet.
    if (get().caseId === caseId) set({ pendingNotes: [...get().pendingNotes, ...pendingNotesOf([entry], caseId)] });
    await get().reload();
  },
  showQueued(entry) {
    const { caseId, detail } = get();
    if (!detail || entry.caseId !== caseId || detail.pending.some((p) => p.clientId === entry.clientId)) return;
    const shown = { clientId: entry.clientId, command: entry.command, state: entry.state };
    set({ detail: { ...detail, pending: [...detail.pending, shown] } });
  },
}));

export function pendingNotesOf(outbox: readonly OutboxEntryView[], caseId: string): PendingNote[] {
  return outbox
    .filter((entry) => entry.command === 'addNote' && entry.caseId === caseId)
    .map((entry) => ({
      clientId: entry.clientId,
      body: typeof entry.input.body === 'string' ? entry.input.body : '',
      queuedAt: entry.queuedAt,
      state: entry.state,
    }));
}
