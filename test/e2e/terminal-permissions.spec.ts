import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { bufferText, expectTerminalToShow, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

test('guest keystrokes reach the pty only while the host grants terminal input', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  // Without permission: typed into the guest's terminal, never seen by the host's shell.
  await typeInTerminal(guest.page, 'echo BLOCKED$((1+1))\n');
  await guest.page.waitForTimeout(500);
  await typeInTerminal(host.page, 'echo FIRST$((3+4))\n');
  await expectTerminalToShow(host.page, 'FIRST7');
  await expectTerminalToShow(guest.page, 'FIRST7');
  expect(await bufferText(host.page)).not.toContain('BLOCKED');
  expect(await bufferText(guest.page)).not.toContain('BLOCKED');

  // The guest asks and the host dismisses: the guest is told, and may ask again.
  const request = guest.page.getByRole('button', { name: 'Request control' });
  await request.click();
  await expect(guest.page.getByRole('button', { name: 'Control requested' })).toBeDisabled();
  const prompt = host.page.getByRole('alertdialog', { name: 'Grace asks for terminal control' });
  await prompt.getByRole('button', { name: 'Dismiss' }).click();
  await expect(guest.page.getByRole('status', { name: 'Terminal access' })).toHaveText('The host declined your request — view only');
  await expect(request).toBeEnabled();

  // The guest asks again; the host grants from the prompt.
  await request.click();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Grant terminal input to Grace' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(host.page.getByRole('switch', { name: 'Terminal input for Grace' })).toBeChecked();
  await expect(guest.page.getByRole('status', { name: 'Terminal access' })).toHaveText('You can type in the terminal');
  await expect(guest.page.getByRole('status', { name: 'Notifications' })).toContainText('The host gave you terminal input');

  await typeInTerminal(guest.page, 'echo GUEST$((5+5))');
  await expect(host.page.getByRole('status', { name: 'Typing in the terminal' })).toHaveText('Grace is typing…');
  await guest.page.keyboard.press('Enter');
  await expectTerminalToShow(host.page, 'GUEST10');
  await expectTerminalToShow(guest.page, 'GUEST10');

  // Revoked from the participant list: blocked again at once.
  await host.page.getByRole('switch', { name: 'Terminal input for Grace' }).uncheck();
  await expect(guest.page.getByRole('status', { name: 'Terminal access' })).toHaveText('View only — the host controls the terminal');
  await expect(guest.page.getByRole('status', { name: 'Notifications' })).toContainText('The host took back terminal input');
  await typeInTerminal(guest.page, 'echo AGAIN$((9+9))\n');
  await guest.page.waitForTimeout(500);
  await typeInTerminal(host.page, 'echo SECOND$((1+1))\n');
  await expectTerminalToShow(host.page, 'SECOND2');
  await expectTerminalToShow(guest.page, 'SECOND2');
  expect(await bufferText(host.page)).not.toContain('AGAIN');
});
