import { DEMO_ACCOUNT } from '../support/staffSession';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub } from '../../server/hubServer';
import { writeFileSync } from 'node:fs';
import { CHILD_ENTRIES, forkNodeChild } from '../../launcher/childProcess';
import { CoreSupervisor } from '../../launcher/coreSupervisor';
import { startBrowserBridge } from '../../launcher/browserBridgeServer';
import { E2E } from './consoleUnderTest.config';

// The real console for the end-to-end suite: an in-memory PGlite hub with
// demo data, a desk core on a fresh SQLite file, and the browser bridge.
const hub = await startHub({
  port: E2E.hubPort,
  seed: { cases: E2E.seededCases, seed: 5 },
  simulate: false,
  logLevel: 'warn',
});
// The seed starts every late case where the ladder already has it; a few cases that went past their
// deadline a minute ago give the referral job breaches to raise while the suite watches.
await hub.db.query(
  `UPDATE cases SET due_at = now() - interval '1 minute'
   WHERE id IN (SELECT id FROM cases WHERE status IN ('assigned', 'inProgress') AND escalation_level = 'focalPoint'
                ORDER BY id LIMIT 8)`,
);
// Each desk core runs in its own process under the supervisor, as `npm start` and Electron run it.
const core = new CoreSupervisor({
  fork: () => forkNodeChild(CHILD_ENTRIES.core),
  start: { dataDir: mkdtempSync(join(tmpdir(), 'desk-e2e-')), hubUrl: hub.url, demoAccount: DEMO_ACCOUNT },
  // A test kills the core's process to see the console come back; it finds the process here.
  onReady: (child) => writeFileSync(E2E.corePidFile, String(child.pid)),
  restartDelaysMs: [200],
});
await core.start();
const bridge = await startBrowserBridge(core, {
  rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
  port: E2E.consolePort,
  token: E2E.token,
});
const signInCore = new CoreSupervisor({
  fork: () => forkNodeChild(CHILD_ENTRIES.core),
  start: { dataDir: mkdtempSync(join(tmpdir(), 'desk-e2e-signin-')), hubUrl: hub.url },
});
await signInCore.start();
const signInBridge = await startBrowserBridge(signInCore, {
  rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
  port: E2E.signInConsolePort,
  token: E2E.token,
});
process.stdout.write(`console under test at ${bridge.url}\n`);
const stop = async () => {
  await bridge.close();
  await signInBridge.close();
  await core.stop();
  await signInCore.stop();
  await hub.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
