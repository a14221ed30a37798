import { codeOf, converged, participant, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('a guest goes offline, keeps typing, comes back: both sides have every edit', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await typeInEditor(host.page, 'shared start\n');
  await expect.poll(() => codeOf(guest.page)).toBe('shared start\n');

  await guest.context.setOffline(true);
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText(/Offline|Reconnecting/);
  await typeInEditor(guest.page, 'typed offline by grace');
  await typeInEditor(host.page, 'typed online by ada\n');
  // Host sees Grace as reconnecting; Grace's words have not arrived.
  await expect(participant(host.page, 'Grace')).toContainText('reconnecting');
  expect(await codeOf(host.page)).not.toContain('grace');
  // Grace, cut off, does not claim to know who else is online.
  await expect(participant(guest.page, 'Ada')).toContainText('status unknown');
  await expect(participant(guest.page, 'Grace')).toContainText('reconnecting');

  await guest.context.setOffline(false);
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 20_000 });
  const text = await converged([host.page, guest.page]);
  expect(text).toContain('shared start');
  expect(text).toContain('typed offline by grace');
  expect(text).toContain('typed online by ada');
  await expect(participant(host.page, 'Grace')).toContainText('online');
  await expect(participant(guest.page, 'Ada')).toContainText('online');
});
