/** A request for one page, stamped with the epoch it was made in. */
export interface PageTicket {
  page: number;
  epoch: number;
}

/**
 * Keeps the queue's page cache honest while replies race each other: which
 * pages are current, which are stale but still worth showing, which are on
 * their way. Replies can come back in any order; a page never goes back to an
 * older copy, and a reply for a query the operator has left is never shown.
 */
export class PageLedger {
  private epoch = 0;
  /** Replies from before this epoch belong to an abandoned query. */
  private floor = 0;
  private readonly shown = new Map<number, number>();
  private readonly asked = new Map<number, number>();

  /** The cache changed: every page held is now stale, though still better than nothing on screen. */
  invalidate(): void {
    this.epoch++;
  }

  /** A new sort, search or filter: nothing held or asked for so far applies. */
  reset(): void {
    this.epoch++;
    this.floor = this.epoch;
    this.shown.clear();
    this.asked.clear();
  }

  /** Of the pages wanted, those neither current nor already asked for in this epoch; they count as asked. */
  request(wanted: readonly number[]): PageTicket[] {
    const tickets: PageTicket[] = [];
    for (const page of wanted) {
      if (this.shown.get(page) === this.epoch || this.asked.get(page) === this.epoch) continue;
      this.asked.set(page, this.epoch);
      tickets.push({ page, epoch: this.epoch });
    }
    return tickets;
  }

  /** A reply came back: whether to show it. */
  accept(ticket: PageTicket): boolean {
    this.settle(ticket);
    if (ticket.epoch < this.floor || ticket.epoch < (this.shown.get(ticket.page) ?? -1)) return false;
    this.shown.set(ticket.page, ticket.epoch);
    return true;
  }

  /** The page held is from the current epoch: its keys say where its neighbours start, as of now. */
  isCurrent(page: number): boolean {
    return this.shown.get(page) === this.epoch;
  }

  /** A request failed: the page may be asked for again. */
  fail(ticket: PageTicket): void {
    this.settle(ticket);
  }

  /** Pages dropped from the cache. */
  forget(pages: Iterable<number>): void {
    for (const page of pages) this.shown.delete(page);
  }

  private settle({ page, epoch }: PageTicket): void {
    if (this.asked.get(page) === epoch) this.asked.delete(page);
  }
}
