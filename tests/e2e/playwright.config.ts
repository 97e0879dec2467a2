import { defineConfig } from '@playwright/test';
import { createServer } from 'node:net';

// Free loopback ports, chosen once in the runner and inherited by workers and the console under test.
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
for (const name of ['E2E_HUB_PORT', 'E2E_CONSOLE_PORT', 'E2E_SIGN_IN_CONSOLE_PORT']) {
  process.env[name] ??= String(await freePort());
}
const { E2E } = await import('./consoleUnderTest.config');

// Debian's Chromium: Playwright must not download a browser of its own here.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: E2E.consoleUrl,
    locale: 'ar-JO',
    timezoneId: 'Asia/Amman',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx tests/e2e/consoleUnderTest.ts',
    cwd: '../..',
    url: `${E2E.consoleUrl}/index.html`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
