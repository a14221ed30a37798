import { admit, knock, newPerson, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';
import { fillWithNumberedLines, firstShownRow, offBy, wheelEditor } from './support/follow-helpers';

test('the host asks everyone to follow: Grace follows, Linus declines and keeps his own view', async ({ browser, shell, relay, people }) => {
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  const third = await newPerson(browser, 'Linus');
  people.push(host, guest, third);
  await knock(third, relay, code);
  await admit(host, third);
  await fillWithNumberedLines(host, [host, guest, third]);
  await host.page.keyboard.press('Control+Home');

  await host.page.getByRole('button', { name: 'Ask everyone to follow me' }).click();
  await expect(host.page.getByRole('button', { name: 'Stop asking everyone to follow me' })).toBeVisible();
  // The host is not asked to follow itself.
  await expect(host.page.getByRole('group', { name: 'Follow request' })).toBeHidden();

  const graceAsked = guest.page.getByRole('group', { name: 'Follow request' });
  const linusAsked = third.page.getByRole('group', { name: 'Follow request' });
  await expect(graceAsked).toContainText('Ada asks everyone to follow them.');
  await expect(linusAsked).toContainText('Ada asks everyone to follow them.');
  await graceAsked.getByRole('button', { name: 'Follow Ada' }).click();
  await linusAsked.getByRole('button', { name: 'Decline' }).click();
  await expect(graceAsked).toBeHidden();
  await expect(linusAsked).toBeHidden();
  await expect(guest.page.getByRole('status', { name: 'Follow mode' })).toHaveText('Following Ada');
  await expect(third.page.getByRole('status', { name: 'Follow mode' })).toBeHidden();

  await wheelEditor(host.page, 8000);
  await expect.poll(() => firstShownRow(host.page)).toBeGreaterThan(60);
  const adaTop = await firstShownRow(host.page);
  await expect.poll(() => offBy(guest.page, adaTop)).toBeLessThanOrEqual(1);
  await third.page.waitForTimeout(500); // a follower would have moved by now (views publish every 100 ms)
  expect(await firstShownRow(third.page)).toBeLessThan(20);

  // Ada's list shows who said yes.
  const rows = host.page.getByRole('list', { name: 'Participants' }).getByRole('listitem');
  await expect(rows.filter({ hasText: 'Grace' })).toContainText('follows you');
  await expect(rows.filter({ hasText: 'Linus' })).not.toContainText('follows you');
});
