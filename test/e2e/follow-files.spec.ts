import type { Page } from '@playwright/test';
import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';

const fileButton = (page: Page, path: string) => page.getByRole('list', { name: 'Files' }).getByRole('button', { name: path, exact: true });

test('a follower opens the file the followed member has open, and the next one they switch to', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await expect(fileButton(guest.page, 'main.js')).toHaveAttribute('aria-current', 'true');

  // Ada makes a second file (it opens for her); Grace still has main.js open.
  await host.page.getByRole('button', { name: 'New file' }).click();
  await host.page.getByRole('textbox', { name: 'New file name' }).fill('helpers.js');
  await host.page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(fileButton(host.page, 'helpers.js')).toHaveAttribute('aria-current', 'true');
  await expect(fileButton(guest.page, 'helpers.js')).toBeVisible();
  await expect(fileButton(guest.page, 'main.js')).toHaveAttribute('aria-current', 'true');

  // Grace follows Ada: her editor opens helpers.js.
  await guest.page.getByRole('button', { name: 'Follow Ada' }).click();
  await expect(fileButton(guest.page, 'helpers.js')).toHaveAttribute('aria-current', 'true');
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('Following Ada');

  // Ada switches back to main.js: Grace goes along, still following.
  await fileButton(host.page, 'main.js').click();
  await expect(fileButton(guest.page, 'main.js')).toHaveAttribute('aria-current', 'true');
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('Following Ada');
});
