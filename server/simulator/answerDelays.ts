import type { SeedRandom } from '../../shared/random/seedRandom';

/**
 * How long a focal point takes to act: log-normal, as human response times
 * are — most answer near the median, a long tail answers much later.
 */
export function logNormalDelay(rng: SeedRandom, medianSeconds: number, sigma: number): number {
  // Box–Muller: a standard normal from two uniforms.
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianSeconds * Math.exp(sigma * normal);
}

/** Poisson arrivals in one tick: applications come in clumps, not on a metronome. */
export function poissonCount(rng: SeedRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
