import { create } from 'zustand';
import type { PresenceList } from '../../../shared/contract/deskContract';
import { getDeskBridge, watchBridgeConnection } from '../bridge/deskBridge';
import { useCaseViewStore } from './caseViewStore';
import { useDeskStore } from './deskStore';

type Viewer = PresenceList['viewers'][number];

interface PresenceState {
  /** Everyone the hub says has a case open now, this desk's own person included. */
  viewers: Viewer[];
}

export const usePresenceStore = create<PresenceState>(() => ({ viewers: [] }));

const NOBODY: Viewer[] = [];
let byCase = new Map<string, Viewer[]>();
usePresenceStore.subscribe(({ viewers }) => {
  byCase = new Map();
  for (const viewer of viewers) byCase.set(viewer.caseId, [...(byCase.get(viewer.caseId) ?? []), viewer]);
});

/**
 * The other people looking at a case now (not the one signed in here), for
 * the queue row and the case view. Stable between changes, so a row re-renders
 * only when its own viewers change.
 */
export function useCasePresence(caseId: string | null): Viewer[] {
  const me = useDeskStore((s) => s.session?.user?.userId ?? null);
  const viewers = usePresenceStore(() => (caseId ? (byCase.get(caseId) ?? NOBODY) : NOBODY));
  return me && viewers.some((v) => v.userId === me) ? viewers.filter((v) => v.userId !== me) : viewers;
}

let viewing: string | null = null;
/** Tells the other desks which case is open here (null: none). Said again by the core after a reconnection. */
export function announceViewing(caseId: string | null): void {
  if (caseId === viewing) return;
  viewing = caseId;
  void getDeskBridge()
    .call('presence.viewing', { caseId })
    .catch(() => undefined /* said again when the link is back */);
}

let connected = false;
/** Wires presence once: the core's pushes, a full read on (re)connection, and the case view's open case. */
export function connectPresence(): void {
  if (connected) return;
  connected = true;
  const bridge = getDeskBridge();
  bridge.subscribe('presence.changed', ({ viewers }) => usePresenceStore.setState({ viewers }));
  watchBridgeConnection((up) => {
    if (!up) return;
    void bridge
      .call('presence.list', {})
      .then(({ viewers }) => usePresenceStore.setState({ viewers }))
      .catch(() => undefined);
    // A core restarted behind the page has forgotten what is open here.
    if (viewing) {
      const again = viewing;
      viewing = null;
      announceViewing(again);
    }
  });
  // The case view opening or closing a case is what "viewing" means.
  announceViewing(useCaseViewStore.getState().caseId);
  useCaseViewStore.subscribe((state) => announceViewing(state.caseId));
}
