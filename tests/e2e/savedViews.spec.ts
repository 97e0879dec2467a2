import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';

const total = async (page: Page) => Number((await page.getByTestId('queue-total').innerText()).replace(/\D/g, ''));
const countOf = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).first().getAttribute('data-count'));

// Saved views per person with live counts, above the queue.
test('built-in views show live counts, select their cases, and the operator saves and deletes their own', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const rail = page.getByTestId('views-rail');
  await expect(rail.getByTestId('view-breachedToday')).toBeVisible();
  await expect(rail.getByTestId('view-stalled')).toBeVisible();
  await expect(rail.getByTestId('view-myEntities')).toContainText('جهاتي');

  // "Stalled": the queue shows exactly its count, and every row is open.
  const stalled = await countOf(page, 'view-stalled');
  await rail.getByTestId('view-stalled').click();
  await expect(rail.getByTestId('view-stalled')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => total(page)).toBe(stalled);

  // "Breached today": every row shown is late.
  const today = await countOf(page, 'view-breachedToday');
  await rail.getByTestId('view-breachedToday').click();
  await expect.poll(() => total(page)).toBe(today);
  if (today > 0) {
    await expect(page.locator('[data-testid="queue-row"] [data-sla-state="breached"]').first()).toBeVisible();
    await expect(
      page.locator('[data-testid="queue-row"] [data-sla-state]:not([data-sla-state="breached"])'),
    ).toHaveCount(0);
  }

  // "My entities" with none followed asks which; picking one shows its open cases.
  await rail.getByTestId('view-stalled').click();
  const entity = await page.getByTestId('queue-row').first().getByRole('gridcell').nth(2).innerText();
  await rail.getByTestId('view-myEntities').click();
  const follow = page.getByTestId('follow-dialog');
  await expect(follow).toBeVisible();
  await follow.getByRole('combobox').fill(entity);
  await page.getByRole('option', { name: entity, exact: true }).click();
  await follow.getByTestId('follow-save').click();
  await expect(follow).toBeHidden();
  await expect(rail.getByTestId('view-myEntities')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => countOf(page, 'view-myEntities')).toBeGreaterThan(0);
  await expect.poll(() => total(page)).toBe(await countOf(page, 'view-myEntities'));

  // A view of one's own, from the filters on screen, reachable by keyboard.
  await page.getByTestId('filter-importance').click();
  await page.getByRole('option', { name: 'حرجة' }).click();
  await page.keyboard.press('Escape');
  const critical = await total(page);
  await rail.getByTestId('views-save').click();
  const dialog = page.getByTestId('save-view-dialog');
  await dialog.getByLabel('اسم طريقة العرض').fill('الحرجة');
  await dialog.getByLabel('اسم طريقة العرض').press('Enter');
  await expect(dialog).toBeHidden();
  const saved = rail.getByTestId('view-saved').filter({ hasText: 'الحرجة' });
  await expect(saved).toHaveAttribute('aria-selected', 'true');
  await expect(saved).toHaveAttribute('data-count', String(critical));

  // Keyboard: the tabs walk with the arrow keys and choosing one resets the queue to it.
  await rail.getByTestId('view-stalled').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => total(page)).toBe(stalled);
  await saved.click();
  await expect.poll(() => total(page)).toBe(critical);

  const results = await new AxeBuilder({ page }).include('[data-testid="views-rail"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // The view stays after a reload (kept on the desk), then is deleted.
  await page.reload();
  await expect(page.getByTestId('view-saved').filter({ hasText: 'الحرجة' })).toBeVisible();
  await page.getByTestId('view-saved').filter({ hasText: 'الحرجة' }).click();
  await page.getByTestId('views-delete').click();
  await expect(page.getByTestId('view-saved').filter({ hasText: 'الحرجة' })).toHaveCount(0);
});
