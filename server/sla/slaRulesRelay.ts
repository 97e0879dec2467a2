import type { HubDatabase } from '../db/hubDatabase';
import type { HubLogger } from '../hubLogger';
import { coalescingRunner } from '../../shared/async/coalescingRunner';
import { readSlaRulesVersion } from './slaRulesStore';
import { SLA_RULES_CHANNEL, readSlaRulesNotice } from './slaRulesNotice';

export interface SlaRulesRelayOptions {
  /** How often the version is read as a backstop for a missed NOTIFY (default 10 s). */
  backstopPollMs?: number;
}

/**
 * Which SLA rules version is in force, as this hub process knows it. A save
 * through any process NOTIFYs on commit (slaRulesStore.ts), so every process
 * hears of it at once and tells its consoles (slaRulesSocket.ts). A NOTIFY can
 * be missed (its LISTEN connection dropped): a slow poll of the version covers
 * that, as the change feed's does. The version only moves forward: saves are
 * serialised by the rules' lock, so version order is commit order, and a late
 * or repeated notice changes nothing.
 */
export class SlaRulesRelay {
  private latest = 0;
  private readonly listeners = new Set<(version: number) => void>();
  private stopListening: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly backstopPollMs: number;

  constructor(
    private readonly db: HubDatabase,
    private readonly log: HubLogger,
    options: SlaRulesRelayOptions = {},
  ) {
    this.backstopPollMs = options.backstopPollMs ?? 10_000;
  }

  /** The newest version this process has heard of. */
  get version(): number {
    return this.latest;
  }

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(SLA_RULES_CHANNEL, (payload) => this.hear(payload));
    // Read after listening, so a save committed in between is either read here or heard. What
    // stood at start is no news: consoles are told it as they connect.
    this.latest = Math.max(this.latest, await readSlaRulesVersion(this.db));
    this.timer = setInterval(() => void this.poll(), this.backstopPollMs);
    this.timer.unref();
  }

  onVersion(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = null;
    await this.poll(); // waits for a read in flight; reads nothing more
  }

  private hear(payload: string): void {
    if (this.stopped) return;
    const heard = readSlaRulesNotice(payload);
    if (!heard.ok) {
      this.log.warn('sla rules notice ignored', { reason: heard.reason, where: heard.where ?? null });
      return;
    }
    this.advance(heard.version);
  }

  private readonly poll = coalescingRunner(async () => {
    if (this.stopped) return;
    try {
      this.advance(await readSlaRulesVersion(this.db));
    } catch (error) {
      this.log.warn('sla rules version could not be read', { name: (error as Error).name });
    }
  });

  private advance(version: number): void {
    if (version <= this.latest) return;
    this.latest = version;
    for (const listener of this.listeners) listener(version);
  }
}
