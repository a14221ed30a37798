import type { Page } from '@playwright/test';
import { focusEditor, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { sharedTerminalReady } from './support/terminal-helpers';

const runState = (page: Page) => page.getByRole('status', { name: 'Run state' });
const runProblem = (page: Page) => page.locator('.run-controls').getByRole('alert');

/** Replaces the whole document by typing, as a person would. */
async function replaceCode(page: Page, code: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
}

test('the run bar shows only the latest state: an earlier refusal is gone after Stop, and a new run shows its exit code and duration', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  await replaceCode(host.page, 'setInterval(() => console.log("tick" + 1), 100)');
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runState(host.page)).toHaveText(/^Running /);
  // Ctrl+Enter while a run is going: the host refuses, and the bar says why.
  await host.page.keyboard.press('Control+Enter');
  await expect(runProblem(host.page)).toContainText('already in progress');

  await host.page.getByRole('button', { name: 'Stop' }).click();
  await expect(runState(host.page)).toHaveText(/^Exited \d+ in /);
  await expect(runProblem(host.page)).toBeHidden();
  await expect(host.page.locator('.run-controls')).not.toContainText('already in progress');

  await replaceCode(host.page, 'process.exit(4)');
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const page of [host.page, guest.page]) {
    await expect(runState(page)).toHaveText(/^Exited 4 in \d+(\.\d)? s$/);
    await expect(runState(page)).toBeVisible();
    await expect(runProblem(page)).toBeHidden();
    await expect(page.locator('.run-controls')).not.toContainText('already in progress');
  }
});
