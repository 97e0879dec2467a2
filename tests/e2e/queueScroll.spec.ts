import { expect, test, type Page } from '@playwright/test';
import { E2E } from './consoleUnderTest.config';
import { authorized } from '../support/staffSession';

/**
 * The queue scrolls in a capped scroll space that maps onto the row index
 * (renderer/src/store/scrollMapping.ts; the mapping at a million rows is
 * unit-tested there). Here the cap is lowered to 20,000 px, so the seeded
 * 1,500 rows (78,000 px of rows) scroll scaled, as a million would.
 */
const CAP_PX = 20_000;
/** The DOM as these page functions use it (the e2e suite compiles without the DOM library). */
type Scrolled = { scrollTop: number; scrollHeight: number; clientHeight: number };
type Attributed = { getAttribute(name: string): string | null };
const ROW_PX = 52;

/** Every case number in the queue's "newest" order (submitted descending, then id descending), as the hub holds them. */
async function newestOrder(): Promise<string[]> {
  const headers = await authorized(E2E.hubUrl, 'khaled');
  const text = await (await fetch(`${E2E.hubUrl}/api/sync/snapshot/cases?limit=20000`, { headers })).text();
  const cases = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { number?: string; id: string; submittedAt: string })
    .filter((c) => c.number);
  const key = (c: { submittedAt: string; id: string }) => `${c.submittedAt} ${c.id}`;
  return cases.sort((a, b) => (key(a) < key(b) ? 1 : -1)).map((c) => c.number!);
}

/** The rows on screen that have arrived, as [row index, case number]. */
async function shownRows(page: Page): Promise<[number, string][]> {
  return page
    .getByTestId('queue-row')
    .evaluateAll((elements) =>
      (elements as unknown as Attributed[]).map(
        (r) =>
          [Number(r.getAttribute('aria-rowindex')) - 2, r.getAttribute('data-case-number') ?? ''] as [number, string],
      ),
    );
}

async function expectRowsInOrder(page: Page, order: readonly string[], around: number) {
  await expect
    .poll(async () => {
      const rows = await shownRows(page);
      const near = rows.filter(([index]) => Math.abs(index - around) <= 5);
      return near.length >= 5 && near.every(([index, number]) => order[index] === number);
    })
    .toBe(true);
}

test('End reaches the last case, and a scroll to the middle shows the middle cases, in a scaled scroll space', async ({
  page,
}) => {
  await page.addInitScript((cap) => localStorage.setItem('queue-scroll-cap-px', String(cap)), CAP_PX);
  await page.goto(E2E.openUrl);
  await page.getByTestId('sort-newest').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const order = await newestOrder();
  await expect(page.getByTestId('queue-total')).toContainText(String(order.length));
  const list = page.getByTestId('queue-list');
  // Scaled: the scroll space is the cap, not every row's height.
  const scrollHeight = await list.evaluate((el) => (el as unknown as Scrolled).scrollHeight);
  expect(scrollHeight).toBeLessThan(CAP_PX + 200);
  expect(order.length * ROW_PX).toBeGreaterThan(3 * CAP_PX);

  // End: the last case, fetched by position, shown last.
  await list.focus();
  await page.keyboard.press('End');
  const lastRow = page.locator(`[data-testid="queue-row"][aria-rowindex="${order.length + 1}"]`);
  await expect(lastRow).toHaveAttribute('data-case-number', order.at(-1)!);
  await expect(lastRow).toHaveAttribute('aria-selected', 'true');
  await expect(lastRow).toBeInViewport();

  // Up a few rows with the keyboard: the neighbours are right too.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expectRowsInOrder(page, order, order.length - 4);

  // Halfway down the scrollbar: the middle of the queue.
  await list.evaluate((el) => {
    const list = el as unknown as Scrolled;
    list.scrollTop = (list.scrollHeight - list.clientHeight) / 2;
  });
  await expectRowsInOrder(page, order, Math.floor(order.length / 2));

  // A little further by wheel: the pages after are read by key and still follow on.
  await list.hover();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 400);
  // Wheel events are handled after they are sent: read where the list came to rest, not where it was passing.
  let firstShown = -1;
  await expect
    .poll(async () => {
      const before = (await shownRows(page))[0]?.[0] ?? -1;
      await page.waitForTimeout(300);
      const rows = await shownRows(page);
      firstShown = rows[0]?.[0] ?? -1;
      return rows.length > 5 && firstShown === before;
    })
    .toBe(true);
  expect(firstShown).toBeGreaterThan(order.length / 2);
  await expectRowsInOrder(page, order, firstShown + 10);

  // Home: back to the first case; PageDown moves ten rows on.
  await list.focus();
  await page.keyboard.press('Home');
  const firstRow = page.locator('[data-testid="queue-row"][aria-rowindex="2"]');
  await expect(firstRow).toHaveAttribute('data-case-number', order[0]!);
  await page.keyboard.press('PageDown');
  await expect(page.locator('[data-testid="queue-row"][aria-rowindex="12"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid="queue-row"][aria-rowindex="12"]')).toHaveAttribute(
    'data-case-number',
    order[10]!,
  );
});
