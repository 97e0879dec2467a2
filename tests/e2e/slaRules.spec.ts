import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../server/auth/demoStaff';
import type { RunningHub } from '../../server/hubServer';
import { RECOMPUTE_DEADLINES_JOB } from '../../server/jobs/recomputeDeadlinesJob';
import {
  WorkingCalendar,
  ammanEpochDay,
  ammanWallToUtc,
  dateKey,
  fromEpochDay,
  parseDateKey,
  workingDaySchedule,
} from '../../shared/sla';
import { authorized } from '../support/staffSession';
import { E2E } from './consoleUnderTest.config';
import { useLanguage } from './consoleLanguage';
import { withOwnHubDesk } from './ownHubDesk';
import { watchFor } from './pageWatch';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
}

/** The SLA rules in force on a hub, as it serves them to desks. */
async function rulesOnHub(hubUrl: string): Promise<{ version: number; calendar: WorkingCalendar }> {
  const response = await fetch(`${hubUrl}/api/sla/rules`, { headers: await authorized(hubUrl, 'admin') });
  return (await response.json()) as { version: number; calendar: WorkingCalendar };
}

/** The first Amman date after today with working hours in `calendar`. */
function nextWorkingDay(calendar: WorkingCalendar): string {
  for (let day = ammanEpochDay(Date.now()) + 1; ; day++) {
    const date = dateKey(fromEpochDay(day));
    if (workingDaySchedule(calendar, date).spans.length > 0) return date;
  }
}

/** An open case, not waiting on the citizen, whose resolution deadline lies after `date` (Amman): a closure that day moves it. */
async function caseDueAfter(hub: RunningHub, date: string): Promise<{ id: string; number: string }> {
  const { year, month, day } = parseDateKey(date);
  const [found] = (await hub.db.query(
    `SELECT id::text AS id, number FROM cases
     WHERE status IN ('assigned', 'inProgress') AND due_at > $1 ORDER BY due_at LIMIT 1`,
    [new Date(ammanWallToUtc(year, month, day + 1)).toISOString()],
  )) as { id: string; number: string }[];
  if (!found) throw new Error(`no open case is due after ${date}`);
  return found;
}

test('an administrator declares a weather closure in Arabic: it shows with its source, leaves pending, the hub holds it, and a case’s timeline says its deadline moved and why', async ({
  page,
}) => {
  // A hub, a desk and the recompute job inside one test: on a loaded CI machine it once needed more than the default minute.
  test.setTimeout(120_000);
  await withOwnHubDesk(
    page,
    // The recompute job moves the open cases' deadlines once the command has returned; no referrals or alerts.
    { jobs: [RECOMPUTE_DEADLINES_JOB], account: { username: 'admin', password: DEMO_PASSWORD } },
    async ({ hub }) => {
      await useLanguage(page, 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      const before = await rulesOnHub(hub().url);
      const closureDate = nextWorkingDay(before.calendar);
      const moved = await caseDueAfter(hub(), closureDate);

      await page.getByRole('button', { name: 'قواعد مستوى الخدمة' }).click();
      const rules = page.getByRole('dialog', { name: /قواعد اتفاقية مستوى الخدمة/ });
      await expect(rules).toBeVisible();
      // A fresh hub serves its defaults, version 0.
      expect(before.version).toBe(0);
      await expect(rules.getByTestId('sla-version')).toContainText('القواعد الافتراضية للمركز');
      // Right to left: the dialog reads RTL, and its title starts on the right with Close at the far left.
      await expect(rules).toHaveCSS('direction', 'rtl');
      const titleBox = (await rules.locator('#sla-rules-title').boundingBox())!;
      const closeBox = (await rules.getByRole('button', { name: 'إغلاق شاشة قواعد مستوى الخدمة' }).boundingBox())!;
      expect(closeBox.x).toBeLessThan(titleBox.x + titleBox.width / 2);
      // The week, and the entries each with their source.
      await expect(rules.getByTestId('sla-week')).toContainText('الجمعة');
      await expect(rules.getByTestId('sla-week')).toContainText('08:00–15:00');
      const fitr = rules.locator('[data-testid="sla-entry"][data-entry-id="eid-al-fitr"]');
      await expect(fitr).toContainText('عيد الفطر');
      await expect(fitr.getByTestId('sla-entry-when')).toContainText('شوال');
      await expect(fitr.getByTestId('sla-entry-source')).toContainText('Labour Law No. 8 of 1996');

      expect(await seriousViolations(page)).toEqual([]);

      // The closure: the next working day, a whole day, with its source and the reason.
      const source = 'تعميم رئاسة الوزراء رقم 7/2026';
      const reason = `تعميم 7/2026: تعطيل الدوام بسبب المنخفض الجوي (${Date.now()})`;
      await rules.getByRole('button', { name: 'إضافة إغلاق' }).click();
      const form = page.getByRole('dialog', { name: /إغلاق طارئ/ });
      await form.getByLabel('التاريخ (بتوقيت عمّان)').fill(closureDate);
      await form.getByLabel('الاسم بالعربية').fill('عطلة بسبب الأحوال الجوية');
      await form.getByLabel('الاسم بالإنجليزية').fill('Weather closure');
      await form.getByLabel('المصدر (مثل رقم التعميم)').fill(source);
      const save = form.getByRole('button', { name: 'حفظ وإرسال' });
      // No reason, no save.
      await expect(save).toBeDisabled();
      expect(await seriousViolations(page)).toEqual([]);
      await form.getByLabel(/سبب التعديل/).fill(reason);
      const sawPending = await watchFor(page, '[data-testid="sla-edit"]', 'قيد الإرسال');
      await save.click();
      await expect(form).toBeHidden();

      const closure = rules.locator('[data-testid="sla-entry"][data-kind="closure"]');
      await expect(closure).toHaveCount(1);
      await expect(closure).toContainText('عطلة بسبب الأحوال الجوية');
      await expect(closure.getByTestId('sla-entry-source')).toHaveText(source);
      // Queued, shown as on its way, then applied: the hub's rules are the desk's again.
      await expect(rules.getByTestId('sla-edit')).toHaveCount(0);
      await expect(closure).toHaveAttribute('data-change', 'none');
      expect(await sawPending()).toBe(true);

      const after = await rulesOnHub(hub().url);
      expect(after.version).toBeGreaterThan(before.version);
      // The desk fetched the hub's new rules as its command was answered.
      await expect(rules.getByTestId('sla-version')).toContainText(`الإصدار ${after.version}`);
      expect(after.calendar.entries.filter((e) => e.kind === 'closure')).toEqual([
        expect.objectContaining({ source, period: { type: 'wholeDays', date: closureDate, spanDays: 1 } }),
      ]);

      // An open case due after that day: its timeline says the deadline moved, with the reason.
      await rules.getByRole('button', { name: 'إغلاق شاشة قواعد مستوى الخدمة' }).click();
      await expect(rules).toBeHidden();
      await page.getByTestId('queue-search').fill(moved.number);
      const row = page.locator(`[data-testid="queue-row"][data-case-number="${moved.number}"]`);
      await row.getByTestId('open-case').click();
      const view = page.getByRole('dialog', { name: new RegExp(moved.number) });
      const event = view.locator('[data-testid="case-event"][data-kind="deadlineChanged"]');
      await expect(event).toHaveCount(1);
      await expect(event).toContainText('الموعد النهائي');
      await expect(event).toContainText(reason);
    },
  );
});

test('a supervisor sees the rules read only: no button to change them', async ({ page }) => {
  await page.goto(E2E.openUrl);
  await useLanguage(page, 'ar');
  await page.getByRole('button', { name: 'قواعد مستوى الخدمة' }).click();
  const rules = page.getByRole('dialog', { name: /قواعد اتفاقية مستوى الخدمة/ });
  await expect(rules.getByTestId('sla-read-only')).toBeVisible();
  await expect(rules.locator('[data-testid="sla-entry"]').first()).toBeVisible();
  await expect(rules.getByRole('button', { name: 'إضافة إغلاق' })).toHaveCount(0);
  await expect(rules.getByTestId('sla-entry-remove')).toHaveCount(0);
  await rules.getByRole('tab', { name: 'مصفوفة المهل' }).click();
  await expect(rules.getByTestId('sla-rule').first()).toBeVisible();
  await expect(rules.getByTestId('sla-at-risk')).toContainText('80');
  await expect(rules.getByRole('button', { name: /تعديل/ })).toHaveCount(0);
  await rules.getByRole('tab', { name: 'سلّم الإحالة' }).click();
  await expect(rules.getByTestId('sla-ladder')).toContainText('فوراً');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(rules).toBeHidden();
});

test('two administrators change the ladder at once: the later save shows as a conflict with the hub’s reason, and applying it again keeps both changes', async ({
  page,
}) => {
  await withOwnHubDesk(
    page,
    {
      jobs: [],
      account: { username: 'admin', password: DEMO_PASSWORD },
      // A second administrator, who changes the rules through the hub while this desk's dialog is open.
      prepare: async (hub) => {
        await hub.db.query(
          `INSERT INTO staff_users (id, username, display_ar, display_en, role, password_hash)
           SELECT 'admin2', 'admin2', 'مديرة النظام الثانية', 'Second administrator', 'administrator', password_hash
           FROM staff_users WHERE id = 'admin'`,
        );
      },
    },
    async ({ hub }) => {
      await useLanguage(page, 'en');
      await page.getByRole('button', { name: 'SLA rules' }).click();
      const rules = page.getByRole('dialog', { name: /SLA rules/ });
      await rules.getByRole('tab', { name: 'Referral ladder' }).click();
      await expect(rules.getByTestId('sla-ladder')).toContainText('at once');
      await rules.getByRole('button', { name: 'Change the ladder windows' }).click();
      const form = page.getByRole('dialog', { name: 'Change the ladder windows' });
      await form.getByRole('spinbutton', { name: 'Director', exact: true }).fill('3');

      // Meanwhile the other administrator saves an agreed window for the Ministry of Health, built on the same version.
      const response = await fetch(`${hub().url}/api/commands/updateLadderWindows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorized(hub().url, 'admin2')) },
        body: JSON.stringify({
          clientId: crypto.randomUUID(),
          ladder: { focalPoint: 0, director: 840, secretaryGeneral: 840, entities: { MOH: { director: 60 } } },
          basedOn: { version: 0 },
          reason: 'Ministry of Health agreement 12/2026',
        }),
      });
      expect(response.status).toBe(200);

      await form.getByLabel(/Reason for the change/).fill('Circular 14/2026: directors get three working days');
      await form.getByRole('button', { name: 'Save and send' }).click();
      await expect(form).toBeHidden();
      const conflict = rules.locator('[data-testid="outbox-refusal"][data-code="rulesChanged"]');
      await expect(conflict).toContainText(
        'Another change to this part of the rules (Referral ladder) reached the hub first',
      );
      await expect(conflict).toContainText('saved by administrator:admin2');
      await expect(conflict).toContainText('reason “Ministry of Health agreement 12/2026”');
      await expect(conflict).toContainText('added MOH’s windows');
      expect(await seriousViolations(page)).toEqual([]);

      await conflict.getByRole('button', { name: /Apply my change/ }).click();
      await expect(conflict).toHaveCount(0);
      await expect(rules.getByTestId('sla-edit')).toHaveCount(0);
      const ladder = (await (
        await fetch(`${hub().url}/api/sla/rules`, { headers: await authorized(hub().url, 'admin') })
      ).json()) as { version: number; ladder: { director: number; entities?: Record<string, unknown> } };
      // Both: this desk's three working days for every director, and the ministry's own window.
      expect(ladder.ladder.director).toBe(3 * 420);
      expect(ladder.ladder.entities).toEqual({ MOH: { director: 60 } });
      await expect(rules.getByTestId('sla-version')).toContainText(`Version ${ladder.version}`);
    },
  );
});
