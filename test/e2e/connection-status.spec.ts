import { codeOf, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('your own status shows a dead network within 3 s, and "Connected" again once it is back', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const status = guest.page.getByRole('status', { name: 'Connection' });
  await expect(status).toHaveText('Connected');
  await expect(guest.page.getByLabel('Round-trip latency')).toHaveText(/^\d+ ms$/);

  await guest.context.setOffline(true);
  // The requirement is a bound: the link is called unstable, then given up, within 3 s.
  await expect(status).toHaveText(/^(Connection unstable|Reconnecting)/, { timeout: 3_000 });
  await expect(status).toHaveText(/^Reconnecting/, { timeout: 3_000 });
  await expect(guest.page.getByLabel('Round-trip latency')).toHaveText('');

  await guest.context.setOffline(false);
  await expect(status).toHaveText('Connected', { timeout: 15_000 });
  await expect(guest.page.getByLabel('Round-trip latency')).toHaveText(/^\d+ ms$/);
  // Nothing was lost on the way: the guest is still in the session and edits flow.
  await typeInEditor(guest.page, 'typed after the network came back');
  await expect.poll(() => codeOf(host.page)).toContain('typed after the network came back');
});
