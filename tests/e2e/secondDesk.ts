import { expect, type Page } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';

/**
 * The suite's second console (no stored session at start), as another operator's desk: signed in
 * as `huda` if it asks, so a test that needs it does not depend on an earlier test having signed
 * it in. Resolves once it is online with its queue listed.
 */
export async function openSecondDesk(page: Page): Promise<void> {
  await page.goto(`http://127.0.0.1:${E2E.signInConsolePort}${E2E.openUrl}`);
  const dialog = page.getByTestId('sign-in');
  const row = page.getByTestId('queue-row').first();
  await expect(dialog.or(row)).toBeVisible({ timeout: 30_000 });
  if (await dialog.isVisible()) {
    await dialog.getByLabel(/اسم المستخدم|Username/).fill('huda');
    await dialog.getByLabel(/كلمة المرور|Password/).fill('demo-password');
    await dialog.getByRole('button', { name: /^(دخول|Sign in)$/ }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
  }
  // A first download of the whole queue on a busy machine.
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online', { timeout: 60_000 });
  await expect(row).toBeVisible({ timeout: 60_000 });
}
