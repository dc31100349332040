// The management representative reads the monthly figures: timeliness
// attainment per department against the target line, then the cases behind
// a department; the ledger downloads as CSV and Excel.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 120 }), launchBrowser()]);
  await preferLanguage(lingting, 'manager@lingting.demo', 'en');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

test('timeliness per department against the target, and the cases behind a department', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'manager@lingting.demo', kPassword);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await expect.poll(() => page.getByText(/Attainment this month (\d+\.\d%|—): \d+ on time, \d+ late, \d+ not yet due\./).isVisible()).toBe(true);
  const chart = page.getByRole('img', { name: /Timeliness attainment per department in \d{4}-\d{2}, against the target line/ });
  await expect.poll(() => chart.locator('canvas').count()).toBe(1);
  const rows = page.getByRole('region', { name: 'Attainment per department' }).getByRole('row');
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'reports.en');

  // A department's row opens the queue of its cases.
  await rows.nth(1).click();
  await expect.poll(() => page.url()).toMatch(/\/queues\/all\?department=\d+/);
  await expect.poll(() => page.getByRole('heading', { name: 'Queues' }).isVisible()).toBe(true);

  // The ledger and its downloads.
  await page.goBack();
  await page.getByRole('tab', { name: 'Quality abnormality ledger' }).click();
  const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  expect(csv).toMatch(/\/api\/v1\/reports\/quality-ledger\?from=\d{4}-\d{2}&format=csv/);
  const response = await page.request.get(`${lingting.url}${csv}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const excel = await page.getByRole('link', { name: 'Download Excel' }).getAttribute('href');
  expect((await page.request.get(`${lingting.url}${excel}`)).status()).toBe(200);
  expectNoPageErrors(watched);
});
