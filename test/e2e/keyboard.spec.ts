import { createSession, knock, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';
import { bufferText, expectShellReady, terminalSection, typeInTerminal } from './support/terminal-helpers';

test('a keyboard-only host leaves the terminal with Ctrl+M then Tab, and reaches Admit by Tab', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);
  const code = await createSession(host, shell);
  await expectShellReady(host.page);

  // In the terminal Tab belongs to the shell, and Ctrl+M (Enter to a shell) toggles the way out.
  await typeInTerminal(host.page, 'echo not-run-$((1+1))');
  const terminalInput = terminalSection(host.page).getByRole('textbox', { name: 'Terminal' });
  await expect(terminalInput).toBeFocused();
  await host.page.keyboard.press('Control+m');
  await expect(host.page.getByRole('status', { name: 'Terminal Tab key' })).toContainText('Tab moves focus');
  await host.page.keyboard.press('Tab');
  await expect(terminalInput).not.toBeFocused();
  // Ctrl+M did not act as Enter: the command line was never run.
  expect(await bufferText(host.page)).not.toContain('not-run-2');

  // The waiting room comes before the editor and the terminal in the Tab order.
  await knock(guest, relay, code);
  const admit = host.page.getByRole('button', { name: 'Admit Grace' });
  await expect(admit).toBeVisible();
  await host.page.getByRole('button', { name: 'End session' }).focus();
  let reached = false;
  for (let presses = 0; presses < 10 && !reached; presses++) {
    await host.page.keyboard.press('Tab');
    reached = await admit.evaluate((button) => button === document.activeElement);
  }
  expect(reached).toBe(true);
  await host.page.keyboard.press('Enter');
  await expect(guest.page.getByRole('list', { name: 'Participants' })).toContainText('Ada');
});
