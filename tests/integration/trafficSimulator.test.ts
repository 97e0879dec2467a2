import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../server/hubServer';
import { TrafficSimulator } from '../../server/simulator/trafficSimulator';
import { hubLogger } from '../../server/hubLogger';
import { hubFixture, inMemoryPglite } from '../support/hubFixture';

describe('the traffic simulator', () => {
  const fixture = hubFixture(inMemoryPglite, { seed: { cases: 100, seed: 2 } });
  let hub: RunningHub;
  beforeAll(() => {
    hub = fixture.hub;
  });

  const count = async (sql: string) => ((await hub.db.query(sql)) as { n: number }[])[0]!.n;

  it('submits applications and moves cases through their lifecycle, neglecting its share', async () => {
    const simulator = new TrafficSimulator(
      hub.db,
      { applicationsPerMinute: 600, medianStepSeconds: 1, stepSpread: 0.3, neglectedShare: 0.3, maxStepsPerTick: 500 },
      hubLogger('silent'),
    );
    const casesBefore = await count('SELECT count(*)::int AS n FROM cases');
    const eventsBefore = await count(`SELECT count(*)::int AS n FROM case_events WHERE kind LIKE 'status:%'`);
    let now = Date.now();
    for (let i = 0; i < 40; i++) await simulator.tick((now += 2000));

    expect(await count('SELECT count(*)::int AS n FROM cases')).toBeGreaterThan(casesBefore + 100);
    expect(await count(`SELECT count(*)::int AS n FROM case_events WHERE kind LIKE 'status:%'`)).toBeGreaterThan(
      eventsBefore + 50,
    );
    expect(
      await count(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'status:closed' AND actor = 'citizen'`),
    ).toBeGreaterThan(0);
    // Neglected cases stay where they were: the queue always holds late work for the operation room.
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE status = 'assigned'`)).toBeGreaterThan(0);
  });
});
