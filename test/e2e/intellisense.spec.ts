import { closeAll, createSession, newPerson, typeInEditor, type Person } from './support/duet';
import { expect, test } from './support/fixtures';

let people: Person[] = [];
test.afterEach(async () => {
  await closeAll(...people);
  people = [];
});

test('TypeScript IntelliSense suggests members from the language service', async ({ browser, shell }) => {
  const host = await newPerson(browser, 'Ada');
  people = [host];
  await createSession(host, shell);
  await host.page.getByLabel('Language').selectOption({ label: 'TypeScript' });
  await typeInEditor(host.page, 'const greeting = "hi";\ngreeting.toUpp');
  // Only the TS worker knows String's members; word-based completion would not offer this.
  const suggestions = host.page.locator('.suggest-widget');
  await expect(suggestions).toBeVisible({ timeout: 20_000 });
  await expect(suggestions).toContainText('toUpperCase');
});
