// A serious problem: the QA head opens a recurrence-prevention report on the
// case, gives it a preventive action and approves it; the QA engineer, who
// may not open one, completes and verifies the action and then verifies the
// report. A verification left empty is refused in words.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';
import { choose, shanghaiTime, typeDateTime } from './support/steps';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('the QA head opens and approves a recurrence-prevention report; QA settles its action and verifies it', async () => {
  const created = await callApi<{ id: number }>(lingting, tokenFor(lingting, 'agent@lingting.demo'), 'POST', '/api/v1/cases', {
    subject: '同批次减震器阻尼不足，第三起投诉',
    type: 'complaint',
    customer: { name: '冯建国', phone: '13911112222' },
  });
  const casePath = `${lingting.url}/cases/${created.id}`;

  // A QA engineer may not open a report: before there is one, no tab offers it.
  const qa = await openPage(browser, { locale: 'zh-CN' });
  await signIn(qa.page, lingting.url, 'qa@lingting.demo', kPassword);
  await qa.page.goto(casePath);
  await expect.poll(() => qa.page.getByRole('tab', { name: '处理记录' }).isVisible()).toBe(true);
  expect(await qa.page.getByRole('tab', { name: '预防再发' }).count()).toBe(0);

  // The QA head opens one, adds a preventive action owned by QA and approves.
  const head = await openPage(browser, { locale: 'zh-CN' });
  await signIn(head.page, lingting.url, 'qahead@lingting.demo', kPassword);
  await head.page.goto(casePath);
  await head.page.getByRole('tab', { name: '预防再发' }).click();
  await expect.poll(() => head.page.getByText('本案件尚未开立预防再发处理报告').isVisible()).toBe(true);
  const panel = head.page.getByRole('region', { name: '预防再发处理报告' });
  await panel.getByRole('button', { name: '开立预防再发处理报告' }).click();
  const opening = head.page.getByRole('dialog', { name: '开立预防再发处理报告' });
  await opening.getByRole('textbox', { name: '问题描述' }).fill('同批次减震器阻尼不足，已有三起投诉');
  await opening.getByRole('textbox', { name: '原因分析' }).fill('供应商更换了油料配方，来料检验未覆盖阻尼测试');
  await opening.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => panel.getByText('待核准（须至少有一项对策）').isVisible()).toBe(true);
  // No approval before the report has an action.
  expect(await panel.getByRole('button', { name: '核准报告' }).count()).toBe(0);

  await panel.getByRole('button', { name: '添加对策' }).click();
  const adding = head.page.getByRole('dialog', { name: '添加对策' });
  await adding.getByRole('textbox', { name: '对策内容' }).fill('减震器来料增加阻尼测试，每批抽检 5 件');
  await choose(head.page, adding, '执行人', '品保 陈静');
  await typeDateTime(adding, '完成期限', shanghaiTime(7 * 24 * 60));
  await adding.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => panel.getByRole('article', { name: '减震器来料增加阻尼测试，每批抽检 5 件' }).isVisible()).toBe(true);
  await panel.getByRole('button', { name: '核准报告' }).click();
  await expect.poll(() => panel.getByText(/品保主管 吴刚 于 .* 核准/).isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(head.page)).toEqual([]);
  await screenshot(head.page, 'prevention.zh-CN');

  // The report waits in QA's work list until it is verified.
  await qa.page.goto(`${lingting.url}/work/prevention`);
  const waiting = qa.page.getByRole('row', { name: /同批次减震器阻尼不足，已有三起投诉/ });
  await expect.poll(() => waiting.isVisible()).toBe(true);
  expect(await waiting.innerText()).toContain('品保主管 吴刚');

  // QA completes the action with evidence and verifies it, then the report.
  await qa.page.goto(casePath);
  await qa.page.getByRole('tab', { name: '预防再发' }).click();
  const qaPanel = qa.page.getByRole('region', { name: '预防再发处理报告' });
  const action = qaPanel.getByRole('article', { name: '减震器来料增加阻尼测试，每批抽检 5 件' });
  await action.getByRole('button', { name: '标记完成' }).click();
  const done = qa.page.getByRole('dialog', { name: /^完成：/ });
  await done.getByRole('textbox', { name: '完成证据' }).fill('来料检验规范已修订（QI-023 第 4 版），首批抽检合格');
  await done.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => action.getByText('已完成待验证').isVisible()).toBe(true);
  await action.getByRole('button', { name: '验证效果' }).click();
  const check = qa.page.getByRole('dialog', { name: /^验证：/ });
  await check.getByRole('textbox', { name: '验证结果' }).fill('连续三批抽检阻尼合格');
  await check.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => action.getByText('已验证').isVisible()).toBe(true);

  await qaPanel.getByRole('button', { name: '验证报告' }).click();
  const verifying = qa.page.getByRole('dialog', { name: '验证预防再发处理报告' });
  await verifying.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => verifying.getByRole('alert').innerText()).toMatch(/验证|必填/);
  await verifying.getByRole('textbox', { name: '效果验证' }).fill('三个月内未再发生同类投诉');
  await verifying.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => qaPanel.getByText(/品保 陈静 于 .* 验证/).isVisible()).toBe(true);
  await expect.poll(() => qaPanel.getByText('三个月内未再发生同类投诉').isVisible()).toBe(true);

  await qa.page.goto(`${lingting.url}/work/prevention`);
  await expect.poll(() => qa.page.getByText('没有待办事项。').isVisible()).toBe(true);
  const report = await callApi<{ verified_at: string | null; actions: { status: string }[] }>(
    lingting, tokenFor(lingting, 'qa@lingting.demo'), 'GET', `/api/v1/cases/${created.id}/prevention-report`,
  );
  expect(report.verified_at).not.toBeNull();
  expect(report.actions.map((a) => a.status)).toEqual(['verified']);
  expectNoPageErrors(head);
  expectNoPageErrors(qa, [/status of 422/]);
});
