// An administrator imports the 2026 holiday file into a department's
// calendar, and a case's deadline moves past the National Day holiday.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let caseId = 0;
let admin = '';

interface Clock { target: string; due_at: string }
const firstContactDue = async () =>
  (await callApi<{ sla: Clock[] }>(lingting, admin, 'GET', `/api/v1/cases/${caseId}`)).sla.find((c) => c.target === 'first_contact')!.due_at;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
  admin = tokenFor(lingting, 'admin@lingting.demo');
  // A plant calendar without any holidays yet, used by the sales department.
  const week = { mon: '08:30-12:00,13:30-17:30', tue: '08:30-12:00,13:30-17:30', wed: '08:30-12:00,13:30-17:30',
    thu: '08:30-12:00,13:30-17:30', fri: '08:30-12:00,13:30-17:30', sat: '', sun: '' };
  const calendar = await callApi<{ id: number }>(lingting, admin, 'POST', '/api/v1/admin/calendars', {
    code: 'PLANT', name: '工厂日历', week, adjusted_day: '08:30-12:00,13:30-17:30', copy_shipped_days: false,
  });
  const departments = await callApi<{ items: { id: number; code: string }[] }>(lingting, admin, 'GET', '/api/v1/departments');
  const sales = departments.items.find((d) => d.code === 'SALES')!;
  await callApi(lingting, admin, 'PATCH', `/api/v1/departments/${sales.id}`, { calendar_id: calendar.id });
  // Received on the evening before the National Day holiday.
  const created = await callApi<{ id: number }>(lingting, admin, 'POST', '/api/v1/cases', {
    subject: '空调节前安装后不制冷',
    department_id: sales.id,
    received_at: '2026-09-30T12:00:00Z',
    customer: { name: '孙悦', phone: '135 5555 6666' },
  });
  caseId = created.id;
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('an administrator imports the 2026 holidays and the first-contact deadline moves past National Day', async () => {
  // Without holidays, 1 October is a working Thursday.
  expect(await firstContactDue()).toBe('2026-10-01T00:00:00.000Z');

  const watched = await openPage(browser, { locale: 'zh-CN' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: '系统管理' }).hover();
  await page.getByRole('menuitem', { name: '工作日历' }).click();
  await page.getByRole('button', { name: /工厂日历/ }).click();
  await expect.poll(() => page.getByText('这一年还没有节假日数据。').isVisible()).toBe(true);
  await page.getByLabel('导入一年的节假日（JSON）').setInputFiles(resolve(__dirname, '../../data/holidays-cn/2026.json'));
  await expect.poll(() => page.getByText(/将导入 2026 年：\d+ 个休息日、\d+ 个调休上班日/).isVisible()).toBe(true);
  await page.getByRole('button', { name: '导入 2026 年' }).click();
  await expect.poll(() => page.getByRole('cell', { name: '2026-10-07' }).isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'calendars.zh-CN');

  // A file that is not a year of holidays is refused before anything is sent.
  await page.getByLabel('导入一年的节假日（JSON）').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect.poll(() => page.getByText('文件中没有 days 列表（应为 holiday-cn 格式）。').isVisible()).toBe(true);

  // The deadline is recomputed on the new calendar: the next working day is 8 October.
  await expect.poll(firstContactDue, { timeout: 15_000 }).toBe('2026-10-08T00:00:00.000Z');
  await page.goto(`${lingting.url}/cases/${caseId}`);
  await expect.poll(() => page.getByText('到期 2026/10/08 08:00').isVisible()).toBe(true);
  expectNoPageErrors(watched);
});
