import { expect, type Page } from '@playwright/test';

/**
 * The language the console opens in is the desk's saved choice, and the
 * suite's tests share one desk: a test that reads Arabic or English labels
 * sets the language it needs first.
 */
export async function useLanguage(page: Page, language: 'ar' | 'en'): Promise<void> {
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
