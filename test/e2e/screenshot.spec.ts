import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { codeOf, focusEditor, twoPersonSession, typeAtCaret } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectShellReady, expectTerminalToShow } from './support/terminal-helpers';

/**
 * The README's picture, retaken by `npm run screenshot` (playwright.screenshot.config.ts);
 * `npm test` leaves it out because it rewrites this tracked file.
 */
const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshots/session.png');

const SOLUTION = `// Two Sum: indices of the two numbers that add up to target.
function twoSum(nums: number[], target: number): [number, number] | undefined {
  const seen = new Map<number, number>();
  for (let i = 0; i < nums.length; i++) {
    const j = seen.get(target - nums[i]);
    if (j !== undefined) return [j, i];
    seen.set(nums[i], i);
  }
  return undefined;
}
`;

test('a two-person session, captured for the README', async ({ browser, shell, relay, people }, testInfo) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);

  await host.page.getByLabel('Language').selectOption({ label: 'TypeScript' });
  // Paste the code (typing it would fight auto-closing brackets), then Grace adds a test call.
  await host.page.evaluate((text) => navigator.clipboard.writeText(text), SOLUTION);
  await focusEditor(host.page);
  await host.page.keyboard.press('Control+v');
  await expect.poll(() => codeOf(guest.page)).toBe(SOLUTION);
  await focusEditor(guest.page);
  await typeAtCaret(guest.page, '\nconsole.log(twoSum([2, 7, 11, 15], 9');
  await guest.page.keyboard.press('Escape');
  await expect.poll(() => codeOf(host.page)).toContain('console.log(twoSum');

  // The host runs it: both terminals show the command, its output and the exit code.
  await expectShellReady(host.page);
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expectTerminalToShow(guest.page, '[ 0, 1 ]', 30_000);
  await expect(host.page.getByRole('status', { name: 'Run state' })).toHaveText(/^Exited 0 in \d/, { timeout: 30_000 });

  const chat = [
    [host, 'Welcome! Walk me through your approach?'],
    [guest, 'One pass with a hash map: O(n) time.'],
    [host, 'Nice. What if there are duplicates?'],
  ] as const;
  for (const [person, text] of chat) {
    await person.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await person.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  }
  await expect(host.page.getByRole('log', { name: 'Chat messages' }).getByRole('listitem')).toHaveCount(3);
  await expect(host.page.locator('.yRemoteSelectionHead')).toBeVisible();
  // Let toasts fade so the picture shows the session itself.
  await expect(host.page.getByRole('status', { name: 'Notifications' }).locator('.toast')).toHaveCount(0, { timeout: 15_000 });

  // Grace's name label fades a few seconds after she stops moving; a nudge brings it back.
  await guest.page.keyboard.press('ArrowLeft');
  await guest.page.keyboard.press('ArrowRight');
  await host.page.waitForTimeout(500);

  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  const image = await host.page.screenshot({ path: SCREENSHOT });
  await testInfo.attach('two-person session', { body: image, contentType: 'image/png' });
});
