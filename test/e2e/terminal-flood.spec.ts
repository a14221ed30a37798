import type { Page } from '@playwright/test';
import { codeOf, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectSameScreen, expectTerminalToShow, screenText, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

/** How Monaco renders a line: spaces as no-break spaces. */
const rendered = (line: string) => line.replace(/ /g, '\u00a0');

/** The highest numbered flood line on this page's screen (0 before the first). */
async function floodLine(page: Page): Promise<number> {
  const numbers = [...(await screenText(page)).matchAll(/(\d{10}) x/g)].map((match) => Number(match[1]));
  return Math.max(0, ...numbers);
}

test('during a flood of several MB both editors still take input and sync, and the screens end equal', async ({ browser, shell, relay, people }) => {
  test.setTimeout(180_000);
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);

  // A flood of numbered 100-column lines that lasts until the host presses Enter (at most
  // 60 s, should the test stop early), so the edits below are made while it streams however
  // fast or slow this machine is.
  await typeInTerminal(host.page, 'timeout 60 seq -f "%010.0f $(printf %089d 0 | tr 0 x)" 1 9999999999 & read stop; kill $!; echo FLOOD$((1+1))DONE\n');
  await expect.poll(() => floodLine(guest.page), { timeout: 30_000, message: 'the flood should reach the guest' }).toBeGreaterThan(0);
  const before = await floodLine(guest.page);

  // Mid-flood, each person types into the editor and the other's editor shows it.
  const fromGuest = 'typed by Grace mid-flood';
  const fromHost = 'typed by Ada mid-flood';
  await typeInEditor(guest.page, fromGuest);
  await expect.poll(() => codeOf(host.page)).toBe(fromGuest);
  await expect(host.page.locator('.view-lines')).toContainText(rendered(fromGuest));
  await typeInEditor(host.page, `\n${fromHost}`);
  await expect.poll(() => codeOf(guest.page)).toBe(`${fromGuest}\n${fromHost}`);
  await expect(guest.page.locator('.view-lines')).toContainText(rendered(fromHost));
  // The flood kept arriving at the guest meanwhile: the edits did not wait for it (or it for them).
  expect(await floodLine(guest.page), 'flood lines should keep arriving while people type').toBeGreaterThan(before);

  await typeInTerminal(host.page, '\n');
  await expectTerminalToShow(host.page, 'FLOOD2DONE', 60_000);
  await expectTerminalToShow(guest.page, 'FLOOD2DONE', 60_000);
  await expectSameScreen([host.page, guest.page]);

  // 4 MB of 100-column lines, then a marker only the shell's output contains.
  await typeInTerminal(host.page, "head -c 4000000 /dev/zero | tr '\\0' x | fold -w 100; echo BULK$((1+1))DONE\n");
  await expectTerminalToShow(host.page, 'BULK2DONE', 90_000);
  await expectTerminalToShow(guest.page, 'BULK2DONE', 60_000);
  expect(await expectSameScreen([host.page, guest.page])).toContain('x'.repeat(100));

  // And a flood of many short lines.
  await typeInTerminal(host.page, 'seq 1 300000; echo SEQ$((2+2))DONE\n');
  await expectTerminalToShow(host.page, 'SEQ4DONE', 90_000);
  await expectTerminalToShow(guest.page, 'SEQ4DONE', 60_000);
  expect(await expectSameScreen([host.page, guest.page])).toContain('300000');
});
