import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { RunningHub } from '../../server/hubServer';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';
import { caseOnHub, historyOnHub } from './hubReads';
import { withOwnHubDesk } from './ownHubDesk';
import { watchFor } from './pageWatch';
import { SlaRulesDocument } from '../../shared/protocol/slaRulesProtocol';
import { authorized } from '../support/staffSession';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
}

test('opens a case from the queue with the keyboard: its clocks, ladder and timeline in Arabic; a note goes out pending and comes back applied', async ({
  page,
}) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

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
  await useLanguage(page, 'en');
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
  // The first row's first clock may be running, paused or over its target by now (the demo data runs on
  // the hub's clock): whichever it is, its words are English working time, in working days and hours.
  await expect(view.getByTestId('case-timer-text').first()).toContainText(
    /of the target used|\d+ working (day|hour|minute)s?( \d+ (hour|minute)s?)? left|over by \d+ working|paused for \d+ working/,
  );
  await expect(view.getByTestId('case-ladder')).toContainText(/Focal point.*Director.*Secretary-general.*Minister/s);
  await expect(view.locator('[data-testid="case-event"][data-kind="submitted"]')).toContainText('Submitted through');
  await expect(view.getByTestId('case-rating')).toContainText(/Not rated yet|of 5/);

  expect(await seriousViolations(page)).toEqual([]);

  await view.getByRole('button', { name: 'Close the case view' }).click();
  await expect(page.getByTestId('case-view')).toHaveCount(0);
  await expect(link).toBeFocused();
  // The desk keeps the choice: the suites after this one expect the console to open in Arabic.
  await useLanguage(page, 'ar');
});

test('acts from the case view: claims the case, chases its focal point and reassigns it, each pending until the hub agrees', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  // An open case nobody has taken on, with a focal point to chase, not with the municipality yet.
  const row = page
    .getByTestId('queue-row')
    .filter({ has: page.getByRole('button', { name: 'أتابعها', exact: true }) })
    .filter({ has: page.getByTestId('chase') })
    .filter({ has: page.getByTestId('reassign') })
    .filter({ hasNot: page.getByTestId('pending-mark') })
    .filter({ hasNotText: 'أمانة عمان الكبرى' })
    .first();
  await expect(row).toBeVisible();
  const caseNumber = (await row.getAttribute('data-case-number'))!;
  const caseId = (await caseOnHub(E2E.hubUrl, caseNumber)).id;
  await row.getByTestId('open-case').click();
  const view = page.getByRole('dialog', { name: new RegExp(caseNumber) });
  const actions = view.getByRole('group', { name: 'الإجراءات على هذا الطلب' });
  await expect(actions).toBeVisible();
  await expect(view.getByTestId('case-claimed-by')).toHaveText('لا أحد بعد');

  // Claim, with the keyboard: shown pending (as in the queue), then the hub's; the button keeps the keyboard.
  const sawClaimPending = await watchFor(page, '[data-testid="case-pending-command"]', 'متابعة الطلب · قيد الإرسال');
  const claim = actions.getByTestId('case-claim');
  await expect(claim).toHaveAccessibleName('أتابعها');
  await claim.focus();
  await page.keyboard.press('Enter');
  await expect(claim).toHaveAccessibleName('إلغاء المتابعة', { timeout: 15_000 });
  await expect(claim).toBeFocused();
  await expect(view.getByTestId('case-claimed-by')).toContainText('rana');
  expect(await sawClaimPending()).toBe(true);
  await expect.poll(async () => (await caseOnHub(E2E.hubUrl, caseNumber)).claimedBy).toMatch(/:rana$/);

  // Chase: the queue's own dialog, for this case; focus comes back to the button.
  const message = `متابعة من عرض الطلب ${caseNumber} ${Date.now()}`;
  const sawChasePending = await watchFor(
    page,
    '[data-testid="case-pending-command"]',
    'متابعة ضابط الارتباط · قيد الإرسال',
  );
  const chaseButton = actions.getByTestId('case-chase');
  await expect(chaseButton).toHaveAccessibleName('متابعة');
  await chaseButton.click();
  const chase = page.getByTestId('chase-dialog');
  await expect(page.getByRole('dialog', { name: `متابعة ضابط الارتباط للطلب ${caseNumber}` })).toBeVisible();
  await expect(chase.getByLabel('نص الرسالة')).toHaveValue(new RegExp(caseNumber));
  await chase.getByLabel('نص الرسالة').fill(message);
  await chase.getByRole('button', { name: 'إرسال', exact: true }).click();
  await expect(chase).toBeHidden();
  await expect(chaseButton).toBeFocused();
  await expect
    .poll(async () => (await historyOnHub(E2E.hubUrl, caseId)).chases.filter((c) => c.message === message))
    .toEqual([expect.objectContaining({ sentBy: 'supervisor:rana' })]);
  // The case view's chases come from the hub's history: the new one is listed, unanswered.
  await expect(view.locator('[data-testid="case-chase"][data-answered="false"]').first()).toBeVisible({
    timeout: 15_000,
  });
  expect(await sawChasePending()).toBe(true);

  // Reassign (a supervisor's desk): the queue's dialog, carrying the version this view shows.
  const sawReassignPending = await watchFor(page, '[data-testid="case-pending-command"]', 'إعادة إسناد · قيد الإرسال');
  await actions.getByTestId('case-reassign').click();
  const reassign = page.getByTestId('reassign-dialog');
  await expect(reassign).toContainText(caseNumber);
  await reassign.getByLabel('الجهة الجديدة').click();
  await page.getByRole('option', { name: 'أمانة عمان الكبرى' }).click();
  await reassign.getByLabel('السبب').fill('من اختصاص الأمانة');
  await reassign.getByRole('button', { name: 'إعادة الإسناد', exact: true }).click();
  await expect(reassign).toBeHidden();
  await expect(view.getByTestId('case-entity')).toHaveText('أمانة عمان الكبرى', { timeout: 15_000 });
  await expect.poll(async () => (await caseOnHub(E2E.hubUrl, caseNumber)).entityId).toBe('ent-gam');
  await expect(view.locator('[data-testid="case-event"][data-kind="reassigned"]').first()).toBeVisible({
    timeout: 15_000,
  });
  expect(await sawReassignPending()).toBe(true);

  // Nothing is left waiting; the panel, with its actions, stays clean for axe.
  await expect(view.getByTestId('case-pending')).toHaveCount(0, { timeout: 15_000 });
  await expect(view.getByTestId('case-pending-mark')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('case-view')).toHaveCount(0);
});

// Offline and back, with a real hub stop: this test runs its own hub (PGlite on disk, so it can stop and
// start again on the same port with the same data, as in offline.spec.ts) and its own desk.
test('offline: the open case says the hub is away and its history may be old; a note and a claim made offline show pending, then land when the hub is back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // A few cases that went past their deadline a minute ago: the referral job raises alerts for them.
  const lateCases = async (hub: RunningHub) => {
    await hub.db.query(
      `UPDATE cases SET due_at = now() - interval '1 minute'
       WHERE id IN (SELECT id FROM cases WHERE status IN ('assigned', 'inProgress') AND escalation_level = 'focalPoint'
                    AND claimed_by IS NULL ORDER BY id LIMIT 8)`,
    );
  };
  await withOwnHubDesk(page, { jobs: true, prepare: lateCases }, async ({ hub, stopHub, startHubAgain }) => {
    await useLanguage(page, 'ar');

    // Opened from an alert while the hub is up: the hub's history, no warning.
    const open = page.getByTestId('alert-feed').getByTestId('alert-open-case').first();
    await expect(open).toBeVisible({ timeout: 60_000 });
    const caseNumber = /BK-\d{2}-\d{7}/.exec((await open.getAttribute('aria-label')) ?? '')![0];
    const caseId = (await caseOnHub(hub().url, caseNumber)).id;
    await open.click();
    const view = page.getByRole('dialog', { name: new RegExp(caseNumber) });
    await expect(view.locator('[data-testid="case-event"][data-kind="submitted"]')).toContainText('قُدّم عبر');
    await expect(view.getByTestId('case-history-stale')).toHaveCount(0);
    await expect(view.getByTestId('case-offline')).toHaveCount(0);

    // The hub goes away: the open case says so at once, and keeps the history it last had.
    await stopHub();
    await expect(view.getByTestId('case-offline')).toContainText('غير متصل بالمركز');
    await expect(view.getByTestId('case-history-stale')).toContainText('قد لا يكون محدّثاً', { timeout: 15_000 });
    await expect(view.locator('[data-testid="case-event"][data-kind="submitted"]')).toContainText('قُدّم عبر');

    // A note and a claim, offline: both wait in the outbox, shown pending, and stay so while the hub is away.
    const body = `ملاحظة دون اتصال ${Date.now()}`;
    await view.getByLabel('ملاحظة جديدة').fill(body);
    await view.getByRole('button', { name: 'إضافة الملاحظة' }).click();
    const pendingNote = view.locator('[data-testid="case-note"][data-pending="true"]').filter({ hasText: body });
    await expect(pendingNote).toContainText('قيد الإرسال');
    const claim = view.getByTestId('case-claim');
    await claim.click();
    await expect(claim).toHaveAttribute('aria-disabled', 'true');
    await expect(claim).toHaveAccessibleName('أتابعها · قيد الإرسال');
    const waiting = view.locator('[data-testid="case-pending-command"][data-state="queued"]');
    await expect(waiting.filter({ hasText: 'ملاحظة · قيد الإرسال' })).toHaveCount(1);
    await expect(waiting.filter({ hasText: 'متابعة الطلب · قيد الإرسال' })).toHaveCount(1);
    await expect(view.getByTestId('case-pending-mark')).toBeVisible();
    await expect(view.getByTestId('case-claimed-by')).toHaveText('لا أحد بعد');
    expect(await seriousViolations(page)).toEqual([]);

    // The hub comes back on the same address with the same data: both land, once each, and the warnings go.
    await startHubAgain();
    await expect(view.locator('[data-testid="case-note"][data-pending="false"]').filter({ hasText: body })).toBeVisible(
      { timeout: 30_000 },
    );
    await expect(pendingNote).toHaveCount(0);
    await expect(view.getByTestId('case-claimed-by')).toContainText('rana', { timeout: 15_000 });
    await expect(claim).toHaveAccessibleName('إلغاء المتابعة');
    await expect(view.getByTestId('case-pending')).toHaveCount(0, { timeout: 15_000 });
    await expect(view.getByTestId('case-offline')).toHaveCount(0);
    await expect(view.getByTestId('case-history-stale')).toHaveCount(0);

    const history = await historyOnHub(hub().url, caseId);
    expect(history.notes.filter((n) => n.body === body)).toHaveLength(1);
    expect((await caseOnHub(hub().url, caseNumber)).claimedBy).toMatch(/:rana$/);

    // Escape closes the panel and the keyboard goes back to the alert it was opened from.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('case-view')).toHaveCount(0);
    await expect(page.getByRole('link', { name: `فتح ${caseNumber}` }).first()).toBeFocused();
  });
});

// A hub whose at-risk share is not the default 80%: its own hub and desk, so the shared one keeps its rules.
test('the meters mark the at-risk share the hub set, from the right in Arabic and from the left in English, and the states agree with it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const share = 0.6;
  const atRiskAtSixty = async (hub: RunningHub) => {
    const headers = { 'content-type': 'application/json', ...(await authorized(hub.url, 'admin')) };
    const rules = SlaRulesDocument.parse(await (await fetch(`${hub.url}/api/sla/rules`, { headers })).json());
    const response = await fetch(`${hub.url}/api/commands/updateSlaMatrix`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        clientId: randomUUID(),
        matrix: { ...rules.matrix, atRiskShare: share },
        basedOn: { version: rules.version },
        reason: 'Circular (test): at risk from 60% of the target',
      }),
    });
    expect(response.status).toBe(200);
  };
  await withOwnHubDesk(page, { jobs: false, prepare: atRiskAtSixty }, async () => {
    for (const language of ['ar', 'en'] as const) {
      await useLanguage(page, language);
      const row = page.getByTestId('queue-row').first();
      const caseNumber = (await row.getAttribute('data-case-number'))!;
      await row.getByTestId('open-case').click();
      const view = page.getByRole('dialog', { name: new RegExp(caseNumber) });
      const timers = view.getByTestId('case-timer');
      await expect(timers).toHaveCount(3);
      for (const timer of await timers.all()) {
        const bar = (await timer.getByRole('progressbar').boundingBox())!;
        const mark = (await timer.getByTestId('case-timer-at-risk-mark').boundingBox())!;
        // The mark's inline-start edge: the bar's right end in Arabic, its left in English.
        const fromStart = language === 'ar' ? bar.x + bar.width - (mark.x + mark.width) : mark.x - bar.x;
        expect(Math.abs(fromStart - share * bar.width)).toBeLessThanOrEqual(1);
        // A running clock is short of the mark, an at-risk one at or past it (the percent shown is rounded).
        const used = Number(await timer.getByRole('progressbar').getAttribute('aria-valuenow'));
        const state = await timer.getAttribute('data-state');
        if (state === 'running') expect(used).toBeLessThanOrEqual(share * 100);
        if (state === 'atRisk') expect(used).toBeGreaterThanOrEqual(share * 100);
        // A screen reader hears where the mark is, since it cannot see it.
        await expect(timer.getByRole('progressbar')).toHaveAttribute(
          'aria-valuetext',
          new RegExp(`${language === 'ar' ? 'معرّضة للتأخر من' : 'at risk from'} ${Math.round(share * 100)}%`),
        );
      }
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('case-view')).toHaveCount(0);
    }
  });
});
