import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary } from '../../launcher/electronBinary';

const root = resolve(import.meta.dirname, '../..');
const binary = findElectronBinary();

// Runs where the Electron binary exists (a developer's machine); elsewhere it says why it was skipped.
test('the Electron window opens the console in Arabic', async () => {
  if ('missing' in binary) console.log(`Electron smoke test skipped: ${binary.missing}.`);
  test.skip('missing' in binary, `Electron smoke test skipped: ${'missing' in binary ? binary.missing : ''}`);
  if (!('path' in binary)) return;
  execFileSync('npm', ['run', '-s', 'build:shell'], { cwd: root, stdio: 'inherit' });
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root],
    env: { ...process.env, DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'desk-electron-')) },
  });
  const window = await app.firstWindow();
  await expect(window.locator('html')).toHaveAttribute('dir', 'rtl', { timeout: 60_000 });
  await expect(window.getByTestId('sync-status')).toBeVisible();
  // The page reaches the core (its own utilityProcess) over the MessagePort the shell handed it.
  const language = await window.evaluate(() =>
    (globalThis as unknown as { desk: { call(m: string, i: object): Promise<{ language: string }> } }).desk
      .call('settings.get', {})
      .then((settings) => settings.language),
  );
  expect(language).toBe('ar');
  // The renderer has no Node: the contract is its only door.
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});
