import type { Page } from '@playwright/test';
import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { fillWithNumberedLines, firstShownRow, wheelEditor } from './support/follow-helpers';

/** Moves a person's caret to a line with Monaco's Go to Line. */
async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.monaco-editor .native-edit-context').focus();
  await page.keyboard.press('Control+g');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/** Where Grace's name label sits on Ada's screen, relative to her caret: negative is above the line. */
function labelTop(page: Page): Promise<number> {
  return page.evaluate(() => {
    const head = document.querySelector('.yRemoteSelectionHead');
    return head ? Number.parseFloat(getComputedStyle(head, '::after').top) : Number.NaN;
  });
}

test('a remote cursor label sits above its line, and flips below it on the top line of the view', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await fillWithNumberedLines(host, [host, guest]);
  await host.page.keyboard.press('Control+Home');
  await wheelEditor(host.page, 2000);
  await expect.poll(() => firstShownRow(host.page)).toBeGreaterThan(10);
  const top = await firstShownRow(host.page);

  // In the middle of Ada's view: above the caret, over the line above.
  await goToLine(guest.page, top + 8);
  await expect.poll(() => labelTop(host.page)).toBeLessThan(0);

  // On the top line of Ada's view there is no line above on screen: below the caret instead.
  await goToLine(guest.page, top);
  await expect.poll(() => labelTop(host.page)).toBeGreaterThan(0);
});
