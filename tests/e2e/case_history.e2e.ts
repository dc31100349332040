// A case with a long history: the timeline draws only what is near the
// reader yet reads from the first entry to the last, and an agent adds a note
// with a photo and a PDF report that the timeline previews and downloads;
// the audit history is read when its tab is opened; an e-mail's quoted
// history is folded.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
const kInteractions = 150;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 10 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('a case of 150 interactions reads from first to last, and a note carries a photo and a PDF', async () => {
  const token = tokenFor(lingting, 'agent@lingting.demo');
  const created = await callApi<{ id: number; number: string }>(lingting, token, 'POST', '/api/v1/cases', {
    subject: '冰箱冷藏室结霜，多次报修',
    customer: { name: '郑晓燕', phone: '13661234567' },
  });
  for (let i = 1; i <= kInteractions; i++) {
    await callApi(lingting, token, 'POST', `/api/v1/cases/${created.id}/interactions`, {
      body: `第${i}次沟通：客户反映冷藏室后壁仍有结霜。`,
      direction: i % 2 === 1 ? 'inbound' : 'outbound',
    });
  }

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
  await page.goto(`${lingting.url}/cases/${created.id}`);
  const timeline = page.getByRole('list', { name: '处理记录' });
  await expect.poll(() => timeline.getByText('第1次沟通：客户反映冷藏室后壁仍有结霜。').isVisible()).toBe(true);
  // Only the entries near the screen are drawn.
  const drawn = await timeline.locator(':scope > li').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(60);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-history.zh-CN');

  // Scrolling down reaches the last one.
  const last = timeline.getByText(`第${kInteractions}次沟通：客户反映冷藏室后壁仍有结霜。`);
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 2000);
      return last.isVisible();
    }, { timeout: 20000 })
    .toBe(true);
  expect(await timeline.getByText('第1次沟通：客户反映冷藏室后壁仍有结霜。').count()).toBe(0);

  // A note with a photo of the frost and the lab's report.
  const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
  const report = await (await page.context().newPage()).pdf({ format: 'A5' });
  await page.getByRole('radio', { name: '内部备注' }).check({ force: true });
  await page.getByRole('textbox', { name: '内部备注' }).fill('已上门查看，附结霜照片和检测报告。');
  await page.getByLabel('添加附件').setInputFiles([
    { name: '冷藏室结霜照片.png', mimeType: 'image/png', buffer: photo },
    { name: '检测报告.pdf', mimeType: 'application/pdf', buffer: report },
  ]);
  await page.getByRole('button', { name: '保存备注' }).click();

  const thumbnail = page.getByRole('img', { name: '冷藏室结霜照片.png' });
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 2000);
      return thumbnail.isVisible();
    }, { timeout: 20000 })
    .toBe(true);
  await expect.poll(() => timeline.getByText('已上门查看，附结霜照片和检测报告。').isVisible()).toBe(true);

  // The photo opens large; the PDF opens in the page; both download.
  await thumbnail.click();
  const preview = page.getByRole('dialog', { name: '冷藏室结霜照片.png' });
  await expect.poll(() => preview.getByRole('img', { name: '冷藏室结霜照片.png' }).isVisible()).toBe(true);
  await preview.getByRole('button', { name: /Close|关闭/ }).click();
  await expect.poll(() => preview.isVisible()).toBe(false);
  await timeline.getByRole('button', { name: '检测报告.pdf' }).click();
  const pdfPreview = page.getByRole('dialog', { name: '检测报告.pdf' });
  await expect.poll(() => pdfPreview.locator('iframe[title="检测报告.pdf"]').isVisible()).toBe(true);
  await pdfPreview.getByRole('button', { name: /Close|关闭/ }).click();

  for (const [name, type] of [['冷藏室结霜照片.png', 'image/png'], ['检测报告.pdf', 'application/pdf']] as const) {
    const href = await timeline.locator(`a[download="${name}"]`).getAttribute('href');
    const downloaded = await page.request.get(`${lingting.url}${href}`);
    expect(downloaded.status()).toBe(200);
    expect(downloaded.headers()['content-type']).toContain(type);
    expect((await downloaded.body()).length).toBe(type === 'image/png' ? photo.length : report.length);
  }

  // The audit history is read when its tab is opened: the case's creation,
  // the 150 interactions and the note, newest first.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('tab', { name: '变更历史' }).click();
  const historyRows = page.getByRole('tabpanel', { name: '变更历史' }).locator('tbody tr');
  await expect.poll(() => historyRows.count()).toBeGreaterThanOrEqual(kInteractions + 2);
  await expect.poll(() => historyRows.first().innerText()).toContain('interaction');

  // An e-mail carrying its earlier messages shows the answer, the history folded.
  const mailed = await callApi<{ id: number }>(lingting, token, 'POST', '/api/v1/cases', {
    subject: '冰箱冷藏室结霜（邮件）',
    customer: { name: '郑晓燕', phone: '13661234567' },
  });
  await callApi(lingting, token, 'POST', `/api/v1/cases/${mailed.id}/interactions`, {
    direction: 'inbound',
    channel: 'email',
    body: '样品明天寄出。\n\n-----原始邮件-----\n发件人: 客服 李娜\n发送时间: 2026年12月5日 10:00\n请寄回结霜的抽屉。',
  });
  await page.goto(`${lingting.url}/cases/${mailed.id}`);
  const mailTimeline = page.getByRole('list', { name: '处理记录' });
  await expect.poll(() => mailTimeline.getByText('样品明天寄出。').isVisible()).toBe(true);
  expect(await mailTimeline.getByText('请寄回结霜的抽屉。').count()).toBe(0);
  await mailTimeline.getByRole('button', { name: '显示引用的历史邮件' }).click();
  await expect.poll(() => mailTimeline.getByText(/请寄回结霜的抽屉。/).isVisible()).toBe(true);
  expectNoPageErrors(watched);
});
