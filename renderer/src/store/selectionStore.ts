import { create } from 'zustand';
import type { QueueRow } from '../../../shared/contract/deskContract';

/**
 * Cases a supervisor has picked to act on together (reassigning several at
 * once). Each keeps the row as it was when picked: its version is the one the
 * supervisor saw, so a change made meanwhile is a conflict the hub reports.
 */
interface SelectionState {
  selected: ReadonlyMap<string, QueueRow>;
  toggle(row: QueueRow): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>((set) => ({
  selected: new Map(),
  toggle: (row) =>
    set(({ selected }) => {
      const next = new Map(selected);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return { selected: next };
    }),
  clear: () => set({ selected: new Map() }),
}));
