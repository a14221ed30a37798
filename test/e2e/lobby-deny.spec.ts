import { createSession, knock, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';

test('the host denies a knock: the joiner is told clearly and can go back home', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const stranger = await newPerson(browser, 'Mallory');
  people.push(host, stranger);
  const code = await createSession(host, shell);
  await knock(stranger, relay, code);

  await host.page.getByRole('button', { name: 'Deny Mallory' }).click();
  await expect(stranger.page.getByRole('heading', { name: 'Not admitted' })).toBeVisible();
  await expect(stranger.page.getByText('The host did not let you in.')).toBeVisible();
  await expect(host.page.getByRole('list', { name: 'Waiting to join' })).not.toContainText('Mallory');
  await expect(host.page.getByRole('list', { name: 'Participants' })).not.toContainText('Mallory');

  await stranger.page.getByRole('button', { name: 'Back to home' }).click();
  await expect(stranger.page.getByRole('button', { name: 'Join' })).toBeVisible();
});

test('a joiner cancels the knock: it disappears from the host\'s waiting room', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);
  const code = await createSession(host, shell);
  await knock(guest, relay, code);
  await expect(host.page.getByRole('button', { name: 'Admit Grace' })).toBeVisible();

  await guest.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(guest.page.getByRole('button', { name: 'Join' })).toBeVisible();
  await expect(host.page.getByRole('button', { name: 'Admit Grace' })).toHaveCount(0);
});

test('joining with a code that does not exist says so', async ({ browser, relay, people }) => {
  const guest = await newPerson(browser, 'Grace');
  people.push(guest);
  await guest.page.goto(relay.httpUrl);
  await guest.page.getByLabel('Your name').fill('Grace');
  await guest.page.getByLabel('Invite code or link').fill('zzzz-zzzz-zzzz');
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('heading', { name: 'No such session' })).toBeVisible();

  await guest.page.getByRole('button', { name: 'Back to home' }).click();
  await guest.page.getByLabel('Invite code or link').fill('not a code');
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('alert')).toHaveText(/not an invite code/);
});
