// An administrator changes the procedure's settings in the console: an SLA
// deadline, a workflow step's name, a feedback letter and the claim
// authority matrix. Each change is saved and read back through the API, and
// each wrong one is refused by the server in words that name the field as the
// page shows it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signIn } from './support/browser';
import { callApi, kPassword, preferLanguage, startLingting, tokenFor, type RunningLingting } from './support/lingting';

let lingting: RunningLingting;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  [lingting, browser] = await Promise.all([startLingting({ demoCases: 5 }), launchBrowser()]);
  await preferLanguage(lingting, 'admin@lingting.demo', 'en');
  admin = tokenFor(lingting, 'admin@lingting.demo');
});
afterAll(async () => {
  await browser?.close();
  await lingting?.stop();
});

const alertText = (page: Page) => page.getByRole('alert').last().innerText();

async function openSettings(page: Page, item: string) {
  await page.getByRole('menuitem', { name: 'Administration' }).hover();
  await page.getByRole('menuitem', { name: item }).click();
  await expect.poll(() => page.getByRole('heading', { name: item, level: 1 }).isVisible()).toBe(true);
}

test('an administrator changes a deadline, a step, a letter and the authority matrix; wrong ones are refused in words', async () => {
  const watched = await openPage(browser, { locale: 'en' });
  const { page } = watched;
  await signIn(page, lingting.url, 'admin@lingting.demo', kPassword);

  // SLA policies: the complaints' reply deadline from 3 to 5 working days.
  await openSettings(page, 'SLA policies');
  type Policies = { policies: { code: string; name: string; targets: { code: string; amount: number; unit: string }[] }[] };
  const before = await callApi<Policies>(lingting, admin, 'GET', '/api/v1/admin/sla-policies');
  const index = before.policies.findIndex((p) => p.code === 'complaint');
  const row = before.policies[index]!.targets.findIndex((t) => t.code === 'reply');
  const position = `${index + 1}.${row + 1}`;
  const amount = page.getByRole('spinbutton', { name: `Time allowed ${position}` });
  await expect.poll(() => amount.inputValue()).toBe('3');
  await amount.fill('5');
  await amount.blur();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save the policies' }).click();
  await expect.poll(() => page.getByText('Saved').first().isVisible()).toBe(true);
  const after = await callApi<Policies>(lingting, admin, 'GET', '/api/v1/admin/sla-policies');
  expect(after.policies[index]!.targets[row]).toMatchObject({ code: 'reply', amount: 5, unit: 'working_days' });
  await screenshot(page, 'settings-sla.en');

  // Two policies with one code: refused, the field named as the page names it.
  const second = page.getByRole('textbox', { name: 'Code 2', exact: true });
  await second.fill(before.policies[0]!.code);
  await page.getByRole('button', { name: 'Save the policies' }).click();
  await expect.poll(() => alertText(page)).toContain(`Policy 2 · Code: ${before.policies[0]!.code} appears twice`);
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect.poll(() => second.inputValue()).toBe(before.policies[1]!.code);

  // Workflow: the first step gets an English name of its own.
  await openSettings(page, 'Workflow');
  const steps = page.getByRole('region', { name: 'Steps' });
  await steps.getByRole('button', { name: 'Edit' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Edit the step' });
  await dialog.getByRole('textbox', { name: 'Name in English' }).fill('Call the customer back');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save the workflow' }).click();
  await expect.poll(() => steps.getByText('Call the customer back').isVisible()).toBe(true);
  type Workflow = { transitions: { code: string; labels?: Record<string, string> }[] };
  const workflow = await callApi<Workflow>(lingting, admin, 'GET', '/api/v1/admin/workflow');
  expect(workflow.transitions[0]!.labels?.en).toBe('Call the customer back');
  await screenshot(page, 'settings-workflow.en');
  // A state without a code.
  const states = page.getByRole('region', { name: 'States' });
  await states.getByRole('textbox', { name: 'Code 2', exact: true }).fill('');
  await page.getByRole('button', { name: 'Save the workflow' }).click();
  await expect.poll(() => alertText(page)).toMatch(/State 2 · Code: /);
  await page.getByRole('button', { name: 'Discard changes' }).click();

  // The English quality letter without its reply: refused; then changed and
  // returned to the shipped text.
  await openSettings(page, 'Letter templates');
  const letter = page.getByRole('textbox', { name: 'Letter text · Quality complaints · English' });
  const shipped = await letter.inputValue();
  const english = page.getByRole('region', { name: 'Quality complaints · English' });
  await letter.fill(shipped.replace('{reply}', ''));
  await english.getByRole('button', { name: 'Save the letter' }).click();
  await expect.poll(() => english.getByRole('alert').innerText()).toContain('Letter text');
  await letter.fill(`${shipped}\n\nYours sincerely,\nCustomer Service`);
  await english.getByRole('button', { name: 'Save the letter' }).click();
  await expect.poll(() => english.getByText('Changed here').isVisible()).toBe(true);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await english.getByRole('button', { name: 'Return to the shipped text' }).click();
  await expect.poll(() => english.getByText('As shipped').isVisible()).toBe(true);
  await expect.poll(() => letter.inputValue()).toBe(shipped);

  // The authority matrix: sales up to 1,200; a negative amount is refused.
  await openSettings(page, 'Claim authority matrix');
  const first = page.getByRole('textbox', { name: 'Up to 1', exact: true });
  await first.fill('1200.00');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save the matrix' }).click();
  await expect.poll(() => page.getByText('Saved').first().isVisible()).toBe(true);
  const matrix = await callApi<{ limits: { level: number; max_amount: string; role: string }[] }>(lingting, admin, 'GET', '/api/v1/admin/authority-matrix');
  expect(matrix.limits[0]).toMatchObject({ level: 1, role: 'sales', max_amount: '1200.00' });
  await first.fill('-5');
  await page.getByRole('button', { name: 'Save the matrix' }).click();
  await expect.poll(() => alertText(page)).toContain('Level 1 · Up to: ');

  // The same pages in Chinese, chosen from the header.
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await expect.poll(() => page.getByRole('heading', { name: '理赔权限矩阵', level: 1 }).isVisible()).toBe(true);
  await page.getByRole('menuitem', { name: '系统管理' }).hover();
  await page.getByRole('menuitem', { name: 'SLA 时限政策' }).click();
  await expect.poll(() => page.getByRole('spinbutton', { name: `时长 ${position}` }).inputValue()).toBe('5');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'settings-sla.zh-CN');
  expectNoPageErrors(watched, [/status of 422/]);
});
