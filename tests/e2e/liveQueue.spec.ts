import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';
import { authorized } from '../support/staffSession';
import { caseOnHub as caseOnHubAt } from './hubReads';
import { openSecondDesk } from './secondDesk';
import { postApplication, sampleApplication } from '../support/sampleApplication';

/** A case as the suite's hub holds it now, found by its number. */
const caseOnHub = (caseNumber: string) => caseOnHubAt(E2E.hubUrl, caseNumber);

test.describe('the operation room console in Chromium', () => {
  test('opens in Arabic, right to left, and lists the seeded cases', async ({ page }) => {
    await page.goto(E2E.openUrl);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online');
    await expect(page.getByTestId('queue-total')).toContainText(String(E2E.seededCases));
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    // Arabic labels: the queue shows a type from the Arabic catalogue.
    await expect(page.getByTestId('queue-list')).toContainText(/شكوى|اسأل الحكومة|بلاغ|اقتراح|إشادة/);
  });

  test('shows a case posted to the intake API without a reload', async ({ page }) => {
    await page.goto(E2E.openUrl);
    await useLanguage(page, 'ar');
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    await page.getByTestId('sort-newest').click();
    const posted = await postApplication(
      E2E.hubUrl,
      sampleApplication({ title: 'انقطاع المياه عن حي نزال منذ ثلاثة أيام' }),
    );
    expect(posted.status).toBe(201);
    const row = page.locator(`[data-testid="queue-row"][data-case-number="${posted.json.number}"]`);
    // The live latency is measured by `npm run bench`; this wait only bounds a hang.
    await expect(row).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('queue-total')).toContainText(String(E2E.seededCases + 1));
  });

  test('switches to English, left to right, and keeps the choice', async ({ page }) => {
    await page.goto(E2E.openUrl);
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('queue-list')).toContainText(
      /Complaint|Ask the Government|Report|Suggestion|Compliment/,
    );
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  });
});

test('a desk with no session asks to sign in, then syncs', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${E2E.signInConsolePort}${E2E.openUrl}`);
  const dialog = page.getByTestId('sign-in');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('اسم المستخدم').fill('huda');
  await dialog.getByLabel('كلمة المرور').fill('wrong-password');
  await dialog.getByRole('button', { name: 'دخول' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong username or password');
  await dialog.getByLabel('كلمة المرور').fill('demo-password');
  await dialog.getByRole('button', { name: 'دخول' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
});

test('shows breaches and referrals live, and an acknowledgement comes back from the hub', async ({ page }) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const feed = page.getByTestId('alert-feed');
  // The seeded country has late cases: the hub's referral job raises alerts within its first ticks.
  await expect(feed.getByTestId('alert').first()).toBeVisible({ timeout: 40_000 });
  // New alerts keep arriving above it: follow this one by its case number.
  const caseNumber = /BK-\d{2}-\d{7}/.exec((await feed.getByTestId('alert').first().textContent()) ?? '')![0];
  const alert = feed.getByTestId('alert').filter({ hasText: caseNumber }).first();
  await alert.getByRole('button').click();
  await expect(alert).toContainText(/rana/, { timeout: 15_000 });
  await expect(alert.getByRole('button')).toHaveCount(0);
});

test.describe('accessibility', () => {
  for (const language of ['ar', 'en'] as const) {
    test(`axe finds no serious or critical violation (${language})`, async ({ page }) => {
      await page.goto(E2E.openUrl);
      await expect(page.getByTestId('queue-row').first()).toBeVisible();
      await useLanguage(page, language);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    });
  }
});

test('a claim on one desk shows on the other at once, so two people never chase the same case', async ({ browser }) => {
  test.setTimeout(120_000);
  const deskA = await (await browser.newContext({ locale: 'ar-JO', timezoneId: 'Asia/Amman' })).newPage();
  const deskB = await (await browser.newContext({ locale: 'ar-JO', timezoneId: 'Asia/Amman' })).newPage();
  await deskA.goto(`${E2E.consoleUrl}${E2E.openUrl}`);
  await useLanguage(deskA, 'ar');
  // Desk B is another person's console: signed in as them here, whatever ran before.
  await openSecondDesk(deskB);
  const rowA = deskA
    .getByTestId('queue-row')
    .filter({ has: deskA.getByRole('button', { name: 'أتابعها', exact: true }) })
    .first();
  await expect(rowA).toBeVisible();
  const caseNumber = (await rowA.getAttribute('data-case-number'))!;
  // B finds the case by its number, wherever its own queue has scrolled to.
  await deskB.getByTestId('queue-search').fill(caseNumber);
  const rowB = deskB.locator(`[data-testid="queue-row"][data-case-number="${caseNumber}"]`);
  await expect(rowB).toBeVisible();
  await rowA.getByTestId('claim').click();
  await expect(rowB.getByTestId('claimed-by')).toContainText('rana', { timeout: 10_000 });
  await expect(rowB.getByTestId('claim')).toHaveCount(0);
});

test('filters narrow the queue, and clearing them brings every case back', async ({ page }) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const everything = await page.getByTestId('queue-total').textContent();
  await page.getByTestId('filter-status').click();
  await page.getByRole('option', { name: /^(مغلق|Closed)$/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('queue-total')).not.toHaveText(everything!);
  const statuses = await page.getByTestId('queue-row').locator('[role=gridcell]:nth-child(5)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  for (const status of statuses) expect(status).toMatch(/^(مغلق|Closed)/);
  // A closed case is history: its deadline says what happened, in working days, not a countdown;
  // nobody is offered to take it on or chase it, in the row or in the case view.
  const closed = page.getByTestId('queue-row');
  const outcomes = await closed.getByTestId('countdown').allTextContents();
  expect(outcomes.length).toBeGreaterThan(0);
  for (const outcome of outcomes) expect(outcome).toMatch(/^أُغلق (في الموعد|متأخراً)( · التأخير .*عمل.*)?$/);
  await expect(closed.getByTestId('claim')).toHaveCount(0);
  await expect(closed.getByTestId('chase')).toHaveCount(0);
  await closed.first().getByTestId('open-case').click();
  const view = page.getByTestId('case-view');
  await expect(view.getByTestId('case-deadline')).toContainText(/أُغلق (في الموعد|متأخراً)/);
  await expect(view.getByTestId('case-claim')).toHaveCount(0);
  await expect(view.getByTestId('case-chase')).toHaveCount(0);
  await view.getByTestId('case-close').click();
  await page.getByRole('button', { name: /مسح التصفية|Clear filters/ }).click();
  await expect(page.getByTestId('queue-total')).toHaveText(everything!);
});

test('a reassign on a case someone else changed first is refused plainly, then applied on the latest version', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  // A case in neither entity this test moves it to (earlier tests may have moved some there).
  const row = page
    .getByTestId('queue-row')
    .filter({ has: page.getByTestId('reassign') })
    .filter({ hasNotText: /أمانة عمان الكبرى|وزارة الصحة/ })
    .first();
  await expect(row).toBeVisible();
  const caseNumber = (await row.getAttribute('data-case-number'))!;
  await row.getByTestId('reassign').click();
  const dialog = page.getByTestId('reassign-dialog');
  await dialog.getByLabel(/الجهة الجديدة|New entity/).click();
  await page.getByRole('option', { name: /أمانة عمان الكبرى|Greater Amman Municipality/ }).click();
  await dialog.getByLabel(/السبب|Reason/).fill('من اختصاص الأمانة');

  // Meanwhile another supervisor reassigns the same case elsewhere.
  const headers = { 'content-type': 'application/json', ...(await authorized(E2E.hubUrl, 'khaled')) };
  const found = await caseOnHub(caseNumber);
  const first = await fetch(`${E2E.hubUrl}/api/commands/reassignCase`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      clientId: crypto.randomUUID(),
      caseId: found.id,
      expectedVersion: found.version,
      toEntityCode: 'MOH',
      reason: 'للوزارة',
    }),
  });
  expect(first.status).toBe(200);

  await dialog.getByRole('button', { name: /^(إعادة الإسناد|Reassign)$/ }).click();
  const refusal = page.getByTestId('outbox-refusal');
  await expect(refusal).toContainText(caseNumber, { timeout: 10_000 });
  await expect(refusal).toContainText('reassigned by supervisor:khaled');
  await refusal.getByRole('button', { name: /آخر نسخة|latest version/ }).click();
  await expect(page.getByTestId('outbox-refusal')).toHaveCount(0);
  await expect.poll(async () => (await caseOnHub(caseNumber)).entityId).toBe('ent-gam');
});

test('chases a focal point from the queue with a template in the operator’s language, and the hub records it', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const row = page
    .getByTestId('queue-row')
    .filter({ has: page.getByTestId('chase') })
    .first();
  await expect(row).toBeVisible();
  const caseNumber = (await row.getAttribute('data-case-number'))!;
  await row.getByTestId('chase').click();
  const dialog = page.getByTestId('chase-dialog');
  await dialog.getByLabel(/الوسيلة|Channel/).click();
  await page.getByRole('option', { name: /رسالة نصية|SMS/ }).click();
  await expect(dialog.getByLabel(/نص الرسالة|Message/)).toHaveValue(new RegExp(caseNumber));
  await dialog.getByRole('button', { name: /^(إرسال|Send)$/ }).click();

  const headers = await authorized(E2E.hubUrl, 'khaled');
  const found = await caseOnHub(caseNumber);
  await expect
    .poll(async () => {
      const history = (await (await fetch(`${E2E.hubUrl}/api/cases/${found.id}/history`, { headers })).json()) as {
        chases: { channel: string; message: string; sentBy: string }[];
      };
      return history.chases.map((c) => `${c.channel} ${c.sentBy} ${c.message.includes(caseNumber)}`);
    })
    .toContain('sms supervisor:rana true');
});

test('a supervisor reassigns several cases at once: one command each, and the hub moves them all', async ({ page }) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  const rows = page
    .getByTestId('queue-row')
    .filter({ has: page.getByTestId('select-case') })
    .filter({ hasNotText: 'أمانة عمان الكبرى' });
  await expect(rows.nth(1)).toBeVisible();
  const numbers = [
    (await rows.nth(0).getAttribute('data-case-number'))!,
    (await rows.nth(1).getAttribute('data-case-number'))!,
  ];
  for (const number of numbers) {
    await page.locator(`[data-testid="queue-row"][data-case-number="${number}"]`).getByTestId('select-case').click();
  }
  await page.getByTestId('reassign-selected').click();
  const dialog = page.getByTestId('reassign-dialog');
  await expect(dialog).toContainText('2');
  await dialog.getByLabel(/الجهة الجديدة|New entity/).click();
  await page.getByRole('option', { name: /أمانة عمان الكبرى|Greater Amman Municipality/ }).click();
  await dialog.getByLabel(/السبب|Reason/).fill('من اختصاص الأمانة');
  await dialog.getByRole('button', { name: /^(إعادة الإسناد|Reassign)$/ }).click();
  for (const number of numbers) {
    await expect.poll(async () => (await caseOnHub(number)).entityId, { timeout: 15_000 }).toBe('ent-gam');
  }
  await expect(page.getByTestId('reassign-selected')).toHaveCount(0);
});
