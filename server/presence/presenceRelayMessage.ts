import { z } from 'zod';
import { PRESENCE_ROLES } from '../../shared/protocol/presenceProtocol';
import type { PresenceViewer } from './presenceMerge';

/** The Postgres channel hub processes tell each other their desks' presence on. */
export const PRESENCE_CHANNEL = 'presence_relay';

/**
 * Postgres refuses a NOTIFY payload of 8000 bytes or more. An announcement
 * carries as many of a process's viewers as fit in this many bytes of JSON
 * (roughly a hundred with UUID case ids, against the six desks of an
 * operation room); the rest are left out of every announcement while there
 * are that many (`more` says so, and the relay logs a warning with the count),
 * and only the process's own desks see them.
 */
export const ANNOUNCEMENT_BYTE_BUDGET = 7800;

const ProcessId = z.string().min(1).max(64);
const Viewer = z.tuple([z.string().min(1).max(64), z.string().min(1).max(100), z.enum(PRESENCE_ROLES)]);

/**
 * Between hub processes, never to desks: `hello` asks every other process to
 * announce now (a process just started); `viewers` is one process's full
 * local state (replacing what it said before; `seq` orders its own
 * announcements); `bye` is a process stopping cleanly.
 */
export const PresenceRelayMessage = z.discriminatedUnion('t', [
  z.object({ v: z.literal(1), t: z.literal('hello'), from: ProcessId }).strict(),
  z
    .object({
      v: z.literal(1),
      t: z.literal('viewers'),
      from: ProcessId,
      seq: z.number().int().nonnegative(),
      viewers: z.array(Viewer).max(1000),
      more: z.boolean(),
    })
    .strict(),
  z.object({ v: z.literal(1), t: z.literal('bye'), from: ProcessId }).strict(),
]);
export type PresenceRelayMessage = z.infer<typeof PresenceRelayMessage>;

export type RelayNotice =
  | { ok: true; message: PresenceRelayMessage }
  /** Why a payload was refused: a code and, for a bad shape, where — never a value from it. */
  | { ok: false; reason: 'notJson' | 'badShape'; where?: string };

export function readRelayPayload(payload: string): RelayNotice {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  const parsed = PresenceRelayMessage.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: 'badShape', where: `${issue?.path.join('.') ?? ''}:${issue?.code ?? ''}` };
}

export function viewersOf(message: Extract<PresenceRelayMessage, { t: 'viewers' }>): PresenceViewer[] {
  return message.viewers.map(([caseId, userId, role]) => ({ caseId, userId, role }));
}

/** One process's announcement of its local viewers, cut to the byte budget; `dropped` counts who was left out. */
export function encodeAnnouncement(
  from: string,
  seq: number,
  viewers: readonly PresenceViewer[],
  budget = ANNOUNCEMENT_BYTE_BUDGET,
): { payload: string; dropped: number } {
  const head = { v: 1, t: 'viewers', from, seq };
  // The frame with `more: false` and no viewers, then each viewer and its comma while they fit.
  let bytes = Buffer.byteLength(JSON.stringify({ ...head, viewers: [], more: false }));
  const kept: [string, string, string][] = [];
  for (const viewer of viewers) {
    const entry: [string, string, string] = [viewer.caseId, viewer.userId, viewer.role];
    // `more: true` is one byte shorter than `more: false`, so a cut payload never grows past the check.
    const cost = Buffer.byteLength(JSON.stringify(entry)) + (kept.length ? 1 : 0);
    if (bytes + cost > budget) break;
    kept.push(entry);
    bytes += cost;
  }
  const dropped = viewers.length - kept.length;
  return { payload: JSON.stringify({ ...head, viewers: kept, more: dropped > 0 }), dropped };
}

export function encodeSignal(t: 'hello' | 'bye', from: string): string {
  return JSON.stringify({ v: 1, t, from });
}
