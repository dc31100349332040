// A person signs in, in Chinese and in English, and signs out again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { kPassword, startLingting, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

describe('signing in', () => {
  test('a hotline agent signs in in Chinese and sees their queues', async () => {
    const watched = await openPage(browser, { locale: 'zh-CN' });
    const { page } = watched;
    await page.goto(lingting.url);
    await expect.poll(() => page.url()).toContain('/login');
    await expect.poll(() => page.getByRole('heading', { name: '登录聆听' }).isVisible()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'login.zh-CN');
    await signIn(page, lingting.url, 'agent@lingting.demo', kPassword);
    await expect.poll(() => page.getByRole('heading', { name: '案件队列' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('tab', { name: /未分派/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('客服 李娜').isVisible()).toBe(true);
    expectNoPageErrors(watched);
    await watched.context.close();
  });

  test('a QA engineer signs in in English, and the choice of language is remembered', async () => {
    const watched = await openPage(browser, { locale: 'en' });
    const { page } = watched;
    await page.goto(`${lingting.url}/login`);
    // An English browser gets the sign-in page in English.
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Lingting' }).isVisible()).toBe(true);
    await screenshot(page, 'login.en');
    // The account's language (Chinese, as created) wins once signed in.
    await signIn(page, lingting.url, 'qa@lingting.demo', kPassword);
    await expect.poll(() => page.getByRole('heading', { name: '案件队列' }).isVisible()).toBe(true);
    // Switch to English from the header; the server keeps it for this user.
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Queues' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Queues' }).isVisible()).toBe(true);
    // Sign out: back to the sign-in page, and the queue needs a new sign-in.
    await page.getByRole('button', { name: '品保 陈静' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/login');
    await page.goto(`${lingting.url}/queues/mine`);
    await expect.poll(() => page.url()).toContain('/login');
    // In a fresh Chinese browser the account still opens in English.
    const other = await openPage(browser, { locale: 'zh-CN' });
    await signIn(other.page, lingting.url, 'qa@lingting.demo', kPassword);
    await expect.poll(() => other.page.getByRole('heading', { name: 'Queues' }).isVisible()).toBe(true);
    expectNoPageErrors(other);
    await other.context.close();
    expectNoPageErrors(watched);
    await watched.context.close();
  });

  test('a wrong password is refused in words, and too many attempts say how long to wait', async () => {
    const watched = await openPage(browser, { locale: 'en' });
    const { page } = watched;
    await page.goto(`${lingting.url}/login`);
    await page.getByLabel('E-mail').fill('sales@lingting.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong e-mail address or password/);
    const button = page.getByRole('button', { name: 'Sign in' });
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect.poll(() => button.isEnabled()).toBe(true);
      await button.click();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Too many attempts\. Try again in \d+ seconds/);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    expectNoPageErrors(watched, [/401|429/]);
    await watched.context.close();
  });
});
