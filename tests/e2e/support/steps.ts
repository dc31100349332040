// What a person does on a case page: take a workflow step through its
// dialog, pick from Element Plus selects, type dates.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the step's dialog from the case header's step buttons. */
export async function openStep(page: Page, name: string): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

/** Submits the open step dialog and waits until the step is taken. */
export async function submitStep(page: Page, dialog: Locator, name: string): Promise<void> {
  await dialog.getByRole('button', { name, exact: true }).click();
  try {
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
  } catch {
    const said = (await dialog.getByRole('alert').allTextContents()).join(' | ');
    throw new Error(`the step "${name}" was not taken: ${said}`);
  }
}

/** Chooses `option` in the Element Plus select labelled `label` inside `scope`. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  // Forced: the selected value's label lies over the input and takes the click otherwise.
  await scope.getByRole('combobox', { name: label }).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).last().click();
}

/** Types a date and time into the Element Plus date picker labelled `label`. */
export async function typeDateTime(scope: Locator, label: string, text: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/** The status tag in the case header. */
export async function caseStatus(page: Page): Promise<string> {
  return (await page.getByTestId('case-status').textContent())?.trim() ?? '';
}

/** A moment as a person in Shanghai types it: "2026-12-05 10:00:00", `minutes` from now. */
export function shanghaiTime(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(at);
}
