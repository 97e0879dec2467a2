import type { Server, Socket } from 'socket.io';
import {
  FollowRequest,
  SYNC_EVENTS,
  type ChangeBatch,
  type Change,
  type FollowAck,
} from '../../shared/protocol/syncProtocol';
import type { HubDatabase } from '../db/hubDatabase';
import { readChangesAfter, readSyncPosition } from '../changes/changeLog';
import type { ChangeFeed } from '../changes/changeFeed';
import { changeFor, FULL_AUDIENCE, type SyncAudience } from './syncAudience';

const CATCH_UP_PAGE = 2000;

interface Follower {
  socket: Socket;
  /** The last sequence number sent to this console. */
  cursor: number;
  catchingUp: boolean;
  /** What this console's signed-in user may see (set by the hub's socket authentication). */
  audience: SyncAudience;
}

/**
 * Serves `sync:follow`: replays the change log from the console's position,
 * then streams live batches in order. A follower that falls behind the feed
 * (or joins mid-batch) is caught up from the database, never skipped.
 */
export function attachSyncSocket(io: Server, db: HubDatabase, feed: ChangeFeed): void {
  const followers = new Map<string, Follower>();

  const send = (follower: Follower, afterSeq: number, changes: Change[], hubTime: string) => {
    const batch: ChangeBatch = { afterSeq, changes: changes.map((c) => changeFor(follower.audience, c)), hubTime };
    follower.socket.emit(SYNC_EVENTS.changes, batch);
    follower.cursor = changes.at(-1)!.seq;
  };

  const catchUp = async (follower: Follower) => {
    if (follower.catchingUp) return;
    follower.catchingUp = true;
    try {
      // A re-follow replaces this follower; the old loop must stop rather than send stale batches.
      while (
        follower.socket.connected &&
        followers.get(follower.socket.id) === follower &&
        follower.cursor < feed.headSeq
      ) {
        const changes = await readChangesAfter(db, follower.cursor, CATCH_UP_PAGE);
        if (changes.length === 0) break;
        send(follower, follower.cursor, changes, new Date().toISOString());
      }
    } finally {
      follower.catchingUp = false;
    }
  };

  feed.onBatch((afterSeq, changes) => {
    const hubTime = new Date().toISOString();
    const last = changes.at(-1)!.seq;
    // Followers exactly in step share one broadcast per audience: socket.io encodes the
    // packet once for all of them, instead of once per console.
    const inStep = new Map<string, { audience: SyncAudience; ids: string[]; followers: Follower[] }>();
    for (const follower of followers.values()) {
      if (follower.catchingUp || follower.cursor >= last) continue;
      if (follower.cursor === afterSeq) {
        const key = `${follower.audience.entityScope ?? '*'}|${follower.audience.seesPersonalData}`;
        const group = inStep.get(key) ?? { audience: follower.audience, ids: [], followers: [] };
        group.ids.push(follower.socket.id);
        group.followers.push(follower);
        inStep.set(key, group);
      } else if (follower.cursor > afterSeq) {
        send(
          follower,
          follower.cursor,
          changes.filter((c) => c.seq > follower.cursor),
          hubTime,
        );
      } else void catchUp(follower);
    }
    for (const group of inStep.values()) {
      const batch: ChangeBatch = { afterSeq, changes: changes.map((c) => changeFor(group.audience, c)), hubTime };
      io.to(group.ids).emit(SYNC_EVENTS.changes, batch);
      for (const follower of group.followers) follower.cursor = last;
    }
  });

  io.on('connection', (socket) => {
    socket.on(SYNC_EVENTS.follow, async (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (answer: FollowAck) => void;
      const parsed = FollowRequest.safeParse(raw);
      if (!parsed.success) {
        reply({ ok: false, reason: 'badRequest', message: 'sync:follow needs { afterSeq, hubEpoch }' });
        return;
      }
      try {
        const head = await readSyncPosition(db);
        if (parsed.data.hubEpoch !== head.hubEpoch) {
          reply({
            ok: false,
            reason: 'epochMismatch',
            message: 'This hub database is not the one the cache was built from.',
          });
          return;
        }
        if (parsed.data.afterSeq < head.oldestReplayableSeq || parsed.data.afterSeq > head.headSeq) {
          reply({
            ok: false,
            reason: 'beyondRetention',
            message: `Cannot replay from ${parsed.data.afterSeq}: the hub replays from ${head.oldestReplayableSeq} to ${head.headSeq}.`,
          });
          return;
        }
        const audience = (socket.data as { audience?: SyncAudience }).audience ?? FULL_AUDIENCE;
        const follower: Follower = { socket, cursor: parsed.data.afterSeq, catchingUp: false, audience };
        followers.set(socket.id, follower);
        reply({ ok: true, headSeq: head.headSeq, hubTime: head.hubTime });
        await catchUp(follower);
      } catch {
        reply({ ok: false, reason: 'badRequest', message: 'The hub could not read its change log; try again.' });
      }
    });
    socket.on('disconnect', () => followers.delete(socket.id));
  });
}
