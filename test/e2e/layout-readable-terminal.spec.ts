import { admit, createSession, knock, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectTerminalToShow, sharedTerminalReady, terminalSize, typeInTerminal } from './support/terminal-helpers';

/** The guest terminal's font as seen on screen: xterm's font size times the scale that fits it in the panel. */
function shownFont(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    const screen = document.querySelector<HTMLElement>('.terminal-sizer > .terminal-screen')!;
    const rows = screen.querySelector<HTMLElement>('.xterm-rows')!;
    const transform = getComputedStyle(screen).transform;
    const scale = transform === 'none' ? 1 : new DOMMatrixReadOnly(transform).a;
    const scroller = document.querySelector<HTMLElement>('.terminal-scroller')!;
    return { px: Number.parseFloat(getComputedStyle(rows).fontSize) * scale, scale, scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
  });
}

test('a guest whose panel is smaller than the host’s terminal keeps a readable font and scrolls sideways instead', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);
  // A small laptop window against the host's large one.
  await guest.page.setViewportSize({ width: 900, height: 640 });
  const code = await createSession(host, shell);
  await knock(guest, relay, code);
  await admit(host, guest);
  await sharedTerminalReady(host.page, guest.page);
  await typeInTerminal(host.page, 'echo wide-$((6*7))\r');
  await expectTerminalToShow(guest.page, 'wide-42');

  // The guest renders the host's columns and rows…
  const hostSize = await terminalSize(host.page);
  await expect.poll(() => terminalSize(guest.page)).toEqual(hostSize);
  // …shrunk only down to 10 px text, so its panel scrolls sideways for the rest.
  await expect.poll(async () => (await shownFont(guest.page)).scale).toBeLessThan(1);
  const shown = await shownFont(guest.page);
  expect(shown.px).toBeGreaterThanOrEqual(10 - 0.01);
  expect(shown.scrollWidth).toBeGreaterThan(shown.clientWidth);
  const scroller = guest.page.locator('.terminal-scroller');
  await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth));
  expect(await scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
});
