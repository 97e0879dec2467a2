import { describe, expect, it } from 'vitest';
import { createSeedRandom } from '../../shared/random/seedRandom';
import { logNormalDelay, poissonCount } from './answerDelays';

describe('answer delays', () => {
  it.each([
    [60, 0.5],
    [600, 1.0],
  ])('log-normal with median %is keeps its median and a long right tail (sigma %f)', (median, sigma) => {
    const rng = createSeedRandom(4);
    const draws = Array.from({ length: 20_000 }, () => logNormalDelay(rng, median, sigma)).sort((a, b) => a - b);
    const observedMedian = draws[draws.length / 2]!;
    expect(observedMedian).toBeGreaterThan(median * 0.93);
    expect(observedMedian).toBeLessThan(median * 1.07);
    // The tail: the 90th percentile sits exp(1.28·sigma) above the median, and the mean above the median.
    const p90 = draws[Math.floor(draws.length * 0.9)]!;
    expect(p90 / median).toBeCloseTo(Math.exp(1.2816 * sigma), 0);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeGreaterThan(observedMedian);
    expect(draws.every((d) => d > 0)).toBe(true);
  });

  it.each([0.5, 3, 12])('Poisson arrivals average %f per tick', (mean) => {
    const rng = createSeedRandom(2);
    const counts = Array.from({ length: 20_000 }, () => poissonCount(rng, mean));
    const average = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(Math.abs(average - mean)).toBeLessThan(mean * 0.05 + 0.02);
  });
});
