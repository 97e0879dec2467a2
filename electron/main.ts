import { app, BrowserWindow, MessageChannelMain, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DESK_IPC } from '../shared/contract/deskContract';
import { CoreSupervisor } from '../launcher/coreSupervisor';
import { startDemoHub, type DemoHub } from '../launcher/demoHub';
import { launchConfigFromEnv } from '../launcher/launchConfig';
import { forkUtilityChild } from './utilityChild';
import { sealedSecrets } from './sealedSecrets';

// The shell: windows, and what only Electron can do (the keychain, later the
// tray, notifications and updates). The desk core runs in a utilityProcess and
// the demo hub, when no real hub is named, in another; the window talks to the
// core over a MessagePort, so nothing the core does can stall this process.
const root = join(import.meta.dirname, '../..');
const rendererIndex = pathToFileURL(join(root, 'dist/renderer/index.html')).href;
/** The demo supervisor, signed in by itself on the embedded demo hub only. */
const DEMO_ACCOUNT = { username: 'rana', password: 'demo-password' } as const;
let core: CoreSupervisor | null = null;
let hub: DemoHub | null = null;
const windows = new Set<BrowserWindow>();

/** A fresh line from the window's page to the core: one end to each. */
function connectWindow(window: BrowserWindow, child: { raw: Electron.UtilityProcess }): void {
  if (window.isDestroyed() || window.webContents.getURL() !== rendererIndex) return;
  const { port1, port2 } = new MessageChannelMain();
  child.raw.postMessage({ type: 'port' }, [port1]);
  window.webContents.postMessage(DESK_IPC.port, null, [port2]);
}

async function startConsole(): Promise<void> {
  const config = launchConfigFromEnv(process.env, root);
  const dataDir = config.dataDir === join(root, '.data') ? app.getPath('userData') : config.dataDir;
  let hubUrl = config.hubUrl;
  if (!hubUrl) {
    hub = await startDemoHub(() => forkUtilityChild(join(import.meta.dirname, 'demoHubProcess.js'), 'Demo hub'), {
      dataDir: join(dataDir, 'hub-pglite'),
      cases: 20_000,
      simulate: true,
      port: 0,
    });
    hubUrl = hub.url;
  }
  let current: ReturnType<typeof forkUtilityChild> | null = null;
  core = new CoreSupervisor({
    fork: () => (current = forkUtilityChild(join(import.meta.dirname, 'coreProcess.js'), 'Desk core')),
    start: { dataDir: join(dataDir, 'desk'), hubUrl, ...(hub ? { demoAccount: DEMO_ACCOUNT } : {}) },
    // The hub session's refresh token is kept sealed by the OS keychain where it has one.
    ...(safeStorage.isEncryptionAvailable() ? { secrets: sealedSecrets(join(dataDir, 'session.bin')) } : {}),
    // Every (re)started core gets a new line to every window; the preload tells the page it restarted.
    onReady: () => {
      for (const window of windows) if (current) connectWindow(window, current);
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await core.start();
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'غرفة العمليات — بخدمتكم',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  // Only our own page gets a line to the core, each time it loads.
  window.webContents.on('did-finish-load', () => current && connectWindow(window, current));
  // No navigation away from the console, no new windows: links open in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== rendererIndex) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  await window.loadURL(rendererIndex);
}

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications'),
  );
  await startConsole();
});
app.on('window-all-closed', async () => {
  await core?.stop();
  await hub?.close();
  app.quit();
});
