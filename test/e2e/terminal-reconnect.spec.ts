import { twoPersonSession, type Person } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectSameScreen, expectTerminalToShow, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

const connectionOf = (person: Person) =>
  person.page.evaluate(() => (window as unknown as { duetDebug: { state(): { connection?: string } } }).duetDebug.state().connection);

test('the guest’s connection is cut and restored: its screen resyncs to the host’s', async ({ browser, shell, relay, people }) => {
  test.setTimeout(120_000);
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);
  await typeInTerminal(host.page, 'echo BEFORE$((1+1))\n');
  await expectTerminalToShow(guest.page, 'BEFORE2');

  await guest.context.setOffline(true);
  await expect.poll(() => connectionOf(guest), { timeout: 30_000 }).not.toBe('open');
  await typeInTerminal(host.page, 'seq 1 3000; echo WHILE$((2+2))AWAY\n');
  await expectTerminalToShow(host.page, 'WHILE4AWAY');
  await guest.context.setOffline(false);

  await expect.poll(() => connectionOf(guest), { timeout: 30_000 }).toBe('open');
  await expectTerminalToShow(guest.page, 'WHILE4AWAY');
  await expectSameScreen([host.page, guest.page]);
});
