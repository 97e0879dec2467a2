/** What changed in the replica since the last signal. */
export type ReplicaChange = 'rows' | 'searchText';

/**
 * Coalesces bursts of replica changes into at most one signal per interval for
 * the views. The first change after a quiet spell goes out at once (leading
 * edge), so a lone change is not held back by the interval. A signal that
 * only owes search text says so: under live traffic it came five times a
 * second, and a queue without a search need not read again for it.
 */
export class ReplicaChangeSignal {
  private timer: NodeJS.Timeout | null = null;
  private sentAt = Number.NEGATIVE_INFINITY;
  private rowsChanged = false;

  constructor(
    private readonly everyMs: number,
    private readonly send: (signal: { searchTextOnly: boolean }) => void,
    private readonly now: () => number = Date.now,
  ) {}

  changed(what: ReplicaChange = 'rows'): void {
    if (what === 'rows') this.rowsChanged = true;
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.sentAt = this.now();
        const searchTextOnly = !this.rowsChanged;
        this.rowsChanged = false;
        this.send({ searchTextOnly });
      },
      Math.max(0, this.sentAt + this.everyMs - this.now()),
    );
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
