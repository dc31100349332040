// A claim above the proposer's limit goes up the authority matrix: sales
// may approve up to 1,000 CNY, QA up to 5,000 (the demo matrix).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let casePath = '';

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const departments = await callApi<{ items: { id: number; code: string }[] }>(lingting, agent, 'GET', '/api/v1/departments');
  const created = await callApi<{ id: number }>(lingting, agent, 'POST', '/api/v1/cases', {
    subject: '冰箱运输途中侧板凹陷',
    department_id: departments.items.find((d) => d.code === 'SALES')!.id,
    customer: { name: '华联超市', kind: 'dealer', phone: '021-6666 8888' },
  });
  casePath = `/cases/${created.id}`;
  await preferLanguage(lingting, 'qa@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('a claim the agent proposes above the sales limit is approved by sales, then goes up to QA', async () => {
  const agent = await openPage(browser, { locale: 'zh-CN' });
  await signIn(agent.page, lingting.url, 'agent@lingting.demo', kPassword);
  await agent.page.goto(`${lingting.url}${casePath}`);
  await agent.page.getByRole('tab', { name: /理赔/ }).click();
  await agent.page.getByRole('button', { name: '提出理赔' }).click();
  const propose = agent.page.getByRole('dialog', { name: '提出理赔' });
  // A malformed amount is refused in words.
  await propose.getByLabel('金额').fill('3,000元');
  await propose.getByLabel('理由').fill('运输破损，经销商要求折价补偿');
  await propose.getByRole('button', { name: '提交理赔' }).click();
  await expect.poll(() => propose.getByRole('alert').textContent()).toMatch(/金额|amount|两位小数|decimal/i);
  await propose.getByLabel('金额').fill('3000');
  await propose.getByRole('button', { name: '提交理赔' }).click();
  const proposed = agent.page.getByRole('article', { name: '理赔 3000.00 CNY' });
  await expect.poll(() => proposed.getByText('第 1 级 · 待 业务 审批').isVisible()).toBe(true);
  // The proposer is not offered a say on their own claim.
  expect(await proposed.getByRole('button', { name: '同意' }).count()).toBe(0);

  const sales = await openPage(browser, { locale: 'zh-CN' });
  await signIn(sales.page, lingting.url, 'sales@lingting.demo', kPassword);
  await sales.page.goto(`${lingting.url}${casePath}`);
  await sales.page.getByRole('tab', { name: /理赔/ }).click();
  const claim = sales.page.getByRole('article', { name: '理赔 3000.00 CNY' });
  await claim.getByRole('button', { name: '同意' }).click();
  const approve = sales.page.getByRole('dialog', { name: '同意' });
  await approve.getByLabel('意见').fill('属实，同意补偿，超出本人权限');
  await approve.getByRole('button', { name: '确定' }).click();
  // Above sales' 1,000 the approval passes the claim up, to QA.
  await expect.poll(() => claim.getByText('第 2 级 · 待 品保工程师 审批').isVisible()).toBe(true);
  await expect.poll(() => claim.getByText(/营业 王强 同意/).isVisible()).toBe(true);
  expect(await claim.getByRole('button', { name: '同意' }).count()).toBe(0);

  const qa = await openPage(browser, { locale: 'en' });
  await signIn(qa.page, lingting.url, 'qa@lingting.demo', kPassword);
  await qa.page.goto(`${lingting.url}${casePath}`);
  await qa.page.getByRole('tab', { name: /Claims/ }).click();
  const seen = qa.page.getByRole('article', { name: 'Claim 3000.00 CNY' });
  await expect.poll(() => seen.getByText('Level 2 · awaiting QA engineer').isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(qa.page)).toEqual([]);
  await screenshot(qa.page, 'claims.en');
  await seen.getByRole('button', { name: 'Approve' }).click();
  await qa.page.getByRole('dialog', { name: 'Approve' }).getByRole('button', { name: 'OK' }).click();
  await expect.poll(() => seen.getByText('Approved', { exact: true }).isVisible()).toBe(true);
  // Sales sees the outcome live.
  await expect.poll(() => claim.getByText('已核准').isVisible(), { timeout: 5000 }).toBe(true);

  expectNoPageErrors(agent, [/status of 422/]);
  expectNoPageErrors(sales);
  expectNoPageErrors(qa);
});
