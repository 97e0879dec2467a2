import { describe, expect, it } from 'vitest';
import { coalescingRunner } from './coalescingRunner';

// Lets pending promise callbacks run (shared/ has no timers to wait on).
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('coalescingRunner', () => {
  it('folds a burst of requests during a run into one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    const request = coalescingRunner(async () => {
      runs++;
      await gate();
    });
    const first = request();
    for (let i = 0; i < 100; i++) void request();
    release();
    await first;
    await settle();
    release();
    await settle();
    expect(runs).toBe(2);
  });

  it('keeps running after a failed run', async () => {
    let calls = 0;
    const request = coalescingRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    await request();
    await request();
    expect(calls).toBe(2);
  });
});
