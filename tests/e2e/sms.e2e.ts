// SMS from the console, against a stand-in gateway on loopback: an
// administrator sets up the gateway (a template without the text is refused
// in words), sends a test text that arrives and one the gateway refuses, and
// finds the SMS acknowledgement among the letter templates; a customer's
// text, posted signed to the webhook, becomes a case, and the agent answers
// it by SMS from the case page and sees it sent.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { startGateway, type RunningGateway } from './support/gateway';
import { postSigned } from './support/webhook';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let gateway: RunningGateway;
const kSecret = 'e2e-webhook-secret-of-the-gateway';

beforeAll(async () => {
  [lingting, browser, gateway] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser(), startGateway()]);
  await preferLanguage(lingting, 'admin@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
  gateway?.stop();
});

const alertText = (page: Page) => page.getByRole('alert').last().innerText();

/** Posts a customer's text to the webhook as the gateway does, signed. */
async function textFromCustomer(id: string, from: string, text: string): Promise<{ case_id: number; case_number: string }> {
  const answer = await postSigned<{ case_id: number; case_number: string }>(lingting.url, '/api/v1/webhooks/sms', kSecret, { id, from, text });
  expect(answer.status).toBe(200);
  return answer.body;
}

test('an administrator sets up the SMS gateway and sends a test text; wrong settings are refused in words', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'SMS gateway' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'SMS gateway', level: 1 }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('No SMS gateway is set up yet').isVisible()).toBe(true);

  const form = page.getByRole('form', { name: 'SMS gateway' });
  await form.getByRole('textbox', { name: 'Send API address' }).fill(gateway.url('/sms/send'));
  await form.getByRole('textbox', { name: 'Request template' }).fill('{"mobile":"${to_national}","content":"${body}"}');
  await form.getByRole('textbox', { name: 'Credential header' }).fill('Authorization');
  await form.getByRole('textbox', { name: 'Credential', exact: true }).fill('APPCODE e2e');
  await form.getByRole('textbox', { name: 'A successful answer contains' }).fill('"Code": "OK"');
  await form.getByRole('textbox', { name: 'Webhook secret' }).fill(kSecret);
  await form.getByRole('button', { name: 'Save the settings' }).click();
  await expect.poll(() => alertText(page)).toContain('Request template: unknown or unclosed placeholder: ${body}');
  await form.getByRole('textbox', { name: 'Request template' }).fill('{"mobile":"${to_national}","content":"${text}","ref":"${reference}"}');
  await form.getByRole('button', { name: 'Save the settings' }).click();
  await expect.poll(() => page.getByText('No SMS gateway is set up yet').isVisible()).toBe(false);
  await expect.poll(() => form.getByRole('textbox', { name: 'Webhook secret' }).getAttribute('placeholder')).toBe('Set; leave empty to keep it');

  // A test text the gateway takes, and one it refuses.
  await form.getByRole('textbox', { name: 'Mobile number for a test' }).fill('138 0013 8000');
  await form.getByRole('button', { name: 'Send a test text' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('Sent: the gateway answered HTTP 200');
  const sent = gateway.requests().at(-1)!;
  expect(sent.headers['Authorization']).toBe('APPCODE e2e');
  expect(JSON.parse(sent.body)).toMatchObject({ mobile: '13800138000' });
  await form.getByRole('textbox', { name: 'Mobile number for a test' }).fill('13900400400');
  await form.getByRole('button', { name: 'Send a test text' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('Not sent: HTTP 400');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-sms.en');

  // The acknowledgement by SMS is one of the letters.
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'Letter templates' }).click();
  await page.getByRole('tab', { name: 'Acknowledgement by SMS' }).click();
  await expect.poll(() => page.getByRole('textbox', { name: 'Letter text · Acknowledgement by SMS · English' }).inputValue()).toContain('{number}');
  expectNoPageErrors(watched, [/status of 422/]);
});

test("a customer's text becomes a case and the agent answers it by SMS from the case page", async () => {
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  // Texts open cases in the agent's department, so that the agent sees them.
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const me = await callApi<{ user: { department_ids: number[] } }>(lingting, agent, 'GET', '/api/v1/session');
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/sms', {
    url: gateway.url('/sms/send'),
    body_template: '{"mobile":"${to_national}","content":"${text}","ref":"${reference}"}',
    webhook_secret: kSecret,
    department_id: me.user.department_ids[0],
  });
  const landed = await textFromCustomer('e2e-1', '13812340000', '热水器打不着火，已经两天没热水了。');

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/cases/${landed.case_id}`);
  const timeline = page.getByRole('list', { name: '处理记录' });
  await expect.poll(() => timeline.getByText('热水器打不着火，已经两天没热水了。').first().isVisible()).toBe(true);
  // The acknowledgement went out by SMS.
  await expect.poll(() => timeline.getByText('受理回执 · 发往 +8613812340000').isVisible()).toBe(true);

  const composer = page.getByRole('region', { name: '写记录' });
  await composer.getByRole('radio', { name: '回复客户' }).check({ force: true });
  // The case came by SMS: the reply goes by SMS to the number it came from.
  await expect.poll(() => composer.getByRole('radio', { name: '短信' }).isChecked()).toBe(true);
  await expect.poll(() => composer.getByRole('textbox', { name: '收件人' }).getAttribute('placeholder')).toBe('+8613812340000');
  await expect.poll(() => composer.getByRole('textbox', { name: '主题' }).count()).toBe(0);
  const reply = '您好，维修师傅今天下午三点上门，请保持电话畅通。';
  await composer.getByRole('textbox', { name: '回复客户' }).fill(reply);
  await expect.poll(() => composer.getByRole('status').innerText()).toBe(`${reply.length} 字，1 条短信`);
  await composer.getByRole('button', { name: '发送回复' }).click();
  const entry = timeline.locator('li', { hasText: reply });
  await expect.poll(() => entry.getByText('回复 · 发往 +8613812340000').isVisible()).toBe(true);
  await expect.poll(() => entry.getByText('已发送').isVisible(), { timeout: 15000 }).toBe(true);
  const texts = gateway.requests().map((request) => JSON.parse(request.body) as { mobile: string; content: string });
  expect(texts.filter((text) => text.content === reply)).toEqual([{ mobile: '13812340000', content: reply, ref: expect.any(String) }]);
  expect(texts.some((text) => text.mobile === '13812340000' && text.content.includes(landed.case_number))).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-reply-sms.zh-CN');
  expectNoPageErrors(watched);
});
