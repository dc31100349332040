// Debian's Chromium, headless, through playwright-core; pages that record
// every console error and unhandled rejection so that a test fails on them.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const kFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: kFlags, headless: true });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and unhandled rejections seen so far. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  options: { locale: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; timezoneId?: string },
): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: options.locale,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    // No transitions half-way through when a test reads colours or clicks.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return { page, context, errors };
}

/** Fails the test on any console error or unhandled rejection the page had. */
export function expectNoPageErrors(watched: WatchedPage, allowed: RegExp[] = []): void {
  const unexpected = watched.errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
  expect(unexpected, 'console errors or unhandled rejections').toEqual([]);
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/E-mail|邮箱/).first().fill(email);
  await page.getByLabel(/Password|密码/).first().fill(password);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const kScreenshots = resolve(__dirname, '../../../docs/screenshots');

/** Saves a screenshot of the page under docs/screenshots/ (for the README and review). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(kScreenshots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(kScreenshots, `${name}.png`), fullPage: false });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it stands: the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the console's own
  // Content-Security-Policy (no inline scripts) does not apply to.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    type Node = { target: string[]; failureSummary?: string };
    return (result.violations as { id: string; impact: string; help: string; nodes: Node[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
  });
  return violations;
}
