// E-mail in and out from the console, on a real Postfix and Dovecot: an
// administrator sets up the SMTP server and tests the connection (a wrong
// port and a wrong address are refused in words), finds the acknowledgement
// among the letter templates, and adds a mailbox whose mail then becomes a
// case; an agent replies to a customer from the case page and sees the reply
// go out, and sees why a reply to an address the server refuses did not.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';
import { startImap, startSmtp, type RunningImap, type RunningSmtp } from './support/smtp';

let lingting: RunningLingting;
let browser: Browser;
let smtp: RunningSmtp;
let imap: RunningImap;

beforeAll(async () => {
  imap = startImap();
  smtp = startSmtp(imap);
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
  await preferLanguage(lingting, 'admin@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
  smtp?.stop();
  imap?.stop();
});

const alertText = (page: Page) => page.getByRole('alert').last().innerText();

test('an administrator sets up and tests the SMTP server; wrong settings are refused in words', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'E-mail sending (SMTP)' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'E-mail sending (SMTP)', level: 1 }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('No SMTP server is set up yet').isVisible()).toBe(true);

  const form = page.getByRole('form', { name: 'E-mail sending (SMTP)' });
  await form.getByRole('textbox', { name: 'Server', exact: true }).fill('127.0.0.1');
  await form.getByRole('spinbutton', { name: 'Port' }).fill(String(smtp.port === 1 ? 2 : 1));
  await form.getByRole('textbox', { name: 'Certificate file to trust' }).fill(smtp.caFile);
  await form.getByRole('textbox', { name: 'From address' }).fill('service@lingting.test');
  await form.getByRole('textbox', { name: 'From name' }).fill('Lingting Service Centre');
  // Nothing listens on port 1: the test says so in the server's words.
  await form.getByRole('button', { name: 'Test the connection' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('Cannot connect:');
  await form.getByRole('spinbutton', { name: 'Port' }).fill(String(smtp.port));
  await form.getByRole('button', { name: 'Test the connection' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('Connected');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-smtp.en');

  // A from address that is none.
  await form.getByRole('textbox', { name: 'From address' }).fill('service desk');
  await form.getByRole('button', { name: 'Save the settings' }).click();
  await expect.poll(() => alertText(page)).toContain('From address: is not a valid e-mail address');
  await form.getByRole('textbox', { name: 'From address' }).fill('service@lingting.test');
  await form.getByRole('button', { name: 'Save the settings' }).click();
  await expect.poll(() => page.getByText('No SMTP server is set up yet').isVisible()).toBe(false);
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const saved = await callApi<{ host: string; port: number; security: string; from_name: string }>(lingting, admin, 'GET', '/api/v1/admin/smtp');
  expect(saved).toMatchObject({ host: '127.0.0.1', port: smtp.port, security: 'starttls', from_name: 'Lingting Service Centre' });

  // The acknowledgement of receipt is one of the letters.
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: 'Letter templates' }).click();
  await page.getByRole('tab', { name: 'Acknowledgement of receipt' }).click();
  await expect.poll(() => page.getByText('{first_contact_due}').isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('textbox', { name: 'Letter text · Acknowledgement of receipt · 简体中文' }).inputValue()).toContain('{first_contact_due}');
  expectNoPageErrors(watched, [/status of 422/]);
});

test('an agent replies to a customer by e-mail from the case page and sees it sent, or why not', async () => {
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  await callApi(lingting, admin, 'PUT', '/api/v1/admin/smtp', {
    host: '127.0.0.1', port: smtp.port, security: 'starttls', ca_file: smtp.caFile,
    from_address: 'service@lingting.test', from_name: '聆听客户服务中心',
  });
  const agent = tokenFor(lingting, 'agent@lingting.demo');
  const created = await callApi<{ id: number; number: string }>(lingting, agent, 'POST', '/api/v1/cases', {
    subject: '洗碗机漏水',
    channel: 'email',
    acknowledge: false,
    customer: { name: '陈静', phone: '13512345678', email: 'chen.jing@example.com' },
  });
  const before = smtp.delivered().length;

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/cases/${created.id}`);
  const composer = page.getByRole('region', { name: '写记录' });
  await composer.getByRole('radio', { name: '回复客户' }).check({ force: true });
  await expect.poll(() => composer.getByRole('textbox', { name: '收件人' }).getAttribute('placeholder')).toBe('chen.jing@example.com');
  await composer.getByRole('textbox', { name: '回复客户' }).fill('陈女士您好：维修师傅明天上午上门更换进水阀。');
  await composer.getByRole('button', { name: '发送回复' }).click();
  const timeline = page.getByRole('list', { name: '处理记录' });
  const entry = timeline.locator('li', { hasText: '陈女士您好：维修师傅明天上午上门更换进水阀。' });
  await expect.poll(() => entry.getByText(`回复 · 发往 chen.jing@example.com · Re: 洗碗机漏水 [${created.number}]`).isVisible()).toBe(true);
  // Sent once the outbox has handed it to the server.
  await expect.poll(() => entry.getByText('已发送').isVisible(), { timeout: 15000 }).toBe(true);
  type Outbox = { items: { message_id: string; state: string }[] };
  const outbox = await callApi<Outbox>(lingting, agent, 'GET', `/api/v1/cases/${created.id}/outbox`);
  expect(outbox.items).toHaveLength(1);
  // The server accepted it; its delivery to the mailbox follows on its own time.
  const ours = () => smtp.delivered().slice(before).filter((raw) => raw.includes(`Message-Id: <${outbox.items[0]!.message_id}>`));
  await expect.poll(() => ours().length, { timeout: 15000 }).toBe(1);
  expect(ours()[0]).toContain(`X-Lingting-Case: ${created.number}`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-reply-email.zh-CN');

  // To an address the server refuses: failed, with the server's answer.
  await composer.getByRole('radio', { name: '回复客户' }).check({ force: true });
  await composer.getByRole('textbox', { name: '收件人' }).fill('refused@lingting.test');
  await composer.getByRole('textbox', { name: '回复客户' }).fill('请确认您的地址。');
  await composer.getByRole('button', { name: '发送回复' }).click();
  const refused = timeline.locator('li', { hasText: '请确认您的地址。' });
  await expect.poll(() => refused.getByText('发送失败').first().isVisible(), { timeout: 15000 }).toBe(true);
  await expect.poll(() => refused.innerText()).toContain('550 5.1.1');
  // An address that is none is refused before anything is queued.
  await composer.getByRole('radio', { name: '回复客户' }).check({ force: true });
  await composer.getByRole('textbox', { name: '收件人' }).fill('陈静');
  await composer.getByRole('textbox', { name: '回复客户' }).fill('地址不对');
  await composer.getByRole('button', { name: '发送回复' }).click();
  await expect.poll(() => composer.getByRole('alert').innerText()).toContain('收件人');
  expect((await callApi<Outbox>(lingting, agent, 'GET', `/api/v1/cases/${created.id}/outbox`)).items).toHaveLength(2);
  await screenshot(page, 'case-reply-failed.zh-CN');
  expectNoPageErrors(watched, [/status of 422/]);
});

test('an administrator adds a mailbox, tests it, and its mail becomes a case', async () => {
  await preferLanguage(lingting, 'admin@lingting.demo', 'zh-CN');
  smtp.send('service@mailbox.lingting.test', [
    'From: =?UTF-8?B?5ZGo5pWP?= <zhou.min@example.com>',
    'To: service@mailbox.lingting.test',
    'Subject: =?UTF-8?B?5Yaw566x5YaN5qyh5LiN5Yi25Ya3?=', // 冰箱再次不制冷
    'Message-ID: <e2e-mailbox-1@example.com>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '上周修过的冰箱又不制冷了。',
    '',
  ].join('\r\n'));
  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: '系统管理' }).hover();
  await page.getByRole('menuitem', { name: '收件邮箱（IMAP）' }).click();
  await expect.poll(() => page.getByText('还没有收件邮箱').isVisible()).toBe(true);
  await page.getByRole('button', { name: '添加邮箱' }).click();
  const form = page.getByRole('form', { name: '收件邮箱设置' });
  await form.getByRole('textbox', { name: '名称', exact: true }).fill('service');
  await form.getByRole('textbox', { name: '服务器', exact: true }).fill('127.0.0.1');
  await form.getByRole('spinbutton', { name: '端口' }).fill(String(imap.port));
  await form.getByRole('radio', { name: 'STARTTLS（端口 143）' }).check({ force: true });
  await form.getByRole('textbox', { name: '信任的证书文件' }).fill(imap.caFile);
  await form.getByRole('textbox', { name: '用户名' }).fill('service@mailbox.lingting.test');
  await form.getByRole('textbox', { name: '密码', exact: true }).fill('wrong');
  await form.getByRole('button', { name: '测试连接' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('连接失败');
  await form.getByRole('textbox', { name: '密码', exact: true }).fill('secret');
  await form.getByRole('button', { name: '测试连接' }).click();
  await expect.poll(() => form.getByRole('status').innerText()).toContain('文件夹中有 1 封邮件');
  await screenshot(page, 'settings-mailbox.zh-CN');
  await form.getByRole('button', { name: '保存邮箱' }).click();
  const row = page.getByRole('table', { name: '收件邮箱（IMAP）' }).getByRole('row', { name: /service/ });
  // Fetched within moments of being saved.
  await expect.poll(async () => {
    await page.reload();
    return row.innerText();
  }, { timeout: 20000 }).toContain('已读取');
  // (Checked with the dialog closed: axe blends the dialog's half-transparent
  // backdrop into the colours of what it holds.)
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-mailboxes.zh-CN');
  const admin = tokenFor(lingting, 'admin@lingting.demo');
  const cases = await callApi<{ items: { subject: string; channel: string }[] }>(lingting, admin, 'GET', `/api/v1/cases?q=${encodeURIComponent('冰箱再次不制冷')}`);
  expect(cases.items.map((c) => [c.subject, c.channel])).toEqual([['冰箱再次不制冷', 'email']]);
  expectNoPageErrors(watched, [/status of 422/]);
});
