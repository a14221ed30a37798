import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectTerminalToShow, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

test('the host’s shell exits: everyone is told, and the host can start a new one', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  await typeInTerminal(host.page, 'exit 3\n');
  const notices = host.page.getByRole('status', { name: 'Terminal notices' });
  await expect(notices).toContainText('The shell exited (code 3).');
  const guestNotices = guest.page.getByRole('status', { name: 'Terminal notices' });
  await expect(guestNotices).toContainText('The host’s shell exited (code 3). The host can restart it.');

  await notices.getByRole('button', { name: 'Restart shell' }).click();
  await expect(host.page.getByRole('button', { name: 'Restart shell' })).toHaveCount(0);
  await typeInTerminal(host.page, 'echo AGAIN$((20+1))\n');
  await expectTerminalToShow(host.page, 'AGAIN21');
  await expectTerminalToShow(guest.page, 'AGAIN21');
  await expect(guest.page.getByText('The host’s shell exited')).toHaveCount(0);
});
