import { newPerson, participant, twoPersonSession, knock, admit } from './support/duet';
import { expect, test } from './support/fixtures';

test('a guest closes the page: the host sees them reconnecting at once (a page cannot tell a close from a reload; Leave leaves)', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await guest.page.close();
  await expect(host.page.getByRole('status', { name: 'Notifications' })).toContainText('Grace is reconnecting');
  await expect(participant(host.page, 'Grace')).toContainText('reconnecting');
});

test('the host removes a member, who is told so', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await host.page.getByRole('button', { name: 'Remove Grace' }).click();
  await expect(guest.page.getByRole('heading', { name: 'Removed from the session' })).toBeVisible();
  await expect(host.page.getByRole('list', { name: 'Participants' })).not.toContainText('Grace');
});

test('the host grants terminal input to a guest; the guest leaves; the host ends the session', async ({ browser, shell, relay, people }) => {
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  const third = await newPerson(browser, 'Linus');
  people.push(host, guest, third);
  await knock(third, relay, code);
  await admit(host, third);

  const grant = host.page.getByRole('switch', { name: 'Terminal input for Grace' });
  await expect(grant).not.toBeChecked();
  await grant.check();
  await expect(grant).toBeChecked();
  // The relay confirms to everyone; a reload of the list keeps it checked.
  await expect(host.page.getByRole('switch', { name: 'Terminal input for Grace' })).toBeChecked();

  await guest.page.getByRole('button', { name: 'Leave' }).click();
  await expect(guest.page.getByRole('button', { name: 'Join' })).toBeVisible();
  await expect(host.page.getByRole('list', { name: 'Participants' })).not.toContainText('Grace');
  await expect(third.page.getByRole('list', { name: 'Participants' })).not.toContainText('Grace');

  await host.page.getByRole('button', { name: 'End session' }).click();
  await host.page.getByRole('button', { name: 'End for everyone' }).click();
  await expect(host.page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(host.page.getByText('You ended the session for everyone.')).toBeVisible();
  await expect(third.page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  await expect(third.page.getByText('The host ended the session.')).toBeVisible();
});
