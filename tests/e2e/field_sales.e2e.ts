// A salesperson in the field works from a phone: the department's queue as
// cards, then a case with its next step, neither wider than the screen.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('a salesperson reads the department queue and a case on a 390×844 phone', async () => {
  type Department = { id: number; code: string };
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const departments = await callApi<{ items: Department[] }>(lingting, admin, 'GET', '/api/v1/departments');
  const sales = departments.items.find((d) => d.code === 'SALES')!;
  const created = await callApi<{ id: number; number: string }>(lingting, tokenFor(lingting, 'agent@lingting.demo'), 'POST', '/api/v1/cases', {
    subject: '燃气灶点火后熄火，经销商门店反映',
    type: 'complaint',
    urgency: 'urgent',
    department_id: sales.id,
    customer: { name: '广州美家电器城', phone: '020-8888 6666' },
  });

  const watched = await openPage(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const { page } = watched;
  await signIn(page, lingting.url, 'sales@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/queues/department?sort=-received_at`);
  const card = page.getByRole('row', { name: /燃气灶点火后熄火/ });
  await expect.poll(() => card.isVisible()).toBe(true);
  expect(await card.innerText()).toContain(created.number);
  expect(await card.innerText()).toContain('紧急');
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'queue.phone.zh-CN');

  await card.getByRole('link', { name: created.number }).click();
  await expect.poll(() => page.getByRole('heading', { name: /燃气灶点火后熄火/ }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('navigation').getByRole('button', { name: '联系客户确认问题' }).isVisible()).toBe(true);
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expectNoPageErrors(watched);
});
