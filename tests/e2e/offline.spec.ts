import { expect, test } from '@playwright/test';
import { authorized } from '../support/staffSession';
import { withOwnHubDesk } from './ownHubDesk';

// Offline and back: this test runs its own hub (PGlite on disk, so it can stop and start again on the
// same port with the same data) and its own desk, and drives the desk in Chromium.
test('reassigns and chases offline, then the hub agrees once the desk is back online', async ({ page }) => {
  test.setTimeout(180_000);
  await withOwnHubDesk(page, { jobs: false }, async ({ hub, stopHub, startHubAgain }) => {
    await expect(page.getByTestId('queue-row').first()).toBeVisible();

    // The hub goes away.
    await stopHub();

    // Reassign one case and chase another, offline: both wait in the outbox, shown pending.
    const reassignRow = page
      .getByTestId('queue-row')
      .filter({ has: page.getByTestId('reassign') })
      .filter({ hasNotText: 'أمانة عمان الكبرى' })
      .first();
    const reassigned = (await reassignRow.getAttribute('data-case-number'))!;
    await reassignRow.getByTestId('reassign').click();
    const reassign = page.getByTestId('reassign-dialog');
    await reassign.getByLabel(/الجهة الجديدة|New entity/).click();
    await page.getByRole('option', { name: /أمانة عمان الكبرى|Greater Amman Municipality/ }).click();
    await reassign.getByLabel(/السبب|Reason/).fill('من اختصاص الأمانة');
    await reassign.getByRole('button', { name: /^(إعادة الإسناد|Reassign)$/ }).click();
    await expect(page.locator(`[data-case-number="${reassigned}"]`).getByTestId('pending-mark')).toBeVisible();

    const chaseRow = page
      .getByTestId('queue-row')
      .filter({ has: page.getByTestId('chase') })
      .filter({ hasNot: page.getByTestId('pending-mark') })
      .first();
    const chased = (await chaseRow.getAttribute('data-case-number'))!;
    await chaseRow.getByTestId('chase').click();
    const chase = page.getByTestId('chase-dialog');
    await chase.getByLabel(/نص الرسالة|Message/).fill(`offline ${chased}`);
    await chase.getByRole('button', { name: /^(إرسال|Send)$/ }).click();
    await expect(page.locator(`[data-case-number="${chased}"]`).getByTestId('pending-mark')).toBeVisible();

    // The hub comes back on the same address with the same data: the desk reconnects, sends, and the marks clear.
    await startHubAgain();
    await expect(page.getByTestId('pending-mark')).toHaveCount(0, { timeout: 30_000 });

    // The hub agrees: the case is with the municipality, and the chase is recorded once.
    const headers = await authorized(hub().url, 'khaled');
    const snapshot = await (await fetch(`${hub().url}/api/sync/snapshot/cases?limit=1000`, { headers })).text();
    const cases = snapshot
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; number: string; entityId: string });
    expect(cases.find((c) => c.number === reassigned)?.entityId).toBe('ent-gam');
    const chasedId = cases.find((c) => c.number === chased)!.id;
    const history = (await (await fetch(`${hub().url}/api/cases/${chasedId}/history`, { headers })).json()) as {
      chases: { message: string }[];
    };
    expect(history.chases.filter((c) => c.message === `offline ${chased}`)).toHaveLength(1);
    // And the desk's cache shows the reassign from the hub, not only as its own pending overlay.
    await expect(page.locator(`[data-case-number="${reassigned}"]`)).toContainText('أمانة عمان الكبرى');
  });
});
