// Staff notifications from the console: an administrator adds a DingTalk
// group robot (a bad address is refused in words) and sends a test message
// that the stand-in app accepts only when signed right; an agent chooses to
// hear of assignments by e-mail as well, and when a case is assigned to them
// the bell in the header counts it at once, without a reload, and opening it
// leads to the case; the robot posts the assignment to the group once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { startGateway, type RunningGateway } from './support/gateway';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let gateway: RunningGateway;
const kSecret = 'SECe2e0123456789abcdef';

beforeAll(async () => {
  [lingting, browser, gateway] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser(), startGateway()]);
  await preferLanguage(lingting, 'admin@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
  gateway?.stop();
});

const robotPosts = () => gateway.requests().filter((request) => request.path.startsWith('/dingtalk/'));

test('an administrator adds a DingTalk group robot and its signed test message is accepted', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'Group robots' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Group robots', level: 1 }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('No group robots yet').isVisible()).toBe(true);

  await page.getByRole('button', { name: 'Add a group robot' }).click();
  const form = page.getByRole('form', { name: 'Group robot settings' });
  await form.getByRole('textbox', { name: 'Name' }).fill('售后服务群');
  await form.getByRole('radio', { name: 'DingTalk' }).check({ force: true });
  await form.getByRole('textbox', { name: 'Webhook URL' }).fill('oapi.dingtalk.com/robot/send');
  await form.getByLabel('Signing secret').fill(kSecret);
  await form.getByText('Case assigned to me').click();
  await form.getByRole('button', { name: 'Save the group robot' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toContain('Webhook URL: must be a URL starting with http:// or https://');
  await form.getByRole('textbox', { name: 'Webhook URL' }).fill(gateway.url(`/dingtalk/${kSecret}/send?access_token=e2e`));
  await form.getByRole('button', { name: 'Save the group robot' }).click();
  const table = page.getByRole('table', { name: 'Group robots' });
  const row = table.getByRole('row', { name: /售后服务群/ });
  await expect.poll(() => row.isVisible()).toBe(true);
  await expect.poll(() => row.innerText()).toContain('Deadline missed、Case assigned to me');
  await expect.poll(() => row.innerText()).toContain('Signed');
  await expect.poll(() => row.innerText()).toContain('Every department');

  await row.getByRole('button', { name: 'Send a test message' }).click();
  await expect.poll(() => page.getByRole('status').first().innerText()).toContain('"售后服务群" posted the test message');
  const posted = robotPosts().at(-1)!;
  expect(posted.path).toMatch(/[?&]timestamp=\d{13}&sign=[A-Za-z0-9%]+$/);
  // In the robot's language (zh-CN unless chosen), whatever the administrator reads.
  expect(JSON.parse(posted.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: '【聆听】群机器人测试' } });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-robots.en');
  expectNoPageErrors(watched, [/status of 422/]);
});

test('an agent hears of an assignment at once under the bell, by e-mail as chosen, and in the group', async () => {
  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/account`);
  const preferences = page.getByRole('region', { name: '通知方式' });
  await preferences.getByRole('textbox', { name: '接收短信的手机号码' }).fill('021 5555 6666');
  // Element Plus hides the native box under its own: click it as a person's click reaches it.
  await preferences.getByRole('checkbox', { name: '案件分派给我 邮件' }).evaluate((box) => (box as HTMLInputElement).click());
  await preferences.getByRole('button', { name: '保存通知方式' }).click();
  await expect.poll(() => preferences.getByRole('alert').last().innerText()).toContain('接收短信的手机号码: 不是可以接收短信的手机号码');
  await preferences.getByRole('textbox', { name: '接收短信的手机号码' }).fill('');
  await preferences.getByRole('button', { name: '保存通知方式' }).click();
  await expect.poll(() => preferences.getByRole('alert').count()).toBe(0);
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const stored = await callApi<{ email_kinds: string[] }>(lingting, agent, 'GET', '/api/v1/account/notification-preferences');
  expect(stored.email_kinds).toEqual(['assignment']);

  await page.goto(`${lingting.url}/queues/mine`);
  const bell = page.getByTestId('notification-bell');
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知（0 条未读）');

  // An administrator assigns a case to the agent: the bell counts it without a reload.
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const me = await callApi<{ user: { id: number } }>(lingting, agent, 'GET', '/api/v1/session');
  const cases = await callApi<{ items: { id: number; number: string; assignee_id: number | null }[] }>(lingting, admin, 'GET', '/api/v1/cases?limit=20');
  const chosen = cases.items.find((item) => item.assignee_id !== me.user.id)!;
  await callApi(lingting, admin, 'PATCH', `/api/v1/cases/${chosen.id}`, { assignee_id: me.user.id });
  await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10000 }).toBe('通知（1 条未读）');
  await bell.click();
  const panel = page.getByRole('region', { name: '通知' });
  const notice = panel.getByRole('button', { name: new RegExp(`案件 ${chosen.number} 已分派给您处理`) });
  await expect.poll(() => notice.isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'notifications.zh-CN');
  await notice.click();
  await expect.poll(() => page.url()).toBe(`${lingting.url}/cases/${chosen.id}`);
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知（0 条未读）');

  // The department's group hears of it once, in the robot's language, with the link to the case.
  await expect.poll(() => robotPosts().filter((post) => post.body.includes(chosen.number)).length, { timeout: 15000 }).toBe(1);
  const post = JSON.parse(robotPosts().find((request) => request.body.includes(chosen.number))!.body) as { markdown: { title: string; text: string } };
  expect(post.markdown.title).toBe(`【聆听】案件 ${chosen.number} 已分派给您`);
  expect(post.markdown.text).toContain(`/cases/${chosen.id})`);
  expectNoPageErrors(watched, [/status of 422/]);
});
