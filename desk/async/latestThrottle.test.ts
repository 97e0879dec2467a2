import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestThrottle } from './latestThrottle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('latestThrottle', () => {
  it.each([
    // [pushes as [atMs, value], what is delivered as [atMs, value]]
    { name: 'a lone value goes at once', pushes: [[0, 1]], delivered: [[0, 1]] },
    {
      name: 'a burst: the first at once, the last when the interval ends',
      pushes: [
        [0, 1],
        [10, 2],
        [20, 3],
      ],
      delivered: [
        [0, 1],
        [100, 3],
      ],
    },
    {
      name: 'a steady stream: one per interval, always the newest',
      pushes: [
        [0, 1],
        [50, 2],
        [120, 3],
        [150, 4],
        [260, 5],
      ],
      delivered: [
        [0, 1],
        [100, 2],
        [200, 4],
        [300, 5],
      ],
    },
    {
      name: 'after a quiet spell, at once again',
      pushes: [
        [0, 1],
        [500, 2],
      ],
      delivered: [
        [0, 1],
        [500, 2],
      ],
    },
  ])('$name', ({ pushes, delivered }) => {
    const seen: [number, number][] = [];
    const throttle = latestThrottle<number>((value) => seen.push([Date.now(), value]), 100);
    const start = Date.now();
    for (const [at, value] of pushes as [number, number][]) {
      vi.advanceTimersByTime(at - (Date.now() - start));
      throttle.push(value);
    }
    vi.advanceTimersByTime(1000);
    expect(seen.map(([at, value]) => [at - start, value])).toEqual(delivered);
  });

  it('delivers nothing more once cancelled', () => {
    const seen: number[] = [];
    const throttle = latestThrottle<number>((value) => seen.push(value), 100);
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1]);
  });
});
