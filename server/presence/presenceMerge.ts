import type { PresenceSnapshot } from '../../shared/protocol/presenceProtocol';

export type PresenceViewer = PresenceSnapshot['viewers'][number];

/** What this process last heard from each other hub process, by process id. */
export type RemotePresence = ReadonlyMap<string, { seq: number; heardAt: number; viewers: readonly PresenceViewer[] }>;

/** What can happen to the remote state: an announcement, a clean goodbye, or the clock moving on. */
export type RemoteEvent =
  | { kind: 'viewers'; from: string; seq: number; viewers: readonly PresenceViewer[]; at: number }
  | { kind: 'bye'; from: string }
  | { kind: 'tick'; at: number };

export interface RemoteRules {
  /** A process not heard from for longer than this is gone, and its viewers with it. */
  expiryMs: number;
  /** More processes than this are not believed (a bound on memory, not a real deployment). */
  maxProcesses: number;
}

/**
 * The next remote state after one event; pure, the input is left as it was.
 * An announcement replaces everything its process said before (each carries
 * its full local state), unless it is older than what was already heard
 * (`seq` per process). Returns the same object when nothing changed.
 */
export function nextRemotePresence(state: RemotePresence, event: RemoteEvent, rules: RemoteRules): RemotePresence {
  switch (event.kind) {
    case 'viewers': {
      const known = state.get(event.from);
      if (known && known.seq >= event.seq) return state;
      if (!known && state.size >= rules.maxProcesses) return state;
      return new Map(state).set(event.from, { seq: event.seq, heardAt: event.at, viewers: event.viewers });
    }
    case 'bye': {
      if (!state.has(event.from)) return state;
      const next = new Map(state);
      next.delete(event.from);
      return next;
    }
    case 'tick': {
      const expired = [...state].filter(([, entry]) => event.at - entry.heardAt > rules.expiryMs);
      if (expired.length === 0) return state;
      const next = new Map(state);
      for (const [from] of expired) next.delete(from);
      return next;
    }
  }
}

/**
 * Everyone viewing a case, here and on the other processes: one entry per
 * case and person (the same person on two desks is one viewer), sorted so that
 * equal sets compare equal, and no more than `limit` of them.
 */
export function mergeViewers(local: Iterable<PresenceViewer>, remote: RemotePresence, limit = 5000): PresenceViewer[] {
  const byKey = new Map<string, PresenceViewer>();
  const add = (viewer: PresenceViewer) => {
    const key = `${viewer.caseId}\u0000${viewer.userId}`;
    if (!byKey.has(key)) byKey.set(key, { caseId: viewer.caseId, userId: viewer.userId, role: viewer.role });
  };
  for (const viewer of local) add(viewer);
  for (const entry of remote.values()) for (const viewer of entry.viewers) add(viewer);
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([, viewer]) => viewer);
}

export function sameViewers(a: readonly PresenceViewer[], b: readonly PresenceViewer[]): boolean {
  return (
    a.length === b.length &&
    a.every((v, i) => v.caseId === b[i]!.caseId && v.userId === b[i]!.userId && v.role === b[i]!.role)
  );
}
