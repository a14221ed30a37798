import { twoPersonSession, focusEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('a paste that would take a file over its limit is refused with a message, and nobody gets any of it', async ({ browser, shell, relay, people }) => {
  test.setTimeout(90_000);
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const digest = (page: typeof host.page) =>
    page.evaluate(() => (window as unknown as { duetDebug: { getFiles(): { path: string; text: string }[] } }).duetDebug.getFiles().map((f) => [f.path, f.text.length]));

  // 4 MiB and a bit: just over WORKSPACE_LIMITS.maxFileBytes.
  await host.page.evaluate(() => navigator.clipboard.writeText('x'.repeat(4 * 1024 * 1024 + 16)));
  await focusEditor(host.page);
  await host.page.keyboard.press('Control+v');
  await expect(host.page.getByRole('status', { name: 'Notifications' })).toContainText('Paste not applied: main.js would be 4.0 MiB; a file may hold at most 4 MiB');
  expect(await digest(host.page)).toEqual([['main.js', 0]]);

  // The editor still works, and what is typed next reaches the guest alone.
  await host.page.keyboard.type('ok');
  await expect.poll(() => digest(guest.page)).toEqual([['main.js', 2]]);
  expect(await digest(host.page)).toEqual([['main.js', 2]]);

  // A file name over the rules is refused before it is created, for everyone.
  await guest.page.getByRole('button', { name: 'New file' }).click();
  await guest.page.getByRole('textbox', { name: 'New file name' }).fill('../outside.py');
  await guest.page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(guest.page.getByRole('region', { name: 'Workspace files' }).getByRole('alert')).toContainText('A path may not contain "." or ".." parts');
  expect(await digest(host.page)).toEqual([['main.js', 2]]);
});
