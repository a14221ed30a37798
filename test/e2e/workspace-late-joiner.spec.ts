import type { Page } from '@playwright/test';
import { admit, knock, newPerson, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

const files = (page: Page) => page.getByRole('list', { name: 'Files' });

/** The workspace as this page's Y.Doc has it: path → text. */
function filesOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const debug = (window as unknown as { duetDebug: { getFiles(): { path: string; text: string }[] } }).duetDebug;
    return Object.fromEntries(debug.getFiles().map((file) => [file.path, file.text]));
  });
}

test('a late joiner gets the whole tree, folders, texts and the Run file, and opens the Run file', async ({ browser, shell, relay, people }) => {
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  const late = await newPerson(browser, 'Linus');
  people.push(host, guest, late);

  await host.page.getByRole('button', { name: 'New file' }).click();
  await host.page.getByRole('textbox', { name: 'New file name' }).fill('tests/test_main.js');
  await host.page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await typeInEditor(host.page, 'require("../main.js")');
  await host.page.getByLabel('Run file').selectOption({ label: 'tests/test_main.js' });
  await files(guest.page).getByRole('button', { name: 'main.js', exact: true }).click();
  await typeInEditor(guest.page, 'console.log("main")');
  await expect.poll(() => filesOf(host.page)).toEqual({ 'main.js': 'console.log("main")', 'tests/test_main.js': 'require("../main.js")' });

  await knock(late, relay, code);
  await admit(host, late);
  await expect.poll(() => filesOf(late.page)).toEqual(await filesOf(host.page));
  // The folder shows as a heading, its file under it.
  await expect(files(late.page).getByRole('listitem')).toHaveText([/^main\.js(?!run)/, 'tests/', /^test_main\.jsrun/]);
  await expect(late.page.getByLabel('Run file').locator('option:checked')).toHaveText('tests/test_main.js');
  await expect(files(late.page).getByRole('button', { name: 'tests/test_main.js', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(late.page.locator('.view-lines')).toContainText('require("../main.js")');
});
