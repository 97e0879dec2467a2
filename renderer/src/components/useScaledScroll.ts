import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import {
  SCROLL_CAP_PX,
  rowsAt,
  scrollTopFor,
  spacerHeight,
  visibleRows,
  type ScrollSpace,
} from '../store/scrollMapping';

/**
 * The scroll cap, lowered by tests (localStorage `queue-scroll-cap-px`) so a
 * queue of a few thousand rows exercises the same scaled scrolling as a
 * million.
 */
function scrollCap(): number {
  const override = Number(globalThis.localStorage?.getItem('queue-scroll-cap-px'));
  return Number.isFinite(override) && override > 0 ? override : SCROLL_CAP_PX;
}

/**
 * A virtual list over any number of fixed-height rows: the scroller's
 * position maps onto the row index (store/scrollMapping.ts), so the last of
 * a million rows is as reachable as the first, by the thumb, the wheel or
 * the keyboard. The header, if any, is sticky inside the scroller and its
 * height is left out of the rows' area.
 */
export function useScaledScroll(total: number, rowPx: number, overscan: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(600);
  const [capPx] = useState(scrollCap);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewportPx(Math.max(rowPx, element.clientHeight - (header.current?.offsetHeight ?? 0)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowPx]);

  const space: ScrollSpace = { total, rowPx, viewportPx, capPx };
  const { first, offsetPx } = rowsAt(scrollTop, space);
  const { last } = visibleRows(scrollTop, space);
  const from = Math.max(0, first - overscan);
  const to = Math.min(total - 1, last + overscan);
  const rows = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => {
    const index = from + i;
    // Placed relative to where the scroller stands, so the spacer's height never has to hold every row.
    return { index, top: scrollTop + offsetPx + (index - first) * rowPx };
  });

  const onScroll = useCallback(() => setScrollTop(scroller.current?.scrollTop ?? 0), []);
  const scrollToIndex = (index: number) => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = scrollTopFor(index, element.scrollTop, space);
    setScrollTop(element.scrollTop);
  };

  return { scroller, header, rows, first, last, spacerPx: spacerHeight(space), onScroll, scrollToIndex };
}
