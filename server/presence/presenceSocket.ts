import type { Server, Socket } from 'socket.io';
import type { Actor } from '../commands/actor';
import {
  PRESENCE_EVENTS,
  PRESENCE_ROLES,
  PresenceViewing,
  type PresenceSnapshot,
} from '../../shared/protocol/presenceProtocol';
import { mergeViewers, sameViewers, type PresenceViewer } from './presenceMerge';
import type { PresencePeers } from './presenceRelay';

const ROOM = 'presence:operation-room';
/** A desk opening and closing cases faster than this is throttled: its extra announcements are refused. */
const MAX_ANNOUNCEMENTS_PER_10_S = 50;

type Reply = (answer: unknown) => void;

/**
 * Who is looking at which case, over socket.io, for the operation room only.
 * Ephemeral by design: held in this process's memory per socket, dropped when
 * the socket disconnects, never written to the database or the logs (a case
 * id and a user id together say who read what). With several hub processes,
 * `peers` (server/presence/presenceRelay.ts) carries each process's viewers to
 * the others; the desks get this process's and the others' together, pushed
 * whenever that whole changes.
 */
export function attachPresenceSocket(io: Server, peers: PresencePeers | null = null): { viewers(): PresenceSnapshot } {
  const viewing = new Map<string, PresenceViewer>();

  const local = (): PresenceViewer[] => mergeViewers(viewing.values(), new Map());
  const snapshot = (): PresenceSnapshot => ({ viewers: mergeViewers(viewing.values(), peers?.remote() ?? new Map()) });
  let sent: PresenceViewer[] = [];
  const refresh = () => {
    const next = snapshot();
    if (sameViewers(next.viewers, sent)) return;
    sent = next.viewers;
    io.to(ROOM).emit(PRESENCE_EVENTS.changed, next);
  };
  const localChanged = () => {
    refresh();
    peers?.localChanged();
  };
  peers?.bind(local, refresh);

  const allowed = (socket: Socket): Actor | null => {
    const actor = (socket.data as { actor?: Actor }).actor;
    return actor && (PRESENCE_ROLES as readonly string[]).includes(actor.role) ? actor : null;
  };

  io.on('connection', (socket) => {
    const sentAt: number[] = [];
    socket.on(PRESENCE_EVENTS.join, (_raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (!allowed(socket)) return (ack as Reply)({ ok: false, reason: 'forbidden' });
      void socket.join(ROOM);
      (ack as Reply)({ ok: true, ...snapshot() });
    });
    socket.on(PRESENCE_EVENTS.viewing, (raw: unknown, ack: unknown) => {
      const reply: Reply = typeof ack === 'function' ? (ack as Reply) : () => undefined;
      const actor = allowed(socket);
      if (!actor) return reply({ ok: false, reason: 'forbidden' });
      const parsed = PresenceViewing.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, reason: 'badRequest' });
      const now = Date.now();
      while (sentAt.length && sentAt[0]! < now - 10_000) sentAt.shift();
      if (sentAt.length >= MAX_ANNOUNCEMENTS_PER_10_S) return reply({ ok: false, reason: 'tooMany' });
      sentAt.push(now);
      const before = viewing.get(socket.id)?.caseId ?? null;
      if (parsed.data.caseId === null) viewing.delete(socket.id);
      else viewing.set(socket.id, { caseId: parsed.data.caseId, userId: actor.userId, role: actor.role });
      reply({ ok: true });
      if (before !== parsed.data.caseId) localChanged();
    });
    socket.on('disconnect', () => {
      if (viewing.delete(socket.id)) localChanged();
    });
  });

  return { viewers: snapshot };
}
