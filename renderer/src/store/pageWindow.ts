/** Rows come in pages of this many, fetched by position as the list scrolls. */
export const PAGE_SIZE = 100;
/** Pages kept beyond those in view, so the heap holds only what is near the screen. */
export const KEEP_RADIUS = 3;

/** The pages covering rows [first, last], plus one page either side for smooth scrolling. */
export function pagesInView(first: number, last: number, total: number): number[] {
  if (total === 0 || last < first) return [];
  const lastPage = Math.floor((total - 1) / PAGE_SIZE);
  const from = Math.max(0, Math.floor(first / PAGE_SIZE) - 1);
  const to = Math.min(lastPage, Math.floor(last / PAGE_SIZE) + 1);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Loaded pages too far from the view to keep. */
export function pagesToDrop(loaded: Iterable<number>, inView: readonly number[]): number[] {
  if (inView.length === 0) return [];
  const low = inView[0]! - KEEP_RADIUS;
  const high = inView.at(-1)! + KEEP_RADIUS;
  return [...loaded].filter((page) => page < low || page > high);
}
