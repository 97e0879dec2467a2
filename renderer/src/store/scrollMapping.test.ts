import { describe, expect, it } from 'vitest';
import {
  SCROLL_CAP_PX,
  maxScrollTop,
  rowsAt,
  scrollTopFor,
  spacerHeight,
  visibleRows,
  type ScrollSpace,
} from './scrollMapping';

const million: ScrollSpace = { total: 1_000_000, rowPx: 52, viewportPx: 520, capPx: SCROLL_CAP_PX };
const small: ScrollSpace = { total: 1500, rowPx: 52, viewportPx: 520, capPx: SCROLL_CAP_PX };
const end = maxScrollTop(million);

describe('scroll mapping', () => {
  it('keeps a million rows under the browsers’ height cap', () => {
    expect(spacerHeight(million)).toBe(SCROLL_CAP_PX);
    expect(SCROLL_CAP_PX).toBeLessThan(17_000_000);
    expect(spacerHeight(small)).toBe(1500 * 52);
  });

  it.each([
    ['the top shows the first row', million, 0, { first: 0, last: 9 }],
    ['the bottom shows the last row', million, end, { first: 999_990, last: 999_999 }],
    ['halfway shows the middle rows', million, end / 2, { first: 499_995, last: 500_004 }],
    ['below the cap, one pixel is one pixel', small, 52 * 700, { first: 700, last: 709 }],
    ['below the cap, the bottom is the last row', small, maxScrollTop(small), { first: 1490, last: 1499 }],
    ['an empty list shows nothing past row 0', { ...small, total: 0 }, 0, { first: 0, last: 0 }],
  ])('%s', (_what, space, scrollTop, expected) => {
    expect(visibleRows(scrollTop, space)).toEqual(expected);
  });

  it('maps every scroll position to a row in order, never past the last', () => {
    let previous = -1;
    for (let top = 0; top <= end; top += 9973) {
      const { first } = rowsAt(top, million);
      expect(first).toBeGreaterThanOrEqual(previous);
      expect(first).toBeLessThan(million.total);
      previous = first;
    }
  });

  it.each([
    ['Home from the middle', 0, end / 2],
    ['End from the top', 999_999, 0],
    ['a row far down', 654_321, 0],
    ['the next row below the view', 500_010, end / 2],
    ['a row far up', 12_345, end],
  ])('brings %s fully into view', (_what, index, from) => {
    const top = scrollTopFor(index, from, million);
    const { first, offsetPx } = rowsAt(top, million);
    const rowTopInView = (index - first) * million.rowPx + offsetPx;
    expect(rowTopInView).toBeGreaterThanOrEqual(0);
    expect(rowTopInView + million.rowPx).toBeLessThanOrEqual(million.viewportPx + 1e-6);
  });

  it('leaves the scroll alone when the row is already whole on screen', () => {
    expect(scrollTopFor(3, 0, million)).toBe(0);
    expect(scrollTopFor(705, 52 * 700, small)).toBe(52 * 700);
  });
});
