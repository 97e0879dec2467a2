import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';

const total = async (page: Page) => Number((await page.getByTestId('queue-total').innerText()).replace(/\D/g, ''));
/** The total once the queue has answered (not while it shows that it is loading). */
async function settledTotal(page: Page): Promise<number> {
  await expect.poll(() => total(page)).toBeGreaterThan(0);
  return total(page);
}
const cells = (page: Page, column: number) =>
  page.getByTestId('queue-row').locator(`[role="gridcell"]:nth-child(${column})`);

// Every filter the core supports is on the filter bar: entity, sector, type, channel, pillar,
// importance, status, ladder level, SLA state and focal point.
test('the filter bar narrows by SLA state, entity, focal point, sector, channel and pillar', async ({ page }) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const all = await settledTotal(page);

  // SLA state: late only.
  await page.getByTestId('filter-slaState').click();
  await page.getByRole('option', { name: 'متأخر' }).click();
  await page.keyboard.press('Escape');
  await expect.poll(() => total(page)).toBeLessThan(all);
  await expect(page.locator('[data-testid="queue-row"] [data-sla-state]:not([data-sla-state="breached"])')).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: 'مسح التصفية' }).click();
  await expect.poll(() => total(page)).toBe(all);

  // Entity and focal point, typed and chosen by name: every row shown is theirs.
  const entity = await cells(page, 3).first().innerText();
  const focalPoint = await cells(page, 4).first().innerText();
  await page.getByTestId('filter-entityId').fill(entity);
  await page.getByRole('option', { name: entity, exact: true }).click();
  await expect.poll(() => total(page)).toBeLessThan(all);
  await expect(cells(page, 3).filter({ hasNotText: entity })).toHaveCount(0);
  await page.getByTestId('filter-focalPointId').fill(focalPoint);
  await page.getByRole('option', { name: focalPoint, exact: true }).first().click();
  await expect(cells(page, 4).filter({ hasNotText: focalPoint })).toHaveCount(0);
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'مسح التصفية' }).click();
  await expect.poll(() => total(page)).toBe(all);

  // Sector, channel and pillar combine.
  for (const [id, option] of [
    ['filter-channel', 'البوابة الإلكترونية'],
    ['filter-pillar', 'وقت تقديم الخدمة'],
  ] as const) {
    const before = await settledTotal(page);
    await page.getByTestId(id).click();
    await page.getByRole('option', { name: option }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => total(page)).toBeLessThan(before);
  }
  const before = await settledTotal(page);
  await page.getByTestId('filter-sector').click();
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await expect.poll(() => total(page)).toBeLessThanOrEqual(before);

  // Once the last menu has faded out: axe reads a half-transparent menu as low contrast.
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(page.locator('.MuiPopover-root, .MuiMenu-root')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});
