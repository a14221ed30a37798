import { createSession, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectShellReady, expectTerminalToShow, terminalReady, typeInTerminal } from './support/terminal-helpers';

test('the host’s shell exits: the host is told and can start a new one', async ({ browser, shell, people }) => {
  const host = await newPerson(browser, 'Ada');
  people.push(host);
  await createSession(host, shell);
  await terminalReady(host.page);
  await expectShellReady(host.page);

  await typeInTerminal(host.page, 'exit 0\n');
  const notices = host.page.getByRole('status', { name: 'Terminal notices' });
  await expect(notices).toContainText('The shell exited (code 0).');
  await notices.getByRole('button', { name: 'Restart shell' }).click();
  await expect(host.page.getByRole('button', { name: 'Restart shell' })).toHaveCount(0);
  await typeInTerminal(host.page, 'echo AGAIN$((20+1))\n');
  await expectTerminalToShow(host.page, 'AGAIN21');
});
