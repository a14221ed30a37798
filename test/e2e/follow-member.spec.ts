import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { fillWithNumberedLines, firstShownRow, offBy, wheelEditor } from './support/follow-helpers';

test('Grace follows Ada: Ada scrolls far down and Grace sees the same lines; Grace scrolls herself and following stops, and she is told', async ({
  browser,
  shell,
  relay,
  people,
}) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await fillWithNumberedLines(host, [host, guest]);
  await host.page.keyboard.press('Control+Home');
  await expect.poll(() => firstShownRow(host.page)).toBe(1);

  const follow = guest.page.getByRole('button', { name: 'Follow Ada' });
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('Following Ada');

  // Ada scrolls far down with the wheel (her caret stays at the top: it is her view that is followed).
  await wheelEditor(host.page, 8000);
  await expect.poll(() => firstShownRow(host.page)).toBeGreaterThan(60);
  const adaTop = await firstShownRow(host.page);
  await expect.poll(() => offBy(guest.page, adaTop)).toBeLessThanOrEqual(1);
  // And again, further: Grace keeps up.
  await wheelEditor(host.page, 4000);
  await expect.poll(() => firstShownRow(host.page)).toBeGreaterThan(adaTop);
  const adaLater = await firstShownRow(host.page);
  await expect.poll(() => offBy(guest.page, adaLater)).toBeLessThanOrEqual(1);

  // Grace scrolls herself: following stops, and she is told.
  await wheelEditor(guest.page, -400);
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('You stopped following Ada: you moved in the editor.');
  await expect(guest.page.getByRole('status', { name: 'Notifications' })).toContainText('You stopped following Ada');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const graceTop = await firstShownRow(guest.page);

  // Ada goes back to the top; Grace stays where she is.
  await host.page.keyboard.press('Control+Home');
  await expect.poll(() => firstShownRow(host.page)).toBe(1);
  await host.page.waitForTimeout(500); // a follower would have moved by now (views publish every 100 ms)
  expect(await firstShownRow(guest.page)).toBe(graceTop);
});
