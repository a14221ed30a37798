import { participant, twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';

const LONG_NAME = 'Augusta Ada King, Countess of Lovelace, née Byron';

test('a long name is cut to fit the people list, and its tooltip holds all of it', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay }, { host: LONG_NAME });
  people.push(host, guest);

  const name = participant(guest.page, 'Augusta Ada King').locator('.participant-name');
  await expect(name).toHaveAttribute('title', LONG_NAME);
  // Cut with an ellipsis rather than wrapping or pushing the row's other parts out.
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  expect(await name.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
  // The controls still name the person in full.
  await expect(guest.page.getByRole('button', { name: `Follow ${LONG_NAME}`, exact: true })).toBeVisible();
});
