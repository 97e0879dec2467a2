/**
 * In-process notices that a transaction leaves for this process's listeners,
 * handed over only once it has committed: the in-process counterpart of
 * NOTIFY, without the round trip through the server. A rolled-back
 * transaction's notices are dropped with it.
 */
export class CommitNotices {
  private readonly listeners = new Map<string, Set<(payloads: unknown[]) => void>>();

  listen(channel: string, listener: (payloads: unknown[]) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return () => set.delete(listener);
  }

  /** One transaction's notices: `notify` while it runs, `deliver` after COMMIT has returned, never after a rollback. */
  transaction(): { notify(channel: string, payload: unknown): void; deliver(): void } {
    const byChannel = new Map<string, unknown[]>();
    return {
      notify: (channel, payload) => {
        const payloads = byChannel.get(channel) ?? [];
        payloads.push(payload);
        byChannel.set(channel, payloads);
      },
      deliver: () => {
        for (const [channel, payloads] of byChannel) {
          for (const listener of this.listeners.get(channel) ?? []) {
            // The transaction has committed: a listener's fault must not make its caller think it failed.
            try {
              listener(payloads);
            } catch {
              /* the listener reports its own failures */
            }
          }
        }
      },
    };
  }
}
