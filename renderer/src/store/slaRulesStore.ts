import { z } from 'zod';
import { create } from 'zustand';
import { COMMAND_INPUTS } from '../../../shared/domain/commands';
import type { OutboxEntryView } from '../../../shared/contract/deskContract';
import { RULE_KIND_OF, type SlaRuleCommand, type SlaRulesState } from '../../../shared/contract/slaRulesContract';
import type { LadderWindows, SlaMatrix, WorkingCalendar } from '../../../shared/sla';
import { getDeskBridge } from '../bridge/deskBridge';

/** One rule command's document, by command: each replaces the whole of its kind. */
export type SlaRuleDocument =
  | { command: 'updateWorkingCalendar'; calendar: WorkingCalendar }
  | { command: 'updateSlaMatrix'; matrix: SlaMatrix }
  | { command: 'updateLadderWindows'; ladder: LadderWindows };

interface SlaRulesStoreState {
  open: boolean;
  setOpen(open: boolean): void;
  view: SlaRulesState | null;
  problem: string | null;
  load(): Promise<void>;
  /**
   * Checks the change with the hub's own schema, then queues it: durable in
   * the outbox when this resolves. A problem comes back in words, unsent.
   * `builtOn` is the view the person began the change from: the command says
   * so to the hub (which refuses it if the rules changed since), and the desk
   * keeps that document to apply the change again if it does.
   */
  queue(document: SlaRuleDocument, reason: string, builtOn: SlaRulesState | null): Promise<QueueResult>;
}

export type QueueResult = { ok: true; entry: OutboxEntryView } | { ok: false; problem: string };

let requests = 0;

/** The rules screen's state: what the core holds, read when the screen opens and whenever it may have moved. */
export const useSlaRulesStore = create<SlaRulesStoreState>((set, get) => ({
  open: false,
  setOpen(open) {
    set({ open });
    if (open) void get().load();
  },
  view: null,
  problem: null,
  async load() {
    const request = ++requests;
    try {
      const view = await getDeskBridge().call('sla.rules', {});
      if (request === requests) set({ view, problem: null });
    } catch (error) {
      if (request === requests) set({ problem: error instanceof Error ? error.message : String(error) });
    }
  },
  async queue(document, reason, builtOn) {
    const { command, ...rest } = document;
    const kind = RULE_KIND_OF[command satisfies SlaRuleCommand];
    // Without a view (none loaded yet) the core builds the change on the draft it holds.
    const input = { ...rest, reason, ...(builtOn ? { basedOn: builtOn.basedOn[kind] } : {}) };
    const basis = builtOn ? { [kind]: builtOn.draft[kind] } : undefined;
    // The client id is the outbox's to mint; stand-ins let the rest be checked now.
    const checked = COMMAND_INPUTS[command].safeParse({
      basedOn: { version: 0 },
      ...input,
      clientId: 'checked-here',
    });
    if (!checked.success) return { ok: false, problem: z.prettifyError(checked.error) };
    try {
      const entry = await getDeskBridge().call('outbox.queue', { command, input, ...(basis ? { basis } : {}) });
      // Shown on its way at once: the hub may well answer before the screen has read the core again.
      const shown = get().view;
      if (shown && entry.state === 'queued') {
        const edit = { clientId: entry.clientId, command, state: 'queued' as const, reason, queuedAt: entry.queuedAt };
        set({ view: { ...shown, edits: [...shown.edits, { ...edit, refusal: null }] } });
      }
      await get().load();
      return { ok: true, entry };
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  },
}));
