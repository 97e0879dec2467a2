import { afterAll, beforeAll } from 'vitest';
import { startHub, type HubConfig, type RunningHub } from '../../server/hubServer';
import type { HubDatabaseConfig } from '../../server/db/openHubDatabase';
import type { HubTarget } from './hubDatabaseTargets';

/**
 * A hub on a fresh database of the given target for one describe block:
 * started before its tests, closed and dropped after. Quiet, no simulator,
 * no timed jobs unless asked.
 */
export function hubFixture(target: HubTarget, config: Partial<HubConfig> = {}) {
  const state: { hub?: RunningHub; database?: HubDatabaseConfig; dispose?: () => Promise<void> } = {};
  beforeAll(async () => {
    const created = await target.create();
    state.dispose = created.dispose;
    state.database = created.config;
    state.hub = await startHub({ ...created.config, simulate: false, jobs: false, logLevel: 'silent', ...config });
  });
  afterAll(async () => {
    await state.hub?.close();
    await state.dispose?.();
  });
  return {
    get hub(): RunningHub {
      return state.hub!;
    },
    get database(): HubDatabaseConfig {
      return state.database!;
    },
  };
}
