import { codeOf, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('the host sets a 3 s countdown: both see it run down to zero and are told, and editing goes on', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  // Only the host sets a countdown.
  await expect(guest.page.getByRole('button', { name: 'Countdown' })).toHaveCount(0);

  await host.page.getByRole('button', { name: 'Countdown' }).click();
  await host.page.getByLabel('Countdown length').fill('0:03');
  await host.page.getByRole('button', { name: 'Start countdown' }).click();

  for (const page of [host.page, guest.page]) {
    await expect(page.getByRole('timer', { name: 'Countdown' })).toHaveText(/^0:0[1-3] left$/);
  }
  for (const page of [host.page, guest.page]) {
    await expect(page.getByRole('timer', { name: 'Countdown' })).toHaveText("Time's up");
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText("Time's up");
  }

  // Nothing is locked.
  await typeInEditor(guest.page, 'still typing after the countdown');
  await expect.poll(() => codeOf(host.page)).toContain('still typing after the countdown');

  // The host can clear it.
  await host.page.getByRole('button', { name: 'Countdown' }).click();
  await host.page.getByRole('button', { name: 'Cancel countdown' }).click();
  await expect(guest.page.getByRole('timer', { name: 'Countdown' })).toBeHidden();
});
