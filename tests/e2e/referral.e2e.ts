// A complaint the market regulator referred, filed from the new-case page in
// Chinese: the regulator channel asks for the regulator and its referral
// number, the case page shows the referral and the regulator's deadline as
// an SLA clock, and the same referral filed again is refused with the case
// it already is.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { kPassword, startLingting, type RunningLingting } from './support/lingting';
import { choose, typeDateTime } from './support/steps';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('an agent files a 12315 referral and sees the regulator\'s deadline; the same referral is refused', async () => {
  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  const fileReferral = async () => {
    await page.getByRole('menuitem', { name: '新建案件' }).click();
    await page.getByLabel('按电话或姓名查找客户').fill('周杰');
    await page.getByLabel('客户姓名').fill('周杰');
    await page.getByLabel('电话', { exact: true }).fill('13600001111');
    await page.getByLabel('主题').fill('电动车充电器起火');
    await page.getByLabel('详细描述').fill('消费者通过 12315 投诉：充电器充电时冒烟起火，要求赔偿。');
    const form = page.getByRole('main');
    await choose(page, form, '渠道', '监管转办');
    await expect.poll(() => page.getByText('市场监管部门（12315 或当地市场监督管理局）转来的投诉').isVisible()).toBe(true);
    await page.getByLabel('转办编号').fill('3101150020261201007');
    await typeDateTime(form, '转办时间', '2026-12-01 10:00:00');
  };
  await fileReferral();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'new-case-referral.zh-CN');
  await page.getByRole('button', { name: '建立案件' }).click();

  await expect.poll(() => page.getByRole('heading', { name: '电动车充电器起火' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('case-referral').innerText()).toContain('12315 转办 3101150020261201007');
  await expect.poll(() => page.getByText('监管转办处理期限').first().isVisible()).toBe(true);
  const number = (await page.locator('.lt-number').first().innerText()).trim();
  expect(number).toMatch(/^TS-\d{4}-\d{6}$/);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-referral.zh-CN');

  // The same referral again: refused, naming the case.
  await fileReferral();
  await page.getByRole('button', { name: '建立案件' }).click();
  await expect.poll(() => page.getByRole('alert').last().innerText()).toContain('该转办编号已登记为案件');
  await expect.poll(() => page.getByRole('alert').last().innerText()).toContain(number);
  expectNoPageErrors(watched, [/status of 409/]);
});
