import type { Page } from '@playwright/test';
import { focusEditor, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { hasPython } from './support/tools';
import { expectTerminalToShow, sharedTerminalReady } from './support/terminal-helpers';

const runState = (page: Page) => page.getByRole('status', { name: 'Run state' });

/** Replaces the whole document by typing, as a person would. */
async function replaceCode(page: Page, code: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
}

test('Run a JavaScript and a Python program: both see the output and the exit code', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);
  await expect(runState(guest.page)).toHaveText('Not running');

  await replaceCode(host.page, 'console.log(6 * 7 + "js"); process.exit(3)');
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expectTerminalToShow(host.page, '42js');
  await expectTerminalToShow(guest.page, '42js');
  await expect(runState(host.page)).toHaveText(/^Exited 3 in \d/);
  await expect(runState(guest.page)).toHaveText(/^Exited 3 in \d/);

  test.skip(!hasPython(), 'python3 is not installed on this machine');
  await host.page.getByLabel('Language').selectOption('python');
  await replaceCode(host.page, 'print(6 * 7, "py")');
  // Ctrl+Enter while typing in the editor runs too.
  await host.page.keyboard.press('Control+Enter');
  await expectTerminalToShow(host.page, '42 py');
  await expectTerminalToShow(guest.page, '42 py');
  await expect(runState(host.page)).toHaveText(/^Exited 0 in \d/);
  await expect(runState(guest.page)).toHaveText(/^Exited 0 in \d/);
});

test('Stop ends a long-running program; a granted guest can run and stop too', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  await replaceCode(host.page, 'setInterval(() => console.log("tick" + 1), 100)');
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runState(guest.page)).toHaveText(/^Running /);
  await expectTerminalToShow(guest.page, 'tick1');
  // Without permission the guest can watch, not stop.
  await expect(guest.page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  await host.page.getByRole('button', { name: 'Stop' }).click();
  await expect(runState(host.page)).toHaveText(/^Exited \d+ in /);
  await expect(runState(guest.page)).toHaveText(/^Exited \d+ in /);

  await host.page.getByRole('switch', { name: 'Terminal input for Grace' }).check();
  await guest.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runState(host.page)).toHaveText(/^Running /);
  await expect(runState(guest.page)).toHaveText(/^Running /);
  await guest.page.getByRole('button', { name: 'Stop' }).click();
  await expect(runState(guest.page)).toHaveText(/^Exited \d+ in /);
  await expect(runState(host.page)).toHaveText(/^Exited \d+ in /);
});
