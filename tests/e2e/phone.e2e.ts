// Phone calls in the console: the telephony system's signed webhook says a
// call rings for the agent, whose open console pops it up with the caller
// and their open case; one click adds the call to the case, and at hang-up
// it is on the timeline with its length. The agent also records a call by
// hand from the case page. The administrator sets the webhook's secret.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { postSigned } from './support/webhook';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
const kSecret = 'e2e-telephony-secret-0001';

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
  await preferLanguage(lingting, 'admin@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

async function callEvent(event: Record<string, unknown>): Promise<{ id: number; state: string }> {
  const answer = await postSigned<{ id: number; state: string }>(lingting.url, '/api/v1/webhooks/telephony', kSecret, event);
  expect(answer.status).toBe(200);
  return answer.body;
}

test('an administrator sets the telephony secret', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'Telephony' }).click();
  const form = page.getByRole('form', { name: 'Telephony' });
  await expect.poll(() => form.getByRole('textbox', { name: 'Webhook secret' }).getAttribute('placeholder')).toContain('Not set');
  await form.getByRole('textbox', { name: 'Webhook secret' }).fill('short');
  await form.getByRole('button', { name: 'Save the secret' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toContain('at least 16');
  await form.getByRole('textbox', { name: 'Webhook secret' }).fill(kSecret);
  await form.getByRole('button', { name: 'Save the secret' }).click();
  await expect.poll(() => form.getByRole('textbox', { name: 'Webhook secret' }).getAttribute('placeholder')).toContain('Set;');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-telephony.en');
  expectNoPageErrors(watched, [/status of 422/]);
});

test('a ringing call pops up for the agent, joins the open case and lands on its timeline at hang-up', async () => {
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/telephony', { webhook_secret: kSecret });
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const created = await callApi<{ id: number; number: string }>(lingting, agent, 'POST', '/api/v1/cases', {
    subject: '壁挂炉不出热水',
    channel: 'phone',
    customer: { name: '冯涛', phone: '13711112222' },
  });

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: '案件队列' }).click();
  // The live stream is open once the queue says so.
  await page.waitForTimeout(500);
  const call = await callEvent({ call_id: 'e2e-pbx-1', event: 'ringing', number: '137 1111 2222', agent: 'agent@lingting.demo' });
  const pop = page.getByRole('dialog', { name: '来电' });
  await expect.poll(() => pop.isVisible(), { timeout: 10000 }).toBe(true);
  await expect.poll(() => pop.innerText()).toContain('冯涛');
  await expect.poll(() => pop.innerText()).toContain(created.number);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'call-pop.zh-CN');
  await callEvent({ call_id: 'e2e-pbx-1', event: 'answered' });
  await pop.getByRole('button', { name: '加入此案件' }).click();
  await expect.poll(() => pop.getByRole('status').innerText()).toContain('通话已加入案件');
  await callEvent({ call_id: 'e2e-pbx-1', event: 'hangup', duration_seconds: 125 });
  await expect.poll(() => pop.innerText()).toContain('已挂断');
  await pop.getByRole('link', { name: '通话已加入案件，点击打开' }).click();
  const timeline = page.getByRole('list', { name: '处理记录' });
  await expect.poll(() => timeline.getByText('来电 +8613711112222，通话 2:05').isVisible()).toBe(true);
  expect(call.id).toBeGreaterThan(0);

  // A call recorded by hand from the case page.
  await pop.getByRole('button', { name: '关闭' }).click();
  const composer = page.getByRole('region', { name: '写记录' });
  await composer.getByRole('radio', { name: '通话记录' }).check({ force: true });
  await composer.getByRole('radio', { name: '去电' }).check({ force: true });
  await expect.poll(() => composer.getByRole('textbox', { name: '号码' }).getAttribute('placeholder')).toBe('+8613711112222');
  await composer.getByRole('spinbutton', { name: '分' }).fill('4');
  await composer.getByRole('textbox', { name: '通话记录' }).fill('回访：师傅已更换温控阀，客户确认有热水。');
  await composer.getByRole('button', { name: '保存通话记录' }).click();
  await expect.poll(() => timeline.getByText('去电 +8613711112222，通话 4:00').isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-calls.zh-CN');
  expectNoPageErrors(watched);
});
