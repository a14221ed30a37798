import type { Page } from '@playwright/test';
import { admit, createSession, knock, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';

/** The session clock as a page shows it, in seconds. */
async function elapsedSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Session time' }).textContent()) ?? '';
  expect(text).toMatch(/^\d+:\d\d$/);
  const [minutes, seconds] = text.split(':').map(Number);
  return minutes! * 60 + seconds!;
}

/** Both clocks read at once; they may straddle a second's turn, never more. */
async function expectSameClock(a: Page, b: Page): Promise<number> {
  const [first, second] = await Promise.all([elapsedSeconds(a), elapsedSeconds(b)]);
  expect(Math.abs(first - second)).toBeLessThanOrEqual(1);
  return first;
}

test('the session clock counts from the session’s start for everyone: a late joiner and a reloaded guest see the real elapsed time', async ({ browser, shell, relay, people }) => {
  const host = await newPerson(browser, 'Ada');
  const guest = await newPerson(browser, 'Grace');
  people.push(host, guest);
  await createSession(host, shell);
  // The guest joins well after the start.
  await expect.poll(() => elapsedSeconds(host.page), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
  await knock(guest, relay, (await host.page.getByTestId('invite-code').textContent())!);
  await admit(host, guest);

  await expect.poll(() => elapsedSeconds(guest.page)).toBeGreaterThanOrEqual(5);
  expect(await expectSameClock(host.page, guest.page)).toBeGreaterThanOrEqual(5);

  await guest.page.reload();
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => elapsedSeconds(guest.page)).toBeGreaterThanOrEqual(6);
  await expectSameClock(host.page, guest.page);
});
