import { defineConfig } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';

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
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
