import { expect, test } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';
import { openSecondDesk } from './secondDesk';

// Presence: one desk opening a case shows on the other at once, and leaving it clears it.
test('a case opened on one desk shows who is viewing it on the other', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = () => browser.newContext({ locale: 'ar-JO', timezoneId: 'Asia/Amman' });
  const deskA = await (await context()).newPage();
  const deskB = await (await context()).newPage();
  await deskA.goto(E2E.openUrl);
  await useLanguage(deskA, 'ar');
  await expect(deskA.getByTestId('queue-row').first()).toBeVisible();
  await openSecondDesk(deskB);

  const number = (await deskA.getByTestId('queue-row').first().getAttribute('data-case-number'))!;
  await deskB.getByTestId('queue-search').fill(number);
  const rowOnB = deskB.locator(`[data-testid="queue-row"][data-case-number="${number}"]`);
  await expect(rowOnB).toBeVisible();
  await expect(rowOnB.getByTestId('presence-badge')).toHaveCount(0);

  await deskA.locator(`[data-testid="queue-row"][data-case-number="${number}"]`).getByTestId('open-case').click();
  await expect(deskA.getByTestId('case-view')).toBeVisible();
  const badge = rowOnB.getByTestId('presence-badge');
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('data-viewers', 'rana');
  await expect(badge).toHaveAccessibleName(/rana/);
  // The desk that opened it does not show itself.
  await expect(
    deskA.locator(`[data-testid="queue-row"][data-case-number="${number}"]`).getByTestId('presence-badge'),
  ).toHaveCount(0);

  // B opens it too: B's case view shows A, and A's row shows B.
  await rowOnB.getByTestId('open-case').click();
  await expect(deskB.getByTestId('case-view').getByTestId('presence-badge')).toHaveAttribute('data-viewers', 'rana');
  await expect(
    deskA.locator(`[data-testid="queue-row"][data-case-number="${number}"]`).getByTestId('presence-badge'),
  ).toHaveAttribute('data-viewers', 'huda');
  await deskB.getByTestId('case-close').click();

  await deskA.getByTestId('case-close').click();
  await expect(badge).toHaveCount(0);

  // Reopened, then the desk's page goes away: its socket stays (the core holds it), so it is closed first.
  await deskA.locator(`[data-testid="queue-row"][data-case-number="${number}"]`).getByTestId('open-case').click();
  await expect(rowOnB.getByTestId('presence-badge')).toBeVisible();
  await deskA.getByTestId('case-close').click();
  await expect(rowOnB.getByTestId('presence-badge')).toHaveCount(0);
});
