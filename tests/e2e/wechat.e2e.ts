// WeChat from the console, against a stand-in for WeChat's API on loopback:
// an administrator sets up the Official Account (a Token WeChat would refuse
// is refused in words) and tests the connection; a follower's message,
// pushed and signed as WeChat does, becomes a case acknowledged on WeChat,
// and the agent answers it on WeChat from the case page, seeing that it went
// as a customer-service message; the follower's photo, fetched from WeChat,
// shows on the timeline.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { startGateway, type RunningGateway } from './support/gateway';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let gateway: RunningGateway;
const kToken = 'lingtingE2eToken';

beforeAll(async () => {
  [lingting, browser, gateway] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser(), startGateway()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
  gateway?.stop();
});

/** Pushes a follower's message as WeChat does: XML, signed in the query with the Token. */
async function pushMessage(openid: string, msgId: string, type: string, fields: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = createHash('sha1').update([kToken, timestamp, nonce].sort().join('')).digest('hex');
  const xml =
    `<xml><ToUserName><![CDATA[gh_e2e]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>${fields}` +
    `<MsgId>${msgId}</MsgId></xml>`;
  const response = await fetch(`${lingting.url}/api/v1/webhooks/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body: xml,
  });
  expect(await response.text()).toBe('success');
  return response.status;
}

/** Pushes a follower's text. */
const push = (openid: string, msgId: string, text: string) => pushMessage(openid, msgId, 'text', `<Content><![CDATA[${text}]]></Content>`);

test('an administrator sets up the WeChat Official Account and tests the connection', async () => {
  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/admin/wechat`);
  await expect.poll(() => page.getByRole('heading', { name: '微信公众号', level: 1 }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('尚未设置微信公众号').isVisible()).toBe(true);
  const form = page.getByRole('form', { name: '微信公众号' });
  await expect.poll(() => form.getByRole('textbox', { name: '服务器地址（URL）' }).inputValue()).toBe(`${lingting.url}/api/v1/webhooks/wechat`);
  await form.getByRole('textbox', { name: '令牌（Token）' }).fill('ab');
  await form.getByRole('textbox', { name: '开发者 ID（AppID）' }).fill('wxe2e0123456789ab');
  await form.getByLabel('开发者密码（AppSecret）').fill('0123456789abcdef0123456789abcdef');
  await form.getByRole('textbox', { name: '微信接口地址' }).fill(gateway.url('/wechat'));
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toContain('令牌（Token）: 须为 3 到 32 个英文字母或数字');
  await form.getByRole('textbox', { name: '令牌（Token）' }).fill(kToken);
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect.poll(() => page.getByText('尚未设置微信公众号').isVisible()).toBe(false);
  await expect.poll(() => form.getByRole('textbox', { name: '令牌（Token）' }).getAttribute('placeholder')).toBe('已保存，不改请留空');
  await form.getByRole('button', { name: '测试连接' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('连接成功');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-wechat.zh-CN');
  expectNoPageErrors(watched, [/status of 422/]);
});

test("a follower's message becomes a case and the agent answers it on WeChat", async () => {
  // Cases from WeChat go to the agent's department.
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const me = await callApi<{ user: { department_ids: number[] } }>(lingting, agent, 'GET', '/api/v1/session');
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/wechat', {
    app_id: 'wxe2e0123456789ab',
    api_base: gateway.url('/wechat'),
    department_id: me.user.department_ids[0],
  });
  expect(await push('oE2eFollower01', '91001', '洗衣机脱水时噪音很大，像是轴承坏了。')).toBe(200);
  const cases = await callApi<{ items: { id: number; number: string; channel: string }[] }>(lingting, agent, 'GET', '/api/v1/cases?limit=50');
  const landed = cases.items.find((item) => item.channel === 'wechat')!;
  expect(landed).toBeTruthy();

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/cases/${landed.id}`);
  const timeline = page.getByRole('list', { name: '处理记录' });
  await expect.poll(() => timeline.getByText('洗衣机脱水时噪音很大，像是轴承坏了。').first().isVisible()).toBe(true);
  // The acknowledgement went out on WeChat, inside the window.
  await expect.poll(() => timeline.getByText('受理回执 · 发往 oE2eFollower01 · 微信客服消息').isVisible(), { timeout: 15000 }).toBe(true);

  const composer = page.getByRole('region', { name: '写记录' });
  await composer.getByRole('radio', { name: '回复客户' }).check({ force: true });
  await expect.poll(() => composer.getByRole('radio', { name: '微信' }).isChecked()).toBe(true);
  await expect.poll(() => composer.getByRole('note').innerText()).toContain('发给客户关注公众号的微信');
  const reply = '您好，师傅明天上午上门检查轴承，请保持电话畅通。';
  await composer.getByRole('textbox', { name: '回复客户' }).fill(reply);
  await composer.getByRole('button', { name: '发送回复' }).click();
  const entry = timeline.locator('li', { hasText: reply });
  await expect.poll(() => entry.getByText('已发送').isVisible(), { timeout: 15000 }).toBe(true);
  await expect.poll(() => entry.getByText('回复 · 发往 oE2eFollower01 · 微信客服消息').isVisible()).toBe(true);
  const sent = gateway
    .requests()
    .filter((request) => request.path.startsWith('/wechat/cgi-bin/message/custom/send'))
    .map((request) => JSON.parse(request.body) as { touser: string; text: { content: string } });
  expect(sent.filter((message) => message.text.content === reply)).toEqual([{ touser: 'oE2eFollower01', msgtype: 'text', text: { content: reply } }]);
  expect(sent.some((message) => message.text.content.includes(landed.number))).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-reply-wechat.zh-CN');

  // The follower sends a photo: WeChat's push names it only; the file is
  // fetched from WeChat in the background and shows on the timeline.
  const photo = await page.screenshot({ type: 'jpeg', quality: 70, clip: { x: 0, y: 0, width: 240, height: 160 } });
  gateway.addWechatMedia('e2e-photo-1', 'image/jpeg', photo);
  expect(
    await pushMessage('oE2eFollower01', '91002', 'image', '<PicUrl><![CDATA[http://mmbiz.qpic.cn/e2e.jpg]]></PicUrl><MediaId><![CDATA[e2e-photo-1]]></MediaId>'),
  ).toBe(200);
  const thumbnail = timeline.getByRole('img', { name: 'wechat-image-91002.jpg' });
  await expect.poll(() => thumbnail.isVisible(), { timeout: 20000 }).toBe(true);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(240);
  await expect.poll(() => timeline.getByText('[微信图片] http://mmbiz.qpic.cn/e2e.jpg').isVisible()).toBe(true);
  await thumbnail.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(__dirname, '../../docs/screenshots/case-wechat-photo.zh-CN.png') });
  expectNoPageErrors(watched);
});
