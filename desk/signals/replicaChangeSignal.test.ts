import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplicaChangeSignal, type ReplicaChange } from './replicaChangeSignal';

describe('the replica change signal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const run = (steps: readonly (ReplicaChange | number)[]) => {
    const sent: { searchTextOnly: boolean; at: number }[] = [];
    const signal = new ReplicaChangeSignal(16, (s) => sent.push({ ...s, at: Date.now() }));
    const start = Date.now();
    for (const step of steps) {
      if (typeof step === 'number') vi.advanceTimersByTime(step);
      else signal.changed(step);
    }
    vi.advanceTimersByTime(1000);
    return sent.map((s) => ({ searchTextOnly: s.searchTextOnly, at: s.at - start }));
  };

  it.each<[string, (ReplicaChange | number)[], { searchTextOnly: boolean; at: number }[]]>([
    ['a lone change goes out at once', ['rows'], [{ searchTextOnly: false, at: 0 }]],
    ['search text alone says so', ['searchText'], [{ searchTextOnly: true, at: 0 }]],
    [
      'a burst within the interval is one signal after it',
      ['rows', 0, 'rows', 5, 'rows'],
      [
        { searchTextOnly: false, at: 0 },
        { searchTextOnly: false, at: 16 },
      ],
    ],
    [
      'text written beside changed rows is not text alone',
      ['rows', 1, 'searchText', 1, 'rows'],
      [
        { searchTextOnly: false, at: 0 },
        { searchTextOnly: false, at: 16 },
      ],
    ],
    [
      'text written after the rows went out is text alone',
      ['rows', 200, 'searchText'],
      [
        { searchTextOnly: false, at: 0 },
        { searchTextOnly: true, at: 200 },
      ],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });
});
