// Saved views are kept by the server: a salesperson saves a filtered queue
// and shares it with the department; a colleague opens it from their own
// browser; a name too long is refused in words; the owner deletes it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 20 }), launchBrowser()]);
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const departments = await callApi<{ items: { id: number; code: string }[] }>(lingting, admin, 'GET', '/api/v1/departments');
  const sales = departments.items.find((d) => d.code === 'SALES')!;
  await callApi(lingting, admin, 'POST', '/api/v1/users', {
    email: 'sales2@lingting.demo', name: '营业 刘洋', role: 'sales', department_ids: [sales.id], password: kPassword,
  });
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

async function openViews(page: Page) {
  await page.getByRole('button', { name: '保存的视图' }).click();
  await expect.poll(() => page.getByRole('textbox', { name: '视图名称' }).isVisible()).toBe(true);
}

test('a view saved and shared by one salesperson opens for a colleague, and only its owner deletes it', async () => {
  const owner = await openPage(browser, { locale: 'zh-CN' });
  await signIn(owner.page, lingting.url, 'sales@lingting.demo', kPassword);
  await owner.page.goto(`${lingting.url}/queues/department?q=${encodeURIComponent('漏水')}&sort=-received_at`);
  await expect.poll(() => owner.page.getByRole('textbox', { name: '搜索主题或描述（支持中文）' }).inputValue()).toBe('漏水');

  // A name too long is refused, in words naming the field.
  await openViews(owner.page);
  await owner.page.getByRole('textbox', { name: '视图名称' }).fill('漏'.repeat(81));
  await owner.page.getByRole('button', { name: '保存当前视图' }).click();
  await expect.poll(() => owner.page.getByText(/视图名称: .*80/).isVisible()).toBe(true);

  await owner.page.getByRole('textbox', { name: '视图名称' }).fill('本部门漏水');
  await owner.page.getByText('与本部门共享').click();
  await expect.poll(() => owner.page.getByRole('checkbox', { name: '与本部门共享' }).isChecked()).toBe(true);
  await owner.page.getByRole('button', { name: '保存当前视图' }).click();
  await expect.poll(() => owner.page.getByText('视图“本部门漏水”已保存').isVisible()).toBe(true);

  // The colleague, in another browser, finds it shared and opens it.
  const colleague = await openPage(browser, { locale: 'zh-CN' });
  await signIn(colleague.page, lingting.url, 'sales2@lingting.demo', kPassword);
  await colleague.page.goto(`${lingting.url}/queues/mine`);
  await openViews(colleague.page);
  const shared = colleague.page.getByRole('menuitem', { name: /本部门漏水/ });
  await expect.poll(() => shared.isVisible()).toBe(true);
  expect(await shared.innerText()).toContain('部门共享');
  expect(await shared.getByRole('button', { name: /删除视图/ }).count()).toBe(0);
  expect(await seriousAccessibilityViolations(colleague.page)).toEqual([]);
  await screenshot(colleague.page, 'saved-views.zh-CN');
  await shared.click();
  await expect.poll(() => colleague.page.url()).toContain('/queues/department');
  expect(decodeURIComponent(colleague.page.url())).toContain('q=漏水');
  await expect.poll(() => colleague.page.getByRole('textbox', { name: '搜索主题或描述（支持中文）' }).inputValue()).toBe('漏水');

  // The owner deletes it; the colleague's list no longer has it.
  await owner.page.reload();
  await openViews(owner.page);
  await owner.page.getByRole('button', { name: '删除视图“本部门漏水”' }).click();
  await expect.poll(() => owner.page.getByRole('menuitem', { name: /本部门漏水/ }).count()).toBe(0);
  const left = await callApi<{ items: unknown[] }>(lingting, tokenFor(lingting, 'sales2@lingting.demo'), 'GET', '/api/v1/views');
  expect(left.items).toEqual([]);
  expectNoPageErrors(owner, [/status of 422/]);
  expectNoPageErrors(colleague);
});
