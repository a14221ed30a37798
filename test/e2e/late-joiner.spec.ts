import { admit, chatOf, codeOf, knock, newPerson, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('a late joiner gets the whole document, the language and the chat history', async ({ browser, shell, relay, people }) => {
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  const late = await newPerson(browser, 'Linus');
  people.push(host, guest, late);

  await host.page.getByLabel('Language').selectOption({ label: 'Python' });
  await typeInEditor(host.page, 'def greet\n');
  await typeInEditor(guest.page, 'greet');
  await host.page.getByRole('textbox', { name: 'Message' }).fill('first message');
  await host.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await guest.page.getByRole('textbox', { name: 'Message' }).fill('second message');
  await guest.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(async () => (await chatOf(host.page)).length).toBe(2);
  await expect.poll(() => codeOf(guest.page)).toBe(await codeOf(host.page));
  const document = await codeOf(host.page);

  await knock(late, relay, code);
  await admit(host, late);
  await expect.poll(() => codeOf(late.page)).toBe(document);
  await expect(late.page.locator('.view-lines')).toContainText('def');
  await expect(late.page.getByLabel('Language')).toHaveValue('python');
  const log = late.page.getByRole('log', { name: 'Chat messages' });
  await expect(log.getByRole('listitem')).toHaveCount(2);
  await expect(log.getByRole('listitem').first()).toContainText('first message');
  await expect(log.getByRole('listitem').last()).toContainText('second message');
  // Everyone sees three people.
  await expect(guest.page.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(3);
});
