// A case with a long history: the timeline draws only what is near the
// reader yet reads from the first entry to the last, and an agent adds a note
// with a photo and a PDF report that the timeline previews and downloads;
// the audit history is read when its tab is opened; an e-mail's quoted
// history is folded; a fax (TIFF) and a voicemail (WAV) that came by e-mail
// are shown page by page and played on the timeline.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
const kInteractions = 150;

/** A fax as fax machines write it: bilevel pages 1728 dots wide at 204 by 98 dots per inch, each with a black band at its own height. */
function faxTiff(pageCount: number, height = 200): Buffer {
  const rowBytes = 1728 / 8;
  const entries = 12;
  const ifdBytes = 2 + entries * 12 + 4;
  const pageBytes = ifdBytes + 16 + rowBytes * height;
  const file = Buffer.alloc(8 + pageCount * pageBytes);
  file.write('II*\0', 0, 'latin1');
  file.writeUInt32LE(8, 4);
  for (let page = 0; page < pageCount; page++) {
    const ifd = 8 + page * pageBytes;
    const resolutions = ifd + ifdBytes;
    const pixels = resolutions + 16;
    let at = ifd;
    file.writeUInt16LE(entries, at);
    at += 2;
    const entry = (tag: number, type: number, value: number) => {
      file.writeUInt16LE(tag, at);
      file.writeUInt16LE(type, at + 2);
      file.writeUInt32LE(1, at + 4);
      if (type === 3) file.writeUInt16LE(value, at + 8);
      else file.writeUInt32LE(value, at + 8);
      at += 12;
    };
    entry(256, 4, 1728); // width
    entry(257, 4, height);
    entry(258, 3, 1); // one bit a dot
    entry(259, 3, 1); // uncompressed
    entry(262, 3, 0); // white is zero
    entry(273, 4, pixels);
    entry(277, 3, 1);
    entry(278, 4, height);
    entry(279, 4, rowBytes * height);
    entry(282, 5, resolutions);
    entry(283, 5, resolutions + 8);
    entry(296, 3, 2); // dots per inch
    file.writeUInt32LE(page + 1 < pageCount ? 8 + (page + 1) * pageBytes : 0, at);
    file.writeUInt32LE(204, resolutions);
    file.writeUInt32LE(1, resolutions + 4);
    file.writeUInt32LE(98, resolutions + 8);
    file.writeUInt32LE(1, resolutions + 12);
    const band = 20 + page * 60;
    file.fill(0xff, pixels + band * rowBytes, pixels + (band + 40) * rowBytes);
  }
  return file;
}

/** A voicemail: `seconds` of a 440 Hz tone, 8 kHz 16-bit mono PCM in WAV. */
function voicemailWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const file = Buffer.alloc(44 + samples * 2);
  file.write('RIFF', 0, 'latin1');
  file.writeUInt32LE(36 + samples * 2, 4);
  file.write('WAVEfmt ', 8, 'latin1');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(rate, 24);
  file.writeUInt32LE(rate * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'latin1');
  file.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) file.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return file;
}

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

  // A fax and a voicemail forwarded by e-mail: the fax's two pages are drawn
  // in their true proportions, the voicemail plays where it is.
  await page.getByRole('radio', { name: '内部备注' }).check({ force: true });
  await page.getByRole('textbox', { name: '内部备注' }).fill('经销商转来传真和客户语音留言。');
  await page.getByLabel('添加附件').setInputFiles([
    { name: '经销商传真.tif', mimeType: 'image/tiff', buffer: faxTiff(2) },
    { name: '客户语音留言.wav', mimeType: 'audio/wav', buffer: voicemailWav(2) },
  ]);
  await page.getByRole('button', { name: '保存备注' }).click();
  const player = mailTimeline.getByLabel('播放 客户语音留言.wav');
  await expect.poll(() => player.isVisible()).toBe(true);
  await expect
    .poll(() => player.evaluate((audio: HTMLAudioElement) => (audio.readyState >= 1 ? Math.round(audio.duration) : -1)), { timeout: 15000 })
    .toBe(2);
  await mailTimeline.getByRole('button', { name: '经销商传真.tif' }).click();
  const fax = page.getByRole('dialog', { name: '经销商传真.tif' });
  for (const pageNumber of [1, 2]) {
    const drawn = fax.getByRole('img', { name: `经销商传真.tif，第 ${pageNumber} 页，共 2 页` });
    await expect.poll(() => drawn.isVisible()).toBe(true);
    // 200 lines at 98 dots per inch, stretched to 204: 416 lines high.
    await expect
      .poll(() => drawn.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : [])))
      .toEqual([1728, 416]);
  }
  expect(await fax.getByRole('alert').count()).toBe(0);
  await screenshot(page, 'case-history-fax.zh-CN');
  await fax.getByRole('button', { name: /Close|关闭/ }).click();
  await screenshot(page, 'case-history-voicemail.zh-CN');
  expectNoPageErrors(watched);
});
