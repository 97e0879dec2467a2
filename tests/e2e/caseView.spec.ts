import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
}

/** Records whether an element matching `selector` and holding `text` was ever in the page, however briefly. */
async function watchFor(page: Page, selector: string, text: string): Promise<() => Promise<boolean>> {
  const key = `seen-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, selector, text }) => {
      const w = window as unknown as Record<string, boolean>;
      w[key] = false;
      const check = () => {
        if ([...document.querySelectorAll(selector)].some((el) => el.textContent?.includes(text))) w[key] = true;
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    },
    { key, selector, text },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, boolean>)[key] === true, key);
}

test('opens a case from the queue with the keyboard: its clocks, ladder and timeline in Arabic; a note goes out pending and comes back applied', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();

  const queue = page.getByTestId('queue-list');
  await queue.focus();
  await page.keyboard.press('ArrowDown');
  const selected = page.locator('[data-testid="queue-row"][aria-selected="true"]');
  const caseNumber = (await selected.getAttribute('data-case-number'))!;
  expect(caseNumber).toMatch(/^BK-\d{2}-\d{7}$/);
  await page.keyboard.press('Enter');

  const view = page.getByRole('dialog', { name: new RegExp(caseNumber) });
  await expect(view).toBeVisible();
  await expect(view.getByTestId('case-number')).toHaveText(caseNumber);
  // The keyboard moved into the panel.
  await expect(view.locator('#case-view-title')).toBeFocused();

  // The three SLA clocks, each a labelled bar with its state in words.
  const timers = view.getByTestId('case-timer');
  await expect(timers).toHaveCount(3);
  await expect(view.getByRole('progressbar', { name: /الرد الأول/ })).toBeVisible();
  await expect(view.getByRole('progressbar', { name: /التحديث/ })).toBeVisible();
  await expect(view.getByRole('progressbar', { name: /الحل/ })).toBeVisible();
  for (const timer of await timers.all()) {
    await expect(timer.getByTestId('case-timer-state')).toHaveText(
      /ضمن المهلة|متوقف مؤقتاً|معرّض للتأخر|متأخر|أُنجز في الموعد/,
    );
  }

  // The ladder: four rungs, the current one marked.
  await expect(view.getByTestId('case-ladder-rung')).toHaveCount(4);
  await expect(view.locator('[data-testid="case-ladder-rung"][aria-current="step"]')).toHaveCount(1);

  // The hub's timeline, in Arabic words, in Amman time.
  const submitted = view.locator('[data-testid="case-event"][data-kind="submitted"]');
  await expect(submitted).toContainText('قُدّم عبر');
  await expect(submitted).toContainText(/\d{2}:\d{2}/);
  await expect(view.getByTestId('case-history-stale')).toHaveCount(0);

  expect(await seriousViolations(page)).toEqual([]);

  // A note: durable in the outbox at once (shown as sending), then the hub's own copy.
  const body = `ملاحظة اختبار ${Date.now()}`;
  const sawPending = await watchFor(page, '[data-testid="case-note"][data-pending="true"]', body);
  await view.getByLabel('ملاحظة جديدة').fill(body);
  await view.getByRole('button', { name: 'إضافة الملاحظة' }).click();
  const applied = view.locator('[data-testid="case-note"][data-pending="false"]').filter({ hasText: body });
  await expect(applied).toBeVisible({ timeout: 15_000 });
  expect(await sawPending()).toBe(true);
  await expect(view.locator('[data-testid="case-note"][data-pending="true"]').filter({ hasText: body })).toHaveCount(0);
  await expect(view.locator('[data-testid="case-event"][data-kind="note"]').first()).toContainText('أُضيفت ملاحظة');
  await expect(applied).toContainText('rana');

  // Escape closes the panel and the keyboard is back on the queue, on the same row.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('case-view')).toHaveCount(0);
  await expect(queue).toBeFocused();
  await expect(selected).toHaveAttribute('data-case-number', caseNumber);
});

test('in English: a case opened by its number shows its clocks, ladder and timeline in English, and closes back to the row', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) !== 'en') await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  const row = page.getByTestId('queue-row').first();
  const caseNumber = (await row.getAttribute('data-case-number'))!;
  const link = row.getByTestId('open-case');
  await link.click();
  const view = page.getByRole('dialog', { name: new RegExp(caseNumber) });
  await expect(view).toBeVisible();
  await expect(view.getByRole('progressbar', { name: /First response/ })).toBeVisible();
  await expect(view.getByRole('progressbar', { name: /Update/ })).toBeVisible();
  await expect(view.getByRole('progressbar', { name: /Resolution/ })).toBeVisible();
  await expect(view.getByTestId('case-timer-text').first()).toContainText(/of the target used/);
  await expect(view.getByTestId('case-ladder')).toContainText(/Focal point.*Director.*Secretary-general.*Minister/s);
  await expect(view.locator('[data-testid="case-event"][data-kind="submitted"]')).toContainText('Submitted through');
  await expect(view.getByTestId('case-rating')).toContainText(/Not rated yet|of 5/);

  expect(await seriousViolations(page)).toEqual([]);

  await view.getByRole('button', { name: 'Close the case view' }).click();
  await expect(page.getByTestId('case-view')).toHaveCount(0);
  await expect(link).toBeFocused();
});
