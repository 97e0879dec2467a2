import { describe, expect, it } from 'vitest';
import { createSeedRandom } from './seedRandom';

describe('createSeedRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createSeedRandom(42);
    const b = createSeedRandom(42);
    const c = createSeedRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = createSeedRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('never draws a zero-weight entry', () => {
    const rng = createSeedRandom(9);
    for (let i = 0; i < 2000; i++)
      expect(
        rng.weighted([
          ['a', 0],
          ['b', 1],
          ['c', 0],
        ] as const),
      ).toBe('b');
  });
});
