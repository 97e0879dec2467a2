import { afterAll, beforeAll } from 'vitest';
import { startHub, type HubConfig, type RunningHub } from '../../server/hubServer';
import type { HubDatabaseConfig } from '../../server/db/openHubDatabase';
import type { HubTarget } from './hubDatabaseTargets';

/** PGlite in memory, the hub's default database: for tests of the desk rather than of the hub's database. */
export const inMemoryPglite: HubTarget = {
  name: 'pglite',
  create: async () => ({ config: {}, dispose: async () => undefined }),
};

/**
 * A hub on a fresh database of the given target for one describe block:
 * started before its tests, closed and dropped after. Quiet, no simulator,
 * no timed jobs unless asked. Declare it before the block's own hooks: its
 * afterAll then runs last (vitest runs afterAll hooks in reverse), once the
 * block has stopped the desks and connections it opened on the hub.
 */
export function hubFixture(target: HubTarget, config: Partial<HubConfig> = {}) {
  const state: { hub?: RunningHub; database?: HubDatabaseConfig; dispose?: () => Promise<void> } = {};
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= state.hub?.close() ?? Promise.resolve());
  beforeAll(async () => {
    const created = await target.create();
    state.dispose = created.dispose;
    state.database = created.config;
    state.hub = await startHub({ ...created.config, simulate: false, jobs: false, logLevel: 'silent', ...config });
  });
  afterAll(async () => {
    await close();
    await state.dispose?.();
  });
  return {
    get hub(): RunningHub {
      return state.hub!;
    },
    get database(): HubDatabaseConfig {
      return state.database!;
    },
    /** Stops the hub before the block ends (a desk going offline); the block's end then only drops its database. */
    close,
  };
}
