import { app, BrowserWindow, ipcMain, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { safeStorageSecretStore } from './safeStorageSecretStore';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DESK_IPC, deskEvents } from '../shared/contract/deskContract';
import { startDeskRuntime, type DeskRuntime } from '../launcher/deskRuntime';
import { launchConfigFromEnv } from '../launcher/launchConfig';

// The shell: window, IPC wiring, and what only Electron can do. Everything
// else is the desk core, the same code the browser mode runs.
const root = join(import.meta.dirname, '../..');
const rendererIndex = pathToFileURL(join(root, 'dist/renderer/index.html')).href;
let runtime: DeskRuntime | null = null;

/** Only our own renderer page may call the core. */
function fromOurRenderer(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(pathToFileURL(join(root, 'dist/renderer')).href);
}

async function createWindow(): Promise<void> {
  const config = launchConfigFromEnv(process.env, root);
  const dataDir = config.dataDir === join(root, '.data') ? app.getPath('userData') : config.dataDir;
  runtime = await startDeskRuntime({
    dataDir,
    hubUrl: config.hubUrl,
    // The hub session's refresh token is kept encrypted by the OS keychain where it has one.
    secrets: safeStorage.isEncryptionAvailable() ? safeStorageSecretStore(join(dataDir, 'session.bin')) : undefined,
  });
  const core = runtime.core;

  ipcMain.handle(DESK_IPC.call, async (event, method: unknown, input: unknown) => {
    if (!fromOurRenderer(event)) return { ok: false, error: { code: 'forbidden', message: 'Unknown caller.' } };
    return core.dispatch(method, input);
  });

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
  for (const event of Object.keys(deskEvents) as (keyof typeof deskEvents)[]) {
    core.events.on(event, (payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(DESK_IPC.event, event, payload);
    });
  }
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
  await createWindow();
});
app.on('window-all-closed', async () => {
  await runtime?.close();
  app.quit();
});
