import { randomUUID } from 'node:crypto';
import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { coalescingRunner } from '../../shared/async/coalescingRunner';
import { nextRemotePresence, type PresenceViewer, type RemoteEvent, type RemotePresence } from './presenceMerge';
import {
  PRESENCE_CHANNEL,
  encodeAnnouncement,
  encodeSignal,
  readRelayPayload,
  viewersOf,
} from './presenceRelayMessage';

export interface PresenceRelayOptions {
  /** How often this process says again who is viewing here (default 5 s). */
  heartbeatMs?: number;
  /** Silence after which another process's viewers are dropped (default three missed heartbeats). */
  expiryMs?: number;
  /** This process's id on the channel (default a fresh UUID per start). */
  processId?: string;
}

/** What the presence socket needs from the other processes (server/presence/presenceSocket.ts). */
export interface PresencePeers {
  /** The viewers the other processes announced, by process. */
  remote(): RemotePresence;
  /** Called once: how to read this process's viewers, and what to call when the others' change. */
  bind(localViewers: () => readonly PresenceViewer[], onRemoteChange: () => void): void;
  /** This process's viewers changed: tell the others. */
  localChanged(): void;
}

const MAX_PROCESSES = 64;

/**
 * Presence across hub processes on one PostgreSQL, by LISTEN/NOTIFY on the
 * hub's database seam. Each process announces its full local state when it
 * changes and again on every heartbeat; a process heard from no more within
 * the expiry (it died) loses its viewers; a starting process says hello and
 * the others announce at once; a stopping one says bye. The payloads carry a
 * case id and a user id together, which say who read what: they are never
 * logged, and nothing of them is stored (a NOTIFY is not kept).
 *
 * A process hears its own announcements too, and ignores them but for one
 * thing: when even its own stop arriving (its LISTEN connection was dropped,
 * a Postgres restart), it listens again and says hello.
 *
 * On PGlite (one process by nature) the same runs and hears only itself.
 */
export class PresenceRelay implements PresencePeers {
  readonly processId: string;
  private readonly heartbeatMs: number;
  private readonly expiryMs: number;
  private state: RemotePresence = new Map();
  private seq = 0;
  private localViewers: () => readonly PresenceViewer[] = () => [];
  private onRemoteChange: () => void = () => undefined;
  private stopListening: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastDropped = 0;
  /** When this process last heard its own announcement: proof that its LISTEN still works. */
  private lastEcho = 0;
  private relistening: Promise<void> | null = null;

  constructor(
    private readonly db: HubDatabase,
    private readonly log: HubLogger,
    options: PresenceRelayOptions = {},
  ) {
    this.processId = options.processId ?? randomUUID();
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.expiryMs = options.expiryMs ?? this.heartbeatMs * 3 + this.heartbeatMs / 2;
  }

  remote(): RemotePresence {
    return this.state;
  }

  bind(localViewers: () => readonly PresenceViewer[], onRemoteChange: () => void): void {
    this.localViewers = localViewers;
    this.onRemoteChange = onRemoteChange;
  }

  localChanged(): void {
    void this.announce();
  }

  /** Listens, asks the others to announce, and starts the heartbeat. */
  async start(): Promise<void> {
    this.stopListening = await this.db.listen(PRESENCE_CHANNEL, (payload) => this.hear(payload));
    this.lastEcho = Date.now();
    await this.notify(encodeSignal('hello', this.processId));
    await this.announce();
    this.timer = setInterval(() => this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat, says bye (the others drop this process's viewers at once), and stops listening. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.relistening;
    await this.announce(); // waits for an announcement in flight; sends nothing more
    if (this.stopListening) await this.notify(encodeSignal('bye', this.processId));
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = null;
  }

  private beat(): void {
    const now = Date.now();
    this.apply({ kind: 'tick', at: now });
    if (now - this.lastEcho > this.expiryMs && !this.relistening) {
      this.relistening = this.relisten().finally(() => (this.relistening = null));
    }
    void this.announce();
  }

  /** This process no longer hears itself: its LISTEN connection is gone. Listen again, and catch up by a hello. */
  private async relisten(): Promise<void> {
    this.log.warn('presence relay hears nothing, listening again', {});
    this.lastEcho = Date.now(); // tries again after another expiry, whatever happens now
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = null;
    try {
      const stop = await this.db.listen(PRESENCE_CHANNEL, (payload) => this.hear(payload));
      this.stopListening = stop;
      if (!this.stopped) await this.notify(encodeSignal('hello', this.processId));
    } catch (error) {
      this.log.warn('presence relay could not listen', { name: (error as Error).name });
    }
  }

  /** Sends this process's full local state; one at a time, a burst folded into one more. */
  private readonly announce = coalescingRunner(async () => {
    if (this.stopped) return;
    const { payload, dropped } = encodeAnnouncement(this.processId, ++this.seq, this.localViewers());
    if (dropped !== this.lastDropped) {
      this.lastDropped = dropped;
      if (dropped) this.log.warn('presence announcement cut to the notify size limit', { dropped });
    }
    await this.notify(payload);
  });

  private async notify(payload: string): Promise<void> {
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, payload]);
    } catch (error) {
      // The next heartbeat says it again.
      this.log.warn('presence announcement failed', { name: (error as Error).name });
    }
  }

  private hear(payload: string): void {
    if (this.stopped) return;
    const notice = readRelayPayload(payload);
    if (!notice.ok) {
      this.log.warn('presence notice ignored', { reason: notice.reason, where: notice.where ?? null });
      return;
    }
    const message = notice.message;
    if (message.from === this.processId) {
      this.lastEcho = Date.now();
      return;
    }
    switch (message.t) {
      case 'hello':
        void this.announce();
        return;
      case 'bye':
        this.apply({ kind: 'bye', from: message.from });
        return;
      case 'viewers': {
        const before = this.state;
        const at = Date.now();
        this.apply({ kind: 'viewers', from: message.from, seq: message.seq, viewers: viewersOf(message), at });
        if (this.state === before && !before.has(message.from)) {
          this.log.warn('presence notice ignored', { reason: 'tooManyProcesses', where: null });
        }
        return;
      }
    }
  }

  private apply(event: RemoteEvent): void {
    const before = this.state;
    this.state = nextRemotePresence(before, event, { expiryMs: this.expiryMs, maxProcesses: MAX_PROCESSES });
    if (this.state !== before) this.onRemoteChange();
  }
}
