// A hotline agent files a complaint for a returning caller; a QA engineer
// watching the queue in another browser sees it arrive without reloading.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
  // The caller rang before: one open case on file.
  await callApi(lingting, tokenFor(lingting, 'admin@lingting.demo'), 'POST', '/api/v1/cases', {
    subject: '洗衣机脱水时噪音大',
    channel: 'phone',
    customer: { name: '刘洋', phone: '139 1234 5678' },
  });
  await preferLanguage(lingting, 'qa@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('an agent files a complaint for a returning caller and a QA engineer sees it arrive live', async () => {
  const qa = await openPage(browser, { locale: 'en' });
  await signIn(qa.page, lingting.url, 'qa@lingting.demo', kPassword);
  await qa.page.goto(`${lingting.url}/queues/unassigned?sort=-received_at`);
  await expect.poll(() => qa.page.getByText('洗衣机脱水时噪音大').isVisible()).toBe(true);
  await expect.poll(() => qa.page.getByText('Live', { exact: true }).isVisible()).toBe(true);
  // Marks this very page: a reload would lose it.
  await qa.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const agent = await openPage(browser, { locale: 'zh-CN' });
  const page = agent.page;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: '新建案件' }).click();
  await page.getByLabel('按电话或姓名查找客户').fill('139 1234');
  await page.getByRole('button', { name: /刘洋/ }).click();
  await expect.poll(() => page.getByText('这位客户有 1 个未结案件：').isVisible()).toBe(true);
  await expect.poll(() => page.getByText(/洗衣机脱水时噪音大/).isVisible()).toBe(true);
  await page.getByLabel('主题').fill('滚筒洗衣机门封漏水');
  await page.getByLabel('详细描述').fill('客户来电：使用两周后门封处漏水，地面有积水。');
  await page.getByRole('radio', { name: '紧急' }).click({ force: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'new-case.zh-CN');
  await page.getByRole('button', { name: '建立案件' }).click();

  // The agent lands on the new case.
  await expect.poll(() => page.getByRole('heading', { name: '滚筒洗衣机门封漏水' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('刘洋').first().isVisible()).toBe(true);
  await expect.poll(() => page.getByText('紧急').first().isVisible()).toBe(true);
  // The caller's earlier case is there, related by who raised it.
  const related = page.getByRole('region', { name: '同一客户的其他案件' });
  await expect.poll(() => related.getByText('洗衣机脱水时噪音大').isVisible()).toBe(true);

  // The QA engineer's queue shows it without a reload, coloured by its SLA.
  await expect.poll(() => qa.page.getByText('滚筒洗衣机门封漏水').isVisible(), { timeout: 5000 }).toBe(true);
  expect(await qa.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  const row = qa.page.getByRole('row', { name: /滚筒洗衣机门封漏水/ });
  await expect.poll(() => row.getByText(/left/).isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(qa.page)).toEqual([]);
  await screenshot(qa.page, 'queue.en');
  // Filtering to the urgent ones keeps the new case and drops the earlier one.
  await qa.page.getByRole('button', { name: 'Filters' }).click();
  const filters = qa.page.getByRole('dialog', { name: 'Filters' });
  await filters.getByRole('radio', { name: 'Urgent' }).click({ force: true });
  await filters.getByRole('button', { name: 'OK' }).click();
  await expect.poll(() => qa.page.url()).toContain('urgency=urgent');
  await expect.poll(() => qa.page.getByText('洗衣机脱水时噪音大').isVisible()).toBe(false);
  await expect.poll(() => qa.page.getByText('滚筒洗衣机门封漏水').isVisible()).toBe(true);

  // The caller's 360° view: both cases, both open, and what was said on them.
  await page.getByRole('link', { name: '刘洋' }).click();
  await expect.poll(() => page.getByRole('heading', { name: '刘洋' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('共 2 个案件，其中 2 个未结。').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('139 1234 5678').isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'customer.zh-CN');

  expectNoPageErrors(agent);
  expectNoPageErrors(qa);
  await agent.context.close();
  await qa.context.close();
});
