import { admit, createSession, knock, newPerson, participant } from './support/duet';
import { expect, test } from './support/fixtures';

test('host creates a session, copies the code, a browser guest knocks and is admitted', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);

  const code = await createSession(host, shell);
  await host.page.getByRole('button', { name: 'Copy code' }).click();
  await expect(host.page.getByRole('status', { name: 'Notifications' })).toContainText('Invite code copied');
  const copied = await host.page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(code);

  // The guest has no HostApi: join only.
  await guest.page.goto(relay.httpUrl);
  await expect(guest.page.getByRole('button', { name: 'New session' })).toHaveCount(0);
  await knock(guest, relay, copied);
  await expect(guest.page.getByRole('button', { name: 'Cancel' })).toBeVisible();

  await expect(host.page.getByRole('list', { name: 'Waiting to join' })).toContainText('Grace');
  await admit(host, guest);

  const hostRow = participant(guest.page, 'Ada');
  await expect(hostRow).toContainText('host');
  await expect(hostRow).toContainText('online');
  await expect(host.page.getByRole('status', { name: 'Notifications' })).toContainText('Grace joined');
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(guest.page.getByLabel('Round-trip latency')).toHaveText(/^\d+ ms$/);
  await expect(guest.page.getByTestId('invite-code')).toHaveText(code);
});

test('an invite link opens Home with the code filled in', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Linus');
  people.push(host, guest);
  const code = await createSession(host, shell);
  await host.page.getByRole('button', { name: 'Copy invite link' }).click();
  const link = await host.page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${relay.httpUrl}/#/join/${code}`);

  await guest.page.goto(link);
  await expect(guest.page.getByLabel('Invite code or link')).toHaveValue(code);
  await guest.page.getByLabel('Your name').fill('Linus');
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('status').filter({ hasText: 'Waiting for the host to admit you' })).toBeVisible();
  await admit(host, guest);
});

test('with auto-admit on, a joiner goes straight in', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Barbara');
  people.push(host, guest);
  const code = await createSession(host, shell);
  await host.page.getByRole('switch', { name: 'Auto-admit' }).check();
  await guest.page.goto(`${relay.httpUrl}/#/join/${code}`);
  await guest.page.getByLabel('Your name').fill('Barbara');
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('list', { name: 'Participants' })).toContainText('Ada');
  await expect(host.page.getByRole('list', { name: 'Participants' })).toContainText('Barbara');
});
