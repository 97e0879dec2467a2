import { io, type Socket } from 'socket.io-client';
import { ChangeBatch, FollowAck, SYNC_EVENTS, type FollowRequest } from '../../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../cache/replicaStore';
import type { HubCredentials } from './hubHttpClient';
import { planBatch } from './batchPlan';

export interface FollowerEvents {
  onConnection(state: 'connecting' | 'online' | 'offline'): void;
  onApplied(lastAppliedSeq: number, changedCases: number): void;
  /** The hub cannot replay from where the replica stands: take a fresh snapshot. */
  onResnapshot(reason: string, keepRows: boolean): void;
  onContact(hubTime: string | null): void;
  onProblem(message: string | null): void;
  /** The socket is up: a good moment to send what the outbox holds. */
  onConnected?(): void;
}

const FOLLOW_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 15_000;

/**
 * Follows the hub's change log over socket.io: on every (re)connect it asks
 * for everything after the last applied sequence number, then applies batches
 * strictly in order. A gap or a batch that fails validation is never applied:
 * the follower asks again from where it stands (catch-up).
 */
export class LiveFollower {
  private socket: Socket | null = null;

  constructor(
    private readonly hubUrl: string,
    private readonly store: ReplicaStore,
    private readonly events: FollowerEvents,
    private readonly credentials: HubCredentials | null = null,
  ) {}

  start(): void {
    this.events.onConnection('connecting');
    const socket = io(this.hubUrl, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      // Asked on every (re)connect, so a renewed token is used after a long outage.
      auth: (give) => {
        void (this.credentials?.accessToken() ?? Promise.resolve(null)).then((token) => give(token ? { token } : {}));
      },
    });
    this.socket = socket;
    socket.on('connect', () => {
      void this.follow();
      this.events.onConnected?.();
    });
    socket.on('disconnect', () => this.events.onConnection('offline'));
    socket.on('connect_error', (error) => {
      // A refused token: renew it before socket.io's own retry asks for it again.
      if (/unauthori[sz]ed|401|token/i.test(error.message)) void this.credentials?.rejected();
      this.events.onConnection('offline');
    });
    socket.io.on('reconnect_attempt', () => this.events.onConnection('connecting'));
    socket.io.on('ping', () => this.events.onContact(null));
    socket.on(SYNC_EVENTS.changes, (raw: unknown) => this.receive(raw));
  }

  /** A command over the same socket, with acknowledgement; throws when not connected or on timeout. */
  async sendCommand(name: string, input: Record<string, unknown>): Promise<unknown> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('Not connected to the hub.');
    return socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', { name, input });
  }

  stop(): void {
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** (Re)states where the replica stands; the hub replays from there. */
  async follow(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    const request: FollowRequest = { afterSeq: this.store.lastAppliedSeq, hubEpoch: this.store.hubEpoch ?? '' };
    let raw: unknown;
    try {
      raw = await socket.timeout(FOLLOW_TIMEOUT_MS).emitWithAck(SYNC_EVENTS.follow, request);
    } catch {
      this.events.onProblem('The hub did not answer the follow request; retrying.');
      socket.disconnect().connect();
      return;
    }
    const ack = FollowAck.safeParse(raw);
    if (!ack.success) {
      this.events.onProblem('The hub answered the follow request in an unknown shape.');
      return;
    }
    if (!ack.data.ok) {
      if (ack.data.reason === 'badRequest') {
        this.events.onProblem(ack.data.message);
        return;
      }
      this.events.onResnapshot(ack.data.message, ack.data.reason === 'beyondRetention');
      return;
    }
    this.events.onProblem(null);
    this.events.onContact(ack.data.hubTime);
    this.events.onConnection('online');
  }

  private receive(raw: unknown): void {
    const parsed = ChangeBatch.safeParse(raw);
    if (!parsed.success) {
      this.events.onProblem('A change from the hub failed validation; catching up from the last applied change.');
      void this.follow();
      return;
    }
    const batch = parsed.data;
    const at = this.store.lastAppliedSeq;
    const plan = planBatch(at, batch);
    if (plan.action === 'ignore') return;
    if (plan.action === 'catchUp') {
      void this.follow();
      return;
    }
    const changes = plan.changes;
    const applied = this.store.applyChanges(at, changes);
    this.events.onContact(batch.hubTime);
    this.events.onApplied(applied, changes.filter((c) => c.table === 'cases').length);
  }
}
