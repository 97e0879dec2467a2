import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';

// The desk core runs in its own process. Killed, it is started again by its supervisor; the window
// says so in the operator's language, and the queue, read afresh, is back as it was.
test('a crashed desk core comes back, and the window says so', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const rows = page.getByTestId('queue-row');
  await expect(rows.first()).toBeVisible();
  const firstCase = await rows.first().getAttribute('data-case-number');

  const pid = Number(readFileSync(E2E.corePidFile, 'utf8'));
  process.kill(pid, 'SIGKILL');

  const notice = page.getByTestId('core-restarted');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('أُعيد تشغيلها');
  expect(Number(readFileSync(E2E.corePidFile, 'utf8'))).not.toBe(pid);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online', { timeout: 60_000 });
  await expect(rows.first()).toHaveAttribute('data-case-number', firstCase!);
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
});
