// QA asks a supplier for corrective action; the supplier answers from a
// phone-sized screen; QA finds the answer in the work list and accepts it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';
import { choose } from './support/steps';

let lingting: RunningLingting;
let browser: Browser;
let casePath = '';

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
  // The demo's supplier, 宁波精工塑料有限公司, signs in as supplier@lingting.demo.
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const created = await callApi<{ id: number }>(lingting, admin, 'POST', '/api/v1/cases', {
    subject: '洗衣机排水泵外壳破裂', origin_class: 'other_factory', product: '滚筒洗衣机', batch: 'B2611',
    customer: { name: '周敏', phone: '138 2222 3333' },
  });
  casePath = `/cases/${created.id}`;
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('QA asks the supplier, the supplier answers on a phone, QA accepts', async () => {
  const qa = await openPage(browser, { locale: 'zh-CN' });
  await signIn(qa.page, lingting.url, 'qa@lingting.demo', kPassword);
  await qa.page.goto(`${lingting.url}${casePath}`);
  await qa.page.getByRole('tab', { name: /供应商纠正措施/ }).click();
  await qa.page.getByRole('button', { name: '要求供应商纠正' }).click();
  const ask = qa.page.getByRole('dialog', { name: '要求供应商纠正' });
  await choose(qa.page, ask, '供应商', '宁波精工塑料有限公司');
  await ask.getByLabel('要求内容').fill('批次 B2611 排水泵外壳破裂 3 起，请分析原因并提出纠正措施。');
  await ask.getByRole('button', { name: '要求供应商纠正' }).click();
  await expect.poll(() => qa.page.getByRole('article', { name: '宁波精工塑料有限公司' }).getByText('待答复').isVisible()).toBe(true);

  const supplier = await openPage(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const page = supplier.page;
  await signIn(page, lingting.url, 'supplier@lingting.demo', kPassword);
  await expect.poll(() => page.getByRole('heading', { name: '纠正措施要求' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('批次 B2611 排水泵外壳破裂 3 起，请分析原因并提出纠正措施。').isVisible()).toBe(true);
  // No staff pages for a supplier: the queues are not offered.
  expect(await page.getByRole('menuitem', { name: '案件队列' }).count()).toBe(0);
  await page.getByLabel('初步分析').fill('注塑保压时间不足导致壳体内应力偏大。');
  await page.getByRole('button', { name: '提交初步分析' }).click();
  await expect.poll(() => page.getByLabel('根本原因').isVisible()).toBe(true);
  await page.getByLabel('根本原因').fill('模具温控失效，保压时间由 8 s 降至 5 s 未被发现。');
  await page.getByLabel('纠正与预防措施').fill('更换温控器；保压时间纳入首件检验；B2611 批次全数退换。');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'supplier.phone.zh-CN');
  await page.getByRole('button', { name: '提交纠正措施' }).click();
  await expect.poll(() => page.getByText('已答复待审核').isVisible()).toBe(true);

  // QA's work list has the answered request waiting for review; it leads to the case.
  await qa.page.goto(`${lingting.url}/work/cars`);
  const waiting = qa.page.getByRole('row', { name: /洗衣机排水泵外壳破裂/ });
  await expect.poll(() => waiting.isVisible()).toBe(true);
  expect(await waiting.innerText()).toMatch(/宁波精工塑料有限公司[\s\S]*已答复待审核/);
  await waiting.click();
  await expect.poll(() => qa.page.url()).toContain(casePath);
  await qa.page.getByRole('tab', { name: /供应商纠正措施/ }).click();
  const card = qa.page.getByRole('article', { name: '宁波精工塑料有限公司' });
  await expect.poll(() => card.getByText('模具温控失效，保压时间由 8 s 降至 5 s 未被发现。').isVisible()).toBe(true);
  await card.getByRole('button', { name: '接受' }).click();
  await qa.page.getByRole('dialog', { name: '接受' }).getByRole('button', { name: '确定' }).click();
  await expect.poll(() => card.getByText('已接受').isVisible()).toBe(true);
  await qa.page.goto(`${lingting.url}/work/cars`);
  await expect.poll(() => qa.page.getByText('没有待办事项。').isVisible()).toBe(true);
  expectNoPageErrors(qa);
  expectNoPageErrors(supplier);
});
