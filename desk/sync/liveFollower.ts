import { io, type Socket } from 'socket.io-client';
import { ChangeBatch, FollowAck, SYNC_EVENTS, type FollowRequest } from '../../shared/protocol/syncProtocol';
import type { ReplicaStore } from '../replica/replicaStore';
import type { HubCredentials } from './hubHttpClient';
import { planBatch } from './batchPlan';
import { SLA_RULES_EVENTS } from '../../shared/protocol/slaRulesProtocol';

export interface FollowerEvents {
  onConnection(state: 'connecting' | 'online' | 'offline'): void;
  onApplied(lastAppliedSeq: number, changedCases: number): void;
  /** The hub cannot replay from where the replica stands: take a fresh snapshot. */
  onResnapshot(reason: string, keepRows: boolean): void;
  onContact(hubTime: string | null): void;
  onProblem(message: string | null): void;
  /** The socket is up: a good moment to send what the outbox holds. */
  onConnected?(): void;
  /** A `sla:rules` event, unvalidated: the SLA rules version the hub has in force. */
  onSlaRules?(raw: unknown): void;
}

const FOLLOW_TIMEOUT_MS = 10_000;
// A hold is released by whoever asked for it; this only bounds one that never is.
const HOLD_LIMIT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 15_000;

/**
 * Follows the hub's change log over socket.io: on every (re)connect it asks
 * for everything after the last applied sequence number, then applies batches
 * strictly in order. A gap or a batch that fails validation is never applied:
 * the follower asks again from where it stands (catch-up).
 */
export class LiveFollower {
  private socket: Socket | null = null;
  /** Batches received while held back, in order (see hold). */
  private held: unknown[] | null = null;
  private holdTimer: NodeJS.Timeout | null = null;
  /** A position the replica must stand at for a moment: a batch that spans it is applied in two parts. */
  private stopAt: number | null = null;

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
    socket.on(SLA_RULES_EVENTS.changed, (raw: unknown) => this.events.onSlaRules?.(raw));
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

  /**
   * Holds incoming batches back, in order, without applying them; `release`
   * applies them. The integrity check holds the replica still while the hub
   * takes its digests, so the hub's position is never behind the replica's,
   * and then has the replica stop exactly at that position (stopAt).
   */
  hold(): (stopAt: number | null) => void {
    this.held ??= [];
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.release(null), HOLD_LIMIT_MS);
    this.holdTimer.unref();
    return (stopAt) => this.release(stopAt);
  }

  private release(stopAt: number | null): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    this.stopAt = stopAt !== null && stopAt > this.store.lastAppliedSeq ? stopAt : null;
    const held = this.held ?? [];
    this.held = null;
    for (const raw of held) this.receive(raw);
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
    if (this.held) {
      this.held.push(raw);
      return;
    }
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
    this.events.onContact(batch.hubTime);
    // A batch that spans the stop position is applied in two parts, so the replica stands there for a moment.
    const stop = this.stopAt;
    const parts =
      stop !== null && stop < plan.changes.at(-1)!.seq
        ? [plan.changes.filter((c) => c.seq <= stop), plan.changes.filter((c) => c.seq > stop)]
        : [plan.changes];
    for (const changes of parts) {
      if (changes.length === 0) continue;
      const applied = this.store.applyChanges(this.store.lastAppliedSeq, changes);
      if (this.stopAt !== null && applied >= this.stopAt) this.stopAt = null;
      this.events.onApplied(applied, changes.filter((c) => c.table === 'cases').length);
    }
  }
}
