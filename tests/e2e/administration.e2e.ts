// An administrator keeps the organisation: a new department on the plant
// calendar, a user for it, and a validation message from the server when a
// code is taken.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { kPassword, startLingting, type RunningLingting } from './support/lingting';
import { choose } from './support/steps';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('an administrator adds a department and a user, and a taken code is refused in words', async () => {
  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/admin/directory/departments`);
  await expect.poll(() => page.getByRole('cell', { name: '品质保证部' }).isVisible()).toBe(true);

  await page.getByRole('button', { name: '新增部门' }).click();
  let dialog = page.getByRole('dialog', { name: '新增部门' });
  await dialog.getByLabel('代码').fill('QA');
  await dialog.getByLabel('名称').fill('品保二部');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/QA|代码|已/);
  await dialog.getByLabel('代码').fill('QA2');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => page.getByRole('cell', { name: '品保二部' }).isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'departments.zh-CN');

  await page.getByRole('tab', { name: '用户与角色' }).click();
  await page.getByRole('button', { name: '新增用户' }).click();
  dialog = page.getByRole('dialog', { name: '新增用户' });
  await dialog.getByLabel('邮箱').fill('qa2@lingting.demo');
  await dialog.getByLabel('姓名').fill('品保 刘畅');
  await choose(page, dialog, '角色', '品保工程师');
  await choose(page, dialog, '部门', '品保二部');
  await dialog.getByLabel('密码').fill('short');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/8/);
  await dialog.getByLabel('密码').fill('a-good-long-password');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => page.getByRole('cell', { name: 'qa2@lingting.demo' }).isVisible()).toBe(true);

  // The new user signs in.
  const other = await openPage(browser, { locale: 'zh-CN' });
  await signIn(other.page, lingting.url, 'qa2@lingting.demo', 'a-good-long-password');
  await expect.poll(() => other.page.getByRole('heading', { name: '案件队列' }).isVisible()).toBe(true);
  expectNoPageErrors(other);
  expectNoPageErrors(watched, [/status of (409|422)/]);
});
