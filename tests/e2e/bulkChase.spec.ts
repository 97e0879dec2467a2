import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';
import { authorized } from '../support/staffSession';

// Bulk chase: every late case of one focal point at once, one outbox command per case, each with
// its own client id, so the hub records exactly one chase per case.
test('chases all late cases of a focal point at once, after a confirmation that shows the count', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const row = page
    .getByTestId('queue-row')
    .filter({ has: page.getByTestId('bulk-chase') })
    .first();
  await expect(row).toBeVisible();
  await row.getByTestId('bulk-chase').click();
  const dialog = page.getByTestId('bulk-chase-dialog');
  await expect(dialog.getByTestId('bulk-chase-confirm')).toBeVisible();
  const count = Number(await dialog.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  await expect(dialog.getByTestId('bulk-chase-case')).toHaveCount(count);
  await expect(dialog.getByTestId('bulk-chase-send')).toHaveText(new RegExp(String(count)));
  await expect(page.getByRole('dialog')).toHaveAccessibleName(new RegExp(String(count)));
  const numbers = await dialog.getByTestId('bulk-chase-case').allInnerTexts();
  expect(numbers).toContain(await row.getAttribute('data-case-number'));
  const marker = `bulk-${Date.now()}`;
  await dialog.getByLabel(/نص الرسالة|Message/).fill(`${marker} {number}`);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await dialog.getByTestId('bulk-chase-send').click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  // The hub: exactly one chase with this message on each case, naming its own number.
  const headers = await authorized(E2E.hubUrl, 'khaled');
  const snapshot = await (await fetch(`${E2E.hubUrl}/api/sync/snapshot/cases?limit=20000`, { headers })).text();
  const ids = new Map(
    snapshot
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; number: string })
      .map((c) => [c.number, c.id]),
  );
  await expect
    .poll(
      async () => {
        const chased = await Promise.all(
          numbers.map(async (number) => {
            const history = (await (
              await fetch(`${E2E.hubUrl}/api/cases/${ids.get(number)}/history`, { headers })
            ).json()) as { chases: { message: string; sentBy: string }[] };
            return history.chases.filter((c) => c.message === `${marker} ${number}` && c.sentBy === 'supervisor:rana')
              .length;
          }),
        );
        return chased.every((n) => n === 1);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  // Nothing is left waiting in this desk's outbox.
  await expect(page.getByTestId('queue-row').getByTestId('pending-mark')).toHaveCount(0, { timeout: 20_000 });
});
