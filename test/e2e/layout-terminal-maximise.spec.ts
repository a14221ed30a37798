import type { Page } from '@playwright/test';
import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';

const splitOf = (page: Page) => page.getByRole('separator', { name: 'Resize editor and terminal' });
const heightOf = async (page: Page, name: string) => (await page.getByRole('region', { name, exact: true }).boundingBox())!.height;

test('the terminal is maximised over the editor and restored', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const terminalBefore = await heightOf(guest.page, 'Terminal');

  await guest.page.getByRole('button', { name: 'Maximise terminal' }).click();
  await expect(guest.page.getByRole('region', { name: 'Editor', exact: true })).toBeHidden();
  await expect.poll(() => heightOf(guest.page, 'Terminal')).toBeGreaterThan(terminalBefore * 2);
  await expect(splitOf(guest.page)).toHaveAttribute('aria-disabled', 'true');
  // The host's view is its own.
  await expect(host.page.getByRole('region', { name: 'Editor', exact: true })).toBeVisible();

  await guest.page.getByRole('button', { name: 'Restore terminal' }).click();
  await expect(guest.page.getByRole('region', { name: 'Editor', exact: true })).toBeVisible();
  await expect.poll(() => heightOf(guest.page, 'Terminal')).toBeLessThan(terminalBefore + 2);
  await expect(guest.page.locator('.monaco-editor')).toBeVisible();
});
