import { converged, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { fillWithNumberedLines, firstShownRow, offBy, wheelEditor } from './support/follow-helpers';

test('a follower who types stops following, is told, and Ada sees that Grace no longer follows her', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await fillWithNumberedLines(host, [host, guest]);

  await guest.page.getByRole('button', { name: 'Follow Ada' }).click();
  // Ada's list shows who follows her.
  await expect(host.page.getByRole('list', { name: 'Participants' }).getByRole('listitem').filter({ hasText: 'Grace' })).toContainText('follows you');
  await wheelEditor(host.page, 8000);
  await expect.poll(() => firstShownRow(host.page)).toBeGreaterThan(60);
  const adaTop = await firstShownRow(host.page);
  await expect.poll(() => offBy(guest.page, adaTop)).toBeLessThanOrEqual(1);

  // Grace types in the editor, focused from the keyboard (a click alone would already stop following).
  await guest.page.locator('.monaco-editor .native-edit-context').focus();
  await guest.page.keyboard.type('typed-by-grace');
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('You stopped following Ada: you moved in the editor.');
  await expect(guest.page.getByRole('status', { name: 'Notifications' })).toContainText('You stopped following Ada');
  await expect(host.page.getByRole('list', { name: 'Participants' }).getByRole('listitem').filter({ hasText: 'Grace' })).not.toContainText('follows you');
  expect(await converged([host.page, guest.page])).toContain('typed-by-grace');
});
