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

  it('draws next() in [0, 1)', () => {
    const rng = createSeedRandom(0);
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
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
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(7, 3)).toThrow(RangeError);
  });

  it('never draws a zero-weight entry and roughly follows the weights', () => {
    const rng = createSeedRandom(9);
    const counts = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 4000; i++)
      counts[
        rng.weighted([
          ['a', 0],
          ['b', 1],
          ['c', 0],
          ['d', 3],
        ] as const)
      ]++;
    expect(counts.a).toBe(0);
    expect(counts.c).toBe(0);
    expect(counts.d / counts.b).toBeGreaterThan(2.5);
    expect(counts.d / counts.b).toBeLessThan(3.5);
    expect(() => rng.weighted([['x', 0]] as const)).toThrow(RangeError);
  });

  it('picks every item of a list and refuses an empty one', () => {
    const rng = createSeedRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.pick(['x', 'y', 'z'] as const)));
    expect(seen).toEqual(new Set(['x', 'y', 'z']));
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });
});
