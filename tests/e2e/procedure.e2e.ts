// A complaint walks the whole procedure through the console only, each step
// taken by the role that owns it: sales contacts the customer and records
// the sample, QA investigates, the QA head approves the countermeasures,
// manufacturing completes its actions with evidence, sales replies with the
// feedback letter read first, QA verifies and the QA head closes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn, type WatchedPage } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';
import { caseStatus, choose, openStep, shanghaiTime, submitStep, typeDateTime } from './support/steps';

let lingting: RunningLingting;
let browser: Browser;
let casePath = '';
const pages: WatchedPage[] = [];

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
  // The agent takes the call and routes it to sales, who owns the customer.
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const departments = await callApi<{ items: { id: number; code: string }[] }>(lingting, agent, 'GET', '/api/v1/departments');
  const staff = await callApi<{ items: { id: number; name: string }[] }>(lingting, agent, 'GET', '/api/v1/staff');
  const created = await callApi<{ id: number }>(lingting, agent, 'POST', '/api/v1/cases', {
    department_id: departments.items.find((d) => d.code === 'SALES')!.id,
    assignee_id: staff.items.find((s) => s.name === '营业 王强')!.id,
    subject: '热水器内胆涂层起皮',
    description: '使用三个月后内胆涂层大面积起皮，水中有碎屑。',
    channel: 'phone',
    product: '电热水器',
    customer: { name: '郑丽', phone: '137 0000 1111' },
  });
  casePath = `/cases/${created.id}`;
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

async function as(email: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const watched = await openPage(browser, { locale });
  pages.push(watched);
  await signIn(watched.page, lingting.url, email, kPassword);
  await watched.page.goto(`${lingting.url}${casePath}`);
  await expect.poll(() => watched.page.getByRole('heading', { name: '热水器内胆涂层起皮' }).isVisible()).toBe(true);
  return watched.page;
}

test('the whole complaint procedure in the browser, each step by its role', async () => {
  // Sales contacts the customer, asks for the sample and hands it to QA.
  const sales = await as('sales@lingting.demo');
  let dialog = await openStep(sales, '联系客户确认问题');
  // A refusal from the server is shown in words: the note is required.
  await dialog.getByRole('button', { name: '联系客户确认问题', exact: true }).click();
  await expect.poll(async () => (await dialog.getByRole('alert').allTextContents()).join(' ')).toMatch(/备注|note/);
  await dialog.getByLabel('备注').fill('已电话联系郑女士，约定寄回样品。');
  await submitStep(sales, dialog, '联系客户确认问题');
  await expect.poll(() => caseStatus(sales)).toBe('了解确认');
  dialog = await openStep(sales, '收集样品');
  await dialog.getByLabel('备注').fill('顺丰到付寄回内胆样品');
  await submitStep(sales, dialog, '收集样品');
  dialog = await openStep(sales, '开立品质异常报告并交品保');
  await typeDateTime(dialog, '样品收到时间', shanghaiTime(0));
  await dialog.getByLabel('异常描述').fill('内胆涂层大面积起皮，起皮面积约 30%');
  await submitStep(sales, dialog, '开立品质异常报告并交品保');
  await expect.poll(() => caseStatus(sales)).toBe('品保调查');
  // The investigation is QA's: sales is offered no step now.
  await expect.poll(() => sales.getByText('您的角色当前没有可办理的步骤。').isVisible()).toBe(true);
  expect(await sales.getByRole('button', { name: '记录原因与责任部门' }).count()).toBe(0);

  // QA records the causes and the responsible department, then the countermeasures.
  const qa = await as('qa@lingting.demo');
  dialog = await openStep(qa, '记录原因与责任部门');
  await dialog.getByLabel('初步分析').fill('涂层附着力测试不合格');
  await dialog.getByLabel('发生原因').fill('喷涂温度偏低，附着力不足');
  await dialog.getByLabel('流出原因').fill('出货检验未做附着力测试');
  await choose(qa, dialog, '责任部门', '制造部');
  await submitStep(qa, dialog, '记录原因与责任部门');
  dialog = await openStep(qa, '提交对策');
  await dialog.getByRole('button', { name: '添加临时对策' }).click();
  await dialog.getByRole('button', { name: '添加永久对策' }).click();
  const first = dialog.getByRole('group', { name: '对策 1' });
  await first.getByLabel('对策内容').fill('在库品与在途品全检');
  await choose(qa, first, '执行人', '制造 周杰');
  await choose(qa, first, '执行部门', '制造部');
  await typeDateTime(first, '完成期限', shanghaiTime(3 * 24 * 60));
  const second = dialog.getByRole('group', { name: '对策 2' });
  await second.getByLabel('对策内容').fill('喷涂温度提高到 180℃ 并增加附着力抽检');
  await choose(qa, second, '执行人', '制造 周杰');
  await choose(qa, second, '执行部门', '制造部');
  await typeDateTime(second, '完成期限', shanghaiTime(10 * 24 * 60));
  await submitStep(qa, dialog, '提交对策');
  await expect.poll(() => caseStatus(qa)).toBe('品保主管核准');

  // The QA head approves.
  const head = await as('qahead@lingting.demo');
  dialog = await openStep(head, '品保主管核准对策');
  await submitStep(head, dialog, '品保主管核准对策');
  await expect.poll(() => caseStatus(head)).toBe('回复客户');
  await head.getByRole('tab', { name: '品质异常报告' }).click();
  await expect.poll(() => head.getByText('喷涂温度偏低，附着力不足').isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(head)).toEqual([]);
  await screenshot(head, 'quality-report.zh-CN');

  // Manufacturing finds both actions in its work list and completes them with evidence.
  const mfg = await as('mfg@lingting.demo');
  await mfg.getByRole('menuitem', { name: '待办' }).click();
  await expect.poll(() => mfg.getByRole('cell', { name: '在库品与在途品全检' }).isVisible()).toBe(true);
  await expect.poll(() => mfg.getByRole('cell', { name: '喷涂温度提高到 180℃ 并增加附着力抽检' }).isVisible()).toBe(true);
  await screenshot(mfg, 'work.zh-CN');
  await mfg.getByRole('cell', { name: '在库品与在途品全检' }).click();
  await expect.poll(() => mfg.getByRole('heading', { name: '热水器内胆涂层起皮' }).isVisible()).toBe(true);
  await mfg.getByRole('tab', { name: /对策与行动/ }).click();
  for (const action of ['在库品与在途品全检', '喷涂温度提高到 180℃ 并增加附着力抽检']) {
    const card = mfg.getByRole('article', { name: action });
    await card.getByRole('button', { name: '标记完成' }).click();
    const done = mfg.getByRole('dialog', { name: `完成：${action}` });
    await done.getByLabel('完成证据').fill(`${action}：已完成，记录见附件编号 QC-1205`);
    await done.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => card.getByText('已完成待验证').isVisible()).toBe(true);
  }

  // Sales reads the feedback letter, then sends it.
  await sales.reload();
  dialog = await openStep(sales, '发送客户回馈函');
  await dialog.getByLabel('回复内容').fill('我们已更换喷涂工艺参数，并为您更换新的热水器。');
  await dialog.getByRole('button', { name: '预览回馈函' }).click();
  const letter = sales.getByRole('dialog', { name: /客户回馈函预览/ });
  await expect.poll(() => letter.textContent()).toContain('原因：喷涂温度偏低，附着力不足');
  await expect.poll(() => letter.textContent()).toContain('尊敬的郑丽');
  await screenshot(sales, 'letter-preview.zh-CN');
  await letter.getByRole('button', { name: /关闭|Close/ }).first().click();
  await submitStep(sales, dialog, '发送客户回馈函');
  await expect.poll(() => caseStatus(sales)).toBe('跟踪确认');
  await expect.poll(() => sales.getByText('尊敬的郑丽').first().isVisible()).toBe(true);
  dialog = await openStep(sales, '跟踪确认效果与客户满意');
  await dialog.getByRole('radio', { name: '客户接受' }).click({ force: true });
  await dialog.getByLabel('备注').fill('客户对更换结果满意');
  await submitStep(sales, dialog, '跟踪确认效果与客户满意');
  await expect.poll(() => caseStatus(sales)).toBe('次月验证');

  // QA verifies the actions; closing before next month is refused in words.
  await qa.reload();
  await qa.getByRole('tab', { name: /对策与行动/ }).click();
  for (const action of ['在库品与在途品全检', '喷涂温度提高到 180℃ 并增加附着力抽检']) {
    const card = qa.getByRole('article', { name: action });
    await card.getByRole('button', { name: '验证效果' }).click();
    const verify = qa.getByRole('dialog', { name: `验证：${action}` });
    await verify.getByLabel('验证结果').fill('抽检 50 台附着力合格');
    await verify.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => card.getByText('已验证').isVisible()).toBe(true);
  }
  const closeStep = (await qa.getByRole('navigation').getByRole('button').allTextContents()).map((s) => s.trim()).find((s) => s.includes('结案'))!;
  dialog = await openStep(qa, closeStep);
  await dialog.getByLabel('验证结果').fill('次月跟踪无再发');
  await dialog.getByRole('button', { name: closeStep, exact: true }).click();
  await expect.poll(async () => (await dialog.getByRole('alert').allTextContents()).join(' ')).toMatch(/\d{4}-\d{2}/);
  await dialog.getByRole('button', { name: '取消' }).click();

  // The QA head closes early, with a written reason.
  await head.reload();
  dialog = await openStep(head, closeStep);
  await dialog.getByLabel('验证结果').fill('次月跟踪无再发');
  await dialog.getByLabel('提前结案的理由').fill('客户已换新机，对策验证有效，无需等待次月');
  await submitStep(head, dialog, closeStep);
  await expect.poll(() => caseStatus(head)).toBe('已结案');
  await head.getByRole('tab', { name: '处理记录' }).click();
  await screenshot(head, 'case.zh-CN');

  for (const watched of pages) expectNoPageErrors(watched, [/status of (409|422)/]);
});
