import { join } from 'node:path';
import { startBrowserBridge, type BrowserBridge } from './browserBridgeServer';
import { CHILD_ENTRIES, forkNodeChild, type ChildLine } from './childProcess';
import { CoreSupervisor } from './coreSupervisor';
import { startDemoHub, type DemoHub } from './demoHub';

/** The embedded demo hub's supervisor (the hub's demo seed creates it); demo-only, never on a real hub. */
export const DEMO_ACCOUNT = { username: 'rana', password: 'demo-password' } as const;

export interface BrowserConsoleOptions {
  dataDir: string;
  rendererDir: string;
  /** A real hub's address; absent means the embedded demo hub. */
  hubUrl?: string | undefined;
  port?: number;
  /** The browser page's token (tests fix it; otherwise one per run). */
  token?: string;
  /** Embedded hub only: how many demo cases to seed, and simulated traffic. */
  demoCases?: number;
  simulate?: boolean;
  /** Who signs in by itself: the demo supervisor on the embedded hub unless told otherwise; `null`, nobody. */
  demoAccount?: { username: string; password: string } | null;
  log?: (line: string) => void;
  /** How the core's process is started (tests may wrap it). */
  forkCore?: () => ChildLine;
}

export interface BrowserConsole {
  url: string;
  hubUrl: string;
  embeddedHub: boolean;
  core: CoreSupervisor;
  bridge: BrowserBridge;
  close(): Promise<void>;
}

/**
 * Browser mode, as `npm start` runs it where Electron cannot: the demo hub in
 * its own process (when no real hub is named), the desk core in its own
 * process under a supervisor, and this process serving the page and relaying
 * the bridge, so it stays responsive whatever the core is doing.
 */
export async function startBrowserConsole(options: BrowserConsoleOptions): Promise<BrowserConsole> {
  const log = options.log ?? (() => undefined);
  let hub: DemoHub | null = null;
  let hubUrl = options.hubUrl;
  if (!hubUrl) {
    log('Starting the embedded demo hub (PGlite, demo data, simulated traffic)…');
    hub = await startDemoHub(() => forkNodeChild(CHILD_ENTRIES.demoHub), {
      dataDir: join(options.dataDir, 'hub-pglite'),
      cases: options.demoCases ?? 20_000,
      simulate: options.simulate ?? true,
      port: 0,
    });
    hubUrl = hub.url;
  }
  const demoAccount = options.demoAccount === undefined ? (hub ? DEMO_ACCOUNT : null) : options.demoAccount;
  const core = new CoreSupervisor({
    fork: options.forkCore ?? (() => forkNodeChild(CHILD_ENTRIES.core)),
    start: { dataDir: join(options.dataDir, 'desk'), hubUrl, ...(demoAccount ? { demoAccount } : {}) },
    log,
  });
  try {
    await core.start();
  } catch (error) {
    await core.stop();
    await hub?.close();
    throw error;
  }
  const bridge = await startBrowserBridge(core, {
    rendererDir: options.rendererDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token ? { token: options.token } : {}),
  });
  return {
    url: bridge.url,
    hubUrl,
    embeddedHub: hub !== null,
    core,
    bridge,
    async close() {
      await bridge.close();
      await core.stop();
      await hub?.close();
    },
  };
}
