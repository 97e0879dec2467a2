import { join } from 'node:path';
import { startHub, type RunningHub } from '../server/hubServer';
import { DeskCore } from '../desk/deskCore';
import type { SecretStore } from '../desk/session/secretStore';

export interface DeskRuntimeOptions {
  dataDir: string;
  /** A real hub's address; absent means the embedded demo hub. */
  hubUrl?: string | undefined;
  /** Embedded hub only: how many demo cases to seed (default 20,000). */
  demoCases?: number;
  /** Embedded hub only: simulated traffic on or off (default on). */
  simulate?: boolean;
  log?: (message: string) => void;
  /** The platform's secret store (Electron passes safeStorage's). */
  secrets?: SecretStore | undefined;
}

/** The embedded demo hub's supervisor (server/auth seeds it); demo-only, never on a real hub. */
export const DEMO_ACCOUNT = { username: 'rana', password: 'demo-password' } as const;

export interface DeskRuntime {
  core: DeskCore;
  hub: RunningHub | null;
  close(): Promise<void>;
}

/**
 * Composes the console: the embedded hub (when no real hub is named) and the
 * desk core syncing from it. Both the browser launcher and the Electron shell
 * start the console through here.
 */
export async function startDeskRuntime(options: DeskRuntimeOptions): Promise<DeskRuntime> {
  const log = options.log ?? (() => undefined);
  let hub: RunningHub | null = null;
  let hubUrl = options.hubUrl;
  if (!hubUrl) {
    log('Starting the embedded hub (PGlite, demo data, simulated traffic)…');
    hub = await startHub({
      pgliteDataDir: join(options.dataDir, 'hub-pglite'),
      seed: { cases: options.demoCases ?? 20_000 },
      simulate: options.simulate === false ? false : {},
      logLevel: 'warn',
    });
    hubUrl = hub.url;
  }
  const core = new DeskCore({
    dataDir: join(options.dataDir, 'desk'),
    hubUrl,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    // The embedded hub is a demo: its demo supervisor signs in by itself.
    ...(hub ? { demoAccount: DEMO_ACCOUNT } : {}),
  });
  core.start();
  return {
    core,
    hub,
    async close() {
      await core.stop();
      await hub?.close();
    },
  };
}
