import { admit, createSession, knock, newPerson, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import {
  expectSameScreen,
  expectShellReady,
  expectTerminalToShow,
  sharedTerminalReady,
  terminalReady,
  terminalSize,
  typeInTerminal,
} from './support/terminal-helpers';

test('the guest sees the host’s output live, who is typing, and follows the host’s size', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  // The command line shows "$((40+2))"; only the shell's output says 42.
  await typeInTerminal(host.page, 'echo LIVE$((40+2))');
  await expect(guest.page.getByRole('status', { name: 'Typing in the terminal' })).toHaveText('Ada is typing…');
  await expect(host.page.getByRole('status', { name: 'Typing in the terminal' })).toHaveText('You are typing…');
  await host.page.keyboard.press('Enter');
  await expectTerminalToShow(host.page, 'LIVE42');
  await expectTerminalToShow(guest.page, 'LIVE42');
  await expectSameScreen([host.page, guest.page]);
  expect(await terminalSize(guest.page)).toEqual(await terminalSize(host.page));
  // The name fades once nobody types.
  await expect(guest.page.getByRole('status', { name: 'Typing in the terminal' })).toHaveText('');

  await expect(guest.page.getByRole('status', { name: 'Terminal access' })).toHaveText('View only — the host controls the terminal');
  await expect(guest.page.getByRole('button', { name: 'Request control' })).toBeVisible();

  // The host's size is authoritative: its window shrinks, the pty and every guest follow.
  const before = await terminalSize(host.page);
  await host.page.setViewportSize({ width: 1000, height: 700 });
  await expect.poll(() => terminalSize(host.page)).not.toEqual(before);
  await expect.poll(() => terminalSize(guest.page)).toEqual(await terminalSize(host.page));
  await typeInTerminal(host.page, 'stty size\n');
  const { cols, rows } = await terminalSize(host.page);
  await expectTerminalToShow(guest.page, `${rows} ${cols}`);
  await expectSameScreen([host.page, guest.page]);
});

test('a late joiner’s terminal shows what was already printed', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const late = await newPerson(browser, 'Lovelace');
  people.push(host, late);
  const code = await createSession(host, shell);
  await terminalReady(host.page);
  await expectShellReady(host.page);
  await typeInTerminal(host.page, 'echo EARLY$((2+3))\n');
  await expectTerminalToShow(host.page, 'EARLY5');

  await knock(late, relay, code);
  await admit(host, late);
  await terminalReady(late.page);
  await expectTerminalToShow(late.page, 'EARLY5');
  await expectSameScreen([host.page, late.page]);
});
