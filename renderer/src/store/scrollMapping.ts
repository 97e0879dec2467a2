/**
 * A list of a million rows cannot be a million rows tall: browsers cap an
 * element's height (Chromium near 33.5 million pixels, Firefox near 17.9
 * million), and 1,000,000 rows of 52 px need 52 million. So the list's
 * scroll space is capped, and scrolling maps linearly onto the rows: the top
 * of the scroll range is the first row, the bottom is the last, and one pixel
 * of scrollbar moves (content height / scroll height) pixels of rows. Below
 * the cap the mapping is the identity, and the list scrolls exactly as
 * before.
 */
export const SCROLL_CAP_PX = 8_000_000;

export interface ScrollSpace {
  /** Rows in the list. */
  total: number;
  rowPx: number;
  /** Height of the area rows show in (the scroller less its sticky header). */
  viewportPx: number;
  /** The tallest the scrolled content may be. */
  capPx: number;
}

/** How tall the scrolled content is: every row, or the cap. */
export function spacerHeight({ total, rowPx, capPx }: ScrollSpace): number {
  return Math.min(total * rowPx, capPx);
}

/** Pixels of rows per pixel of scroll (1 below the cap). */
function ratio(space: ScrollSpace): number {
  const rowsMax = Math.max(0, space.total * space.rowPx - space.viewportPx);
  const scrollMax = Math.max(0, spacerHeight(space) - space.viewportPx);
  return scrollMax > 0 && rowsMax > 0 ? rowsMax / scrollMax : 1;
}

/** The largest scrollTop the content allows. */
export function maxScrollTop(space: ScrollSpace): number {
  return Math.max(0, spacerHeight(space) - space.viewportPx);
}

/**
 * What a scroll position shows: the first row at least partly in view, and
 * where its top sits relative to the top of the rows' area (zero or negative).
 */
export function rowsAt(scrollTop: number, space: ScrollSpace): { first: number; offsetPx: number } {
  if (space.total === 0) return { first: 0, offsetPx: 0 };
  const rowsMax = Math.max(0, space.total * space.rowPx - space.viewportPx);
  const top = Math.min(rowsMax, Math.max(0, scrollTop) * ratio(space));
  const first = Math.min(space.total - 1, Math.floor(top / space.rowPx));
  return { first, offsetPx: first * space.rowPx - top };
}

/** The rows at least partly in view at a scroll position. */
export function visibleRows(scrollTop: number, space: ScrollSpace): { first: number; last: number } {
  const { first, offsetPx } = rowsAt(scrollTop, space);
  const last = Math.min(space.total - 1, first + Math.ceil((space.viewportPx - offsetPx) / space.rowPx) - 1);
  return { first, last: Math.max(first, last) };
}

/**
 * The scroll position that brings a row fully into view, moving as little as
 * possible (the row keeps its place if it is already whole on screen).
 * Rounding favours the row: up to it from below, down to it from above.
 */
export function scrollTopFor(index: number, scrollTop: number, space: ScrollSpace): number {
  const r = ratio(space);
  const top = Math.max(0, scrollTop) * r;
  const rowTop = index * space.rowPx;
  const rowBottom = rowTop + space.rowPx;
  let target: number;
  if (rowTop < top) target = Math.floor(rowTop / r);
  else if (rowBottom > top + space.viewportPx) target = Math.ceil((rowBottom - space.viewportPx) / r);
  else return scrollTop;
  return Math.min(maxScrollTop(space), Math.max(0, target));
}
