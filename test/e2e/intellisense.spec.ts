import { createSession, newPerson, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

test('TypeScript IntelliSense suggests members from the language service', async ({ browser, shell, people }) => {
  const host = await newPerson(browser, 'Ada');
  people.push(host);
  await createSession(host, shell);
  await host.page.getByLabel('Language').selectOption({ label: 'TypeScript' });
  await typeInEditor(host.page, 'const greeting = "hi";\ngreeting.toUpp');
  // Only the TS worker knows String's members; word-based completion would not offer this.
  const suggestions = host.page.locator('.suggest-widget');
  await expect(suggestions).toBeVisible({ timeout: 20_000 });
  await expect(suggestions).toContainText('toUpperCase');
});

test('JavaScript errors are underlined, and the underlines go when the language changes', async ({ browser, shell, people }) => {
  const host = await newPerson(browser, 'Ada');
  people.push(host);
  await createSession(host, shell);
  await host.page.getByLabel('Language').selectOption({ label: 'JavaScript' });
  await typeInEditor(host.page, 'print(sum(i * i for i in range(10)))\n');
  const squiggles = host.page.locator('.squiggly-error');
  await expect(squiggles.first()).toBeVisible({ timeout: 20_000 });
  await host.page.getByLabel('Language').selectOption({ label: 'Python' });
  await expect(squiggles).toHaveCount(0);
});
