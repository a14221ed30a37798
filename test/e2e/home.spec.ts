import { newPerson } from './support/duet';
import { expect, test } from './support/fixtures';

test('Enter in "Your name" starts a session or knocks, and a non-default relay can be put back to the default', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);

  await host.page.goto(shell.url);
  await host.page.getByLabel('Your name').fill('Ada');
  await host.page.getByLabel('Your name').press('Enter');
  const code = (await host.page.getByTestId('invite-code').textContent())!;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // A guest with a code: Enter in the name field knocks.
  await guest.page.goto(relay.httpUrl);
  // The page's own relay is the default; another address is flagged, with the way back.
  const relayField = guest.page.getByLabel('Relay address');
  const defaultRelay = await relayField.inputValue();
  await expect(guest.page.getByText('Not the default relay')).toBeHidden();
  await relayField.fill('ws://127.0.0.1:9/ws');
  await expect(guest.page.getByText('Not the default relay')).toBeVisible();
  await guest.page.getByRole('button', { name: 'Use the default relay' }).click();
  await expect(relayField).toHaveValue(defaultRelay);
  await expect(guest.page.getByText('Not the default relay')).toBeHidden();
  await guest.page.getByLabel('Invite code or link').fill(code.toLowerCase());
  await guest.page.getByLabel('Your name').fill('Grace');
  await guest.page.getByLabel('Your name').press('Enter');
  await expect(host.page.getByRole('button', { name: 'Admit Grace' })).toBeVisible();
  // A second Enter lands on the waiting screen's heading, not on Cancel: the knock stands.
  await guest.page.keyboard.press('Enter');
  await expect(guest.page.getByText('Waiting for the host to admit you')).toBeVisible();
  await expect(guest.page.getByRole('heading', { name: 'Waiting room' })).toBeFocused();
  await host.page.getByRole('button', { name: 'Admit Grace' }).click();
  await expect(guest.page.getByRole('list', { name: 'Participants' })).toContainText('Ada');
});
