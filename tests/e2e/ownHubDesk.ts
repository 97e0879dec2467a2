import { expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub } from '../../server/hubServer';
import { CHILD_ENTRIES, forkNodeChild } from '../../launcher/childProcess';
import { CoreSupervisor } from '../../launcher/coreSupervisor';
import { startBrowserBridge, type BrowserBridge } from '../../launcher/browserBridgeServer';
import { DEMO_ACCOUNT } from '../support/staffSession';

/** What a test with its own hub holds: the hub as it stands, the page's sync status, and the hub's off switch. */
export interface OwnHubDesk {
  /** The hub running now; its address stays the same across a stop and a start. */
  hub(): RunningHub;
  status: Locator;
  /** The hub goes away, and the page stops saying it is online. */
  stopHub(): Promise<void>;
  /** The hub comes back on the same address with the same data, and the desk is online again. */
  startHubAgain(): Promise<void>;
}

/**
 * Runs `body` against a hub of the test's own — PGlite on disk, so it can stop
 * and start again on the same port with the same data — and a desk on it shown
 * in `page`, online. Everything is stopped and removed afterwards.
 */
export async function withOwnHubDesk(
  page: Page,
  options: {
    /** The hub's timed jobs: all, none, or only those named. */
    jobs: boolean | readonly string[];
    prepare?: (hub: RunningHub) => Promise<void>;
    /** Who the desk signs in as: the demo supervisor unless a test needs another role. */
    account?: { username: string; password: string };
  },
  body: (desk: OwnHubDesk) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-own-hub-e2e-'));
  const hubOptions = {
    pgliteDataDir: join(dir, 'hub'),
    simulate: false as const,
    logLevel: 'silent' as const,
    ...(options.jobs === true ? {} : { jobs: options.jobs }),
  };
  let hub: RunningHub | null = await startHub({ ...hubOptions, seed: { cases: 200, seed: 9 } });
  const port = Number(new URL(hub.url).port);
  await options.prepare?.(hub);
  const core = new CoreSupervisor({
    fork: () => forkNodeChild(CHILD_ENTRIES.core),
    start: { dataDir: join(dir, 'desk'), hubUrl: hub.url, demoAccount: options.account ?? DEMO_ACCOUNT },
  });
  let bridge: BrowserBridge | null = null;
  try {
    await core.start();
    bridge = await startBrowserBridge(core, { rendererDir: resolve(import.meta.dirname, '../../dist/renderer') });
    await page.goto(bridge.url);
    const status = page.getByTestId('sync-status');
    await expect(status).toHaveAttribute('data-connection', 'online', { timeout: 60_000 });
    await body({
      hub: () => hub!,
      status,
      stopHub: async () => {
        await hub!.close();
        hub = null;
        await expect(status).not.toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
      },
      startHubAgain: async () => {
        hub = await startHub({ ...hubOptions, port, seed: false });
        await expect(status).toHaveAttribute('data-connection', 'online', { timeout: 60_000 });
      },
    });
  } finally {
    await bridge?.close();
    await core.stop();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
