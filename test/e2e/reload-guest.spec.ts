import { codeOf, participant, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('a guest reloads the page: back in the session without a new knock; the host sees it reconnecting, then back', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await typeInEditor(host.page, 'before the guest reloaded');
  await expect.poll(() => codeOf(guest.page)).toBe('before the guest reloaded');
  // Every knock the host is shown, from here on (a re-knock would show the waiting room's entry).
  await host.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { knocksSeen: string[] }).knocksSeen = seen;
    new MutationObserver(() => {
      for (const button of document.querySelectorAll('button')) {
        const name = button.getAttribute('aria-label') ?? button.textContent ?? '';
        if (name.startsWith('Admit') && !seen.includes(name)) seen.push(name);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });

  await guest.page.reload();

  const notices = host.page.getByRole('status', { name: 'Notifications' });
  await expect(notices).toContainText('Grace is reconnecting');
  await expect(notices).toContainText('Grace is back');
  await expect(participant(host.page, 'Grace')).toContainText('online');
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(participant(guest.page, 'Ada')).toContainText('online');
  await expect.poll(() => codeOf(guest.page)).toBe('before the guest reloaded');
  expect(await host.page.evaluate(() => (window as unknown as { knocksSeen: string[] }).knocksSeen)).toEqual([]);
  await expect(notices).not.toContainText('Grace left');
  await expect(host.page.getByRole('button', { name: 'Admit Grace' })).toHaveCount(0);

  // The session goes on both ways.
  await typeInEditor(guest.page, ' and after');
  await expect.poll(() => codeOf(host.page)).toBe('before the guest reloaded and after');
});
