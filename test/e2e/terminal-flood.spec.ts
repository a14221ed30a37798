import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectSameScreen, expectTerminalToShow, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

test('a flood of several MB ends with the guest’s screen equal to the host’s', async ({ browser, shell, relay, people }) => {
  test.setTimeout(180_000);
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  // 4 MB of 100-column lines, then a marker only the shell's output contains.
  await typeInTerminal(host.page, "head -c 4000000 /dev/zero | tr '\\0' x | fold -w 100; echo FLOOD$((1+1))DONE\n");
  await expectTerminalToShow(host.page, 'FLOOD2DONE', 90_000);
  await expectTerminalToShow(guest.page, 'FLOOD2DONE', 60_000);
  const screen = await expectSameScreen([host.page, guest.page]);
  expect(screen).toContain('x'.repeat(100));

  // And a flood of many short lines.
  await typeInTerminal(host.page, 'seq 1 300000; echo SEQ$((2+2))DONE\n');
  await expectTerminalToShow(host.page, 'SEQ4DONE', 90_000);
  await expectTerminalToShow(guest.page, 'SEQ4DONE', 60_000);
  expect(await expectSameScreen([host.page, guest.page])).toContain('300000');

  // Both pages stayed responsive: the editor still takes input.
  await expect(guest.page.getByRole('button', { name: 'Request control' })).toBeEnabled();
});
