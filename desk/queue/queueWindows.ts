import type { QueueSort } from '../../shared/contract/deskContract';
import type { WindowRow } from './queueFilters';
import type { ClockFilters } from '../../shared/contract/clockFilters';
import type { ClockBounds } from './queueClock';

/** Where a row stands in a sort: its key, then its id to break ties. */
export interface SortKey {
  key: string;
  id: string;
}
/** A sampled row of a selection's order, and its exact position in it. */
export interface Rung extends SortKey {
  position: number;
}

/**
 * A ladder holds about this many rungs whatever the selection's size: one
 * rung per count/LADDER_RUNGS rows of the selection (its step). A jump reads
 * from the rung at or before its position and skips fewer than a step of the
 * selection's rows. Sized by rows of the selection, not of the index, so a
 * sparse selection (a rare facet, whose rows lie far apart in the sort's
 * index) gets a fine ladder and a jump never walks far between its rows. At a
 * million cases: a thousand rungs, a few tens of kilobytes.
 */
export const LADDER_RUNGS = 1000;
/** Skipping from the start of the index is cheap for positions below this, with no ladder built. */
export const LADDER_STEP = 1000;
/**
 * A selection of at most this many rows keeps every row's key (a ladder of
 * step 1): its pages are read by id, never by walking an index in which its
 * rows may be few and far between.
 */
export const SMALL_WINDOW = 2000;

export const ladderStepFor = (count: number) => (count <= SMALL_WINDOW ? 1 : Math.ceil(count / LADDER_RUNGS));

export const sortKeyOf = (sort: QueueSort, row: WindowRow): SortKey => ({
  key: sort === 'urgent' ? row.urgent_key : row.submitted_at,
  id: row.id,
});

/**
 * Negative when a comes before b in the sort. Keys are ASCII (ISO times,
 * UUIDs, '0'/'1'), so JavaScript's code-unit order is SQLite's BINARY order.
 */
export function compareInSort(sort: QueueSort, a: SortKey, b: SortKey): number {
  const c = a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return sort === 'urgent' ? c : -c;
}

/** Index of the first rung at or after the key. */
export function firstNotBefore(sort: QueueSort, ladder: readonly Rung[], key: SortKey): number {
  let low = 0;
  let high = ladder.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareInSort(sort, ladder[mid]!, key) >= 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Index of the first rung that sorts after the key. */
export function firstAfter(sort: QueueSort, ladder: readonly Rung[], key: SortKey): number {
  let low = 0;
  let high = ladder.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareInSort(sort, ladder[mid]!, key) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * A row left the selection (or moved away from its key): every rung after it
 * stands one place earlier. A rung on the row itself is dropped, since its
 * key no longer marks a row of the selection.
 */
export function ladderWithout(sort: QueueSort, ladder: Rung[], key: SortKey): void {
  const after = firstAfter(sort, ladder, key);
  for (let i = after; i < ladder.length; i++) ladder[i]!.position--;
  const on = after - 1;
  if (on >= 0 && compareInSort(sort, ladder[on]!, key) === 0) ladder.splice(on, 1);
}

/**
 * A row joined the selection at this key: every rung after it stands one
 * place later. A complete ladder (every row a rung) takes the row as a rung.
 */
export function ladderWith(sort: QueueSort, ladder: Rung[], key: SortKey, complete = false): void {
  const after = firstAfter(sort, ladder, key);
  for (let i = after; i < ladder.length; i++) ladder[i]!.position++;
  if (complete) ladder.splice(after, 0, { ...key, position: after === 0 ? 0 : ladder[after - 1]!.position + 1 });
}

/** The last rung at or before a position, and how many rows past it the position lies (rung null: from the start). */
export function anchorFor(ladder: readonly Rung[], position: number): { rung: Rung | null; skip: number } {
  let low = 0;
  let high = ladder.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ladder[mid]!.position <= position) low = mid + 1;
    else high = mid;
  }
  const rung = low > 0 ? ladder[low - 1]! : null;
  return { rung, skip: position - (rung?.position ?? 0) };
}

export type RowMatcher = (row: WindowRow) => boolean;

/**
 * What the desk keeps about one selection (sort, open-only, filters, clock
 * filters): its count and its position ladder, both kept exact by replaying
 * the journal of case changes rather than by recounting a million rows per
 * page. A selection under clock filters is also moved on as time passes
 * (`clock`): the reader hands it the cases whose deadlines or last changes
 * the clock has just passed.
 */
export class QueueWindow {
  ladder: Rung[] | null = null;
  /** Rows of the selection per rung, fixed when the ladder is built. */
  step = 1;
  /** The ladder is being built and does not reach the end of the selection yet. */
  partial = false;

  constructor(
    readonly sort: QueueSort,
    /** Does a row belong to the selection (for a clock selection: at the time the reader holds its windows at)? */
    public matches: RowMatcher,
    public count: number,
    /** A clock selection's filters and its predicate at any time; null for a selection time does not change. */
    readonly clock: { filters: ClockFilters; matcherAt: (bounds: ClockBounds) => RowMatcher } | null = null,
  ) {}

  /** One journalled change: a row added (old null), removed (new null), or changed. */
  apply(oldRow: WindowRow | null, newRow: WindowRow | null): void {
    this.move(
      oldRow && this.matches(oldRow) ? sortKeyOf(this.sort, oldRow) : null,
      newRow && this.matches(newRow) ? sortKeyOf(this.sort, newRow) : null,
    );
  }

  /**
   * A row left the selection at `was` and/or joined it at `is` (null: it was
   * not, or is not, in it). A row still in at the same key moves nothing, and
   * a rung on it still marks a row of the selection.
   */
  move(was: SortKey | null, is: SortKey | null): void {
    if (was && is && compareInSort(this.sort, was, is) === 0) return;
    if (was) {
      this.count--;
      if (this.ladder) ladderWithout(this.sort, this.ladder, was);
    }
    if (is) {
      this.count++;
      if (this.ladder) ladderWith(this.sort, this.ladder, is, this.complete);
    }
  }

  /** No ladder yet, or one whose gaps (or the stretch after its last rung) have grown so wide that a jump would walk too far. */
  get needsRebuild(): boolean {
    if (!this.ladder) return true;
    const maxGap = 4 * this.step;
    let previous = 0;
    for (const rung of this.ladder) {
      if (rung.position - previous > maxGap) return true;
      previous = rung.position;
    }
    return this.count - previous > maxGap;
  }

  /** Every row of the selection is a rung: pages are slices of the ladder. */
  get complete(): boolean {
    return this.ladder !== null && this.step === 1;
  }
}

/** The windows of the selections asked for lately, by signature; the least recently used go first. */
export class QueueWindows {
  private readonly windows = new Map<string, QueueWindow>();

  constructor(private readonly capacity = 64) {}

  get(signature: string): QueueWindow | undefined {
    const window = this.windows.get(signature);
    if (window) {
      this.windows.delete(signature);
      this.windows.set(signature, window);
    }
    return window;
  }

  set(signature: string, window: QueueWindow): void {
    this.windows.set(signature, window);
    while (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value!);
  }

  apply(oldRow: WindowRow | null, newRow: WindowRow | null): void {
    for (const window of this.windows.values()) window.apply(oldRow, newRow);
  }

  /** The windows of clock selections (those time moves). */
  timed(): QueueWindow[] {
    return [...this.windows.values()].filter((window) => window.clock);
  }

  /** Drops the windows of clock selections: they are counted again when next asked for. */
  forgetTimed(): void {
    for (const [signature, window] of this.windows) if (window.clock) this.windows.delete(signature);
  }

  clear(): void {
    this.windows.clear();
  }

  get size(): number {
    return this.windows.size;
  }
}
