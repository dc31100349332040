// The customer portal on a phone-sized screen: a customer signs up with a
// code sent by text (through the outbox to a stand-in SMS gateway), reports
// a problem with a photo, sees what we promised, replies, records the sample
// they sent, rates the outcome once answered, and binds their WeChat with a
// code sent to the Official Account; the agent sees the sample and the
// rating on the case. In English, a wrong code is refused in words.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { startGateway, type RunningGateway } from './support/gateway';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let gateway: RunningGateway;
let admin = '';
const kToken = 'lingtingPortalToken';
const kPhone = { width: 390, height: 844 };
// A 1×1 PNG.
const kPhoto = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  [lingting, browser, gateway] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser(), startGateway()]);
  admin = tokenFor(lingting, 'admin@lingting.demo');
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/sms', { url: gateway.url('/sms/send') });
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/wechat', {
    app_id: 'wx0123456789abcdef',
    app_secret: '0123456789abcdef0123456789abcdef',
    token: kToken,
    api_base: gateway.url('/wechat'),
  });
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
  gateway?.stop();
});

/** The latest code the stand-in SMS gateway received for this number. */
async function codeTextedTo(national: string): Promise<string> {
  let code = '';
  await expect
    .poll(() => {
      const texts = gateway.requests().filter((request) => request.path.startsWith('/sms') && request.body.includes(national));
      const match = texts.length ? /(?<!\d)(\d{6})(?!\d)/.exec(texts[texts.length - 1]!.body) : null;
      code = match?.[1] ?? '';
      return code;
    }, { timeout: 20000 })
    .not.toBe('');
  return code;
}

/** Pushes a follower's text as WeChat does; returns WeChat's answer. */
async function push(openid: string, msgId: string, text: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = createHash('sha1').update([kToken, timestamp, nonce].sort().join('')).digest('hex');
  const response = await fetch(`${lingting.url}/api/v1/webhooks/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body:
      `<xml><ToUserName><![CDATA[gh_e2e]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>` +
      `<MsgId>${msgId}</MsgId></xml>`,
  });
  expect(response.status).toBe(200);
  return response.text();
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function signUp(page: Page, mobile: string, national: string, name: string) {
  await page.goto(`${lingting.url}/portal`);
  await page.waitForURL((u) => u.pathname === '/portal/sign-in');
  await page.getByLabel('邮箱或手机号码').fill(mobile);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect.poll(() => page.getByText('验证码已通过短信发出').isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: /秒后可重新获取/ }).isDisabled()).toBe(true);
  await page.getByLabel('验证码', { exact: true }).fill(await codeTextedTo(national));
  await page.getByLabel('怎么称呼您（首次登录时填写）').fill(name);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/portal');
}

test('a customer signs up by text, reports with a photo, replies, ships a sample, rates, and binds WeChat', async () => {
  const watched = await openPage(browser, { locale: 'zh-CN', viewport: kPhone });
  const { page } = watched;
  await signUp(page, '137 0013 7001', '13700137001', '赵敏');
  await expect.poll(() => page.getByText('您还没有提交过案件。').isVisible()).toBe(true);
  await screenshot(page, 'portal-cases.phone.zh-CN');

  await page.getByRole('navigation').getByRole('link', { name: '我要投诉' }).click();
  await page.getByLabel('遇到了什么问题').fill('洗碗机不排水');
  await page.getByLabel('详细情况').fill('洗完后底部积水约两厘米，排水时有嗡嗡声。');
  await page.getByLabel('产品名称').fill('洗碗机');
  await page.getByRole('button', { name: '照片' }).setInputFiles({ name: '积水.png', mimeType: 'image/png', buffer: kPhoto });
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL((u) => /^\/portal\/cases\/\d+$/.test(u.pathname));
  await expect.poll(() => page.getByText(/已受理，案件编号 TS-\d{4}-\d{6}/).isVisible()).toBe(true);
  const caseId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect.poll(() => page.getByText('我们的承诺').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('与您联系', { exact: true }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('img', { name: '积水.png' }).isVisible()).toBe(true);
  expect(await page.getByRole('img', { name: '积水.png' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);

  await page.getByLabel('回复或补充说明').fill('明天上午在家，可以上门。');
  await page.getByRole('button', { name: '发送' }).click();
  await expect.poll(() => page.getByText('明天上午在家，可以上门。').isVisible()).toBe(true);

  // The sample: a missing waybill is refused in words, then recorded.
  await page.getByLabel('快递公司').fill('顺丰速运');
  await page.getByRole('button', { name: '登记寄样' }).click();
  await expect.poll(() => page.getByRole('alert').filter({ hasText: '运单号' }).isVisible()).toBe(true);
  await page.getByLabel('运单号').fill('SF1403928811');
  await page.getByLabel('寄出日期').fill(today());
  await page.getByLabel('寄出日期').press('Enter');
  await page.getByRole('button', { name: '登记寄样' }).click();
  await expect.poll(() => page.getByText(/顺丰速运 SF1403928811，.*寄出，1 件/).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('我们答复您之后，即可在这里评价。').isVisible()).toBe(true);

  // The agent answers; the customer rates.
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  await callApi(lingting, agent, 'POST', `/api/v1/cases/${caseId}/interactions`, {
    direction: 'outbound', channel: 'phone', body: '已约好明天上午上门检修排水泵。',
  });
  await page.reload();
  await expect.poll(() => page.getByText('已约好明天上午上门检修排水泵。').isVisible()).toBe(true);
  await page.getByText('已解决', { exact: true }).click();
  await page.getByText('满意', { exact: true }).click();
  await page.getByLabel('意见或建议').fill('师傅准时，处理得很好。');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'portal-case.phone.zh-CN');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect.poll(() => page.getByText('感谢您的评价').isVisible()).toBe(true);

  // WeChat: a code on the account page, sent to the Official Account.
  await page.getByRole('navigation').getByRole('link', { name: '我的账户' }).click();
  await expect.poll(() => page.getByText('+8613700137001').isVisible()).toBe(true);
  await page.getByRole('button', { name: '获取绑定码' }).click();
  const shown = page.getByText(/^绑定 \d{8}$/);
  await expect.poll(() => shown.isVisible()).toBe(true);
  await screenshot(page, 'portal-account.phone.zh-CN');
  const answer = await push('oE2ePortalFollower', '77001', (await shown.innerText()).trim());
  expect(answer).toContain('绑定成功');
  await page.reload();
  await expect.poll(() => page.getByText(/已绑定微信/).isVisible()).toBe(true);
  expectNoPageErrors(watched, [/status of 422/]);

  // The agent sees the sample and the rating on the case.
  const staff = await openPage(browser, { locale: 'zh-CN' });
  await signIn(staff.page, lingting.url, 'agent@lingting.demo', kPassword);
  await staff.page.goto(`${lingting.url}/cases/${caseId}`);
  const side = staff.page.locator('aside');
  await expect.poll(() => side.getByText('客户寄样').isVisible()).toBe(true);
  await expect.poll(() => side.getByText(/顺丰速运 SF1403928811/).isVisible()).toBe(true);
  await expect.poll(() => side.getByText('满意 · 7').isVisible()).toBe(true);
  await expect.poll(() => side.getByText('师傅准时，处理得很好。').isVisible()).toBe(true);
  await screenshot(staff.page, 'case-customer-feedback.zh-CN');

  // The customer phones about a second parcel: the agent records it for
  // them, after being told in words what is missing.
  await side.getByRole('button', { name: '代客户登记' }).click();
  const dialog = staff.page.getByRole('dialog', { name: '代客户登记寄样' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByRole('textbox', { name: '运单号' }).fill('JDX000123456789');
  await dialog.getByRole('button', { name: '登记寄样' }).click();
  await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('快递公司');
  await dialog.getByRole('textbox', { name: '快递公司' }).fill('京东物流');
  await dialog.getByRole('spinbutton', { name: '数量' }).fill('2');
  await dialog.getByRole('textbox', { name: '备注' }).fill('客户来电告知，补寄同批次滤芯');
  await screenshot(staff.page, 'case-record-sample.zh-CN');
  await dialog.getByRole('button', { name: '登记寄样' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => side.getByText(/京东物流 JDX000123456789，.* 寄出，2 件/).isVisible()).toBe(true);
  await expect.poll(() => side.getByText('客户来电告知，补寄同批次滤芯').isVisible()).toBe(true);
  const recorded = await callApi<{ items: { carrier: string; quantity: number }[] }>(
    lingting,
    tokenFor(lingting, 'agent@lingting.demo'),
    'GET',
    `/api/v1/cases/${caseId}/sample-shipments`,
  );
  expect(recorded.items.map((item) => [item.carrier, item.quantity])).toEqual([
    ['顺丰速运', 1],
    ['京东物流', 2],
  ]);
  expectNoPageErrors(staff, [/status of 422/]);
});

test('in English, the sign-in refuses a wrong code in words and staff are pointed to their own page', async () => {
  const watched = await openPage(browser, { locale: 'en', viewport: kPhone });
  const { page } = watched;
  await page.goto(`${lingting.url}/portal/sign-in`);
  await expect.poll(() => page.getByRole('heading', { name: 'Sign in to the online service centre' }).isVisible()).toBe(true);
  await page.getByLabel('E-mail or mobile number').fill('010-8888 6666');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect.poll(() => page.getByRole('alert').innerText()).toContain('E-mail or mobile number');
  await page.getByLabel('E-mail or mobile number').fill('13700137002');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect.poll(() => page.getByText('The code was sent by text').isVisible()).toBe(true);
  const right = await codeTextedTo('13700137002');
  await page.getByLabel('Code', { exact: true }).fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByRole('alert').innerText()).toContain('The code is wrong or no longer valid');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'portal-sign-in.phone.en');
  await page.getByLabel('Code', { exact: true }).fill(right);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/portal');
  await expect.poll(() => page.getByText('You have not reported anything yet.').isVisible()).toBe(true);
  // A customer asking for a staff page is taken back to the portal.
  await page.goto(`${lingting.url}/queues/mine`);
  await page.waitForURL((u) => u.pathname === '/portal');
  expectNoPageErrors(watched, [/status of 422/, /status of 401/]);
});
